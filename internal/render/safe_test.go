package render_test

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"xepl/internal/render"
	"xepl/internal/termsafe"
)

// hostile is legal XML that a server could send to take over a terminal
// or disguise text: C1 controls (CSI is U+009B), DEL and bidirectional
// overrides, both as characters and as character references, in text,
// attribute values, a comment and CDATA.
const hostile = "<message xmlns='jabber:client' from='evil\u202Eexample.net' " +
	"to='a&#x202E;b&#x2066;c' id='\u009B2J&#x9b;31m&#x7F;'>" +
	"<body>invoice\u202Egnp.exe &#x202e;fdp.exe &#x9B;2J &#133; \u0085 &#x200F;&#x61C;</body>" +
	"<!-- \u009B31m \u2067 --><x><![CDATA[\u202D&#x9b;]]></x></message>"

// forbiddenIn returns what makes b unfit for a terminal, or "": a
// character termsafe forbids, or invalid UTF-8. ESC is allowed where it
// starts one of chroma's colour sequences, when colour is true.
func forbiddenIn(b []byte, colour bool) string {
	if colour {
		b = ansi.ReplaceAll(b, nil)
	}
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			return fmt.Sprintf("invalid UTF-8 at %d in %q", i, b)
		case termsafe.Forbidden(r):
			return fmt.Sprintf("%U at %d in %q", r, i, b)
		}
		i += n
	}
	return ""
}

// TestSafeAfterTermsafe renders hostile XML made safe with termsafe, as
// the shell does, and checks that indenting and highlighting it bring no
// forbidden character back: the references that the XML parser decodes
// are written as references again, so the XML still says what it said.
func TestSafeAfterTermsafe(t *testing.T) {
	in := termsafe.Bytes([]byte(hostile))
	out, err := render.Indent(in)
	if err != nil {
		t.Fatal(err)
	}
	if msg := forbiddenIn(out, false); msg != "" {
		t.Fatalf("Indent: %s", msg)
	}
	for _, ref := range []string{"&#x202E;", "&#x2066;", "&#x9B;", "&#x7F;", "&#x85;", "&#x200F;", "&#x61C;"} {
		if !bytes.Contains(out, []byte(ref)) {
			t.Errorf("Indent dropped %s:\n%s", ref, out)
		}
	}
	for _, form := range []string{"evil⟨U+202E⟩example.net", "⟨U+009B⟩2J", "invoice⟨U+202E⟩gnp.exe", "⟨U+2067⟩", "⟨U+202D⟩&amp;#x9b;"} {
		if !bytes.Contains(out, []byte(form)) {
			t.Errorf("Indent lost %s:\n%s", form, out)
		}
	}
	for _, c := range append(levels, render.None) {
		var b bytes.Buffer
		if err := render.NewHighlighter("", c).Highlight(&b, out); err != nil {
			t.Fatal(err)
		}
		if msg := forbiddenIn(b.Bytes(), c != render.None); msg != "" {
			t.Errorf("Highlight with %s colours: %s", c, msg)
		}
	}
}

// TestSafeWithoutTermsafe feeds render raw hostile bytes, as a caller
// that forgot termsafe would: whatever render returns or writes, its
// output and its errors, holds no forbidden character.
func TestSafeWithoutTermsafe(t *testing.T) {
	inputs := []string{
		hostile,
		"<stream:stream xmlns:stream='http://etherx.jabber.org/streams' to='\u202Eevil' id='\u009B2J'>",
		"<a>\x1b[2J</a>",
		"<a\u202E b='1'/>",
		"<a>\xff</a>",
		"<a><b></a\u009B>",
		"<?xml version='1.0\u202E'?><a/>",
		"<a/>\u202E",
		"<!DOCTYPE a [\u009B]><a/>",
	}
	for _, in := range inputs {
		out, err := render.Indent([]byte(in))
		if err != nil {
			if msg := forbiddenIn([]byte(err.Error()), false); msg != "" {
				t.Errorf("Indent(%q) error: %s", in, msg)
			}
		} else if msg := forbiddenIn(out, false); msg != "" {
			t.Errorf("Indent(%q): %s", in, msg)
		}
		for _, c := range append(levels, render.None) {
			var b bytes.Buffer
			if err := render.NewHighlighter("", c).Highlight(&b, []byte(in)); err != nil {
				t.Fatal(err)
			}
			if msg := forbiddenIn(b.Bytes(), c != render.None); msg != "" {
				t.Errorf("Highlight(%q) with %s colours: %s", in, c, msg)
			}
		}
	}
}

// TestSafeTextUnchanged checks that render leaves text termsafe made safe
// as it is: it does not escape the forms termsafe writes a second time.
func TestSafeTextUnchanged(t *testing.T) {
	in := termsafe.Bytes([]byte("<a b='\\x41 \u202E'>\x1b[2J \\x1b ⟨</a>"))
	out, err := render.Indent(in)
	if err != nil {
		t.Fatal(err)
	}
	if want := `<a b="\\x41 ⟨U+202E⟩">\x1b[2J \\x1b ⟨U+27E8⟩</a>`; string(out) != want {
		t.Errorf("Indent = %s, want %s", out, want)
	}
	var b bytes.Buffer
	render.NewHighlighter("", render.None).Highlight(&b, in)
	if b.String() != string(in) {
		t.Errorf("Highlight = %s, want %s", b.String(), in)
	}
	if strings.Contains(string(in), "\x1b") {
		t.Fatal("termsafe left an ESC")
	}
}
