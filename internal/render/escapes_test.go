package render

import (
	"bytes"
	"io"
	"strconv"
	"strings"
	"testing"

	"github.com/alecthomas/chroma/v2"
)

// highlighters are every style and colour level the shell can ask for.
func highlighters(t testing.TB) map[string]*Highlighter {
	out := map[string]*Highlighter{}
	for _, c := range []Colour{Colours16, Colours256, TrueColour} {
		for _, style := range []string{"", "github", "monokai"} {
			h := NewHighlighter(style, c)
			if h.escape == nil {
				t.Fatalf("style %q, %s colours: the escapes could not be read; Highlight would use chroma's formatter", style, c)
			}
			out[h.Style()+"/"+c.String()] = h
		}
	}
	return out
}

// escapeInputs hold every token type, line breaks in and between tokens
// (\n, \r\n, a lone \r, empty lines), malformed markup, and a reply of
// several of Highlight's chunks.
func escapeInputs() map[string]string {
	var roster strings.Builder
	roster.WriteString("<iq type='result'>\n  <query xmlns='jabber:iq:roster' xmlns:x='urn:x'>\n")
	for i := 0; roster.Len() < 300<<10; i++ {
		n := strconv.Itoa(i)
		roster.WriteString("    <item jid='c" + n + "@example.net' x:name='C " + n + " &amp; S\u00f8n'><group>G</group></item>\n")
	}
	roster.WriteString("  </query>\n</iq>")
	return map[string]string{
		"empty":     "",
		"every":     "<?xml version='1.0'?>\n<!DOCTYPE a>\n<a xmlns='urn:a' xmlns:p='urn:p' p:b=\"v\">t &amp; u<!-- c --><![CDATA[ <raw> ]]><p:c/></a>\n",
		"breaks":    "<a b='1\r\n2\n\n3\r4'>\r\n<!-- x\n\ny\r\n -->\n\n\nt\r\nu<?pi\n?></a>\n",
		"text only": "plain text\nno markup\n",
		"broken":    "<a x=\"unclosed <b>&bogus; </c> & << =' '\n",
		"roster":    roster.String(),
	}
}

// TestHighlightMatchesChroma checks that Highlight, writing tokens with
// the escapes it read from chroma's formatter, writes byte for byte what
// that formatter writes, for every style, colour level and input.
func TestHighlightMatchesChroma(t *testing.T) {
	for name, h := range highlighters(t) {
		for input, in := range escapeInputs() {
			var got, want bytes.Buffer
			if err := h.Highlight(&got, []byte(in)); err != nil {
				t.Fatal(err)
			}
			if err := h.format(&want, safeBytes([]byte(in))); err != nil { // as Highlight makes it
				t.Fatal(err)
			}
			if !bytes.Equal(got.Bytes(), want.Bytes()) {
				i := 0
				for i < min(got.Len(), want.Len()) && got.Bytes()[i] == want.Bytes()[i] {
					i++
				}
				t.Errorf("%s, %s: output differs from chroma's at byte %d:\ngot  %q\nwant %q", name, input, i, got.Bytes()[max(0, i-40):min(got.Len(), i+40)], want.Bytes()[max(0, i-40):min(want.Len(), i+40)])
			}
		}
	}
}

// FuzzHighlightMatchesChroma is TestHighlightMatchesChroma on any input.
func FuzzHighlightMatchesChroma(f *testing.F) {
	for _, in := range escapeInputs() {
		if len(in) < 1<<10 {
			f.Add(in)
		}
	}
	hs := highlighters(f)
	f.Fuzz(func(t *testing.T, in string) {
		for name, h := range hs {
			var got, want bytes.Buffer
			h.Highlight(&got, []byte(in))
			h.format(&want, safeBytes([]byte(in)))
			if !bytes.Equal(got.Bytes(), want.Bytes()) {
				t.Fatalf("%s: %q\ngot  %q\nwant %q", name, in, got.Bytes(), want.Bytes())
			}
		}
	})
}

// TestAppendToken checks how a coloured token is cut at line breaks.
func TestAppendToken(t *testing.T) {
	const e, r = "\x1b[31m", ansiReset
	for _, tt := range []struct{ text, want string }{
		{"", ""},
		{"a", e + "a" + r},
		{"a\nb", e + "a" + r + "\n" + e + "b" + r},
		{"a\r\nb\n", e + "a" + r + "\r\n" + e + "b" + r + "\n"},
		{"\n\n", e + r + "\n" + e + r + "\n"},
		{"a\rb", e + "a\rb" + r},
		{"a\r\r\n", e + "a\r" + r + "\r\n"},
	} {
		if got := string(appendToken(nil, e, tt.text)); got != tt.want {
			t.Errorf("appendToken(%q) = %q, want %q", tt.text, got, tt.want)
		}
		if got := string(appendToken([]byte("x"), "", tt.text)); got != "x"+tt.text {
			t.Errorf("appendToken(%q) without colour = %q, want it as it is", tt.text, got)
		}
	}
}

// TestEscapeTableOrder checks that escapeTable.of finds each of
// lexerTypes at its own place, and nothing for another type.
func TestEscapeTableOrder(t *testing.T) {
	var e escapeTable
	for i := range e {
		e[i] = strconv.Itoa(i)
	}
	for i, typ := range lexerTypes {
		if got := e.of(typ); got != strconv.Itoa(i) {
			t.Errorf("of(%v) = %q, want %q", typ, got, strconv.Itoa(i))
		}
	}
	if got := e.of(chroma.Error); got != "" {
		t.Errorf("of(Error) = %q, want none", got)
	}
}

// BenchmarkHighlightVsChroma compares Highlight with the path it replaces,
// chroma's 256-colour formatter fed by the same lexer, on the same
// indented 300 KB reply.
func BenchmarkHighlightVsChroma(b *testing.B) {
	h := NewHighlighter("", Colours256)
	in := []byte(escapeInputs()["roster"])
	for name, run := range map[string]func() error{
		"xepl":   func() error { return h.Highlight(io.Discard, in) },
		"chroma": func() error { return h.format(io.Discard, in) },
	} {
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(in)))
			for b.Loop() {
				if err := run(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
