// Package session holds one XMPP client stream: it dials (SRV records,
// STARTTLS or direct TLS), negotiates (SASL and resource binding, or an
// unauthenticated stream for in-band registration), sends raw XML and pairs
// iq replies by id, and reports every element that crosses the wire, in both
// directions, to an Observer.
//
// The negotiation itself is done by mellium.im/xmpp; this package adds what
// an explorer needs on top: exact bytes of every element, a resource bind
// that honours the requested resource, SCRAM-SHA-512, and errors that say
// what went wrong.
//
// The session knows nothing of terminals and masks nothing: what it reports
// is the raw stream, and the caller masks secrets before showing them.
package session
