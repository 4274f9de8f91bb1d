package rawxml_test

import (
	"testing"

	"xepl/internal/rawxml"
)

func TestEscapeText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain text", "plain text"},
		{"a < b & c > d", "a &lt; b &amp; c &gt; d"},
		{"]]>", "]]&gt;"},
		{`'quotes' "stay"`, `'quotes' "stay"`},
		{"tab\tand\nnewline stay", "tab\tand\nnewline stay"},
		{"cr\r", "cr&#xD;"},
		{"nul\x00 and bell\x07", "nul\uFFFD and bell\uFFFD"},
		{"bad \xff byte", "bad \uFFFD byte"},
		{"non-char \uFFFE", "non-char \uFFFD"},
		{"日本語 😀", "日本語 😀"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := rawxml.EscapeText(tt.in); got != tt.want {
				t.Errorf("EscapeText(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestEscapeAttr(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain", "plain"},
		{"a<b&c>d", "a&lt;b&amp;c>d"},
		{`it's "so"`, "it&apos;s &quot;so&quot;"},
		{"t\tn\nr\r", "t&#x9;n&#xA;r&#xD;"},
		{"\x01\xfe", "\uFFFD\uFFFD"},
		{"日本語", "日本語"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := rawxml.EscapeAttr(tt.in); got != tt.want {
				t.Errorf("EscapeAttr(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// TestEscapeTextParses checks that escaped text always makes a
// well-formed element.
func TestEscapeTextParses(t *testing.T) {
	for _, s := range []string{"]]>", "<&>", "\x00\x1f", "\xed\xa0\x80", "a\rb"} {
		raw := "<body>" + rawxml.EscapeText(s) + "</body>"
		if _, err := rawxml.Parse([]byte(raw)); err != nil {
			t.Errorf("Parse(%q): %v", raw, err)
		}
	}
}

// TestAppendEscaped checks that the append variants escape as EscapeText
// and EscapeAttr do, after what dst holds, and that a quoted value leaves
// the other quote character alone.
func TestAppendEscaped(t *testing.T) {
	for _, s := range []string{"", "plain", "a<b&c>d\r", "x\x00\xff\uFFFE日本語", `it's "so"`, "t\tn\n"} {
		if got, want := string(rawxml.AppendEscapedText([]byte("<b>"), s)), "<b>"+rawxml.EscapeText(s); got != want {
			t.Errorf("AppendEscapedText(%q) = %q, want %q", s, got, want)
		}
	}
	tests := []struct {
		in    string
		quote byte
		want  string
	}{
		{"plain", '"', `"plain"`},
		{`it's "so"`, '"', `"it's &quot;so&quot;"`},
		{`it's "so"`, '\'', `'it&apos;s "so"'`},
		{`it's`, 0, `"it's"`},
		{"a<b&c>d\t\n\r\x01", '"', `"a&lt;b&amp;c>d&#x9;&#xA;&#xD;` + "\uFFFD\""},
	}
	for _, tt := range tests {
		if got := string(rawxml.AppendQuotedAttr([]byte("a="), tt.in, tt.quote)); got != "a="+tt.want {
			t.Errorf("AppendQuotedAttr(%q, %q) = %q, want %q", tt.in, tt.quote, got, "a="+tt.want)
		}
		unquoted := tt.want[1 : len(tt.want)-1]
		if got := string(rawxml.AppendEscapedAttr([]byte("a="), tt.in, tt.quote)); got != "a="+unquoted {
			t.Errorf("AppendEscapedAttr(%q, %q) = %q, want %q", tt.in, tt.quote, got, "a="+unquoted)
		}
	}
}

// TestEscapeKeepsString checks that a string with nothing to escape is
// returned as it is, without a copy.
func TestEscapeKeepsString(t *testing.T) {
	s := "nothing to escape: 日本語"
	if n := testing.AllocsPerRun(10, func() { _ = rawxml.EscapeText(s); _ = rawxml.EscapeAttr(s) }); n != 0 {
		t.Errorf("%v allocations", n)
	}
}

// escapeBytesInputs are texts for the escapers of every class of byte:
// kept, replaced, well-formed and broken UTF-8 of each length.
var escapeBytesInputs = []string{
	"", "plain", "a<b&c>d'e\"f", "t\tn\nr\r\x00\x7f", "日本語 Søn 😀",
	"\xc2", "\xe1\x80", "\xed\xa0\x80", "\xef\xbf\xbe", "\xf4\x90\x80\x80", "x\xffy",
}

// TestAppendEscapedBytes checks that the escapers of bytes write exactly
// what those of strings write, after what dst holds.
func TestAppendEscapedBytes(t *testing.T) {
	for _, in := range escapeBytesInputs {
		dst := []byte("kept:")
		if got, want := rawxml.AppendEscapedTextBytes(dst, []byte(in)), rawxml.AppendEscapedText(dst, in); string(got) != string(want) {
			t.Errorf("AppendEscapedTextBytes(%q) = %q, want %q", in, got, want)
		}
		for _, quote := range []byte{'"', '\''} {
			if got, want := rawxml.AppendEscapedAttrBytes(dst, []byte(in), quote), rawxml.AppendEscapedAttr(dst, in, quote); string(got) != string(want) {
				t.Errorf("AppendEscapedAttrBytes(%q, %c) = %q, want %q", in, quote, got, want)
			}
		}
	}
}

// FuzzAppendEscapedBytes checks the same on any input.
func FuzzAppendEscapedBytes(f *testing.F) {
	for _, in := range escapeBytesInputs {
		f.Add(in)
	}
	f.Fuzz(func(t *testing.T, in string) {
		if got, want := rawxml.AppendEscapedTextBytes(nil, []byte(in)), rawxml.AppendEscapedText(nil, in); string(got) != string(want) {
			t.Fatalf("text %q: %q, want %q", in, got, want)
		}
		if got, want := rawxml.AppendEscapedAttrBytes(nil, []byte(in), '"'), rawxml.AppendEscapedAttr(nil, in, '"'); string(got) != string(want) {
			t.Fatalf("value %q: %q, want %q", in, got, want)
		}
	})
}
