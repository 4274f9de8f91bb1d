package repl

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/beevik/etree"

	"xepl/internal/rawxml"
	"xepl/internal/session"
)

// keep puts a unit of c's stream into the capture, its secrets masked by
// position and the echoes of the secrets known now, and returns it as
// kept (n is 0 for what is not kept: whitespace).
func (sh *Shell) keep(u session.WireUnit, c *conn) captured {
	if u.Kind == rawxml.KindWhitespace {
		return captured{}
	}
	var name string
	if p := c.captureName.Load(); p != nil {
		name = *p
	}
	return sh.capture.add(u, name, sh.out.secrets.stanza(u.Raw))
}

// hiddenLater says, a moment after a burst, how many units the live
// filters hid: they are in the capture, never silently lost.
func (sh *Shell) hiddenLater() {
	if sh.hiddenTimer.CompareAndSwap(false, true) {
		time.AfterFunc(time.Second, func() {
			sh.hiddenTimer.Store(false)
			sh.sayHidden()
		})
	}
}

// sayHidden says how many units the live filters hid since it last said.
func (sh *Shell) sayHidden() {
	if n := sh.filters.hidden.Swap(0); n == 1 {
		sh.out.say("(1 hidden by the filters: log all lists everything)")
	} else if n > 1 {
		sh.out.say("(%d hidden by the filters: log all lists everything)", n)
	}
}

// defaultLogLines is how many units log lists without a count.
const defaultLogLines = 20

// cmdLog lists the capture, shows one unit, saves it, sets its bounds,
// or starts a plain log file (log to FILE).
func (sh *Shell) cmdLog(ctx context.Context, args []string) error {
	args = filterWords(args)
	if len(args) > 0 {
		switch args[0] {
		case "show":
			if len(args) != 2 {
				return fmt.Errorf("usage: log show N (the number log lists)")
			}
			return sh.logShow(args[1])
		case "save":
			return sh.logSave(args[1:])
		case "limit":
			return sh.logLimit(args[1:])
		case "to":
			if len(args) == 2 && isLogPath(args[1]) {
				return sh.logTo(args[1])
			}
		}
	}
	all := len(args) > 0 && args[0] == "all"
	if all {
		args = args[1:]
	}
	count := defaultLogLines
	if len(args) > 0 {
		if n, err := strconv.Atoi(args[0]); err == nil {
			if n < 1 {
				return fmt.Errorf("log %d: give a count of 1 or more", n)
			}
			count, args = n, args[1:]
		}
	}
	fs, err := parseFilters(args)
	if err != nil {
		return err
	}
	units := sh.capture.all()
	var picked []captured
	hidden := 0
	for _, e := range units {
		if !matchAll(fs, e) {
			continue
		}
		if !all && !sh.filters.shows(e) {
			hidden++
			continue
		}
		picked = append(picked, e)
	}
	if len(picked) > count {
		picked = picked[len(picked)-count:]
	}
	held, heldBytes, maxUnits, maxBytes, dropped := sh.capture.stats()
	var b strings.Builder
	for _, e := range picked {
		b.WriteString(logLine(e) + "\n")
	}
	if b.Len() > 0 {
		sh.out.text(sh.out.secrets.text(b.String()))
	}
	foot := fmt.Sprintf("%d listed of %d captured (%s; at most %d or %s kept", len(picked), held, sizeText(heldBytes), maxUnits, sizeText(maxBytes))
	if dropped > 0 {
		foot += fmt.Sprintf(", %d let go", dropped)
	}
	foot += ")"
	if hidden > 0 {
		foot += fmt.Sprintf("; %d more hidden by the filters (log all)", hidden)
	}
	sh.out.say("%s. log show N prints one", foot)
	return nil
}

