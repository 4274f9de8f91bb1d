package repl

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"xepl/catalog"
	"xepl/internal/forms"
	"xepl/internal/rawxml"
	"xepl/internal/session"
)

// catalogSession gives templates the session's values: own JID and
// domain. Offline (for show) it stands in you@example.org.
func (sh *Shell) catalogSession() catalog.Session {
	s := sh.live()
	if s == nil {
		return catalog.Session{JID: "you@example.org/xepl", NewID: sh.newID}
	}
	info := s.Info()
	if info.Register {
		return catalog.Session{Domain: info.JID.Domainpart(), NewID: sh.newID}
	}
	return catalog.Session{JID: info.JID.String(), NewID: sh.newID}
}

// runTemplate fills a template from name=value arguments (asking for
// missing required values on a terminal) and sends it the way raw XML is
// sent.
func (sh *Shell) runTemplate(ctx context.Context, t *catalog.Template, args []string) error {
	values, err := catalog.ParseArgs(args)
	if err != nil {
		return err
	}
	return sh.runTemplateValues(ctx, t, values)
}

// runTemplateValues is runTemplate with the values already parsed.
func (sh *Shell) runTemplateValues(ctx context.Context, t *catalog.Template, values catalog.Values) error {
	s := sh.live()
	if s == nil {
		return fmt.Errorf("not connected, nothing sent: connect first (show %s works offline)", t.Name)
	}
	if note := stageNote(t, s.Info()); note != "" {
		sh.out.say("%s", note)
	}
	filled, err := sh.fill(t, values)
	if err != nil {
		return err
	}
	if t.Kind == catalog.KindCommand {
		return sh.runCommandTemplate(ctx, s, t, filled)
	}
	els, err := rawxml.Parse(filled.XML)
	if err != nil {
		return fmt.Errorf("template %s rendered malformed XML (a bug in the template): %v", t.Name, err)
	}
	for _, el := range els {
		if err := sh.sendElement(ctx, s, el); err != nil {
			return err
		}
	}
	return nil
}

// stageNote warns when a template is sent on the wrong kind of stream;
// the shell sends it anyway, since seeing the server refuse is a lesson
// too.
func stageNote(t *catalog.Template, info session.Info) string {
	switch {
	case t.Stage == catalog.StagePreAuth && !info.Register:
		return "note: " + t.Name + " is meant for a stream before login (connect --register DOMAIN)"
	case t.Stage != catalog.StagePreAuth && info.Register:
		return "note: " + t.Name + " needs a logged-in stream; on a registration stream the server will refuse it"
	}
	return ""
}

// fill resolves a template's values, asking on a terminal for the
// required ones that are missing; in a script they are an error.
func (sh *Shell) fill(t *catalog.Template, values catalog.Values) (catalog.Filled, error) {
	sh.rememberSecrets(t, values)
	filled, err := t.Fill(values, sh.catalogSession())
	var missing *catalog.MissingError
	if !errors.As(err, &missing) {
		return filled, err
	}
	if !sh.cfg.Interactive {
		return filled, fmt.Errorf("%v: give them as NAME=VALUE (show %s tells what they are)", err, t.Name)
	}
	for _, p := range missing.Params {
		prompt := fmt.Sprintf("%s (%s: %s): ", p.Name, p.TypeName(), p.Description)
		var v string
		if p.Secret {
			v, err = sh.askSecret(prompt)
			sh.out.secrets.add(v)
		} else {
			v, err = sh.ask(prompt)
		}
		if err != nil {
			return filled, fmt.Errorf("%s not sent: %v", t.Name, err)
		}
		values[p.Name] = v
	}
	return t.Fill(values, sh.catalogSession())
}

// rememberSecrets has the printer mask the values of password
// parameters wherever they show up.
func (sh *Shell) rememberSecrets(t *catalog.Template, values catalog.Values) {
	for _, p := range t.Params {
		if p.Secret {
			sh.out.secrets.add(values[p.Name])
		}
	}
}

// ask reads one line from the person at the terminal.
func (sh *Shell) ask(prompt string) (string, error) {
	sh.out.atPrompt.Store(true)
	defer sh.out.atPrompt.Store(false)
	return sh.lines.ReadLine(prompt)
}

// askSecret reads a secret without echo.
func (sh *Shell) askSecret(prompt string) (string, error) {
	sh.out.atPrompt.Store(true)
	defer sh.out.atPrompt.Store(false)
	return sh.lines.ReadPassword(prompt)
}

// runCommandTemplate runs an XEP-0050 command template through the same
// engine as run: the values of the template's submitted form fill the
// server's form.
func (sh *Shell) runCommandTemplate(ctx context.Context, s *session.Session, t *catalog.Template, filled catalog.Filled) error {
	els, err := rawxml.Parse(filled.XML)
	if err != nil || len(els) != 1 {
		return fmt.Errorf("template %s does not render one iq (a bug in the template): %v", t.Name, err)
	}
	to, ok := els[0].Attr("to")
	if !ok {
		to = sh.serverOf(s)
	}
	values := map[string]string{}
	if form, err := forms.Find(filled.XML); err == nil && form != nil {
		for _, f := range form.Fields {
			if f.Var == "" || f.Var == "FORM_TYPE" {
				continue
			}
			values[f.Var] = strings.Join(f.Values, "\n")
		}
	}
	return sh.runCommand(ctx, s, to, t.Node, values, true)
}

// maskSecretArgs rewrites a template command line for the history with
// the values of password parameters masked.
func maskSecretArgs(t *catalog.Template, line string, args []string) string {
	args = append([]string(nil), args...)
	masked := false
	for i, a := range args[1:] {
		name, _, ok := strings.Cut(a, "=")
		if p, found := t.Param(name); ok && found && p.Secret {
			args[i+1] = name + "=" + rawxml.Mask
			masked = true
		}
	}
	if !masked {
		return line
	}
	return strings.Join(args, " ")
}
