package rawxml_test

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"

	"xepl/internal/rawxml"
)

// The tests in this file check that what the parser, the Splitter and
// Redact find in a tag with many attributes or under many open elements
// does not change past the depth from which they index their stacks
// (32): each case runs at sizes on both sides of it.

var hostileCounts = []int{1, 5, 31, 32, 33, 100, 1000}

// attrsWith returns a start tag with n attributes a0..a(n-1) and then
// extra.
func attrsWith(n int, extra string) string {
	var b strings.Builder
	b.WriteString("<a")
	for i := range n {
		fmt.Fprintf(&b, " a%d='%d'", i, i)
	}
	return b.String() + extra + "/>"
}

// TestParseManyAttributesErrors checks duplicates among many attributes:
// same message, same place.
func TestParseManyAttributesErrors(t *testing.T) {
	for _, n := range hostileCounts {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			if _, err := rawxml.Parse([]byte(attrsWith(n, ""))); err != nil {
				t.Fatalf("%d distinct attributes: %v", n, err)
			}
			for _, dup := range []int{0, n / 2, n - 1} {
				src := attrsWith(n, fmt.Sprintf(" a%d='again' b='1'", dup))
				wantCol := strings.Index(src, " a"+fmt.Sprint(dup)+"='again'") + 2
				checkSyntaxError(t, src, 1, wantCol, fmt.Sprintf("duplicate attribute a%d", dup))
			}
		})
	}
}

// TestParseManyPrefixedAttributes checks the repetition of an expanded
// name among many prefixed attributes: the message names the first
// attribute it repeats.
func TestParseManyPrefixedAttributes(t *testing.T) {
	for _, n := range hostileCounts {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			var b strings.Builder
			b.WriteString("<a")
			for i := range n {
				fmt.Fprintf(&b, " xmlns:p%d='urn:%d' p%d:x='%d'", i, i, i, i)
			}
			ok := b.String() + "/>"
			if _, err := rawxml.Parse([]byte(ok)); err != nil {
				t.Fatalf("%d prefixed attributes: %v", n, err)
			}
			k := n / 2
			src := b.String() + fmt.Sprintf(" xmlns:q='urn:%d' q:x='again' xmlns:r='urn:%d' r:x='again'/>", k, k)
			checkSyntaxError(t, src, 1, strings.Index(src, " q:x")+2,
				fmt.Sprintf("attribute q:x repeats p%d:x: prefixes p%d and q name the same namespace urn:%d", k, k, k))
		})
	}
}

// TestParseDeepScopes checks prefixes resolved under many open elements,
// each declaring the same prefix again and one of its own: the innermost
// declaration wins, and a declaration goes out of scope with its element.
func TestParseDeepScopes(t *testing.T) {
	for _, n := range hostileCounts {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			var b strings.Builder
			for i := range n {
				fmt.Fprintf(&b, "<e xmlns:s='urn:%d' xmlns:p%d='urn:%d'>", i, i, i)
			}
			open := b.String()
			// The innermost s and p(n-1) name the same namespace.
			src := open + fmt.Sprintf("<x s:a='1' p%d:a='2'/>", n-1) + strings.Repeat("</e>", n)
			checkSyntaxError(t, src, 1, len(open)+len("<x s:a='1' ")+1,
				fmt.Sprintf("attribute p%d:a repeats s:a: prefixes s and p%d name the same namespace urn:%d", n-1, n-1, n-1))
			// Half the elements closed, s is the one declared at depth
			// n-n/2-1 again, and the prefixes of the closed ones are gone.
			closed := n / 2
			d := n - closed - 1
			prefix := open + strings.Repeat("</e>", closed)
			src = prefix + fmt.Sprintf("<x s:a='1' p%d:a='2'/>", d) + strings.Repeat("</e>", n-closed)
			checkSyntaxError(t, src, 1, len(prefix)+len("<x s:a='1' ")+1,
				fmt.Sprintf("attribute p%d:a repeats s:a: prefixes s and p%d name the same namespace urn:%d", d, d, d))
			if closed > 0 {
				src = prefix + fmt.Sprintf("<p%d:x/>", n-1) + strings.Repeat("</e>", n-closed)
				checkSyntaxError(t, src, 1, len(prefix)+2,
					fmt.Sprintf("namespace prefix p%d is not declared (add xmlns:p%d='...' to this or an enclosing element)", n-1, n-1))
			}
			src = open + "<s:x/>" + strings.Repeat("</e>", n)
			if _, err := rawxml.Parse([]byte(src)); err != nil {
				t.Errorf("well-formed: %v", err)
			}
		})
	}
}

