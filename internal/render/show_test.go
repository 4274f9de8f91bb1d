package render

import (
	"bytes"
	"strings"
	"testing"
)

// TestShowMatchesHighlight checks that Show, which writes a big stanza
// read quickly in pieces, writes byte for byte what Highlight writes for
// its whole Indent, at every colour level, wrapped for a terminal or
// not, and that a stanza the quick reader declines is shown whole alike.
func TestShowMatchesHighlight(t *testing.T) {
	roster := "<iq type='result'><query xmlns='jabber:iq:roster'>" + strings.Repeat(bigItems, 4) + "</query></iq>"
	declined := "<iq type='result'><query><!-- c -->" + bigItems + "</query></iq>"
	for _, in := range []string{roster, declined} {
		d, err := ParseToShow([]byte(in))
		if err != nil {
			t.Fatal(err)
		}
		if d.Streamed() != (in == roster) {
			t.Fatalf("Streamed = %v for the %d-byte stanza", d.Streamed(), len(in))
		}
		pretty, err := d.Indent()
		if err != nil {
			t.Fatal(err)
		}
		wrapped := NewTagWrapper(30).Wrap(nil, pretty)
		if bytes.Equal(wrapped, pretty) {
			t.Fatal("nothing to wrap at 30 columns: the test would not tell")
		}
		for _, c := range []Colour{None, Colours16, Colours256, TrueColour} {
			h := NewHighlighter("", c)
			for _, width := range []int{0, 30} {
				var wrap *TagWrapper
				want := pretty
				if width > 0 {
					wrap, want = NewTagWrapper(width), wrapped
				}
				var shown, whole bytes.Buffer
				if err := d.Show(&shown, h, wrap); err != nil {
					t.Fatal(err)
				}
				h.Highlight(&whole, want)
				if !bytes.Equal(shown.Bytes(), whole.Bytes()) {
					t.Errorf("streamed %v, colour %v, width %d: Show wrote %d bytes, Highlight %d", d.Streamed(), c, width, shown.Len(), whole.Len())
				}
			}
		}
	}
}
