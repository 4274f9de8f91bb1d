package render

import (
	"bufio"
	"io"

	"github.com/alecthomas/chroma/v2"
	"github.com/alecthomas/chroma/v2/formatters"
)

// Highlighter colours XML for a terminal using a chroma style and one of
// chroma's terminal formatters, fed by this package's Lexer.
//
// A Highlighter is safe for concurrent use. The zero Highlighter writes
// plain text.
type Highlighter struct {
	style     *chroma.Style
	formatter chroma.Formatter // nil: plain output
	lexer     *Lexer
	// escape is what the formatter writes before each token type, for
	// writing tokens without it (see escapes); nil if it could not be
	// read, and the formatter is then used itself.
	escape *escapeTable
}

// NewHighlighter returns a Highlighter using the style called style
// (DefaultStyle for "", an unknown name, or a chroma style xepl does not
// build: only github and monokai, the themes', are known) with as many
// colours as c says. With None (or a level this package does not know),
// Highlight writes its input unchanged.
//
// Whatever the style, plain text keeps the terminal's own colours: see
// DefaultStyle for why.
func NewHighlighter(style string, c Colour) *Highlighter {
	return NewStyleHighlighter(lookupStyle(style, c), c)
}

// NewStyleHighlighter is NewHighlighter with a chroma style of the
// caller's (one of chroma's styles package, say).
func NewStyleHighlighter(style *chroma.Style, c Colour) *Highlighter {
	h := &Highlighter{style: onTerminal(style), lexer: NewLexer()}
	switch c {
	case Colours16:
		h.formatter = formatters.TTY16
	case Colours256:
		h.formatter = formatters.TTY256
	case TrueColour:
		h.formatter = formatters.TTY16m
	}
	if h.formatter != nil {
		if esc, err := escapes(h.formatter, h.style); err == nil {
			h.escape = esc
		}
	}
	return h
}

// Style returns the name of the style in use: DefaultStyle when the name
// given to NewHighlighter was empty or unknown.
func (h *Highlighter) Style() string {
	if h.style == nil {
		return ""
	}
	return h.style.Name
}

// Highlight writes xml to w with terminal colour escapes around its tokens.
// The escapes are all there is to remove to get xml back, as it was when it
// was fit for a terminal (termsafe.Safe), as termsafe.String shows it
// otherwise: Highlight never writes a control character but those of its
// own escapes. Colour is never left on across a line break, so any line
// printed alone (by a pager, say) is coloured right. xml need not be
// well-formed.
func (h *Highlighter) Highlight(w io.Writer, xml []byte) error {
	xml = safeBytes(xml)
	if h.formatter == nil {
		_, err := w.Write(xml)
		return err
	}
	if h.escape == nil {
		return h.format(w, xml)
	}
	_, err := h.highlight(w, xml, nil)
	return err
}

// highlightChunk is the size of the pieces highlight writes: the output
// is several times the input, and a big reply's need not be held whole.
const highlightChunk = 64 << 10

// highlight is Highlight with the escapes read, xml safe, and buf room
// for the output to reuse (nil: made here); it returns buf for the next
// call, so that a stanza highlighted in pieces (Document.Show) makes one
// buffer for all of them.
func (h *Highlighter) highlight(w io.Writer, xml, buf []byte) ([]byte, error) {
	if cap(buf) == 0 {
		buf = make([]byte, 0, highlightChunk+highlightChunk/2)
	}
	buf = buf[:0]
	s := &scanner{src: string(xml)}
	for tok := s.next(); tok.Type != chroma.EOFType; tok = s.next() {
		buf = appendToken(buf, h.escape.of(tok.Type), tok.Value)
		if len(buf) >= highlightChunk {
			if _, err := w.Write(buf); err != nil {
				return buf, err
			}
			buf = buf[:0]
		}
	}
	_, err := w.Write(buf)
	return buf, err
}

// format is Highlight through chroma's formatter itself.
func (h *Highlighter) format(w io.Writer, xml []byte) error {
	// Chroma's terminal formatters make several small writes per token and
	// ignore write errors: the buffer saves the system calls and keeps the
	// first error for Flush to report.
	bw := bufio.NewWriterSize(w, 32<<10)
	it, err := h.lexer.Tokenise(nil, string(xml))
	if err == nil {
		err = h.formatter.Format(bw, h.style, it)
	}
	if ferr := bw.Flush(); err == nil {
		err = ferr
	}
	return err
}
