package repl

import (
	"sync"

	"xepl/internal/rawxml"
)

// secrets masks what must never be shown or written, always by position
// and never by plain substring:
//   - in stanzas (sent, received, on the wire): every place the XML says
//     holds a secret (rawxml.Redact: SASL payloads, <password>, private
//     form fields), and the echoes of the secrets given in this run (the
//     login password, password parameters, private fields) where a
//     server may put them: text and attribute values, as words of their
//     own (rawxml.MaskValues);
//   - in text that came from the server (command notes, result tables,
//     the text of an error): the same echoes;
//   - in the history: the values of NAME=VALUE words whose name is a
//     secret (see lineSecrets).
//
// xepl's own words (labels, explanations, its errors) are never masked by
// value: a password that happens to be "result" must not turn
// type="result" into type="********", nor tell an onlooker what it is.
type secrets struct {
	mu    sync.RWMutex
	known []string
}

// add remembers a secret given by the user; any length counts.
func (s *secrets) add(secret string) {
	if secret == "" {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, k := range s.known {
		if k == secret {
			return
		}
	}
	s.known = append(s.known, secret)
}

func (s *secrets) list() []string {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.known
}

// stanza returns raw (one element, or any piece of a stream) with its
// secrets masked.
func (s *secrets) stanza(raw []byte) []byte {
	return rawxml.MaskValues(rawxml.Redact(raw), s.list())
}

// text returns text that came from the server with the echoes of known
// secrets masked.
func (s *secrets) text(text string) string {
	return string(rawxml.MaskWords([]byte(text), s.list()))
}
