package session

import (
	"crypto/rand"
	"encoding/hex"
)

// NewID returns prefix followed by 16 random hex digits (64 bits from
// crypto/rand), for the id of a stanza: the prefix keeps it readable, the
// rest makes it unguessable, so that another entity cannot answer a
// request it never saw (RFC 6120 §8.1.3 asks ids to be unpredictable
// where that matters).
func NewID(prefix string) string {
	var b [8]byte
	rand.Read(b[:])
	return prefix + hex.EncodeToString(b[:])
}
