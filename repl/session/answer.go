package session

import (
	"mellium.im/xmpp"
	"mellium.im/xmpp/disco"
	"mellium.im/xmpp/disco/info"
	"mellium.im/xmpp/mux"
	"mellium.im/xmpp/ping"
	"mellium.im/xmpp/stanza"
)

// clientIdentity is what xepl says it is when asked (XEP-0030).
var clientIdentity = info.Identity{Category: "client", Type: "console", Name: "xepl"}

// identities lists xepl's identity for disco#info.
type identities struct{}

func (identities) ForIdentities(node string, f func(info.Identity) error) error {
	if node != "" {
		return nil
	}
	return f(clientIdentity)
}

// answerer answers the requests every client should (XEP-0199 ping and
// XEP-0030 disco#info, with mellium's own handlers); any other iq get or
// set gets service-unavailable from mellium's Serve. Incoming stanzas are
// shown to the user by the tap either way.
func answerer() xmpp.Handler {
	return mux.New(stanza.NSClient,
		ping.Handle(),
		disco.Handle(),
		mux.Ident(identities{}),
	)
}
