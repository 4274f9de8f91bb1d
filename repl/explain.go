package repl

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/beevik/etree"

	"xepl/internal/render"
	"xepl/internal/termsafe"
	"xepl/xeps"
)

// explain puts into words what a stanza holds, element by element: the
// specification behind each namespace, what an error means and what to
// try (and where Prosody and ejabberd are known to answer differently),
// the meaning of each data-form field, and the specification behind each
// disco identity and feature. What xepl does not know it says it does not
// know. It is for learning: the notes under each reply say the same in
// one line each.

func (sh *Shell) cmdExplain(_ context.Context, args []string) error {
	switch len(args) {
	case 0:
		c := sh.conn
		if c.last.raw == nil {
			return errors.New("no reply yet: send something first, or explain ID from log")
		}
		return sh.explainStanza(c.last.raw, c.last.hints)
	case 1:
		raw, err := sh.capturedElement(args[0])
		if err != nil {
			return err
		}
		return sh.explainStanza(raw, nil)
	}
	return errors.New("usage: explain [ID]")
}

// explainStanza prints the explanation of raw, its secrets masked first.
// hints are the catalog's error notes for the template raw answered (nil
// when unknown).
func (sh *Shell) explainStanza(raw []byte, hints map[string]string) error {
	lines, err := explainLines(termsafe.Bytes(sh.out.secrets.stanza(raw)), hints)
	if err != nil {
		return err
	}
	sh.out.text(strings.Join(lines, "\n"))
	return nil
}

// explainLines explains an element whose secrets are already masked. Its
// lines are not wrapped: the printer fits them to the terminal, and each
// line's indentation is where its continuation hangs.
func explainLines(raw []byte, hints map[string]string) ([]string, error) {
	doc, err := render.Parse(raw)
	if err != nil {
		return nil, fmt.Errorf("explain: %v", err)
	}
	root := doc.Root()
	if root == nil {
		return []string{"a stream header or end tag: " + xeps.Describe(xeps.NSStreams)}, nil
	}
	x := &explainer{hints: hints}
	x.lines = append(x.lines, "explain: "+describeRaw(raw))
	if m, ok := stanzaKinds[root.Tag+" "+root.SelectAttrValue("type", "")]; ok && root.NamespaceURI() != xeps.NSStreams {
		x.add("  %s", m)
	}
	x.echo = root.SelectAttrValue("type", "") == "error"
	x.element(root, "", "")
	return x.lines, nil
}

// explainer collects the lines of one explanation.
type explainer struct {
	lines []string
	hints map[string]string
	seen  map[string]bool // element paths explained already
	// echo says the stanza is an error, whose other children are the
	// request it answers.
	echo bool
}

func (x *explainer) add(format string, a ...any) {
	x.lines = append(x.lines, fmt.Sprintf(format, a...))
}

// element explains e, at path (its parent's path), whose parent is in
// namespace parentNS, then its children. Elements that repeat (roster
// items, say) are explained once per path.
func (x *explainer) element(e *etree.Element, path, parentNS string) {
	ns := e.NamespaceURI()
	if path != "" {
		path += "/"
	}
	path += e.Tag
	switch {
	case e.Tag == "error" && (e.Space == "stream" || ns == xeps.NSStreams || path == "error"):
		x.streamError(e)
		return
	case e.Tag == "error" && strings.Count(path, "/") == 1:
		x.stanzaError(e)
		return
	case e.Tag == "x" && ns == xeps.NSDataForms:
		x.form(e, path)
		return
	case e.Tag == "query" && ns == nsDiscoInfo:
		x.heading(path, ns, e.Tag)
		x.discoInfo(e)
		return
	}
	if x.seen == nil {
		x.seen = map[string]bool{}
	}
	if !x.seen[path+" "+ns] {
		x.seen[path+" "+ns] = true
		switch {
		case ns != parentNS:
			x.heading(path, ns, e.Tag)
		case ns == nsRegister && strings.HasSuffix(path, "query/"+e.Tag):
			x.registerField(e.Tag, strings.TrimSpace(e.Text()))
		}
		if e.Tag == "command" && ns == xeps.NSCommands {
			x.command(e)
		}
	}
	for _, c := range e.ChildElements() {
		x.element(c, path, ns)
	}
}

