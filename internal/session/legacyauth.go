package session

import (
	"bytes"

	"github.com/beevik/etree"
	"mellium.im/xmpp/jid"
)

// nsIQAuth is XEP-0078's namespace: non-SASL authentication.
const nsIQAuth = "jabber:iq:auth"

// legacyLoginIn returns the address an iq would log in as by XEP-0078
// (an iq set whose jabber:iq:auth query names a username and a resource)
// on the server's domain, or false. A user may send one on a
// registration stream, where no SASL was done: once the server answers
// it with a result, the stream is logged in (XEP-0078 §3), and the
// session says so instead of "not logged in".
func legacyLoginIn(raw []byte, domain jid.JID) (jid.JID, bool) {
	if !bytes.Contains(raw, []byte(nsIQAuth)) {
		return jid.JID{}, false
	}
	doc := etree.NewDocument()
	if doc.ReadFromBytes(raw) != nil || doc.Root() == nil {
		return jid.JID{}, false
	}
	iq := doc.Root()
	if iq.Tag != "iq" || iq.SelectAttrValue("type", "") != "set" {
		return jid.JID{}, false
	}
	for _, q := range iq.ChildElements() {
		if q.Tag != "query" || q.NamespaceURI() != nsIQAuth {
			continue
		}
		user, res := q.SelectElement("username"), q.SelectElement("resource")
		if user == nil || res == nil {
			return jid.JID{}, false
		}
		j, err := jid.New(user.Text(), domain.Domainpart(), res.Text())
		return j, err == nil
	}
	return jid.JID{}, false
}

// loggedInLegacy records a XEP-0078 login the server accepted: the
// stream is no longer a registration stream, and replies are paired as
// for the account. Called by the dispatcher.
func (s *Session) loggedInLegacy(as jid.JID) {
	s.self = newAddresses(as)
	s.infoMu.Lock()
	s.info.Register = false
	s.info.Mechanism = "XEP-0078 (non-SASL, obsolete)"
	s.info.JID = as
	s.infoMu.Unlock()
}
