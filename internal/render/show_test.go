package render

import (
	"bytes"
	"strings"
	"testing"
)

// TestShowMatchesHighlight checks that Show, which writes a big stanza
// read quickly in pieces, writes byte for byte what Highlight writes for
// its whole Indent, at every colour level, and that a stanza the quick
// reader declines is shown whole alike.
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
		for _, c := range []Colour{None, Colours16, Colours256, TrueColour} {
			h := NewHighlighter("", c)
			var shown, whole bytes.Buffer
			if err := d.Show(&shown, h); err != nil {
				t.Fatal(err)
			}
			h.Highlight(&whole, pretty)
			if !bytes.Equal(shown.Bytes(), whole.Bytes()) {
				t.Errorf("streamed %v, colour %v: Show wrote %d bytes, Highlight %d", d.Streamed(), c, shown.Len(), whole.Len())
			}
		}
	}
}
