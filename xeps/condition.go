package xeps

// Condition explains one defined error condition in plain language.
type Condition struct {
	// Name is the element name, such as "item-not-found".
	Name string
	// Kind is "stanza", "stream" or "sasl" for the RFC 6120 conditions,
	// or a short name such as "commands" or "pubsub" for conditions an
	// extension defines for itself.
	Kind string
	// Namespace is the namespace of the condition element.
	Namespace string
	// DefaultType is the error type the condition usually comes with
	// (auth, cancel, continue, modify or wait); empty for stream and SASL
	// errors, which have no type.
	DefaultType string
	// General is, for an application-specific condition, the stanza
	// condition that accompanies it in the same error.
	General string
	// Meaning says what went wrong.
	Meaning string
	// Hint says what to try next.
	Hint string
	// Spec is the document and section that define the condition.
	Spec Spec
}

// Condition kinds for the conditions RFC 6120 defines.
const (
	KindStanza = "stanza"
	KindStream = "stream"
	KindSASL   = "sasl"
)

// Namespaces of the RFC 6120 condition elements.
const (
	NSStanzas = "urn:ietf:params:xml:ns:xmpp-stanzas"
	NSStreams = "urn:ietf:params:xml:ns:xmpp-streams"
	NSSASL    = "urn:ietf:params:xml:ns:xmpp-sasl"
)

// StanzaCondition explains a stanza error condition (RFC 6120 §8.3.3).
func StanzaCondition(name string) (Condition, bool) {
	return AppCondition(NSStanzas, name)
}

// StreamCondition explains a stream error condition (RFC 6120 §4.9.3).
func StreamCondition(name string) (Condition, bool) {
	return AppCondition(NSStreams, name)
}

// SASLCondition explains a SASL failure condition (RFC 6120 §6.5).
func SASLCondition(name string) (Condition, bool) {
	return AppCondition(NSSASL, name)
}

// AppCondition explains a condition by the namespace of its element, such
// as "http://jabber.org/protocol/commands" and "bad-sessionid". It also
// answers for the RFC 6120 namespaces.
func AppCondition(namespace, name string) (Condition, bool) {
	c, ok := data().extra().conditions[condKey{namespace, name}]
	return c, ok
}

// Conditions returns every known condition: stanza, stream and SASL
// conditions first, then those of extensions.
func Conditions() []Condition {
	d := data().extra()
	out := make([]Condition, len(d.condOrder))
	for i, k := range d.condOrder {
		out[i] = d.conditions[k]
	}
	return out
}

type condKey struct{ ns, name string }
