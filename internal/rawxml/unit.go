package rawxml

import "strconv"

// Kind says what a Unit of a stream is.
type Kind int

// The kinds of Unit a Splitter emits. The zero Kind is none of them.
const (
	// KindStreamOpen is a <stream:stream> start tag, with the XML
	// declaration and white space before it if there was one. A second
	// one in the same stream is a stream restart (after STARTTLS or SASL).
	KindStreamOpen Kind = iota + 1
	// KindElement is one complete child of the stream: a stanza or a
	// nonza such as <stream:features/>, <proceed/> or <stream:error/>.
	KindElement
	// KindStreamClose is the </stream:stream> end tag.
	KindStreamClose
	// KindWhitespace is a run of white space between top-level units,
	// such as a keepalive.
	KindWhitespace
	// KindJunk is bytes that make no sense at the stream level: text
	// between elements, comments and processing instructions there,
	// stray end tags, an element that is not well-formed, or partial
	// bytes left at Flush.
	KindJunk
)

// String returns the kind's name without the Kind prefix, such as
// "StreamOpen" or "Element".
func (k Kind) String() string {
	switch k {
	case KindStreamOpen:
		return "StreamOpen"
	case KindElement:
		return "Element"
	case KindStreamClose:
		return "StreamClose"
	case KindWhitespace:
		return "Whitespace"
	case KindJunk:
		return "Junk"
	}
	return "Kind(" + strconv.Itoa(int(k)) + ")"
}

// Unit is one top-level piece of an XMPP stream, as emitted by a Splitter.
type Unit struct {
	// Kind says what the unit is.
	Kind Kind
	// Raw holds the unit's exact bytes. It is the receiver's own copy.
	Raw []byte
	// Local and Prefix give the name of the root element as written, for
	// KindStreamOpen, KindElement and KindStreamClose.
	Local, Prefix string
	// Space is the namespace of the root: declared on the root itself, or
	// else in force from the current stream header (such as jabber:client
	// for an <iq/>, or http://etherx.jabber.org/streams for
	// <stream:features/>). It is "" when no declaration is known.
	Space string
	// Inherited lists, for an element, the prefixes the stream header
	// declared (other than the stream's own): the element may use them
	// without declaring them, so it cannot be read alone. Standalone
	// puts them on its root. The slice is shared between units: do not
	// change it.
	Inherited []Decl
	// Added, set by Standalone, locates the declarations it put into Raw,
	// Raw[Added[0]:Added[1]]; zero when nothing was put in.
	Added [2]int
}
