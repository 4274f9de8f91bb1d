package rawxml_test

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"xepl/internal/rawxml"
)

// diffUnits returns a description of the first difference between two
// unit lists, or "".
func diffUnits(got, want []rawxml.Unit) string {
	for i := 0; i < max(len(got), len(want)); i++ {
		if i >= len(got) {
			return fmt.Sprintf("unit %d missing: want %s %q", i, want[i].Kind, want[i].Raw)
		}
		if i >= len(want) {
			return fmt.Sprintf("extra unit %d: %s %q", i, got[i].Kind, got[i].Raw)
		}
		g, w := got[i], want[i]
		if g.Kind != w.Kind || !bytes.Equal(g.Raw, w.Raw) || g.Local != w.Local || g.Prefix != w.Prefix || g.Space != w.Space {
			return fmt.Sprintf("unit %d:\n got %s %q (%q %q %q)\nwant %s %q (%q %q %q)",
				i, g.Kind, g.Raw, g.Local, g.Prefix, g.Space, w.Kind, w.Raw, w.Local, w.Prefix, w.Space)
		}
	}
	return ""
}

func TestSplitterSessions(t *testing.T) {
	sessions := []struct {
		name  string
		units []rawxml.Unit
	}{
		{"server to client", serverSession},
		{"client to server", clientSession},
	}
	for _, sess := range sessions {
		input := concat(sess.units)
		t.Run(sess.name+"/one write", func(t *testing.T) {
			if d := diffUnits(split(input), sess.units); d != "" {
				t.Error(d)
			}
		})
		t.Run(sess.name+"/every split point", func(t *testing.T) {
			for i := 0; i <= len(input); i++ {
				if d := diffUnits(split(input, i), sess.units); d != "" {
					t.Fatalf("split at %d: %s", i, d)
				}
			}
		})
		t.Run(sess.name+"/byte by byte", func(t *testing.T) {
			sizes := make([]int, len(input))
			for i := range sizes {
				sizes[i] = 1
			}
			if d := diffUnits(split(input, sizes...), sess.units); d != "" {
				t.Error(d)
			}
		})
		t.Run(sess.name+"/random chunks", func(t *testing.T) {
			r := rand.New(rand.NewPCG(1, 2))
			for range 500 {
				var sizes []int
				for n := 0; n < len(input); {
					k := r.IntN(40)
					sizes = append(sizes, k)
					n += k
				}
				if d := diffUnits(split(input, sizes...), sess.units); d != "" {
					t.Fatalf("chunks %v: %s", sizes, d)
				}
			}
		})
	}
}

// TestSplitterEveryPairOfSplitPoints cuts a short stream into three
// pieces in every possible way.
func TestSplitterEveryPairOfSplitPoints(t *testing.T) {
	want := []rawxml.Unit{
		unit(rawxml.KindStreamOpen, "<?xml version='1.0'?><stream:stream xmlns='jabber:client' xmlns:stream='"+nsStreams+"'>",
			"stream", "stream", nsStreams),
		elem("<m a='>'><b><![CDATA[<x>]]></b></m>", "m", "", nsClient),
		ws(" \n"),
		elem("<p/>", "p", "", nsClient),
		unit(rawxml.KindStreamClose, "</stream:stream>", "stream", "stream", nsStreams),
	}
	input := concat(want)
	for i := 0; i <= len(input); i++ {
		for j := i; j <= len(input); j++ {
			if d := diffUnits(split(input, i, j-i), want); d != "" {
				t.Fatalf("split at %d and %d: %s", i, j, d)
			}
		}
	}
}

