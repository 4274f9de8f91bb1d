package render_test

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"strings"
	"testing"

	"xepl/internal/rawxml"
	"xepl/internal/render"
	"xepl/internal/termsafe"
)

// fuzzSeeds are inputs both fuzz targets start from.
var fuzzSeeds = []string{
	sample,
	"",
	"<a b='x<c & </> <![CDATA[",
	"<iq><query xmlns='jabber:iq:roster'><item jid='a@b' name='A &amp; B'><group>G</group></item></query></iq>",
	"<body>Hello <b>big</b> world</body>",
	"<stream:stream xmlns:stream='http://etherx.jabber.org/streams' xmlns='jabber:client'>",
	"</stream:stream>",
	"<a v='1&#x9;2&#xA;'>x&#xD;y<![CDATA[<z>]]></a>",
	"<?xml version='1.0'?><!DOCTYPE a><!-- c --><a/>",
	"<café ñ=é>\xff\xfe</café>",
}

// FuzzLexer checks that, whatever the input, the lexer ends, emits no empty
// token, splits no UTF-8 sequence and emits tokens that add up to the input.
func FuzzLexer(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		tokenise(t, in)
	})
}

// FuzzIndent checks that Indent never panics; that its output and its
// errors are fit for a terminal, given the input as it is or made safe
// with termsafe; that what it accepts (but a stream tag, which it shows as
// it is) comes out well-formed, as encoding/xml reads it; and that what it
// accepts it also accepts indented, giving the same text back: indenting
// is stable.
func FuzzIndent(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		if safe := termsafe.Bytes(in); !bytes.Equal(safe, in) {
			if out, err := render.Indent(safe); err != nil {
				if msg := forbiddenIn([]byte(err.Error()), false); msg != "" {
					t.Fatalf("Indent(%q) error: %s", safe, msg)
				}
			} else if msg := forbiddenIn(out, false); msg != "" {
				t.Fatalf("Indent(%q): %s", safe, msg)
			}
		}
		out, err := render.Indent(in)
		if err != nil {
			if msg := forbiddenIn([]byte(err.Error()), false); msg != "" {
				t.Fatalf("Indent(%q) error: %s", in, msg)
			}
			return
		}
		if msg := forbiddenIn(out, false); msg != "" {
			t.Fatalf("Indent(%q): %s", in, msg)
		}
		if !rawxml.IsStreamTag(in) && termsafe.SafeBytes(in) {
			if err := wellFormed(out); err != nil {
				t.Fatalf("Indent(%q) = %q, which encoding/xml refuses: %v", in, out, err)
			}
		}
		again, err := render.Indent(out)
		if err != nil {
			t.Fatalf("Indent accepted %q but not its own output %q: %v", in, out, err)
		}
		if !bytes.Equal(again, out) {
			t.Fatalf("Indent(%q) =\n%q\nbut indenting that gives\n%q", in, out, again)
		}
	})
}

// wellFormed reads b with encoding/xml, a parser independent of etree.
func wellFormed(b []byte) error {
	d := xml.NewDecoder(bytes.NewReader(b))
	for {
		_, err := d.Token()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
	}
}

// FuzzTagWrap checks TagWrapper on what Indent writes: the wrapped text
// is the same XML (indented again, the same text), only spaces and
// newlines are added, and wrapping in Show's pieces (each ending before
// a '<') gives what wrapping the whole gives.
func FuzzTagWrap(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add([]byte(s), uint8(20))
	}
	f.Add([]byte(`<a xmlns="urn:x" b="1" c='2'><!-- <d e="1" f="2"/> --><g h="1" i="2">t</g></a>`), uint8(8))
	f.Fuzz(func(t *testing.T, in []byte, width uint8) {
		pretty, err := render.Indent(in)
		if err != nil {
			return
		}
		whole := render.NewTagWrapper(int(width)).Wrap(nil, pretty)
		if strip(whole) != strip(pretty) {
			t.Fatalf("wrapping %q at %d changed more than white space: %q", pretty, width, whole)
		}
		if !rawxml.IsStreamTag(pretty) {
			again, err := render.Indent(whole)
			want, _ := render.Indent(pretty)
			if err != nil || !bytes.Equal(again, want) {
				t.Fatalf("wrapping %q at %d gave %q, which indents to %q (%v)", pretty, width, whole, again, err)
			}
		}
		w := render.NewTagWrapper(int(width))
		var pieces []byte
		for rest := pretty; len(rest) > 0; {
			n := bytes.IndexByte(rest[1:], '<') + 1
			if n == 0 {
				n = len(rest)
			}
			pieces = w.Wrap(pieces, rest[:n])
			rest = rest[n:]
		}
		if !bytes.Equal(pieces, whole) {
			t.Fatalf("wrapping %q at %d in pieces gave %q, whole %q", pretty, width, pieces, whole)
		}
	})
}

// strip is b without spaces and newlines.
func strip(b []byte) string {
	return strings.NewReplacer(" ", "", "\n", "").Replace(string(b))
}
