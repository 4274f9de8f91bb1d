package repl

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"xepl/internal/rawxml"
	"xepl/internal/session"
)

// unit makes a wire unit of one element, as the session hands it over.
func unit(dir session.Direction, raw string) session.WireUnit {
	var got rawxml.Unit
	sp := rawxml.NewSplitter(func(u rawxml.Unit) {
		if u.Kind == rawxml.KindElement {
			got = u
		}
	})
	sp.Write([]byte("<stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'>" + raw))
	if got.Kind == 0 {
		panic("not one element: " + raw)
	}
	return session.WireUnit{Time: time.Now(), Dir: dir, Unit: got.Standalone()}
}

func TestCaptureBounds(t *testing.T) {
	tests := []struct {
		name              string
		units, maxBytes   int
		add               int
		wantHeld, wantOld int // how many are held, and the oldest number
	}{
		{"under both bounds", 10, 1 << 20, 5, 5, 1},
		{"by count", 3, 1 << 20, 10, 3, 8},
		{"by size", 100, 3 * 60, 10, 3, 8},
		{"one bigger than the size bound is still held", 100, 10, 4, 1, 4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := newCapture()
			c.setLimits(tt.units, tt.maxBytes)
			for i := 0; i < tt.add; i++ {
				// 60 bytes each.
				raw := fmt.Sprintf("<message id='%03d'><body>%s</body></message>", i, strings.Repeat("x", 60-41))
				if n := c.add(unit(session.In, raw), "alice", []byte(raw)).n; n != i+1 {
					t.Fatalf("unit %d was numbered %d", i+1, n)
				}
			}
			all := c.all()
			if len(all) != tt.wantHeld || all[0].n != tt.wantOld {
				t.Fatalf("held %d from %d, want %d from %d", len(all), all[0].n, tt.wantHeld, tt.wantOld)
			}
			if _, ok := c.get(tt.wantOld - 1); ok && tt.wantOld > 1 {
				t.Errorf("unit %d is still there after being let go", tt.wantOld-1)
			}
			if e, ok := c.get(tt.add); !ok || e.session != "alice" || e.local != "message" {
				t.Errorf("the newest unit: %+v, %v", e, ok)
			}
			held, _, _, _, dropped := c.stats()
			if held+dropped != tt.add {
				t.Errorf("%d held and %d let go of %d added", held, dropped, tt.add)
			}
		})
	}
}

// TestCaptureStaysBounded adds far more than the bounds allow: what is
// held, and the array behind it, stay within them.
func TestCaptureStaysBounded(t *testing.T) {
	c := newCapture()
	c.setLimits(1000, 1<<30)
	u := unit(session.In, "<presence/>")
	for i := 0; i < 100000; i++ {
		c.add(u, "flood", u.Raw)
	}
	if held, _, _, _, _ := c.stats(); held != 1000 {
		t.Errorf("%d held, want 1000", held)
	}
	if len(c.ring) > 1000 {
		t.Errorf("the ring grew to %d entries", len(c.ring))
	}
}

func TestCaptureSkipsWhitespaceAndCutsJunk(t *testing.T) {
	c := newCapture()
	ws := session.WireUnit{Unit: rawxml.Unit{Kind: rawxml.KindWhitespace, Raw: []byte(" ")}}
	if n := c.add(ws, "", ws.Raw).n; n != 0 {
		t.Errorf("whitespace was kept as %d", n)
	}
	junk := []byte(strings.Repeat("j", 3*junkKept))
	n := c.add(session.WireUnit{Unit: rawxml.Unit{Kind: rawxml.KindJunk, Raw: junk}}, "", junk).n
	e, _ := c.get(n)
	if len(e.raw) != junkKept || e.cut != 2*junkKept {
		t.Errorf("junk kept %d bytes, cut %d", len(e.raw), e.cut)
	}
}

func TestFilters(t *testing.T) {
	msg := unit(session.In, "<message from='bob@example.org/phone' to='alice@example.org' type='chat'><body>hi</body></message>")
	pres := unit(session.In, "<presence from='carol@example.org/pc'><show>away</show></presence>")
	iq := unit(session.Out, "<iq type='get' to='example.org' id='1'><query xmlns='http://jabber.org/protocol/disco#info'/></iq>")
	features := unit(session.In, "<stream:features><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/></stream:features>")
	kept := map[string]captured{}
	c := newCapture()
	for name, u := range map[string]session.WireUnit{"msg": msg, "pres": pres, "iq": iq, "features": features} {
		kept[name], _ = c.get(c.add(u, "s", u.Raw).n)
	}
	tests := []struct {
		filter string
		want   string // the units that match, in this order: msg pres iq features
	}{
		{"in", "msg pres features"},
		{"out", "iq"},
		{"message", "msg"},
		{"presence", "pres"},
		{"iq", "iq"},
		{"nonza", "features"},
		{"type chat", "msg"},
		{"from bob@example.org", "msg"},
		{"from bob@example.org/phone", "msg"},
		{"from bob@example.org/laptop", ""},
		{"to example.org", "iq"},
		{"ns http://jabber.org/protocol/disco#info", "iq"},
		{"ns urn:ietf:params:xml:ns:xmpp-bind", "features"},
		{"xpath //show[.='away']", "pres"},
		{"xpath //body", "msg"},
		{"xpath /stream:features/bind", "features"},
		{"xpath //bind", "features"},
		{"in message", "msg"},
		{"out message", ""},
	}
	for _, tt := range tests {
		t.Run(tt.filter, func(t *testing.T) {
			fs, err := parseFilters(filterWords([]string{tt.filter}))
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, name := range []string{"msg", "pres", "iq", "features"} {
				if matchAll(fs, kept[name]) {
					got = append(got, name)
				}
			}
			if strings.Join(got, " ") != tt.want {
				t.Errorf("matched %q, want %q", strings.Join(got, " "), tt.want)
			}
		})
	}
}