func TestSplitterUnits(t *testing.T) {
	const hdr = "<stream:stream xmlns='jabber:client' xmlns:stream='" + nsStreams + "'>"
	open := unit(rawxml.KindStreamOpen, hdr, "stream", "stream", nsStreams)
	tests := []struct {
		name  string
		input string
		want  []rawxml.Unit
	}{
		{"elements without a stream", "<a/><b x='1'>t</b>",
			[]rawxml.Unit{elem("<a/>", "a", "", ""), elem("<b x='1'>t</b>", "b", "", "")}},
		{"stream in the streams namespace without prefix",
			"<stream xmlns='" + nsStreams + "'><features/></stream>",
			[]rawxml.Unit{
				unit(rawxml.KindStreamOpen, "<stream xmlns='"+nsStreams+"'>", "stream", "", nsStreams),
				elem("<features/>", "features", "", nsStreams),
				unit(rawxml.KindStreamClose, "</stream>", "stream", "", nsStreams)}},
		{"other prefix bound to the streams namespace",
			"<s:stream xmlns:s='" + nsStreams + "' xmlns='jabber:server'><s:features/></s:stream>",
			[]rawxml.Unit{
				unit(rawxml.KindStreamOpen, "<s:stream xmlns:s='"+nsStreams+"' xmlns='jabber:server'>", "stream", "s", nsStreams),
				elem("<s:features/>", "features", "s", nsStreams),
				unit(rawxml.KindStreamClose, "</s:stream>", "stream", "s", nsStreams)}},
		{"comment inside an element", hdr + "<iq><!-- </iq> <x> --></iq>",
			[]rawxml.Unit{open, elem("<iq><!-- </iq> <x> --></iq>", "iq", "", nsClient)}},
		{"processing instruction inside an element", hdr + "<iq><?pi </iq>?></iq>",
			[]rawxml.Unit{open, elem("<iq><?pi </iq>?></iq>", "iq", "", nsClient)}},
		{"same name nested", hdr + "<x><x><x/></x></x>",
			[]rawxml.Unit{open, elem("<x><x><x/></x></x>", "x", "", nsClient)}},
		{"text between elements", hdr + "<a/>hello world<b/>",
			[]rawxml.Unit{open, elem("<a/>", "a", "", nsClient), junk("hello world"), elem("<b/>", "b", "", nsClient)}},
		{"white space then text", hdr + "  x <b/>",
			[]rawxml.Unit{open, ws("  "), junk("x "), elem("<b/>", "b", "", nsClient)}},
		{"comment between elements", hdr + "<!-- hi --><b/>",
			[]rawxml.Unit{open, junk("<!-- hi -->"), elem("<b/>", "b", "", nsClient)}},
		{"stray end tag", hdr + "</iq><b/>",
			[]rawxml.Unit{open, junk("</iq>"), elem("<b/>", "b", "", nsClient)}},
		{"DOCTYPE with internal subset", "<!DOCTYPE x [<!ENTITY a '>'>]><a/>",
			[]rawxml.Unit{junk("<!DOCTYPE x [<!ENTITY a '>'>]>"), elem("<a/>", "a", "", "")}},
		{"CDATA between elements", hdr + "<![CDATA[<a/>]]><b/>",
			[]rawxml.Unit{open, junk("<![CDATA[<a/>]]>"), elem("<b/>", "b", "", nsClient)}},
		{"declaration not followed by a header", "<?xml version='1.0'?> <a/>",
			[]rawxml.Unit{junk("<?xml version='1.0'?> "), elem("<a/>", "a", "", "")}},
		{"two declarations", "<?xml version='1.0'?><?xml version='1.0'?>" + hdr,
			[]rawxml.Unit{junk("<?xml version='1.0'?>"), unit(rawxml.KindStreamOpen, "<?xml version='1.0'?>"+hdr, "stream", "stream", nsStreams)}},
		{"other processing instruction", "<?xml-stylesheet href='a'?>" + hdr,
			[]rawxml.Unit{junk("<?xml-stylesheet href='a'?>"), open}},
		{"mismatched end tag makes junk", hdr + "<iq><query></iq><presence/>",
			[]rawxml.Unit{open, junk("<iq><query></iq>"), elem("<presence/>", "presence", "", nsClient)}},
		{"end tag that closes nothing makes junk", hdr + "<iq></x></iq><presence/>",
			[]rawxml.Unit{open, junk("<iq></x></iq>"), elem("<presence/>", "presence", "", nsClient)}},
		{"less-than inside a value resynchronises", hdr + "<iq id='a<presence/>",
			[]rawxml.Unit{open, junk("<iq id='a"), elem("<presence/>", "presence", "", nsClient)}},
		{"less-than inside a tag resynchronises", hdr + "<iq <presence/>",
			[]rawxml.Unit{open, junk("<iq "), elem("<presence/>", "presence", "", nsClient)}},
		{"less-than not starting markup", hdr + "< hi <a/>",
			[]rawxml.Unit{open, junk("< hi "), elem("<a/>", "a", "", nsClient)}},
		{"less-than in text of an element", hdr + "<a>1 < 2</a><b/>",
			[]rawxml.Unit{open, junk("<a>1 < 2</a>"), elem("<b/>", "b", "", nsClient)}},
		{"header inside an element", hdr + "<message><body>hi" + hdr + "<b/>",
			[]rawxml.Unit{open, junk("<message><body>hi"), open, elem("<b/>", "b", "", nsClient)}},
		{"stream closed inside an element", hdr + "<message><body>hi</stream:stream>",
			[]rawxml.Unit{open, junk("<message><body>hi"), unit(rawxml.KindStreamClose, "</stream:stream>", "stream", "stream", nsStreams)}},
		{"element after the stream closed", hdr + "</stream:stream><iq/>",
			[]rawxml.Unit{open, unit(rawxml.KindStreamClose, "</stream:stream>", "stream", "stream", nsStreams), elem("<iq/>", "iq", "", "")}},
		{"stream element with a prefix declared on the header", hdr + "<stream:error/>",
			[]rawxml.Unit{open, elem("<stream:error/>", "error", "stream", nsStreams)}},
		{"own declaration wins", hdr + "<iq xmlns='jabber:server'/>",
			[]rawxml.Unit{open, elem("<iq xmlns='jabber:server'/>", "iq", "", "jabber:server")}},
		{"self-closing stream tag is an element", "<stream:stream xmlns:stream='" + nsStreams + "'/>",
			[]rawxml.Unit{elem("<stream:stream xmlns:stream='"+nsStreams+"'/>", "stream", "stream", nsStreams)}},
		{"flush of an unfinished element", hdr + "<iq><query",
			[]rawxml.Unit{open, junk("<iq><query")}},
		{"flush of white space", "<a/> \n",
			[]rawxml.Unit{elem("<a/>", "a", "", ""), ws(" \n")}},
		{"flush of a declaration", "<?xml version='1.0'?>",
			[]rawxml.Unit{junk("<?xml version='1.0'?>")}},
		{"flush of an unfinished comment", "<!-- x",
			[]rawxml.Unit{junk("<!-- x")}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			input := []byte(tt.input)
			if d := diffUnits(split(input), tt.want); d != "" {
				t.Errorf("one write: %s", d)
			}
			sizes := make([]int, len(input))
			for i := range sizes {
				sizes[i] = 1
			}
			if d := diffUnits(mergeJunk(split(input, sizes...)), mergeJunk(tt.want)); d != "" {
				t.Errorf("byte by byte: %s", d)
			}
		})
	}
}

