package repl

import (
	"bytes"

	"github.com/beevik/etree"
	"mellium.im/xmpp/jid"
)

// addressBook reports whether an address is the account's own server or
// bare JID, the addressees of an account's own registration.
type addressBook func(to string) bool

// cancelsRegistration reports whether raw is an iq set that cancels the
// account's registration (XEP-0077 §3.2: <remove/> in a jabber:iq:register
// query): once it is answered with a result, the server ends the stream,
// and that end is what was asked for, not a failure.
func cancelsRegistration(raw []byte, own addressBook) bool {
	if !bytes.Contains(raw, []byte("jabber:iq:register")) {
		return false // most stanzas: no parse
	}
	doc := etree.NewDocument()
	if err := doc.ReadFromBytes(raw); err != nil {
		return false
	}
	iq := doc.Root()
	if iq == nil || iq.Tag != "iq" || iq.SelectAttrValue("type", "") != "set" {
		return false
	}
	// Cancelling a registration with a service (to= a component) leaves
	// the account, and its stream, as they are.
	if to := iq.SelectAttrValue("to", ""); to != "" && !own(to) {
		return false
	}
	for _, q := range iq.ChildElements() {
		if q.Tag == "query" && q.NamespaceURI() == "jabber:iq:register" && q.SelectElement("remove") != nil {
			return true
		}
	}
	return false
}

// ownAddress reports whether to is the session's server or its bare JID.
func (c *conn) ownAddress(to string) bool {
	j, err := jid.Parse(to)
	if err != nil || c.stream == nil {
		return false
	}
	self := c.stream.JID()
	return j.Equal(self.Domain()) || j.Equal(self.Bare())
}