// isLogPath tells log to FILE from the filter to JID: a file is named
// with a path (/, ./, ../, ~/) or a .log, .txt or .md ending, or is off.
func isLogPath(s string) bool {
	for _, p := range []string{"/", "./", "../", "~/"} {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	for _, e := range []string{".log", ".txt", ".md"} {
		if strings.HasSuffix(s, e) {
			return true
		}
	}
	return s == "off"
}

// logLine is one unit in one line: number, time, direction, session and
// what it is.
func logLine(e captured) string {
	arrow := "←"
	if e.dir == session.Out {
		arrow = "→"
	}
	return fmt.Sprintf("%5d %s %s %s %s", e.n, e.time.Format("15:04:05.000"), arrow, orDash(e.session), unitSummary(e))
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return safeText(s)
}

// unitSummary names a unit in a few words: its kind, type, peer, and what
// its first child is, with its size when that is large.
func unitSummary(e captured) string {
	var b strings.Builder
	switch e.kind {
	case rawxml.KindStreamOpen:
		b.WriteString("stream header")
		if to := e.attr("to"); to != "" {
			b.WriteString(" to " + to)
		}
	case rawxml.KindStreamClose:
		b.WriteString("end of stream")
	case rawxml.KindJunk:
		fmt.Fprintf(&b, "%d bytes that are not XML", len(e.raw)+e.cut)
	default:
		name := e.local
		if e.prefix != "" {
			name = e.prefix + ":" + e.local
		}
		b.WriteString(name)
		if t := e.attr("type"); t != "" {
			b.WriteString(" " + t)
		}
		peer, attr := e.attr("from"), " from "
		if e.dir == session.Out {
			peer, attr = e.attr("to"), " to "
		}
		if peer != "" {
			b.WriteString(attr + peer)
		}
		if child := firstChildName(e.raw); child != "" {
			b.WriteString(": " + child)
		}
	}
	if n := len(e.raw) + e.cut; n >= 10<<10 {
		b.WriteString(" (" + sizeText(n) + ")")
	}
	return safeText(b.String())
}

// firstChildName is the local name and namespace of an element's first
// child: what a stanza is about.
func firstChildName(raw []byte) string {
	doc := etree.NewDocument()
	if err := doc.ReadFromBytes(raw); err != nil || doc.Root() == nil {
		return ""
	}
	children := doc.Root().ChildElements()
	if len(children) == 0 {
		return ""
	}
	c := children[0]
	ns := shortNamespace(c.NamespaceURI())
	if ns == "" || ns == c.Tag || ns == "jabber:client" {
		return c.Tag
	}
	return c.Tag + " " + ns
}

// shortNamespace is a namespace without the prefixes most share, for a
// line that must fit: disco#info, xmpp-bind, ping.
func shortNamespace(ns string) string {
	for _, p := range []string{"http://jabber.org/protocol/", "urn:ietf:params:xml:ns:", "urn:xmpp:", "http://jabber.org/features/"} {
		if rest, ok := strings.CutPrefix(ns, p); ok {
			return rest
		}
	}
	return ns
}

// sizeText says a size in bytes in the unit that reads best.
func sizeText(n int) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}

// captured returns the unit numbered by word, for log show and explain.
func (sh *Shell) capturedUnit(word string) (captured, error) {
	n, err := strconv.Atoi(strings.TrimPrefix(word, "#"))
	if err != nil || n < 1 {
		return captured{}, fmt.Errorf("%q is not a number that log lists", word)
	}
	e, ok := sh.capture.get(n)
	if !ok {
		if sh.capture.last() == 0 {
			return captured{}, fmt.Errorf("nothing has been captured yet: the capture starts with a connect")
		}
		if n > sh.capture.last() {
			return captured{}, fmt.Errorf("nothing numbered %d has been captured yet (the newest is %d)", n, sh.capture.last())
		}
		return captured{}, fmt.Errorf("%d was let go to keep the capture in its bounds (log limit changes them)", n)
	}
	return e, nil
}

// logShow prints one captured unit in full.
func (sh *Shell) logShow(word string) error {
	e, err := sh.capturedUnit(word)
	if err != nil {
		return err
	}
	label := logLine(e)
	if e.kind != rawxml.KindElement {
		sh.out.say("%s", label)
		sh.out.text(string(e.raw))
		if e.cut > 0 {
			sh.out.say("(%d more bytes were not kept)", e.cut)
		}
		return nil
	}
	sh.out.stanza(label, e.raw)
	return nil
}

// logLimit changes the capture's bounds: log limit N [SIZE].
func (sh *Shell) logLimit(args []string) error {
	if len(args) == 0 || len(args) > 2 {
		return fmt.Errorf("usage: log limit ELEMENTS [SIZE] (such as log limit 50000 256MB)")
	}
	units, err := strconv.Atoi(args[0])
	if err != nil || units < 1 {
		return fmt.Errorf("log limit %s: give a number of elements, 1 or more", args[0])
	}
	bytes := 0
	if len(args) == 2 {
		if bytes, err = parseSize(args[1]); err != nil {
			return err
		}
	}
	sh.capture.setLimits(units, bytes)
	_, _, maxUnits, maxBytes, _ := sh.capture.stats()
	sh.out.say("the capture keeps the newest %d elements, at most %s", maxUnits, sizeText(maxBytes))
	return nil
}

