package rawxml_test

import (
	"bytes"
	"fmt"
	"runtime"
	"strings"
	"testing"

	"xepl/internal/rawxml"
)

// bigElement returns an iq result of at least size bytes: a roster of
// many items, as a big server sends.
func bigElement(size int) []byte {
	var b bytes.Buffer
	b.Grow(size + 256)
	b.WriteString("<iq type='result' id='big1'><query xmlns='jabber:iq:roster'>")
	for i := 0; b.Len() < size; i++ {
		fmt.Fprintf(&b, "<item jid='contact%d@example.com' name='Contact %d' subscription='both'><group>Friends</group></item>", i, i)
	}
	b.WriteString("</query></iq>")
	return b.Bytes()
}

// TestSplitterBigElement checks that an element of 20 MiB, more than the
// 16 MiB a Splitter used to hold, still comes out as one element, and
// that splitting it allocates little more than the growing buffer needs:
// no copy of the element per write, and no second copy of it at the end.
func TestSplitterBigElement(t *testing.T) {
	hdr := []byte("<stream:stream xmlns='jabber:client' xmlns:stream='" + nsStreams + "'>")
	el := bigElement(20 << 20)
	var units []rawxml.Unit
	var before, atEmit, after runtime.MemStats
	s := rawxml.NewSplitter(func(u rawxml.Unit) {
		if len(u.Raw) == len(el) {
			runtime.GC()
			runtime.ReadMemStats(&atEmit)
		}
		units = append(units, u)
	})
	runtime.GC()
	runtime.ReadMemStats(&before)
	for _, part := range [][]byte{hdr, el, []byte("<presence/>")} {
		for p := part; len(p) > 0; {
			n := min(len(p), benchChunk)
			s.Write(p[:n])
			p = p[n:]
		}
	}
	runtime.ReadMemStats(&after)
	want := []rawxml.Unit{
		unit(rawxml.KindStreamOpen, string(hdr), "stream", "stream", nsStreams),
		{Kind: rawxml.KindElement, Raw: el, Local: "iq", Space: nsClient},
		elem("<presence/>", "presence", "", nsClient),
	}
	if len(units) != len(want) {
		var kinds []string
		for _, u := range units[:min(len(units), 4)] {
			kinds = append(kinds, fmt.Sprintf("%s of %d bytes", u.Kind, len(u.Raw)))
		}
		t.Fatalf("got %d units (%v...), want 3: the 20 MiB element was not kept whole", len(units), kinds)
	}
	if d := diffUnits(units, want); d != "" {
		t.Fatal(d[:min(len(d), 300)])
	}
	// When the element is emitted, the Splitter holds its buffer, which
	// append grew to at most a quarter more than the element, and nothing
	// else of size: a copy of the element would be another n bytes.
	n := float64(len(el))
	if live := float64(atEmit.HeapAlloc) - float64(before.HeapAlloc); live > 1.5*n {
		t.Errorf("emitting %d bytes, the Splitter holds %.0f (%.2f times as much): a second copy", len(el), live, live/n)
	}
	// Growing a buffer by a quarter at a time to n bytes allocates about
	// 5n to 6n on the way; copying the pending bytes on every Write would
	// allocate thousands of times n.
	if total := float64(after.TotalAlloc - before.TotalAlloc); total > 8*n {
		t.Errorf("splitting %d bytes allocated %.0f (%.1f times as much)", len(el), total, total/n)
	}
}

// TestSplitterBigUnitIsOwn checks that a unit big enough to take over the
// Splitter's buffer is still the receiver's own: it does not change
// afterwards, and the receiver may overwrite it or append to it without
// changing the units after it.
func TestSplitterBigUnitIsOwn(t *testing.T) {
	el := bigElement(200 << 10)
	want := []rawxml.Unit{
		{Kind: rawxml.KindElement, Raw: el, Local: "iq", Space: ""},
		elem("<a/>", "a", "", ""),
		{Kind: rawxml.KindElement, Raw: el, Local: "iq", Space: ""},
		elem("<b/>", "b", "", ""),
	}
	input := concat(want)
	for _, scribble := range []bool{false, true} {
		for _, chunk := range []int{1000, 4096, 65536, len(input)} {
			var units []rawxml.Unit
			s := rawxml.NewSplitter(func(u rawxml.Unit) {
				if !scribble {
					units = append(units, u)
					return
				}
				kept := u
				kept.Raw = bytes.Clone(u.Raw)
				units = append(units, kept)
				for i := range u.Raw {
					u.Raw[i] = '#'
				}
				_ = append(u.Raw, "<junk-after/>"...)
			})
			for p := input; len(p) > 0; {
				n := min(len(p), chunk)
				s.Write(p[:n])
				p = p[n:]
			}
			s.Flush()
			if d := diffUnits(units, want); d != "" {
				t.Errorf("chunks of %d, receiver writing %v: %s", chunk, scribble, d[:min(len(d), 300)])
			}
		}
	}
	// The element ends early in a Write that brings much more after it,
	// among which the start of an element the Splitter keeps.
	after := append(bytes.Repeat([]byte("<a/>"), 1000), "<c>"+strings.Repeat("y", 300<<10)...)
	units := split(append(bytes.Clone(el), after...), len(el)-10)
	if len(units) != 1002 || !bytes.Equal(units[0].Raw, el) || !bytes.Equal(units[1001].Raw, after[4000:]) {
		t.Errorf("element then %d bytes in one write: %d units, the first changed: %v", len(after), len(units), !bytes.Equal(units[0].Raw, el))
	}
}
