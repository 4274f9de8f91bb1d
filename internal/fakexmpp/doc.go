// Package fakexmpp is the server's side of XMPP connections, for fakes
// that do what no real server does: go silent at a chosen step of
// negotiation, send hostile bytes, or send a reply of many megabytes
// (Prosody and ejabberd cap a stanza at 256 KB). A fake is a script run
// on each connection (Listen); its steps (Open, StartTLS, Auth, Bind,
// Next, Send) speak just enough of RFC 6120 for a client to log in as
// user@localhost with PLAIN.
//
// It is test support: the session tests and the measuring tool
// internal/oneshot use it, and the xepl binary never links it. Real
// servers (internal/localserver) are for everything else.
package fakexmpp

// Domain is the XMPP domain of every fake, and the name its certificate
// (Cert) is made out to.
const Domain = "localhost"

// Bound is the address Bind gives the client.
const Bound = "user@" + Domain + "/fake"

// The features of the three streams of a login, and the stream header
// Open sends unless Conn.Header says otherwise.
const (
	FeaturesTLS  = `<stream:features><starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'><required/></starttls></stream:features>`
	FeaturesSASL = `<stream:features><mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><mechanism>PLAIN</mechanism></mechanisms></stream:features>`
	FeaturesBind = `<stream:features><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/></stream:features>`
	Header       = `<?xml version='1.0'?><stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' id='fake' from='` + Domain + `' version='1.0'>`
)
