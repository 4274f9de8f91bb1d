package session

import (
	"crypto/x509"
	"time"

	"mellium.im/xmpp/jid"
)

// DefaultConnectTimeout bounds dialing and negotiation when Config.Timeout
// is zero.
const DefaultConnectTimeout = 15 * time.Second

// Config says how to reach a server and what to negotiate.
type Config struct {
	// JID is the account (localpart@domain, with an optional resource to
	// request) or, for Register, possibly a bare domain.
	JID jid.JID
	// Password is used for SASL; it is never reported to the Observer in
	// clear (the caller masks the wire) and never stored elsewhere.
	Password string
	// Server is HOST or HOST:PORT to dial instead of looking up SRV records.
	Server string
	// DirectTLS dials TLS straight away (XEP-0368) instead of STARTTLS.
	DirectTLS bool
	// Insecure skips certificate verification. Off unless the user says so.
	Insecure bool
	// RootCAs, if set, replaces the system roots for verification.
	RootCAs *x509.CertPool
	// Mechanism forces one SASL mechanism; empty means the preferred order
	// of Mechanisms.
	Mechanism string
	// Register opens a TLS stream without authenticating, so that
	// jabber:iq:register (XEP-0077) requests can be sent before an account
	// exists.
	Register bool
	// Timeout bounds dialing and negotiation; DefaultConnectTimeout if zero.
	Timeout time.Duration
	// Observer receives every element on the wire and every incoming
	// stanza no request was waiting for. May be nil.
	Observer Observer
}

func (c Config) timeout() time.Duration {
	if c.Timeout <= 0 {
		return DefaultConnectTimeout
	}
	return c.Timeout
}

// Mode says which kind of stream the configuration opens.
func (c Config) Mode() string {
	if c.Register {
		return "register"
	}
	return "login"
}
