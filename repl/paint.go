package repl

import (
	"strings"
	"sync"
	"unicode/utf8"

	"xepl/catalog"
	"xepl/internal/rawxml"
)

// secretPainter hides secrets on the line being typed: the line editor
// draws the line through it, so that a password given as password=...,
// or typed inside <password> in raw XML, never stands on the screen. Each
// character of a secret is drawn as '*', so the cursor stays where it is.
type secretPainter struct{ sh *Shell }

// Paint implements readline.Painter.
func (p secretPainter) Paint(line []rune, _ int) []rune {
	s := string(line)
	spans := p.sh.secretSpans(s)
	if len(spans) == 0 {
		return line
	}
	out := make([]rune, 0, len(line))
	at := 0 // byte offset in s
	for _, r := range line {
		secret := false
		for _, sp := range spans {
			if at >= sp[0] && at < sp[1] {
				secret = true
				break
			}
		}
		if secret {
			out = append(out, '*')
		} else {
			out = append(out, r)
		}
		at += utf8.RuneLen(r)
	}
	return out
}

// secretSpans returns the byte ranges of a line, as typed, that hold a
// secret: the content of secret elements in XML (the line of an element
// being typed, or the XML after send), and the values of NAME=VALUE words
// whose name is a secret's.
func (sh *Shell) secretSpans(line string) [][2]int {
	trimmed := strings.TrimSpace(line)
	if len(sh.pendingXML) > 0 || strings.HasPrefix(trimmed, "<") {
		return rawxml.SecretSpans([]byte(line))
	}
	words := wordSpans(line)
	if len(words) == 0 {
		return nil
	}
	first := line[words[0][0]:words[0][1]]
	if first == "send" && len(words) > 1 {
		var out [][2]int
		for _, sp := range rawxml.SecretSpans([]byte(line[words[1][0]:])) {
			out = append(out, [2]int{sp[0] + words[1][0], sp[1] + words[1][0]})
		}
		return out
	}
	t, _ := catalog.Lookup(first)
	var out [][2]int
	for _, w := range words[1:] {
		word := line[w[0]:w[1]]
		eq := strings.IndexByte(word, '=')
		if eq <= 0 {
			continue
		}
		name := strings.Trim(word[:eq], `'"`)
		if sh.typedSecretName(t, name) {
			out = append(out, [2]int{w[0] + eq + 1, w[1]})
		}
	}
	return out
}

// typedSecretName reports whether NAME=VALUE typed after the command or
// template t gives a secret: a name that always is one (password,
// ...secret), a password parameter of t, or a private field a server's
// form has shown in this session.
func (sh *Shell) typedSecretName(t *catalog.Template, name string) bool {
	if rawxml.SecretName(name) || sh.secretNames.has(name) {
		return true
	}
	if t != nil {
		if p, ok := t.Param(name); ok && p.Secret {
			return true
		}
	}
	return false
}

// wordSpans returns the byte ranges of the words of a line as splitArgs
// reads them (quotes included in the range).
func wordSpans(line string) [][2]int {
	var (
		out     [][2]int
		start   = -1
		quote   rune
		escaped bool
	)
	for i, r := range line {
		switch {
		case escaped:
			escaped = false
		case r == '\\' && quote != '\'':
			escaped = true
			if start < 0 {
				start = i
			}
		case quote != 0:
			if r == quote {
				quote = 0
			}
		case r == '\'' || r == '"':
			quote = r
			if start < 0 {
				start = i
			}
		case r == ' ' || r == '\t':
			if start >= 0 {
				out = append(out, [2]int{start, i})
				start = -1
			}
		default:
			if start < 0 {
				start = i
			}
		}
	}
	if start >= 0 {
		out = append(out, [2]int{start, len(line)})
	}
	return out
}

// nameSet is a set of names safe for the line editor's goroutine, which
// paints while the shell runs.
type nameSet struct {
	mu    sync.RWMutex
	names map[string]bool
}

func (s *nameSet) add(name string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.names == nil {
		s.names = map[string]bool{}
	}
	s.names[name] = true
}

func (s *nameSet) has(name string) bool {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.names[name]
}
