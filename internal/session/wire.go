package session

import (
	"time"

	"xepl/internal/rawxml"
)

// Direction says which way a unit crossed the wire.
type Direction int

// The two directions.
const (
	In Direction = iota
	Out
)

func (d Direction) String() string {
	if d == Out {
		return "out"
	}
	return "in"
}

// WireUnit is one piece of the stream as it crossed the wire: a stream
// header, a top-level element, whitespace, the stream's end, or bytes that
// made no sense. Raw is what was sent or received, secrets included; an
// element is made standalone (rawxml.Unit.Standalone: prefixes the stream
// header declared are declared on it), and Exact gives the wire's bytes.
type WireUnit struct {
	Time time.Time
	Dir  Direction
	rawxml.Unit
	// Spoofed marks an iq result or error that carries the id of a
	// request still waiting for its reply but comes from someone other
	// than the entity the request was sent to (RFC 6120 §8.2.3). It is
	// not taken as the reply: it goes to the Observer's Stanza, and the
	// request goes on waiting for the real one.
	Spoofed bool
	// Note says, in a few words, what the session made of an incoming
	// stanza it did not treat as usual: an iq request it did not answer
	// and why (no id, a sender that is not a JID), or the answer it gave
	// to a malformed one. Empty for everything else.
	Note string
}

// Attr returns an attribute of the unit's root tag.
func (u WireUnit) Attr(name string) string {
	v, _ := rawxml.Element{Raw: u.Raw}.Attr(name)
	return v
}

// Observer is told what happens on a session. Its methods are called from
// one goroutine, in the order things happened; they must not block for long
// and must not call the session's Request. While they run, the session
// reads on only until about a megabyte is waiting for them.
type Observer interface {
	// Wire gets every unit in both directions, from the first byte of
	// negotiation (after TLS is up, the decrypted bytes).
	Wire(WireUnit)
	// Stanza gets every incoming top-level element after negotiation that
	// no Request was waiting for: pushes, messages, presence, late replies,
	// replies marked Spoofed, stream errors.
	Stanza(WireUnit)
	// Ended is called once when the stream is over: err is nil when the
	// user closed it.
	Ended(err error)
}
