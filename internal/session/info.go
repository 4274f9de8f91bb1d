package session

import (
	"crypto/tls"
	"time"

	"mellium.im/xmpp"
	"mellium.im/xmpp/jid"
)

// Info describes a session as negotiated.
type Info struct {
	Addr      string // the address dialled
	DirectTLS bool
	Insecure  bool // the certificate was not verified
	TLS       tls.ConnectionState
	Mechanism string  // the SASL mechanism used; empty on a registration stream
	JID       jid.JID // the bound address, or the domain of a registration stream
	Register  bool
	// Offered lists the features of each stream in order: before TLS (with
	// STARTTLS), before login, after login.
	Offered []Features
	Elapsed time.Duration
}

// Features are the features offered on one stream, with a label saying
// which stream.
type Features struct {
	Stage    string // "before TLS", "before login", "after login"
	Features []Feature
}

func newInfo(cfg Config, dialled target, ms *xmpp.Session, mechanism string, features [][]byte, elapsed time.Duration) Info {
	info := Info{
		Addr:      dialled.String(),
		DirectTLS: cfg.DirectTLS,
		Insecure:  cfg.Insecure,
		TLS:       ms.ConnectionState(),
		Mechanism: mechanism,
		JID:       ms.LocalAddr(),
		Register:  cfg.Register,
		Elapsed:   elapsed,
	}
	if cfg.Register {
		info.JID = cfg.JID
	}
	for _, raw := range features {
		list := parseFeatures(raw)
		info.Offered = append(info.Offered, Features{Stage: stageOf(list), Features: list})
	}
	return info
}

func stageOf(list []Feature) string {
	for _, f := range list {
		switch f.Name {
		case "starttls":
			return "before TLS"
		case "bind":
			return "after login"
		}
	}
	return "before login"
}

// TLSVersion names the negotiated TLS version.
func (i Info) TLSVersion() string { return tls.VersionName(i.TLS.Version) }

// CipherSuite names the negotiated cipher suite.
func (i Info) CipherSuite() string { return tls.CipherSuiteName(i.TLS.CipherSuite) }
