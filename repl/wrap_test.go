package repl

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestFitWidth(t *testing.T) {
	for _, tc := range []struct {
		name, in string
		width    int
		want     string
	}{
		{"fits", "short line", 20, "short line"},
		{"no width", strings.Repeat("word ", 30), 0, strings.Repeat("word ", 30)},
		{"breaks at spaces, hanging", "error: the quick brown fox jumps over the lazy dog", 20,
			"error: the quick\n  brown fox jumps\n  over the lazy dog"},
		{"keeps its indentation", "    one two three four five six", 16,
			"    one two\n      three four\n      five six"},
		{"a table row hangs under its last column", "  starttls  urn:ietf:params:xml:ns:xmpp-tls — RFC 6120 §5 STARTTLS Negotiation", 48,
			"  starttls  urn:ietf:params:xml:ns:xmpp-tls —\n            RFC 6120 §5 STARTTLS Negotiation"},
		{"a word longer than a line is cut", "x " + strings.Repeat("a", 25), 10,
			"x aaaaaaaa\n  aaaaaaaa\n  aaaaaaaa\n  a"},
		{"several lines", "aa bb cc\ndd ee ff\n", 5, "aa bb\n  cc\ndd ee\n  ff\n"},
		{"runes, not bytes", "ééé ééé ééé", 7, "ééé ééé\n  ééé"},
		{"a table row after runes", "  éé  abc def ghi jkl", 13, "  éé  abc def\n      ghi jkl"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := fitWidth(tc.in, tc.width)
			if got != tc.want {
				t.Errorf("fitWidth(%q, %d) =\n%s\nwant\n%s", tc.in, tc.width, got, tc.want)
			}
			if tc.width > 0 {
				for _, l := range strings.Split(got, "\n") {
					if utf8.RuneCountInString(l) > tc.width {
						t.Errorf("line %q is wider than %d", l, tc.width)
					}
				}
			}
		})
	}
}