func checkSyntaxError(t *testing.T, src string, line, col int, msg string) {
	t.Helper()
	_, err := rawxml.Parse([]byte(src))
	var se *rawxml.SyntaxError
	if !errors.As(err, &se) {
		t.Fatalf("Parse(%.60q...) = %v, want a syntax error", src, err)
	}
	if se.Line != line || se.Column != col || se.Msg != msg {
		t.Errorf("got line %d, column %d: %s\nwant line %d, column %d: %s", se.Line, se.Column, se.Msg, line, col, msg)
	}
}

// TestSplitterDeep checks how the Splitter ends deep elements: a
// well-formed one, one with end tags that close nothing, and one whose
// end tag closes an outer element and leaves inner ones open.
func TestSplitterDeep(t *testing.T) {
	for _, n := range hostileCounts {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			var open, closeAll strings.Builder
			for i := range n {
				fmt.Fprintf(&open, "<e%d><x>", i%7)
			}
			for i := n - 1; i >= 0; i-- {
				fmt.Fprintf(&closeAll, "</x></e%d>", i%7)
			}
			good := "<r>" + open.String() + closeAll.String() + "</r>"
			stray := "<r>" + open.String() + strings.Repeat("</y>", n) + closeAll.String() + "</r>"
			// </r> closes the root with everything inside left open; the
			// end tags after it are junk.
			outer := "<r>" + open.String() + "</r>"
			cases := []struct {
				name, in string
				want     []rawxml.Unit
			}{
				{"well-formed", good + "<b/>", []rawxml.Unit{elem(good, "r", "", ""), elem("<b/>", "b", "", "")}},
				{"stray end tags", stray + "<b/>", []rawxml.Unit{junk(stray), elem("<b/>", "b", "", "")}},
				{"outer end tag", outer + "</x><b/>", []rawxml.Unit{junk(outer), junk("</x>"), elem("<b/>", "b", "", "")}},
				{"same name nested", strings.Repeat("<x>", n) + strings.Repeat("</x>", n) + "<b/>",
					[]rawxml.Unit{elem(strings.Repeat("<x>", n)+strings.Repeat("</x>", n), "x", "", ""), elem("<b/>", "b", "", "")}},
			}
			for _, c := range cases {
				in := []byte(c.in)
				if d := diffUnits(split(in), c.want); d != "" {
					t.Errorf("%s, one write: %s", c.name, d)
				}
				if d := diffUnits(mergeJunk(split(in, 3, 5, 7, 11, 13, 17)), mergeJunk(c.want)); d != "" {
					t.Errorf("%s, in pieces: %s", c.name, d)
				}
			}
		})
	}
}

// TestSplitterManyHeaderPrefixes checks namespaces resolved against a
// stream header with many prefixes: the first declaration of a prefix
// counts, as before.
func TestSplitterManyHeaderPrefixes(t *testing.T) {
	for _, n := range hostileCounts {
		var h strings.Builder
		h.WriteString("<stream:stream xmlns:stream='" + nsStreams + "'")
		for i := range n {
			fmt.Fprintf(&h, " xmlns:p%d='urn:%d'", i, i)
		}
		h.WriteString(" xmlns:p0='urn:again'>")
		hdr := h.String()
		in := hdr + fmt.Sprintf("<p%d:x/><p0:y/><q:z/>", n-1)
		want := []rawxml.Unit{
			unit(rawxml.KindStreamOpen, hdr, "stream", "stream", nsStreams),
			elem(fmt.Sprintf("<p%d:x/>", n-1), "x", fmt.Sprintf("p%d", n-1), fmt.Sprintf("urn:%d", n-1)),
			elem("<p0:y/>", "y", "p0", "urn:0"),
			elem("<q:z/>", "z", "q", ""),
		}
		if d := diffUnits(split([]byte(in)), want); d != "" {
			t.Errorf("%d prefixes: %s", n, d)
		}
	}
}

// TestRedactDeep checks secrets found under many open elements: a
// data-form value whose field is far up, behind end tags that close
// nothing, and namespaces declared far up and shadowed below.
func TestRedactDeep(t *testing.T) {
	for _, n := range hostileCounts {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			var b strings.Builder
			b.WriteString("<r xmlns:f='jabber:x:data' xmlns:o='urn:other'><f:x><f:field type='text-private'>")
			for i := range n {
				fmt.Fprintf(&b, "<f:e xmlns:o%d='urn:%d' xmlns:f='urn:not-forms'>", i, i)
			}
			b.WriteString("<f:value>not secret</f:value>")
			b.WriteString(strings.Repeat("</stray>", n))
			b.WriteString(strings.Repeat("</f:e>", n))
			b.WriteString("<f:value>secret</f:value></f:field></f:x></r>")
			in := b.String()
			want := strings.Replace(in, ">secret<", ">"+rawxml.Mask+"<", 1)
			if got := rawxml.Redact([]byte(in)); !bytes.Equal(got, []byte(want)) {
				t.Errorf("Redact masked %d secrets, want 1", bytes.Count(got, []byte(rawxml.Mask)))
			}
		})
	}
}