// parseSize reads a size such as 64MB, 512KB or 1GB (powers of 1024).
func parseSize(s string) (int, error) {
	u := strings.ToUpper(strings.TrimSuffix(strings.TrimSuffix(s, "iB"), "B"))
	mult := 1
	switch {
	case strings.HasSuffix(u, "K"):
		mult, u = 1<<10, strings.TrimSuffix(u, "K")
	case strings.HasSuffix(u, "M"):
		mult, u = 1<<20, strings.TrimSuffix(u, "M")
	case strings.HasSuffix(u, "G"):
		mult, u = 1<<30, strings.TrimSuffix(u, "G")
	}
	n, err := strconv.Atoi(u)
	if err != nil || n < 1 || n > (1<<40)/mult {
		return 0, fmt.Errorf("%q is not a size such as 64MB", s)
	}
	return n * mult, nil
}

// cmdFind searches the capture: for words (all of them, in any case, in
// the XML as captured), or with xpath EXPR.
func (sh *Shell) cmdFind(_ context.Context, args []string) error {
	args = filterWords(args)
	if len(args) == 0 {
		return fmt.Errorf("usage: find WORDS, or find xpath EXPR")
	}
	var match func(captured) bool
	if args[0] == "xpath" {
		fs, err := parseFilters(args)
		if err != nil {
			return err
		}
		match = func(e captured) bool { return matchAll(fs, e) }
	} else {
		words := make([][]byte, len(args))
		for i, w := range args {
			words[i] = []byte(strings.ToLower(w))
		}
		match = func(e captured) bool {
			low := []byte(strings.ToLower(string(e.raw)))
			for _, w := range words {
				if !strings.Contains(string(low), string(w)) {
					return false
				}
			}
			return true
		}
	}
	var b strings.Builder
	found := 0
	for _, e := range sh.capture.all() {
		if match(e) {
			found++
			b.WriteString(logLine(e) + "\n")
		}
	}
	if found == 0 {
		sh.out.say("nothing captured matches")
		return nil
	}
	sh.out.text(sh.out.secrets.text(b.String()))
	sh.out.say("%d found; log show N prints one", found)
	return nil
}

// cmdFilter changes the live view's filters.
func (sh *Shell) cmdFilter(_ context.Context, args []string) error {
	args = filterWords(args)
	if len(args) == 0 {
		args = []string{"list"}
	}
	l := &sh.filters
	switch args[0] {
	case "add", "hide", "only":
		fs, err := parseFilters(args[1:])
		if err != nil {
			return err
		}
		if len(fs) == 0 {
			return fmt.Errorf("filter %s FILTER...\n%s", args[0], filterHelp)
		}
		r := liveRule{hide: args[0] == "hide", filters: fs}
		l.mu.Lock()
		if args[0] == "only" {
			l.rules = nil
		}
		l.rules = append(l.rules, r)
		l.mu.Unlock()
		sh.out.say("filter %d: %s", len(l.rules), r)
	case "list":
		l.mu.RLock()
		rules := append([]liveRule(nil), l.rules...)
		l.mu.RUnlock()
		if len(rules) == 0 {
			sh.out.say("no filters: the live view shows everything")
		}
		for i, r := range rules {
			sh.out.say("%d  %s", i+1, r)
		}
	case "drop":
		if len(args) != 2 {
			return fmt.Errorf("usage: filter drop N (the number filter list shows)")
		}
		n, err := strconv.Atoi(args[1])
		l.mu.Lock()
		defer l.mu.Unlock()
		if err != nil || n < 1 || n > len(l.rules) {
			return fmt.Errorf("filter drop %s: there is no filter %s (filter list)", args[1], args[1])
		}
		l.rules = append(l.rules[:n-1], l.rules[n:]...)
		sh.out.say("filter %d dropped; %d left", n, len(l.rules))
	case "clear":
		l.mu.Lock()
		l.rules = nil
		l.mu.Unlock()
		sh.out.say("filters cleared: the live view shows everything")
	default:
		return fmt.Errorf("filter %s: say add, only, hide, list, drop N or clear", args[0])
	}
	return nil
}
