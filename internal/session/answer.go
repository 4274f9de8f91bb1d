package session

import (
	"encoding/xml"

	"mellium.im/xmlstream"
	"mellium.im/xmpp"
	"mellium.im/xmpp/disco"
	"mellium.im/xmpp/disco/info"
	"mellium.im/xmpp/jid"
	"mellium.im/xmpp/mux"
	"mellium.im/xmpp/ping"
	"mellium.im/xmpp/stanza"

	"xepl/xeps"
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
		mux.IQFunc(stanza.SetIQ, xml.Name{Space: xeps.NSRoster, Local: "query"}, ackRosterPush),
	)
}

// ackRosterPush acknowledges a roster push from the server, as RFC 6121
// §2.1.6 asks; the user sees the push itself as an incoming stanza. A
// push from anyone but the server or the account itself is not a push
// and gets service-unavailable.
func ackRosterPush(iq stanza.IQ, t xmlstream.TokenReadEncoder, _ *xml.StartElement) error {
	if !iq.From.Equal(jid.JID{}) && iq.From.Localpart() != "" && !iq.From.Bare().Equal(iq.To.Bare()) {
		_, err := xmlstream.Copy(t, iq.Error(stanza.Error{Type: stanza.Cancel, Condition: stanza.ServiceUnavailable}))
		return err
	}
	_, err := xmlstream.Copy(t, iq.Result(nil))
	return err
}
