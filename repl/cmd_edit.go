package repl

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"

	"xepl/catalog"
	"xepl/internal/rawxml"
)

// editHint is what a new stanza's file holds: a comment, which sending
// takes out.
const editHint = "<!-- Write the stanza here, save and quit: it is checked, then sent. Leave it empty to send nothing. -->\n"

// cmdEdit opens the user's editor on a stanza and sends what was saved,
// once it is well-formed: edit (the last stanza sent, or what the last
// edit left unsent), edit new, or edit TEMPLATE [PARAM=VALUE...] (the
// template filled in).
func (sh *Shell) cmdEdit(ctx context.Context, args []string) error {
	if sh.term == nil {
		return errors.New("edit needs a terminal (a script has its stanzas in it already)")
	}
	var start []byte
	switch {
	case len(args) > 0 && args[0] == "new":
		start = []byte(editHint)
	case len(args) > 0:
		t, ok := catalog.Lookup(args[0])
		if !ok {
			return fmt.Errorf("edit %s: no such template (edit, edit new, or edit TEMPLATE [PARAM=VALUE...])", args[0])
		}
		values, err := parseValues(args[1:])
		if err != nil {
			return err
		}
		c := sh.conn
		f, err := t.Fill(catalog.Values(values), c.catalogSession())
		if err != nil {
			return err
		}
		start = f.XML
	case sh.unsent != "":
		start = []byte(sh.unsent)
	case sh.lastSent != nil:
		// Masked: the editor's file is on disk, and a secret must not be.
		start = sh.out.secrets.stanza(sh.lastSent)
	default:
		start = []byte(editHint)
	}
	saved, err := sh.runEditor(ctx, start)
	if err != nil {
		return err
	}
	plain, _, _ := rawxml.StripComments(saved)
	if len(bytes.TrimSpace(plain)) == 0 {
		sh.unsent = ""
		sh.out.say("nothing to send: the file was left empty")
		return nil
	}
	src := strings.TrimRight(string(saved), "\n")
	sh.rememberXML(src)
	if _, err := sh.sendXML(ctx, src); err != nil {
		if strings.HasPrefix(err.Error(), "not sent") {
			sh.unsent = src
			return fmt.Errorf("%v\n  edit opens it again as you left it", err)
		}
		return err
	}
	sh.unsent = ""
	return nil
}

// runEditor lets the user edit text in $VISUAL or $EDITOR (vi without
// either) and returns what was saved. The file is in a directory only the
// user can read, and is removed at once.
func (sh *Shell) runEditor(ctx context.Context, text []byte) ([]byte, error) {
	editor := sh.cfg.Getenv("VISUAL")
	if editor == "" {
		editor = sh.cfg.Getenv("EDITOR")
	}
	if editor == "" {
		editor = "vi"
	}
	dir, err := os.MkdirTemp("", "xepl-edit-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	file := filepath.Join(dir, "stanza.xml")
	if err := os.WriteFile(file, text, 0o600); err != nil {
		return nil, err
	}
	// As git runs it: through the shell, so that EDITOR="code --wait" and
	// quoting work, the file's name passed as an argument, never spliced.
	var cmd *exec.Cmd
	if runtime.GOOS == "windows" {
		cmd = exec.CommandContext(ctx, editor, file)
	} else {
		cmd = exec.CommandContext(ctx, "/bin/sh", "-c", editor+` "$@"`, editor, file)
	}
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	sh.term.loud() // the editor needs the terminal as a person uses it
	err = cmd.Run()
	sh.term.quiet()
	if err != nil {
		return nil, fmt.Errorf("the editor (%s) failed: %v; nothing was sent", safeText(editor), err)
	}
	return os.ReadFile(file)
}

// cmdAgain sends the last stanza sent once more, an iq (or a stanza
// that had one) with a fresh id: a request's reply is paired anew.
func (sh *Shell) cmdAgain(ctx context.Context, args []string) error {
	if sh.lastSent == nil {
		if sh.lastSentWhy != "" {
			return errors.New(sh.lastSentWhy)
		}
		return errors.New("nothing sent yet: again resends the last stanza sent")
	}
	c := sh.live()
	if c == nil {
		return errNotConnected
	}
	els, err := rawxml.Parse(sh.lastSent)
	if err != nil || len(els) != 1 {
		return errors.New("the last stanza sent cannot be read again (a bug in xepl)")
	}
	el := els[0]
	if _, ok := el.Attr("id"); ok {
		el.Raw = rawxml.SetAttr(el.Raw, "id", c.newID())
	}
	_, err = sh.sendElement(ctx, c, el)
	return err
}
