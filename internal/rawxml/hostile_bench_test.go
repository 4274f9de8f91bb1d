package rawxml_test

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"xepl/internal/rawxml"
)

// The benchmarks in this file feed the parser and the Splitter input a
// hostile peer or a careless user could send, sized so that a quadratic
// path shows: each runs at 10k and 100k repetitions, and the time per
// repetition should not grow with the count.

// hostileSizes are the repetition counts of the hostile benchmarks.
var hostileSizes = []int{10_000, 100_000}

// manyAttrs returns a start tag with n distinct attributes.
func manyAttrs(n int) []byte {
	var b bytes.Buffer
	b.WriteString("<a")
	for i := range n {
		fmt.Fprintf(&b, " a%d='%d'", i, i)
	}
	b.WriteString("/>")
	return b.Bytes()
}

// manyPrefixedAttrs returns a start tag declaring n prefixes, each used
// by one attribute.
func manyPrefixedAttrs(n int) []byte {
	var b bytes.Buffer
	b.WriteString("<a")
	for i := range n {
		fmt.Fprintf(&b, " xmlns:p%d='urn:%d' p%d:x='%d'", i, i, i, i)
	}
	b.WriteString("/>")
	return b.Bytes()
}

// deepScopes returns n nested elements, each declaring a prefix of its
// own and named with the prefix the outermost declared, so that resolving
// each name passes every declaration in between.
func deepScopes(n int) []byte {
	var b bytes.Buffer
	b.WriteString("<r xmlns:root='urn:root'>")
	for i := range n {
		fmt.Fprintf(&b, "<root:e xmlns:p%d='urn:%d' root:a='%d'>", i, i, i)
	}
	b.WriteString(strings.Repeat("</root:e>", n))
	b.WriteString("</r>")
	return b.Bytes()
}

func benchHostileParse(b *testing.B, build func(int) []byte) {
	for _, n := range hostileSizes {
		src := build(n)
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			b.SetBytes(int64(len(src)))
			for b.Loop() {
				if _, err := rawxml.Parse(src); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/rep")
		})
	}
}

// BenchmarkParseManyAttrs parses one start tag with many attributes: the
// duplicate check must not compare every pair.
func BenchmarkParseManyAttrs(b *testing.B) { benchHostileParse(b, manyAttrs) }

// BenchmarkParseManyPrefixedAttrs parses a start tag with many namespace
// declarations and prefixed attributes.
func BenchmarkParseManyPrefixedAttrs(b *testing.B) { benchHostileParse(b, manyPrefixedAttrs) }

// BenchmarkParseDeepScopes parses deep nesting with a declaration at every
// level.
func BenchmarkParseDeepScopes(b *testing.B) { benchHostileParse(b, deepScopes) }

// BenchmarkParseLongName parses an element whose name is n kilobytes.
func BenchmarkParseLongName(b *testing.B) {
	benchHostileParse(b, func(n int) []byte {
		name := "p:" + strings.Repeat("n", n*1024/10)
		return []byte("<" + name + " xmlns:p='u' p:" + name[2:] + "='v'></" + name + ">")
	})
}

func benchHostileSplit(b *testing.B, build func(int) []byte) {
	for _, n := range hostileSizes {
		src := build(n)
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			b.SetBytes(int64(len(src)))
			for b.Loop() {
				s := rawxml.NewSplitter(nil)
				for p := src; len(p) > 0; {
					k := min(len(p), benchChunk)
					s.Write(p[:k])
					p = p[k:]
				}
				s.Flush()
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/rep")
		})
	}
}

// BenchmarkSplitterStrayEndTags splits an element n levels deep followed
// by n end tags that close nothing open.
func BenchmarkSplitterStrayEndTags(b *testing.B) {
	benchHostileSplit(b, func(n int) []byte {
		return []byte(strings.Repeat("<a>", n) + strings.Repeat("</b>", n) + strings.Repeat("</a>", n))
	})
}

// BenchmarkSplitterManyHeaderPrefixes splits a stream whose header
// declares n prefixes, followed by n elements using the last one.
func BenchmarkSplitterManyHeaderPrefixes(b *testing.B) {
	benchHostileSplit(b, func(n int) []byte {
		var h bytes.Buffer
		h.WriteString("<stream:stream xmlns:stream='http://etherx.jabber.org/streams'")
		for i := range n {
			fmt.Fprintf(&h, " xmlns:p%d='urn:%d'", i, i)
		}
		h.WriteString(">")
		h.WriteString(strings.Repeat(fmt.Sprintf("<p%d:x/>", n-1), n))
		return h.Bytes()
	})
}

// BenchmarkSplitterManyAttrs splits elements with many attributes.
func BenchmarkSplitterManyAttrs(b *testing.B) { benchHostileSplit(b, manyAttrs) }

// deepSecret returns n nested elements, each declaring a prefix and
// named with an outer one, with n end tags that close nothing in the
// middle and a data-form secret at the bottom, so that Redact walks it
// all.
func deepSecret(n int) []byte {
	var b bytes.Buffer
	b.WriteString("<r xmlns:f='jabber:x:data'><f:x><f:field var='password'>")
	for i := range n {
		fmt.Fprintf(&b, "<f:e xmlns:p%d='urn:%d'>", i, i)
	}
	b.WriteString(strings.Repeat("</stray>", n))
	b.WriteString(strings.Repeat("</f:e>", n))
	b.WriteString("<f:value>secret</f:value></f:field></f:x></r>")
	return b.Bytes()
}

// BenchmarkRedactDeep masks the secret of deepSecret.
func BenchmarkRedactDeep(b *testing.B) {
	for _, n := range hostileSizes {
		src := deepSecret(n)
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			b.SetBytes(int64(len(src)))
			for b.Loop() {
				if bytes.Contains(rawxml.Redact(src), []byte("secret<")) {
					b.Fatal("secret not masked")
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/rep")
		})
	}
}
