package repl

import (
	"bufio"
	"bytes"
	"os"
	"path/filepath"
	"strings"

	"xepl/internal/rawxml"
)

// historyLimit is how many entries the history keeps.
const historyLimit = 500

// history is the interactive shell's history file, kept by xepl itself
// rather than by the line editor: chzyer/readline saves a line recalled
// with Up and edited as it was typed, whatever entry it is given to save,
// and would write a secret to disk that way. Here the file receives only
// the entries the shell made (secrets masked), and the editor's memory is
// rebuilt from them after each line, so that what Up recalls is what the
// file holds.
type history struct {
	file    string // "" keeps the history in memory only
	entries []string
}

// loadHistory reads the last historyLimit entries of file, creating it
// (private) and its directory when missing.
func loadHistory(file string) *history {
	h := &history{file: file}
	if file == "" {
		return h
	}
	// A missing directory would silently disable history.
	os.MkdirAll(filepath.Dir(file), 0o700)
	b, err := os.ReadFile(file)
	if err != nil {
		if f, err := os.OpenFile(file, os.O_CREATE|os.O_WRONLY, 0o600); err == nil {
			f.Close()
		}
		return h
	}
	sc := bufio.NewScanner(bytes.NewReader(b))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		if line := strings.TrimSpace(sc.Text()); line != "" {
			h.entries = append(h.entries, line)
		}
	}
	if n := len(h.entries); n > historyLimit {
		h.entries = h.entries[n-historyLimit:]
		h.rewrite()
	}
	return h
}

// add appends an entry, to memory and to the file.
func (h *history) add(entry string) {
	if n := len(h.entries); n > 0 && h.entries[n-1] == entry {
		return
	}
	h.entries = append(h.entries, entry)
	if n := len(h.entries); n > historyLimit {
		h.entries = h.entries[n-historyLimit:]
	}
	if h.file == "" {
		return
	}
	f, err := os.OpenFile(h.file, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
	if err != nil {
		return
	}
	defer f.Close()
	f.WriteString(entry + "\n")
}

// rewrite writes the entries kept back to the file.
func (h *history) rewrite() {
	tmp := h.file + ".tmp"
	if err := os.WriteFile(tmp, []byte(strings.Join(h.entries, "\n")+"\n"), 0o600); err == nil {
		os.Rename(tmp, h.file)
	}
}

// historyEntry is what the history keeps of a command line: the values of
// its NAME=VALUE words masked where the name is a secret's (a password
// parameter of a template, a private field of a form, a name such as
// password that always is), as the run of the line has learnt them, and
// any XML on it masked where the XML says a secret goes.
func (sh *Shell) historyEntry(line string, words []string) string {
	masked := false
	out := make([]string, len(words))
	for i, w := range words {
		out[i] = quoteArg(w)
		if name, _, ok := strings.Cut(w, "="); ok && i > 0 && sh.isSecretName(name) {
			out[i] = quoteArg(name + "=" + rawxml.Mask)
			masked = true
		}
	}
	if len(words) > 3 && words[0] == "let" && words[2] == "=" && sh.secretVar(words[1]) {
		// let password = VALUE: the value is the secret.
		out = append(out[:3], rawxml.Mask)
		masked = true
	}
	if masked {
		line = strings.Join(out, " ")
	}
	// XML on the line (send XML) is masked by position.
	return string(rawxml.Redact([]byte(line)))
}

// isSecretName reports whether NAME=VALUE on the current line gives a
// secret.
func (sh *Shell) isSecretName(name string) bool {
	return sh.lineSecrets[name] || rawxml.SecretName(name)
}

// secretParam records that name is a secret's on the current line, and
// from then on while it is typed (see secretPainter).
func (sh *Shell) secretParam(name string) {
	if sh.lineSecrets == nil {
		sh.lineSecrets = map[string]bool{}
	}
	sh.lineSecrets[name] = true
	sh.secretNames.add(name)
}

// secretValue records that NAME=VALUE on the current line gives a
// secret: the history masks it, and the printer masks its echoes.
func (sh *Shell) secretValue(name, value string) {
	sh.secretParam(name)
	sh.out.secrets.add(value)
}

// quoteArg writes a word so that splitArgs reads it back as it is.
func quoteArg(w string) string {
	if w != "" && !strings.ContainsAny(w, " \t'\"\\") {
		return w
	}
	return singleQuoted(w)
}