func TestFilterErrors(t *testing.T) {
	for _, line := range []string{"type", "from", "from not@a@jid", "xpath", "xpath //[", "bodies"} {
		if _, err := parseFilters(filterWords([]string{line})); err == nil {
			t.Errorf("%q was taken as a filter", line)
		}
	}
}

// TestFilterWordsKeepXPath: quotes in an expression reach XPath as typed.
func TestFilterWordsKeepXPath(t *testing.T) {
	got := filterWords([]string{"20 in  xpath //body[text()='a b']"})
	want := []string{"20", "in", "xpath", "//body[text()='a b']"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestLiveFilters(t *testing.T) {
	c := newCapture()
	msg, _ := c.get(c.add(unit(session.In, "<message><body>x</body></message>"), "", nil).n)
	msg.raw = []byte("<message><body>x</body></message>")
	pres, _ := c.get(c.add(unit(session.In, "<presence/>"), "", nil).n)
	pres.raw = []byte("<presence/>")
	rule := func(hide bool, f string) liveRule {
		fs, err := parseFilters(strings.Fields(f))
		if err != nil {
			t.Fatal(err)
		}
		return liveRule{hide: hide, filters: fs}
	}
	tests := []struct {
		name      string
		rules     []liveRule
		msg, pres bool
	}{
		{"none: everything", nil, true, true},
		{"hide presence", []liveRule{rule(true, "presence")}, true, false},
		{"show message", []liveRule{rule(false, "message")}, true, false},
		{"show either", []liveRule{rule(false, "message"), rule(false, "presence")}, true, true},
		{"hide wins", []liveRule{rule(false, "in"), rule(true, "presence")}, true, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := &liveFilters{rules: tt.rules}
			if l.shows(msg) != tt.msg || l.shows(pres) != tt.pres {
				t.Errorf("shows message %v, presence %v; want %v, %v", l.shows(msg), l.shows(pres), tt.msg, tt.pres)
			}
			l.showsOrCounts(pres, true)
			l.showsOrCounts(msg, false) // counted by another view
			want := int64(0)
			if !tt.pres {
				want = 1
			}
			if got := l.hidden.Load(); got != want {
				t.Errorf("%d counted hidden, want %d", got, want)
			}
		})
	}
}

func TestParseSize(t *testing.T) {
	for in, want := range map[string]int{"64MB": 64 << 20, "512KB": 512 << 10, "1G": 1 << 30, "100": 100, "2MiB": 2 << 20} {
		if got, err := parseSize(in); err != nil || got != want {
			t.Errorf("parseSize(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, in := range []string{"", "MB", "-1MB", "ten", "99999999999G"} {
		if _, err := parseSize(in); err == nil {
			t.Errorf("parseSize(%q) took it", in)
		}
	}
}

func TestIsLogPath(t *testing.T) {
	for in, want := range map[string]bool{"/tmp/x": true, "./x": true, "~/x": true, "class.log": true, "notes.txt": true, "off": true,
		"bob@example.org": false, "example.org": false, "bob@example.org/res": false} {
		if got := isLogPath(in); got != want {
			t.Errorf("isLogPath(%q) = %v", in, got)
		}
	}
}

// TestExplainCaptured: explain N explains a captured element, stream
// features (whose prefix a standalone unit leaves undeclared) included;
// what is not an element, or not there, is said so.
func TestExplainCaptured(t *testing.T) {
	var out syncBuffer
	sh, err := newShell(Config{Stdout: &out, Input: strings.NewReader("")})
	if err != nil {
		t.Fatal(err)
	}
	features := unit(session.In, "<stream:features><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/></stream:features>")
	sh.capture.add(features, "alice", features.Raw)
	header := session.WireUnit{Unit: rawxml.Unit{Kind: rawxml.KindStreamOpen, Raw: []byte("<stream:stream>")}}
	sh.capture.add(header, "alice", header.Raw)
	ctx := context.Background()
	if err := sh.execute(ctx, "explain 1"); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "RFC 6120") || !strings.Contains(out.String(), "xmpp-bind") {
		t.Errorf("explain 1 said:\n%s", out.String())
	}
	for line, want := range map[string]string{"explain 2": "not an element", "explain 3": "nothing numbered 3", "explain x": "not a number"} {
		if err := sh.execute(ctx, line); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: %v, want %q", line, err, want)
		}
	}
}
