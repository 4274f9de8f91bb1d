package repl

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"xepl/internal/rawxml"
	"xepl/internal/session"
)

// TestPrefixedStanzaShown: an element that uses a prefix its server
// declared on the stream header is shown in the wire log as it came
// (its secret masked all the same), and pretty-printed readable on its
// own, with the note on its namespace.
func TestPrefixedStanzaShown(t *testing.T) {
	const el = `<iq type='result' id='r1'><reg:query><reg:password>hunter2</reg:password></reg:query></iq>`
	var units []rawxml.Unit
	s := rawxml.NewSplitter(func(u rawxml.Unit) { units = append(units, u) })
	s.Write([]byte(`<stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' xmlns:reg='jabber:iq:register'>` + el))
	s.Flush()
	u := session.WireUnit{Time: time.Now(), Dir: session.In, Unit: units[1].Standalone()}

	var out bytes.Buffer
	p := &printer{out: &out, err: &out}
	p.wireUnit(u)
	if got, want := out.String(), strings.Replace(el, "hunter2", "********", 1); !strings.HasSuffix(got, " S: "+want+"\n") {
		t.Errorf("wire log:\n got %q\nwant it to end with %q", got, want)
	}

	out.Reset()
	p.stanza("←", u.Raw)
	got := out.String()
	if strings.Contains(got, "hunter2") {
		t.Errorf("the secret is shown:\n%s", got)
	}
	if !strings.Contains(got, "XEP-0077") {
		t.Errorf("no note names XEP-0077 for jabber:iq:register:\n%s", got)
	}
}
