package render

import (
	"bytes"
	"unicode/utf8"

	"xepl/internal/rawxml"
	"xepl/internal/termsafe"
)

// quickPiece is the size from which Show hands the quick writer's buffer
// over (see quickWriter.flush).
const quickPiece = 64 << 10

// quickWriter is the second pass over a quickPlan: it writes what
// printer writes for etree's tree of the same stanza. Given put, it
// hands its buffer to put before a tag once the buffer holds piece
// bytes or more, and reuses it: so the indented text of a big reply is
// never held whole. Every piece then ends just before a '<' that starts
// a tag, where the lexer is between tokens, in character data: each
// piece lexes alone as it does within the whole, and is highlighted
// alone as it would be within the whole.
type quickWriter struct {
	plan *quickPlan
	pos  int // in plan.src
	next int // index in plan.classes of the next element
	printer
	put   func([]byte) error // nil: keep the whole text in buf
	piece int                // the least put is given but for the last piece
	err   error              // the first error of put
}

// indent returns the whole indented text of the plan.
func (p *quickPlan) indent() []byte {
	w := quickWriter{plan: p, printer: printer{buf: make([]byte, 0, len(p.src)+len(p.src)/2)}}
	w.root()
	return w.buf
}

// write hands the indented text of the plan to put in pieces of at
// least piece bytes (but the last), and returns put's first error: after
// one, nothing more is handed over.
func (p *quickPlan) write(put func([]byte) error, piece int) error {
	w := quickWriter{plan: p, put: put, piece: piece, printer: printer{buf: make([]byte, 0, piece+piece/4)}}
	w.root()
	w.flush(0)
	return w.err
}

// root writes the root element, past the white space before it.
func (w *quickWriter) root() {
	w.pos = bytes.IndexByte(w.plan.src, '<')
	w.element(0, true)
}

// flush hands the buffer to put when it holds at least n bytes.
func (w *quickWriter) flush(n int) {
	if w.put == nil || len(w.buf) < max(n, 1) {
		return
	}
	if w.err == nil {
		w.err = w.put(w.buf)
	}
	w.buf = w.buf[:0]
}

// element is quickPrinter.element of old, read from src: it writes the
// element at pos, whose start tag has already been indented to depth.
func (w *quickWriter) element(depth int, indent bool) {
	if depth >= maxIndentDepth {
		indent = false
	}
	src := w.plan.src
	c := w.plan.classes[w.next]
	w.next++
	w.flush(w.piece)
	w.pos++ // <
	name := w.name()
	w.buf = append(w.buf, '<')
	w.buf = append(w.buf, name...) // names of the quick shape are ASCII: safe
	for {
		w.space()
		switch src[w.pos] {
		case '/': // />
			w.pos += 2
			w.buf = append(w.buf, '/', '>')
			return
		case '>':
			w.pos++
			w.content(name, c, depth, indent)
			return
		}
		w.attr()
	}
}

// attr writes the attribute at pos, its value between double quotes.
func (w *quickWriter) attr() {
	src := w.plan.src
	name := w.name()
	w.space()
	w.pos++ // =
	w.space()
	quote := src[w.pos]
	end := w.pos + 1 + bytes.IndexByte(src[w.pos+1:], quote)
	w.buf = append(w.buf, ' ')
	w.buf = append(w.buf, name...)
	w.buf = append(w.buf, '=', '"')
	w.buf = appendDecoded(w.buf, src[w.pos+1:end], '"')
	w.buf = append(w.buf, '"')
	w.pos = end + 1
}

// content writes what the element name holds (c says what) and its end
// tag, which are at pos.
func (w *quickWriter) content(name []byte, c content, depth int, indent bool) {
	src := w.plan.src
	if c == empty {
		w.buf = append(w.buf, '/', '>')
	} else {
		w.buf = append(w.buf, '>')
	}
	laidOut := c == markup && indent
	for {
		lt := bytes.IndexByte(src[w.pos:], '<')
		if lt > 0 {
			text := src[w.pos : w.pos+lt]
			w.pos += lt
			switch {
			case !laidOut:
				w.buf = appendDecoded(w.buf, text, 0)
			case !isSpaceBytes(text):
				w.newline(depth + 1)
				w.buf = appendDecoded(w.buf, text, 0)
			}
		}
		if src[w.pos+1] == '/' {
			break
		}
		if laidOut {
			w.newline(depth + 1)
			w.element(depth+1, true)
		} else {
			w.element(0, false)
		}
	}
	w.pos += 2 + len(name) // </name
	w.space()
	w.pos++ // >
	if c == empty {
		return
	}
	if laidOut {
		w.newline(depth)
	}
	w.flush(w.piece)
	w.buf = append(w.buf, '<', '/')
	w.buf = append(w.buf, name...)
	w.buf = append(w.buf, '>')
}

// name reads the name at pos, checked by the first pass.
func (w *quickWriter) name() []byte {
	n, _ := quickName(w.plan.src[w.pos:])
	w.pos += n
	return w.plan.src[w.pos-n : w.pos]
}

// space skips white space at pos.
func (w *quickWriter) space() {
	for isQuickSpace(w.plan.src[w.pos]) {
		w.pos++
	}
}

// appendDecoded appends text or a value (quote not 0) of the quick shape
// as appendEscaped appends it once its entities are decoded: escaping is
// character by character, so each run between entities is escaped, and
// each entity's character, without building the decoded text.
func appendDecoded(dst, b []byte, quote byte) []byte {
	for {
		amp := bytes.IndexByte(b, '&')
		if amp < 0 {
			return appendEscapedBytes(dst, b, quote)
		}
		dst = appendEscapedBytes(dst, b[:amp], quote)
		char, ref := entityOf(b[amp:])
		dst = appendEscaped(dst, char, quote)
		b = b[amp+len(ref):]
	}
}

// appendEscapedBytes is appendEscaped for bytes.
func appendEscapedBytes(dst, b []byte, quote byte) []byte {
	esc := func(dst, b []byte) []byte {
		if quote == 0 {
			return rawxml.AppendEscapedTextBytes(dst, b)
		}
		return rawxml.AppendEscapedAttrBytes(dst, b, quote)
	}
	if termsafe.SafeBytes(b) {
		return esc(dst, b)
	}
	last := 0
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r != utf8.RuneError && termsafe.Forbidden(r) {
			dst = esc(dst, b[last:i])
			dst = appendCharRef(dst, r)
			last = i + n
		}
		i += n
	}
	return esc(dst, b[last:])
}
