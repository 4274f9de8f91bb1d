package render_test

import (
	"bytes"
	"io"
	"testing"

	"github.com/alecthomas/chroma/v2"
	"github.com/alecthomas/chroma/v2/formatters"
	"github.com/alecthomas/chroma/v2/lexers"
	"github.com/alecthomas/chroma/v2/styles"

	"xepl/internal/render"
)

// benchSize is the size of the reply the benchmarks work on.
const benchSize = 1 << 20

// BenchmarkIndent indents a 1 MB roster reply.
func BenchmarkIndent(b *testing.B) {
	raw := rosterReply(benchSize)
	b.SetBytes(int64(len(raw)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := render.Indent(raw); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkTokenise compares the lexers alone, draining their tokens.
func BenchmarkTokenise(b *testing.B) {
	text := string(rosterReply(benchSize))
	for _, l := range benchLexers() {
		b.Run(l.name, func(b *testing.B) {
			b.SetBytes(int64(len(text)))
			b.ReportAllocs()
			for b.Loop() {
				it, err := l.lexer.Tokenise(nil, text)
				if err != nil {
					b.Fatal(err)
				}
				for t := it(); t != chroma.EOF; t = it() {
				}
			}
		})
	}
}

// BenchmarkFormatTTY256 compares the lexers feeding chroma's 256-colour
// formatter, with the same style, into the same buffer.
func BenchmarkFormatTTY256(b *testing.B) {
	text := string(rosterReply(benchSize))
	style := styles.Get("monokai")
	for _, l := range benchLexers() {
		b.Run(l.name, func(b *testing.B) {
			var out bytes.Buffer
			b.SetBytes(int64(len(text)))
			b.ReportAllocs()
			for b.Loop() {
				out.Reset()
				it, err := l.lexer.Tokenise(nil, text)
				if err != nil {
					b.Fatal(err)
				}
				if err := formatters.TTY256.Format(&out, style, it); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(out.Len())/float64(len(text)), "out/in")
		})
	}
}

// BenchmarkHighlight runs Highlighter.Highlight with the default style.
func BenchmarkHighlight(b *testing.B) {
	raw := rosterReply(benchSize)
	for _, c := range []render.Colour{render.Colours16, render.Colours256, render.TrueColour} {
		b.Run(c.String(), func(b *testing.B) {
			h := render.NewHighlighter("", c)
			b.SetBytes(int64(len(raw)))
			b.ReportAllocs()
			for b.Loop() {
				if err := h.Highlight(io.Discard, raw); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkIndentHighlight is what showing a big reply on a 256-colour
// terminal costs: indent, then highlight. The baseline in the same run
// highlights with chroma's stock XML lexer and the same style and
// formatter.
func BenchmarkIndentHighlight(b *testing.B) {
	raw := rosterReply(benchSize)
	b.Run("xepl", func(b *testing.B) {
		h := render.NewHighlighter("", render.Colours256)
		b.SetBytes(int64(len(raw)))
		b.ReportAllocs()
		for b.Loop() {
			out, err := render.Indent(raw)
			if err != nil {
				b.Fatal(err)
			}
			if err := h.Highlight(io.Discard, out); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("stock-chroma", func(b *testing.B) {
		style := styles.Get(render.NewHighlighter("", render.Colours256).Style())
		stock := lexers.Get("xml")
		b.SetBytes(int64(len(raw)))
		b.ReportAllocs()
		for b.Loop() {
			out, err := render.Indent(raw)
			if err != nil {
				b.Fatal(err)
			}
			it, err := stock.Tokenise(nil, string(out))
			if err != nil {
				b.Fatal(err)
			}
			if err := formatters.TTY256.Format(io.Discard, style, it); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// benchLexers are the lexers compared: ours and chroma's stock XML lexer,
// coalesced as chroma's own quick.Highlight would use it.
func benchLexers() []struct {
	name  string
	lexer chroma.Lexer
} {
	return []struct {
		name  string
		lexer chroma.Lexer
	}{
		{"ours", render.NewLexer()},
		{"stock", chroma.Coalesce(lexers.Get("xml"))},
	}
}

// BenchmarkTagWrap breaks the indented text of a 1 MB roster reply for
// an 80-column terminal, where most of its item lines are too wide, in
// Show's 64 KB pieces, against Highlight of the same text: what breaking
// tags adds to showing a big reply on a terminal.
func BenchmarkTagWrap(b *testing.B) {
	pretty, err := render.Indent(rosterReply(benchSize))
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(pretty)))
	b.Run("wrap", func(b *testing.B) {
		b.ReportAllocs()
		var buf []byte
		for b.Loop() {
			w := render.NewTagWrapper(80)
			for rest := pretty; len(rest) > 0; {
				n := min(len(rest), 64<<10)
				if i := bytes.IndexByte(rest[n:], '<'); i >= 0 {
					n += i
				} else {
					n = len(rest)
				}
				buf = w.Wrap(buf[:0], rest[:n])
				rest = rest[n:]
			}
		}
	})
	b.Run("highlight", func(b *testing.B) {
		h := render.NewHighlighter("", render.Colours256)
		for b.Loop() {
			h.Highlight(io.Discard, pretty)
		}
	})
}
