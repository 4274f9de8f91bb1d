package repl

import (
	"github.com/beevik/etree"
)

// cancelsRegistration reports whether raw is an iq set that cancels the
// account's registration (XEP-0077 §3.2: <remove/> in a jabber:iq:register
// query): once it is answered with a result, the server ends the stream,
// and that end is what was asked for, not a failure.
func cancelsRegistration(raw []byte) bool {
	doc := etree.NewDocument()
	if err := doc.ReadFromBytes(raw); err != nil {
		return false
	}
	iq := doc.Root()
	if iq == nil || iq.Tag != "iq" || iq.SelectAttrValue("type", "") != "set" {
		return false
	}
	for _, q := range iq.ChildElements() {
		if q.Tag == "query" && q.NamespaceURI() == "jabber:iq:register" && q.SelectElement("remove") != nil {
			return true
		}
	}
	return false
}
