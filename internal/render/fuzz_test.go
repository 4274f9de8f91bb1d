package render_test

import (
	"bytes"
	"testing"

	"xepl/internal/render"
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

// FuzzIndent checks that Indent never panics and that what it accepts it
// also accepts indented, giving the same text back: indenting is stable.
func FuzzIndent(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		out, err := render.Indent(in)
		if err != nil {
			return
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
