package repl

import (
	"context"
	"encoding/xml"
	"fmt"
	"strings"

	"mellium.im/xmpp/disco/info"
	"mellium.im/xmpp/disco/items"

	"xepl/internal/adhoc"
	"xepl/internal/forms"
	"xepl/internal/rawxml"
	"xepl/internal/session"
)

// Namespaces of XEP-0030.
const (
	nsDiscoInfo  = "http://jabber.org/protocol/disco#info"
	nsDiscoItems = "http://jabber.org/protocol/disco#items"
)

// discoInfo is what an entity says of itself (XEP-0030 §3), in mellium's
// types; its extended information form (XEP-0128) is read with forms.
type discoInfo struct {
	Identities []info.Identity `xml:"http://jabber.org/protocol/disco#info query>identity"`
	Features   []info.Feature  `xml:"http://jabber.org/protocol/disco#info query>feature"`
	Forms      []*forms.Form   `xml:"-"`
}

// has reports whether the entity lists feature.
func (d *discoInfo) has(feature string) bool {
	for _, f := range d.Features {
		if f.Var == feature {
			return true
		}
	}
	return false
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
}

func (c *discoCache) reset() { *c = discoCache{} }

// queryXML builds a disco request (without id: quietRequest gives one).
func queryXML(ns, to, node string) string {
	var b strings.Builder
	b.WriteString("<iq type='get'")
	if to != "" {
		fmt.Fprintf(&b, " to='%s'", rawxml.EscapeAttr(to))
	}
	fmt.Fprintf(&b, "><query xmlns='%s'", ns)
	if node != "" {
		fmt.Fprintf(&b, " node='%s'", rawxml.EscapeAttr(node))
	}
	b.WriteString("/></iq>")
	return b.String()
}

// discoRequest sends a disco query and returns the reply, or the error
// the entity answered with.
func (sh *Shell) discoRequest(ctx context.Context, s *session.Session, ns string, t discoTarget) ([]byte, error) {
	raw, err := sh.quietRequest(ctx, s, queryXML(ns, t.JID, t.Node))
	if err != nil {
		return nil, err
	}
	if e := adhoc.ErrorOf(raw); e != nil {
		return raw, fmt.Errorf("%s answered %s", t, e)
	}
	return raw, nil
}

// fetchInfo asks an entity for its identities and features, once per
// session.
func (sh *Shell) fetchInfo(ctx context.Context, s *session.Session, t discoTarget) (*discoInfo, error) {
	if d := sh.disco.info[t]; d != nil {
		return d, nil
	}
	raw, err := sh.discoRequest(ctx, s, nsDiscoInfo, t)
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
	if sh.disco.info == nil {
		sh.disco.info = map[discoTarget]*discoInfo{}
	}
	sh.disco.info[t] = d
	return d, nil
}

// fetchItems asks an entity for its items, once per session.
func (sh *Shell) fetchItems(ctx context.Context, s *session.Session, t discoTarget) ([]itemsItem, error) {
	if list, ok := sh.disco.items[t]; ok {
		return list, nil
	}
	raw, err := sh.discoRequest(ctx, s, nsDiscoItems, t)
	if err != nil {
		return nil, err
	}
	var d discoItems
	if err := xml.Unmarshal(raw, &d); err != nil {
		return nil, fmt.Errorf("reading disco#items of %s: %v", t, err)
	}
	if sh.disco.items == nil {
		sh.disco.items = map[discoTarget][]itemsItem{}
	}
	sh.disco.items[t] = d.Items
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

// quietRequest sends one iq, given without an id, and returns its reply
// without printing either: for the shell's own questions to the server.
// A reply of type error is returned as it is.
func (sh *Shell) quietRequest(ctx context.Context, s *session.Session, iq string) ([]byte, error) {
	if s == nil {
		return nil, errNotConnected
	}
	ctx, cancel := sh.waitContext(ctx)
	defer cancel()
	id := sh.newID()
	reply, err := s.Request(ctx, rawxml.SetAttr([]byte(iq), "id", id), id)
	if err != nil {
		return nil, err
	}
	return reply.Raw, nil
}
