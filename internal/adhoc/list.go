package adhoc

import (
	"errors"

	"github.com/beevik/etree"

	"xepl/internal/stanza"
	"xepl/xeps"
)

// Item is one command offered, from disco#items.
type Item struct {
	JID  string // where to run it
	Node string // the command's node
	Name string // its name for people
}

// ParseList reads the reply to a request for the commands an entity
// offers (a disco#items request on the node
// http://jabber.org/protocol/commands, XEP-0050 §2.2; the catalog's
// command.list). A reply of type error is returned as a *stanza.Error.
func ParseList(raw []byte) ([]Item, error) {
	iq, err := readIQ(raw)
	if err != nil {
		return nil, err
	}
	if attrValue(iq, "type") == "error" {
		return nil, stanza.FromElement(iq)
	}
	q := child(iq, "query", xeps.NSDiscoItems)
	if q == nil {
		return nil, errors.New("the reply to disco#items has no <query/>")
	}
	var items []Item
	for _, it := range q.ChildElements() {
		if it.Tag != "item" || it.NamespaceURI() != xeps.NSDiscoItems {
			continue
		}
		items = append(items, Item{
			JID:  attrValue(it, "jid"),
			Node: attrValue(it, "node"),
			Name: attrValue(it, "name"),
		})
	}
	return items, nil
}

// attrValue returns the unprefixed attribute key of e, or "".
func attrValue(e *etree.Element, key string) string {
	for _, a := range e.Attr {
		if a.Space == "" && a.Key == key {
			return a.Value
		}
	}
	return ""
}
