package repl

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"xepl/internal/render"
)

// bigErrorReply is an error reply of more than 64 KB with a payload, an
// application condition and text: what the printer outlines and streams.
func bigErrorReply() []byte {
	return []byte(`<iq xmlns='jabber:client' type='error' id='e1' from='pubsub.example.org'>` +
		`<pubsub xmlns='http://jabber.org/protocol/pubsub'><items node='n'>` +
		strings.Repeat(`<item id='i'><entry xmlns='http://www.w3.org/2005/Atom'><title>T &amp; U</title></entry></item>`, 1000) +
		`</items></pubsub><x xmlns='jabber:x:data' type='result'/>` +
		`<error type='cancel'><item-not-found xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>` +
		`<text xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'>no such node</text></error></iq>`)
}

// TestBigStanzaStreamed checks that a big stanza written to the terminal
// as it is highlighted reads exactly as it does written at once (as at
// the prompt), with and without colour, verbose on and off.
func TestBigStanzaStreamed(t *testing.T) {
	raw := bigErrorReply()
	for _, hl := range []*render.Highlighter{nil, render.NewHighlighter("", render.Colours256)} {
		for _, terse := range []bool{false, true} {
			var streamed, whole, elsewhere bytes.Buffer
			p := &printer{out: &streamed, err: &streamed, hl: hl}
			p.terse.Store(terse)
			p.stanza("← error", raw, "an extra note")
			q := &printer{out: &elsewhere, err: &elsewhere, prompt: &whole, hl: hl}
			q.terse.Store(terse)
			q.atPrompt.Store(true)
			q.stanza("← error", raw, "an extra note")
			if streamed.String() != whole.String() {
				t.Errorf("colour %v, verbose off %v: streamed output differs from the whole", hl != nil, terse)
			}
			if !strings.Contains(streamed.String(), "item-not-found") || !strings.Contains(streamed.String(), "an extra note") {
				t.Errorf("colour %v, verbose off %v: notes missing:\n%s", hl != nil, terse, streamed.String()[:200])
			}
		}
	}
}

// TestBigStanzaNotes checks that the notes drawn from a big stanza's
// outline are those drawn from the whole stanza, verbose on and off.
func TestBigStanzaNotes(t *testing.T) {
	raw := bigErrorReply()
	whole, err := render.Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	for name, parse := range map[string]func([]byte) (*render.Document, error){"ParseOutline": render.ParseOutline, "ParseToShow": render.ParseToShow} {
		outline, err := parse(raw)
		if err != nil {
			t.Fatal(err)
		}
		for _, terse := range []bool{false, true} {
			got, want := notesFor(outline.Root(), terse, nil), notesFor(whole.Root(), terse, nil)
			if !slices.Equal(got, want) {
				t.Errorf("%s, verbose off %v: notes %q, want %q", name, terse, got, want)
			}
			if least := map[bool]int{false: 3, true: 1}[terse]; len(got) < least {
				t.Errorf("%s, verbose off %v: only %q", name, terse, got)
			}
		}
	}
}

// TestBigStanzaLogged checks that a big stanza, written as it is indented
// when nothing keeps it, is still kept whole in an open log: the log
// holds the indented XML the screen shows, a line of the log for each
// line (after the log's time stamp).
func TestBigStanzaLogged(t *testing.T) {
	raw := bigErrorReply()
	path := filepath.Join(t.TempDir(), "big.log")
	log, err := newPlainLog(path)
	if err != nil {
		t.Fatal(err)
	}
	var screen bytes.Buffer
	p := &printer{out: &screen, err: &screen}
	p.sinks.log = log
	p.stanza("← error", raw)
	if err := p.sinks.closeAll(); err != nil {
		t.Fatal(err)
	}
	kept, _ := os.ReadFile(path)
	pretty, err := render.Indent(raw)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(screen.Bytes(), pretty) {
		t.Fatal("the screen lacks the indented stanza")
	}
	for _, line := range strings.Split(string(pretty), "\n") {
		if got, want := strings.Count(string(kept), line+"\n"), strings.Count(string(pretty)+"\n", line+"\n"); got < want {
			t.Fatalf("the log holds %q %d times, the stanza %d", line, got, want)
		}
	}
}