// TestSplitterEmitsAsSoonAsComplete checks when units come out, not only
// which.
func TestSplitterEmitsAsSoonAsComplete(t *testing.T) {
	var got []string
	s := rawxml.NewSplitter(func(u rawxml.Unit) { got = append(got, u.Kind.String()+":"+string(u.Raw)) })
	steps := []struct {
		write string
		want  []string // all units emitted so far
	}{
		{"<stream:stream xmlns:stream='" + nsStreams + "'", nil},
		{">", []string{"StreamOpen:<stream:stream xmlns:stream='" + nsStreams + "'>"}},
		{"<iq><a/>", nil},
		{"</iq>  ", []string{"Element:<iq><a/></iq>"}},
		{" ", nil},
		{"\n<", []string{"Whitespace:   \n"}},
		{"p/>garbage", []string{"Element:<p/>", "Junk:garbage"}},
		{" more", []string{"Junk: more"}},
		{"<x>", nil},
	}
	seen := 0
	for _, st := range steps {
		s.Write([]byte(st.write))
		if fmt.Sprint(got[seen:]) != fmt.Sprint(st.want) {
			t.Fatalf("after writing %q: emitted %q, want %q", st.write, got[seen:], st.want)
		}
		seen = len(got)
	}
	s.Flush()
	if fmt.Sprint(got[seen:]) != fmt.Sprint([]string{"Junk:<x>"}) {
		t.Errorf("Flush emitted %q", got[seen:])
	}
	// After Flush the Splitter starts afresh.
	seen = len(got)
	s.Write([]byte("<a/>"))
	if fmt.Sprint(got[seen:]) != fmt.Sprint([]string{"Element:<a/>"}) {
		t.Errorf("after Flush: emitted %q", got[seen:])
	}
}

