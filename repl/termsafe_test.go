package repl

import (
	"bytes"
	"errors"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"xepl/internal/adhoc"
	"xepl/internal/rawxml"
	"xepl/internal/render"
	"xepl/internal/session"
	"xepl/internal/termsafe"
)

// hostile holds every character that must not reach a terminal as it is:
// C0 controls but tab and newline, DEL, C1 controls, bidi formatting.
func hostile() string {
	var b strings.Builder
	for r := rune(0); r < 0x20; r++ {
		if r != '\n' && r != '\t' {
			b.WriteRune(r)
		}
	}
	b.WriteRune(0x7f)
	for r := rune(0x80); r <= 0x9f; r++ {
		b.WriteRune(r)
	}
	for _, r := range []rune{0x061c, 0x200e, 0x200f, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069} {
		b.WriteRune(r)
	}
	b.WriteString("\x1b]0;owned\x07\x1b[2J\x1b[?1049h\xff")
	return b.String()
}

// legal is the part of hostile that XML may carry: C1 and bidi.
func legal() string {
	var b strings.Builder
	for _, r := range hostile() {
		if r >= 0x80 && r != utf8.RuneError {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// ourEscapes are the printer's own colours.
var ourEscapes = regexp.MustCompile(`\x1b\[[0-9;]*m`)

// checkSafe fails if out holds a character termsafe forbids, once the
// printer's own colours are taken out.
func checkSafe(t *testing.T, path string, out []byte) {
	t.Helper()
	rest := ourEscapes.ReplaceAll(out, nil)
	for i, r := range string(rest) {
		if termsafe.Forbidden(r) || r == utf8.RuneError && !utf8.ValidString(string(rest[i:i+1])) {
			t.Errorf("%s writes %U to the terminal:\n%q", path, r, out)
			return
		}
	}
}

// TestTerminalIsSafe sends every control character through every way
// the printer writes, with and without colour, and checks the bytes.
func TestTerminalIsSafe(t *testing.T) {
	bad, ok := hostile(), legal()
	for _, colour := range []bool{false, true} {
		var out bytes.Buffer
		p := &printer{out: &out, err: &out}
		if colour {
			p.hl = render.NewHighlighter("", render.Colours256)
		}
		paths := map[string]func(){
			"say":   func() { p.say("from %s", bad) },
			"text":  func() { p.text(bad) },
			"fail":  func() { p.fail(errors.New(bad)) },
			"where": func() { p.fail(located{where: bad, err: errors.New("x")}) },
			"stanza": func() {
				p.stanza("← "+bad, []byte(`<message from='a@b' type='chat'><body>`+ok+`</body><x xmlns='urn:`+ok+`' a='`+ok+`'/></message>`), bad)
			},
			"stanza, not XML": func() { p.stanza("←", []byte("<x>"+bad+"</x>")) },
			"stanza terse": func() {
				p.terse.Store(true)
				defer p.terse.Store(false)
				p.stanza("←", []byte(`<iq type='error'><error><bad xmlns='`+ok+`'/></error></iq>`))
			},
			"wire element": func() {
				p.wireUnit(session.WireUnit{Time: time.Now(), Unit: rawxml.Unit{Kind: rawxml.KindElement, Raw: []byte("<body>" + ok + "</body>")}})
			},
			"wire junk": func() {
				p.wireUnit(session.WireUnit{Time: time.Now(), Unit: rawxml.Unit{Kind: rawxml.KindJunk, Raw: []byte(bad)}})
			},
		}
		for name, f := range paths {
			out.Reset()
			f()
			if out.Len() == 0 {
				t.Errorf("%s wrote nothing", name)
			}
			checkSafe(t, name, out.Bytes())
		}
	}
}

// TestCompletionIsSafe: completion offers JIDs and nodes a server
// listed; one the terminal must not see is left out.
func TestCompletionIsSafe(t *testing.T) {
	sh, err := newShell(Config{Stdout: &strings.Builder{}, Input: strings.NewReader(""), Getenv: func(string) string { return "" }})
	if err != nil {
		t.Fatal(err)
	}
	sh.conn.disco.commands = map[string][]adhoc.Item{"example.org": {{Node: "evil" + legal()}, {Node: "good"}}}
	got, _ := completer{sh: sh}.Do([]rune("run "), 4)
	for _, g := range got {
		checkSafe(t, "completion", []byte(string(g)))
	}
	if len(got) != 1 {
		t.Errorf("completion offers %q, want only the safe node", got)
	}
}
