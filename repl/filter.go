package repl

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/antchfx/xmlquery"
	"mellium.im/xmpp/jid"

	"xepl/internal/rawxml"
	"xepl/internal/session"
)

// filterHelp says what a FILTER is, for help and for errors.
const filterHelp = `A FILTER is one of: in, out (the direction); message, presence, iq,
nonza (what it is: nonza is every top-level element that is not a stanza,
stream features and errors included); type T (its type attribute); from
JID, to JID (a bare JID matches every resource of it); ns URI (the
element or any child in that namespace); xpath EXPR (the expression
selects something; the rest of the line is the expression). Several
FILTERs on one line must all match.`

// filter is one test of a captured unit.
type filter struct {
	word string // in, out, message, presence, iq, nonza, type, from, to, ns, xpath
	arg  string
	addr jid.JID // for from and to
}

func (f filter) String() string {
	if f.arg == "" {
		return f.word
	}
	return f.word + " " + f.arg
}

// filterWords splits the rest of a log, find or filter line into words,
// keeping what follows xpath as it was typed, quotes and all.
func filterWords(args []string) []string {
	if len(args) == 0 {
		return nil
	}
	rest := args[0]
	var words []string
	for {
		rest = strings.TrimLeft(rest, " \t")
		if rest == "" {
			return words
		}
		word, after, _ := strings.Cut(rest, " ")
		words = append(words, word)
		if word == "xpath" {
			if after = strings.TrimSpace(after); after != "" {
				words = append(words, after)
			}
			return words
		}
		rest = after
	}
}

// parseFilters reads the FILTERs of a line: all must match.
func parseFilters(words []string) ([]filter, error) {
	var fs []filter
	for i := 0; i < len(words); i++ {
		f := filter{word: words[i]}
		switch f.word {
		case "in", "out", "message", "presence", "iq", "nonza":
		case "type", "from", "to", "ns":
			if i+1 >= len(words) {
				return nil, fmt.Errorf("filter %s needs a value: %s VALUE", f.word, f.word)
			}
			i++
			f.arg = words[i]
			if f.word == "from" || f.word == "to" {
				a, err := jid.Parse(f.arg)
				if err != nil {
					return nil, fmt.Errorf("filter %s %s: not a JID: %v", f.word, f.arg, err)
				}
				f.addr = a
			}
		case "xpath":
			f.arg = strings.Join(words[i+1:], " ")
			if f.arg == "" {
				return nil, errors.New("filter xpath needs an expression: xpath //body")
			}
			if _, _, _, err := xpathValue([]byte("<x/>"), f.arg); err != nil {
				return nil, err
			}
			i = len(words)
		default:
			return nil, fmt.Errorf("%q is not a filter\n%s", f.word, filterHelp)
		}
		fs = append(fs, f)
	}
	return fs, nil
}

// matchAll reports whether every filter matches e.
func matchAll(fs []filter, e captured) bool {
	for _, f := range fs {
		if !f.match(e) {
			return false
		}
	}
	return true
}

// isStanza reports whether a captured unit is a message, presence or iq.
func (e captured) isStanza() bool {
	return e.kind == rawxml.KindElement && e.prefix != "stream" &&
		(e.local == "message" || e.local == "presence" || e.local == "iq")
}

// attr returns an attribute of the unit's root tag.
func (e captured) attr(name string) string {
	if e.kind != rawxml.KindElement && e.kind != rawxml.KindStreamOpen {
		return ""
	}
	v, _ := rawxml.Element{Raw: e.raw}.Attr(name)
	return v
}

// streamDecl declares the stream's own prefix, which a standalone unit
// leaves out (every reader of xepl's own knows it): XPath readers do not.
const streamDecl = " xmlns:stream='http://etherx.jabber.org/streams'"

// readable returns the unit's XML as a namespace-aware reader takes it:
// stream:features and stream:error with their prefix declared.
func (e captured) readable() []byte {
	if e.prefix != "stream" || e.kind != rawxml.KindElement || bytes.Contains(e.raw, []byte("xmlns:stream=")) {
		return e.raw
	}
	at := len("<stream:" + e.local)
	if len(e.raw) < at {
		return e.raw
	}
	out := make([]byte, 0, len(e.raw)+len(streamDecl))
	out = append(out, e.raw[:at]...)
	out = append(out, streamDecl...)
	return append(out, e.raw[at:]...)
}

