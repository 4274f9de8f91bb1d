package repl

import (
	"bytes"
	"sync"

	"xepl/internal/rawxml"
)

// minSecret is the shortest secret masked wherever it appears: shorter
// ones would mask ordinary text, and are still masked where the XML says
// a secret goes.
const minSecret = 4

// secrets masks what must never be shown: every secret the XML marks as
// one (rawxml.Redact), and the exact secrets the user gave this shell
// (the login password, password parameters) wherever else they turn up,
// plain or XML-escaped. It is the one place where masking happens: the
// printer, the wire log and the history all go through it.
type secrets struct {
	mu    sync.RWMutex
	known [][]byte
}

// add remembers a secret given by the user.
func (s *secrets) add(secret string) {
	if len(secret) < minSecret {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, form := range []string{secret, rawxml.EscapeText(secret), rawxml.EscapeAttr(secret)} {
		if !s.has([]byte(form)) {
			s.known = append(s.known, []byte(form))
		}
	}
}

func (s *secrets) has(b []byte) bool {
	for _, k := range s.known {
		if bytes.Equal(k, b) {
			return true
		}
	}
	return false
}

// mask returns b with every secret masked.
func (s *secrets) mask(b []byte) []byte {
	b = rawxml.Redact(b)
	s.mu.RLock()
	defer s.mu.RUnlock()
	for _, k := range s.known {
		if bytes.Contains(b, k) {
			b = bytes.ReplaceAll(b, k, []byte(rawxml.Mask))
		}
	}
	return b
}

// maskString is mask for text.
func (s *secrets) maskString(text string) string {
	return string(s.mask([]byte(text)))
}
