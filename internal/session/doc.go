// Package session holds one XMPP client stream: it dials (SRV records,
// STARTTLS or direct TLS), negotiates (SASL and resource binding, or an
// unauthenticated stream for in-band registration), sends raw XML and pairs
// iq replies by id and sender, and reports every element that crosses the
// wire, in both directions, to an Observer.
//
// The negotiation itself is done by mellium.im/xmpp; this package adds what
// an explorer needs on top: exact bytes of every element, a resource bind
// that honours the requested resource, SCRAM-SHA-512, a STARTTLS whose
// handshake is bounded, and errors that say what went wrong and, when the
// server went quiet, what it was waiting for.
//
// It is built to face a hostile server. Connect never waits past its
// timeout. After negotiation the session reads the stream itself rather
// than through mellium's Serve, so that no incoming stanza (an address that
// is not a JID, a request with no payload or no id) can end it; it answers
// what a client must (ping, disco#info, roster pushes) from the raw bytes.
// A reply counts only from the entity the request went to (RFC 6120
// §8.2.3); one from anyone else is reported as Spoofed. What it reads
// waits in a bounded queue for the Observer, so memory does not grow with
// the input.
//
// The session knows nothing of terminals and masks nothing: what it reports
// is the raw stream, and the caller masks secrets before showing them.
package session