func (f filter) match(e captured) bool {
	switch f.word {
	case "in":
		return e.dir == session.In
	case "out":
		return e.dir == session.Out
	case "message", "presence", "iq":
		return e.isStanza() && e.local == f.word
	case "nonza":
		return !e.isStanza()
	case "type":
		return e.attr("type") == f.arg
	case "from", "to":
		return sameAddress(f.addr, e.attr(f.word))
	case "ns":
		return hasNamespace(e, f.arg)
	case "xpath":
		if e.kind != rawxml.KindElement {
			return false
		}
		_, holds, _, err := xpathValue(e.readable(), f.arg)
		return err == nil && holds
	}
	return false
}

// sameAddress reports whether an address matches want: exactly, or, when
// want is a bare JID, any resource of it.
func sameAddress(want jid.JID, got string) bool {
	if got == "" {
		return false
	}
	a, err := jid.Parse(got)
	if err != nil {
		return false
	}
	if want.Resourcepart() == "" {
		return a.Bare().Equal(want)
	}
	return a.Equal(want)
}

// hasNamespace reports whether the element or any element in it is in
// the namespace uri.
func hasNamespace(e captured, uri string) bool {
	if e.kind != rawxml.KindElement && e.kind != rawxml.KindStreamOpen {
		return false
	}
	if !bytes.Contains(e.raw, []byte(uri)) {
		return false // cheap: the namespace is declared in it, or it is not there
	}
	raw := e.readable()
	if e.kind == rawxml.KindStreamOpen {
		// A copy: the header's bytes are shared with every reader.
		head := bytes.TrimSuffix(bytes.TrimRight(raw, " \t\r\n"), []byte(">"))
		raw = append(append(make([]byte, 0, len(head)+2), head...), "/>"...)
	}
	doc, err := xmlquery.Parse(bytes.NewReader(raw))
	if err != nil {
		return false
	}
	found := false
	var walk func(n *xmlquery.Node)
	walk = func(n *xmlquery.Node) {
		for ; n != nil && !found; n = n.NextSibling {
			if n.Type == xmlquery.ElementNode && n.NamespaceURI == uri {
				found = true
			}
			walk(n.FirstChild)
		}
	}
	walk(doc.FirstChild)
	return found
}

// liveFilters are the filters of the live view: what arrives unasked,
// and the wire log. filter add and filter only make showing rules (a
// unit is shown when any matches; with none, everything is), filter hide
// hiding ones (a unit any of them matches is not shown). Replies a
// command waits for are always shown; what is hidden is still captured.
type liveFilters struct {
	mu    sync.RWMutex
	rules []liveRule
	// hidden counts the units the live view did not show since the
	// shell last said so (see sayHidden).
	hidden atomic.Int64
}

type liveRule struct {
	hide    bool
	filters []filter
}

func (r liveRule) String() string {
	var words []string
	for _, f := range r.filters {
		words = append(words, f.String())
	}
	if r.hide {
		return "hide " + strings.Join(words, " ")
	}
	return "show " + strings.Join(words, " ")
}

// shows reports whether the live view shows e.
func (l *liveFilters) shows(e captured) bool {
	l.mu.RLock()
	defer l.mu.RUnlock()
	showing, shown := false, false
	for _, r := range l.rules {
		m := matchAll(r.filters, e)
		if r.hide && m {
			return false
		}
		if !r.hide {
			showing = true
			shown = shown || m
		}
	}
	return shown || !showing
}

// showsOrCounts reports whether the live view shows e, and counts it
// among the hidden when it does not and count is set (each unit is
// counted by one of its views only).
func (l *liveFilters) showsOrCounts(e captured, count bool) bool {
	if l.shows(e) {
		return true
	}
	if count {
		l.hidden.Add(1)
	}
	return false
}
