package render

import (
	"bytes"
	"strings"
	"testing"
)

// quickIndent returns what Indent writes for src, or false if it declines.
func quickIndent(src string) ([]byte, bool) {
	t, ok := quickRead(src)
	if !ok {
		return nil, false
	}
	return t.indent(), true
}

// quickSeeds are the shapes quickIndent reads, and some it must decline.
var quickSeeds = []string{
	"<iq type='result' id='r1'><query xmlns='jabber:iq:roster' ver='v'><item jid='a@b' name='A &amp; B' subscription='both'><group>Friends</group></item><item jid='c@d'/></query></iq>",
	"<a/>",
	"  <a></a>\n",
	"<a> </a>",
	"<a>\n  <b/>\n  <c>t</c>\n</a>",
	"<p><b>bold</b> <i>italic</i></p>",
	"<p>text <b>b</b> tail</p>",
	"<x:a xmlns:x='urn:x' x:b=\"1\"><x:c/></x:a>",
	"<a b = 'x&apos;y&quot;z' c='\"' d=\"'\">&lt;&gt;&amp;</a>",
	"<a b='1\n2\t3'>line\n\tnext</a>",
	"<a>Søn ✓ 😀</a>",
	"<a b='1' b='2'/>",
	"<a b='1'c='2'/>",
	"<a><!-- c --></a>",
	"<a><![CDATA[x]]></a>",
	"<?xml version='1.0'?><a/>",
	"<a>&#65;</a>",
	"<a>&nbsp;</a>",
	"<a>\r\n</a>",
	"<a></b>",
	"<a><b></a></b>",
	"<a>]]></a>",
	"<a>x</a><b/>",
	"<a b=c/>",
	"<1a/>",
	"<a:/>",
	"<:a/>",
	"<a:b:c/>",
	"<a b='<'/>",
	"<a>\x01</a>",
	"<a>\xff</a>",
	"<" + strings.Repeat("d><", 40) + "e/>" + strings.Repeat("</d>", 40),
	strings.Repeat("<d>", 300) + strings.Repeat("</d>", 300),
}

// checkQuick fails if quickIndent, where it does not decline, writes
// anything but what Parse and Indent write.
func checkQuick(t *testing.T, in string) {
	t.Helper()
	got, ok := quickIndent(in)
	if !ok {
		return
	}
	d, err := Parse([]byte(in))
	if err != nil {
		t.Fatalf("quickIndent read %q, which Parse rejects: %v", in, err)
	}
	want, err := d.Indent()
	if err != nil {
		t.Fatalf("quickIndent read %q, which Indent rejects: %v", in, err)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("quickIndent(%q)\n= %q\nwant %q", in, got, want)
	}
}

// TestQuickIndentMatchesIndent checks quickIndent against Indent on the
// seeds, and that it reads the shapes it is meant for.
func TestQuickIndentMatchesIndent(t *testing.T) {
	for _, in := range append(quickSeeds, fuzzSeedsInternal()...) {
		checkQuick(t, in)
	}
	for _, in := range quickSeeds[:11] {
		if _, ok := quickIndent(in); !ok {
			t.Errorf("quickIndent declined %q", in)
		}
	}
	if _, ok := quickIndent(quickSeeds[len(quickSeeds)-2]); !ok {
		t.Error("quickIndent declined 41 levels")
	}
	roster := []byte(escapeInputs()["roster"])
	if _, ok := quickIndent(string(roster)); !ok {
		t.Error("quickIndent declined a roster")
	}
	checkQuick(t, string(roster))
}

// fuzzSeedsInternal are more inputs of every kind.
func fuzzSeedsInternal() []string {
	var out []string
	for _, in := range escapeInputs() {
		out = append(out, in)
	}
	return out
}

// FuzzQuickIndent checks quickIndent against Indent on any input.
func FuzzQuickIndent(f *testing.F) {
	for _, s := range quickSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		checkQuick(t, in)
	})
}

// BenchmarkQuickIndent compares quickIndent with Parse and Indent, which
// it stands in for, on the same 300 KB reply.
func BenchmarkQuickIndent(b *testing.B) {
	in := escapeInputs()["roster"]
	b.Run("quick", func(b *testing.B) {
		b.SetBytes(int64(len(in)))
		for b.Loop() {
			if _, ok := quickIndent(in); !ok {
				b.Fatal("declined")
			}
		}
	})
	b.Run("etree", func(b *testing.B) {
		b.SetBytes(int64(len(in)))
		for b.Loop() {
			if _, err := Indent([]byte(in)); err != nil {
				b.Fatal(err)
			}
		}
	})
}
