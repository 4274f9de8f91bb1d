package repl

import (
	"context"
	"encoding/xml"
	"fmt"

	"mellium.im/xmpp/disco/info"
	"mellium.im/xmpp/disco/items"

	"xepl/catalog"
	"xepl/internal/adhoc"
	"xepl/internal/forms"
	"xepl/internal/stanza"
)

// discoInfo is what an entity says of itself (XEP-0030 §3), in mellium's
// types; its extended information form (XEP-0128) is read with forms.
type discoInfo struct {
	Identities []info.Identity `xml:"http://jabber.org/protocol/disco#info query>identity"`
	Features   []info.Feature  `xml:"http://jabber.org/protocol/disco#info query>feature"`
	Forms      []*forms.Form   `xml:"-"`
}

type discoItems struct {
	Items []itemsItem `xml:"http://jabber.org/protocol/disco#items query>item"`
}

// discoTarget is one place browsed: a JID and perhaps a node.
type discoTarget struct{ JID, Node string }

func (t discoTarget) String() string {
	if t.Node == "" {
		return t.JID
	}
	return t.JID + " node " + t.Node
}

// discoCache keeps what disco learnt in this session, for following items
// by number and for completing JIDs and nodes.
type discoCache struct {
	info  map[discoTarget]*discoInfo
	items map[discoTarget][]itemsItem
	last  []itemsItem // the items of the last disco shown, numbered from 1
	// commands are the command lists asked for, by JID.
	commands map[string][]adhoc.Item
	// fields are the field vars of the forms each command node brought,
	// for completion.
	fields map[string][]string
}

// discoRequest sends a disco query, filled from the catalog template
// named (disco.info or disco.items; the -node one when t has a node), and
// returns the reply, or the error the entity answered with.
func (sh *Shell) discoRequest(ctx context.Context, c *conn, template string, t discoTarget) ([]byte, error) {
	values := catalog.Values{"to": t.JID}
	if t.Node != "" {
		template += "-node"
		values["node"] = t.Node
	}
	iq, err := c.fromCatalog(template, values)
	if err != nil {
		return nil, err
	}
	raw, err := sh.quietRequest(ctx, c, iq)
	if err != nil {
		return nil, err
	}
	if e := stanza.ErrorOf(raw); e != nil {
		return raw, fmt.Errorf("%s answered %s", t, e)
	}
	return raw, nil
}

// fetchInfo asks an entity for its identities and features, once per
// connection.
func (sh *Shell) fetchInfo(ctx context.Context, c *conn, t discoTarget) (*discoInfo, error) {
	if d := c.disco.info[t]; d != nil {
		return d, nil
	}
	raw, err := sh.discoRequest(ctx, c, "disco.info", t)
	if err != nil {
		return nil, err
	}
	d := &discoInfo{}
	if err := xml.Unmarshal(raw, d); err != nil {
		return nil, fmt.Errorf("reading disco#info of %s: %v", t, err)
	}
	if f, err := forms.Find(raw); err == nil && f != nil {
		d.Forms = append(d.Forms, f)
	}
	if c.disco.info == nil {
		c.disco.info = map[discoTarget]*discoInfo{}
	}
	c.disco.info[t] = d
	return d, nil
}

// fetchItems asks an entity for its items, once per connection.
func (sh *Shell) fetchItems(ctx context.Context, c *conn, t discoTarget) ([]itemsItem, error) {
	if list, ok := c.disco.items[t]; ok {
		return list, nil
	}
	raw, err := sh.discoRequest(ctx, c, "disco.items", t)
	if err != nil {
		return nil, err
	}
	var d discoItems
	if err := xml.Unmarshal(raw, &d); err != nil {
		return nil, fmt.Errorf("reading disco#items of %s: %v", t, err)
	}
	if c.disco.items == nil {
		c.disco.items = map[discoTarget][]itemsItem{}
	}
	c.disco.items[t] = d.Items
	return d.Items, nil
}

// knownJIDs lists the JIDs disco has seen, for completion.
func (c *discoCache) knownJIDs() []string {
	seen := map[string]bool{}
	var out []string
	add := func(j string) {
		if j != "" && !seen[j] {
			seen[j] = true
			out = append(out, j)
		}
	}
	for t := range c.info {
		add(t.JID)
	}
	for t, list := range c.items {
		add(t.JID)
		for _, it := range list {
			add(it.JID.String())
		}
	}
	return out
}

// itemsItem is one disco item, in mellium's type.
type itemsItem = items.Item
