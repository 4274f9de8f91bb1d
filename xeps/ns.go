package xeps

// Namespaces that xepl's own code reads or writes. They are declared once,
// here, so that the packages that build and read stanzas (session, adhoc,
// forms, stanza) cannot drift apart on a URI; the RFC 6120 condition
// namespaces NSStanzas, NSStreams and NSSASL are in condition.go. Only
// internal/rawxml keeps its own copies, since it must not import anything.
const (
	// NSEtherxStreams is the namespace of the <stream:stream> element and
	// of its top-level children such as <stream:features/> (RFC 6120
	// §4.8.1). NSStreams is another: that of stream error conditions.
	NSEtherxStreams = "http://etherx.jabber.org/streams"
	// NSBind is resource binding (RFC 6120 §7).
	NSBind = "urn:ietf:params:xml:ns:xmpp-bind"
	// NSRoster is the roster (RFC 6121 §2).
	NSRoster = "jabber:iq:roster"
	// NSRegisterFeature is the stream feature of in-band registration
	// (XEP-0077 §10), not the namespace of its <query/>.
	NSRegisterFeature = "http://jabber.org/features/iq-register"
	// NSDataForms is data forms (XEP-0004).
	NSDataForms = "jabber:x:data"
	// NSDataValidate is data forms validation (XEP-0122).
	NSDataValidate = "http://jabber.org/protocol/xdata-validate"
	// NSDiscoItems is service discovery of items (XEP-0030).
	NSDiscoItems = "http://jabber.org/protocol/disco#items"
	// NSCommands is ad-hoc commands (XEP-0050).
	NSCommands = "http://jabber.org/protocol/commands"
)