// heading names an element and the specification of its namespace
// (ForElement: the section that defines the element, where the index
// knows it).
func (x *explainer) heading(path, ns, local string) {
	if ns == "" {
		x.add("%s: no namespace", path)
		return
	}
	s, ok := xeps.ForElement(ns, local)
	if !ok {
		x.add("%s  %s", path, ns)
		x.add("    unknown to xepl: no XEP or RFC it knows defines this namespace")
		return
	}
	x.add("%s  %s", path, ns)
	x.add("    %s", s)
	if x.echo && strings.Count(path, "/") == 1 {
		x.add("    the request, sent back with the error (RFC 6120 §8.3.1 allows it)")
	}
}

// stanzaKinds says what each kind of stanza and type is for, by "NAME
// TYPE" (RFC 6120 §8.2, RFC 6121 §4.7.1 and §5.2.2).
var stanzaKinds = map[string]string{
	"iq get":               "a request to read something [RFC 6120 §8.2.3]",
	"iq set":               "a request to change something [RFC 6120 §8.2.3]",
	"iq result":            "the answer to a get or set that succeeded [RFC 6120 §8.2.3]",
	"iq error":             "the answer to a get or set that failed [RFC 6120 §8.2.3]",
	"message ":             "a message with no type: a normal one [RFC 6121 §5.2.2]",
	"message normal":       "a normal message, outside a chat [RFC 6121 §5.2.2]",
	"message chat":         "a message of a one-to-one chat [RFC 6121 §5.2.2]",
	"message groupchat":    "a message of a chat room [RFC 6121 §5.2.2]",
	"message headline":     "an alert or news, not to be answered [RFC 6121 §5.2.2]",
	"message error":        "a message that could not be delivered or handled [RFC 6121 §5.2.2]",
	"presence ":            "the sender is online (available) [RFC 6121 §4.7.1]",
	"presence unavailable": "the sender went offline [RFC 6121 §4.7.1]",
	"presence subscribe":   "asks to see the recipient's presence [RFC 6121 §3.1]",
	"presence subscribed":  "allows the recipient to see the sender's presence [RFC 6121 §3.1]",
	"presence error":       "a presence that could not be delivered [RFC 6121 §4.7.1]",
}

// Namespaces explain looks into.
const (
	nsDiscoInfo = "http://jabber.org/protocol/disco#info"
	nsRegister  = "jabber:iq:register"
)

// registerElements are the elements of a jabber:iq:register query that
// are not fields of the person (XEP-0077 §3 and §14).
var registerElements = map[string]string{
	"instructions": "what the server says to do, in its own words",
	"registered":   "you have an account here already",
	"remove":       "asks the server to delete the account",
	"key":          "an old form of protection against replays (obsolete)",
}

// registerField explains one child of a XEP-0077 query: a field asked
// for by an element of that name, or one of the elements around them.
func (x *explainer) registerField(name, value string) {
	if m, ok := registerElements[name]; ok {
		x.add("  %s  %s", name, m)
		return
	}
	if m, _, ok := xeps.FieldMeaning(nsRegister, name); ok {
		if value == "" {
			x.add("  %s  (to fill in) %s", name, m)
		} else {
			x.add("  %s  %s = %s", name, m, shortValues([]string{value}))
		}
		return
	}
	x.add("  %s  unknown to xepl: not a field XEP-0077 defines", name)
}

// command explains an ad-hoc command element's node and status.
func (x *explainer) command(e *etree.Element) {
	if node := e.SelectAttrValue("node", ""); node != "" {
		if s, ok := xeps.ForNamespace(node); ok && s.XEP != 50 {
			x.add("  node %s  %s", node, s)
		} else {
			x.add("  node %s  the command's name at the service", node)
		}
	}
	if st := e.SelectAttrValue("status", ""); st != "" {
		m, ok := commandStatus[st]
		if !ok {
			m = "unknown to xepl: not a status XEP-0050 defines"
		}
		x.add("  status %s  %s", st, m)
	}
}

// commandStatus says what an ad-hoc command's status means (XEP-0050 §4.4).
var commandStatus = map[string]string{
	"executing": "the command waits for you: answer its form (run does it for you)",
	"completed": "the command is done",
	"canceled":  "the command was cancelled and is over",
}