// TestSplitterBoundedOnGarbage feeds an element that never ends and
// checks that the Splitter gives up on it, emits it as Junk while it is
// still being written, and resynchronises. The limit is lowered to 1 MiB
// so that the test need not write 256 MiB.
func TestSplitterBoundedOnGarbage(t *testing.T) {
	var units []rawxml.Unit
	s := rawxml.NewSplitter(func(u rawxml.Unit) { units = append(units, u) })
	const limit = 1 << 20
	rawxml.SetUnitLimit(s, limit)
	s.Write([]byte("<a>"))
	chunk := []byte(strings.Repeat("x", 4096))
	junkBytes := 0
	for range 2 * limit / len(chunk) {
		s.Write(chunk)
	}
	for _, u := range units {
		if u.Kind != rawxml.KindJunk {
			t.Fatalf("unexpected %s unit", u.Kind)
		}
		junkBytes += len(u.Raw)
	}
	if junkBytes < limit {
		t.Fatalf("only %d bytes emitted out of %d: the Splitter is holding the rest", junkBytes, 2*limit)
	}
	units = nil
	s.Write([]byte("</a><b/>"))
	s.Flush()
	want := []rawxml.Unit{junk("</a>"), elem("<b/>", "b", "", "")}
	if d := diffUnits(units, want); d != "" {
		t.Error(d)
	}
	// Flush starts a new stream, under the same limit.
	units = nil
	s.Write([]byte("<a>"))
	for range 2 * limit / len(chunk) {
		s.Write(chunk)
	}
	if len(units) == 0 {
		t.Error("after Flush, the limit is gone")
	}
}

// TestSplitterLongWhitespace checks that a long run of white space is
// emitted in bounded pieces and nothing else.
func TestSplitterLongWhitespace(t *testing.T) {
	var units []rawxml.Unit
	s := rawxml.NewSplitter(func(u rawxml.Unit) { units = append(units, u) })
	input := strings.Repeat(" ", 200000) + "<a/>"
	s.Write([]byte(input))
	total := 0
	for _, u := range units[:len(units)-1] {
		if u.Kind != rawxml.KindWhitespace || len(u.Raw) > 1<<16 {
			t.Fatalf("got %s unit of %d bytes", u.Kind, len(u.Raw))
		}
		total += len(u.Raw)
	}
	if total != 200000 || units[len(units)-1].Kind != rawxml.KindElement {
		t.Errorf("white space total %d, last unit %s", total, units[len(units)-1].Kind)
	}
}

func TestSplitterWriteReturnsLength(t *testing.T) {
	s := rawxml.NewSplitter(nil)
	for _, p := range []string{"", "<a", "/>", "\xff\xfe"} {
		n, err := s.Write([]byte(p))
		if n != len(p) || err != nil {
			t.Errorf("Write(%q) = %d, %v", p, n, err)
		}
	}
	s.Flush()
}

func TestKindString(t *testing.T) {
	tests := []struct {
		k    rawxml.Kind
		want string
	}{
		{rawxml.KindStreamOpen, "StreamOpen"},
		{rawxml.KindElement, "Element"},
		{rawxml.KindStreamClose, "StreamClose"},
		{rawxml.KindWhitespace, "Whitespace"},
		{rawxml.KindJunk, "Junk"},
		{rawxml.Kind(0), "Kind(0)"},
		{rawxml.Kind(42), "Kind(42)"},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			if got := tt.k.String(); got != tt.want {
				t.Errorf("String() = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestIsStreamTag(t *testing.T) {
	const ns = "http://etherx.jabber.org/streams"
	for _, tt := range []struct {
		in   string
		want bool
	}{
		{"<stream:stream xmlns='jabber:client' xmlns:stream='" + ns + "' to='example.com' version='1.0'>", true},
		{"<?xml version='1.0'?>\n<stream:stream xmlns:stream='" + ns + "'>\n", true},
		{"  <s:stream xmlns:s='" + ns + "'>", true},
		{"<stream xmlns='" + ns + "'>", true},
		{"<stream:stream to='example.com'>", true}, // the prefix alone, as on the wire
		{"</stream:stream>", true},
		{"\n</stream:stream>\n", true},

		{"", false},
		{" \n", false},
		{"<s:stream xmlns:s='urn:other'>", false},
		{"<stream xmlns='urn:other'>", false},
		{"<stream:stream xmlns:stream='" + ns + "'/>", false},
		{"<stream:stream xmlns:stream='" + ns + "'", false},
		{"<stream:stream xmlns:stream='" + ns + "'><stream:features/>", false},
		{"<stream:stream xmlns:stream='" + ns + "'><stream:stream xmlns:stream='" + ns + "'>", false},
		{"<stream:stream xmlns:stream='" + ns + "'></stream:stream>", false},
		{"<stream:stream xmlns:stream='" + ns + "'>junk", false},
		{"<!-- c --><stream:stream xmlns:stream='" + ns + "'>", false},
		{"</s:stream>", false},
		{"<message/>", false},
	} {
		if got := rawxml.IsStreamTag([]byte(tt.in)); got != tt.want {
			t.Errorf("IsStreamTag(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}
