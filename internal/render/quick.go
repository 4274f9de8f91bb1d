package render

import (
	"bytes"
	"unicode/utf8"
)

// This file reads the common shape of a big reply (elements, attributes
// and text, nothing else) without etree. Parsing with etree, through
// encoding/xml, costs some 20 ms a megabyte, most of showing a big reply,
// and its tree is several times the reply; reading that shape straight
// from the bytes costs a tenth of the time and builds no tree at all.
//
// It takes two passes over the bytes, read in place. The first (this
// file) checks the shape, declining (returning false) at the first
// thing outside it, or that it cannot be sure etree would read as it
// does; it notes what each element holds (a byte an element) and keeps
// the outline the notes are drawn from. The second (quickwrite.go)
// writes exactly what Document.Indent writes, in pieces if asked. A fuzz
// target checks the output is Indent's whenever the first pass does not
// decline.
//
// The shape: white space, one element, white space. Names of ASCII
// letters, digits, _ - and . with at most one colon, between two
// non-empty parts. Attributes separated by white space, their values
// quoted. Text and values of characters XML allows (no carriage return,
// which the parser would rewrite), with no & but the five predefined
// entities and no ]]>. No comment, processing instruction, CDATA section
// or declaration; no repeated attribute; end tags that match, at most 256
// levels deep.

// maxQuickDepth bounds the nesting the quick reader reads.
const maxQuickDepth = 256

// quickPlan is a stanza of the quick shape, checked: src is read in
// place, not copied, and must not change while the plan is in use.
type quickPlan struct {
	src []byte
	// classes says what each element holds, in document order: how the
	// writer lays it out (see classify).
	classes []content
	// outline is the root's start and end tags with its children's start
	// tags, emptied, between them, and its error children whole: what
	// ParseOutline describes.
	outline []byte
}

// planQuick checks src, or declines.
func planQuick(src []byte) (*quickPlan, bool) {
	q := quickChecker{src: src}
	if !q.document() {
		return nil, false
	}
	return &quickPlan{src: src, classes: q.classes, outline: q.outline}, true
}

// quickChecker is the first pass over src.
type quickChecker struct {
	src     []byte
	pos     int
	classes []content
	outline []byte
	attrs   []nameSpan // the attribute names of the tag being read
}

// nameSpan locates a name in src.
type nameSpan struct{ from, to int }

// document reads white space, the root element and white space.
func (q *quickChecker) document() bool {
	q.space()
	if q.pos >= len(q.src) || q.src[q.pos] != '<' || !q.element(0) {
		return false
	}
	q.space()
	return q.pos == len(q.src)
}

// space skips XML white space (less the carriage return, declined).
func (q *quickChecker) space() bool {
	start := q.pos
	for q.pos < len(q.src) && isQuickSpace(q.src[q.pos]) {
		q.pos++
	}
	return q.pos > start
}

// isQuickSpace reports whether c is white space of the quick shape.
func isQuickSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' }

// element reads an element whose < is at pos.
func (q *quickChecker) element(depth int) bool {
	if depth >= maxQuickDepth {
		return false
	}
	lt := q.pos
	q.pos++
	name, ok := q.name()
	if !ok {
		return false
	}
	k := len(q.classes)
	q.classes = append(q.classes, empty)
	q.attrs = q.attrs[:0]
	for {
		spaced := q.space()
		if q.pos >= len(q.src) {
			return false
		}
		switch q.src[q.pos] {
		case '>':
			q.pos++
			q.outlineStart(depth, lt, name, false)
			c, endTag, ok := q.content(name, depth)
			if !ok {
				return false
			}
			q.classes[k] = c
			q.outlineEnd(depth, lt, endTag, name)
			return true
		case '/':
			if q.pos+1 >= len(q.src) || q.src[q.pos+1] != '>' {
				return false
			}
			q.pos += 2
			q.outlineStart(depth, lt, name, true)
			return true
		}
		if !spaced || !q.attr() {
			return false
		}
	}
}

// attr reads name="value" or name='value'.
func (q *quickChecker) attr() bool {
	from := q.pos
	name, ok := q.name()
	if !ok {
		return false
	}
	for _, a := range q.attrs {
		if bytes.Equal(q.src[a.from:a.to], name) {
			return false // Indent's error to report
		}
	}
	q.attrs = append(q.attrs, nameSpan{from, q.pos})
	q.space()
	if q.pos >= len(q.src) || q.src[q.pos] != '=' {
		return false
	}
	q.pos++
	q.space()
	if q.pos >= len(q.src) || q.src[q.pos] != '"' && q.src[q.pos] != '\'' {
		return false
	}
	end := bytes.IndexByte(q.src[q.pos+1:], q.src[q.pos])
	if end < 0 {
		return false
	}
	value := q.src[q.pos+1 : q.pos+1+end]
	q.pos += end + 2
	return bytes.IndexByte(value, '<') < 0 && quickText(value)
}

// content reads the children of the element name, then its end tag, and
// says what it holds, as classify does, and where its end tag starts.
func (q *quickChecker) content(name []byte, depth int) (c content, endTag int, ok bool) {
	elements, hasData, hasText := false, false, false
	// A space without a line break after an element is text if another
	// element follows it (see classify).
	spaceAfterElement := false
	for {
		lt := bytes.IndexByte(q.src[q.pos:], '<')
		if lt < 0 {
			return 0, 0, false
		}
		if lt > 0 {
			text := q.src[q.pos : q.pos+lt]
			if !quickText(text) {
				return 0, 0, false
			}
			// The five entities are not white space: the text is white
			// space as written exactly when it is once decoded.
			hasData = true
			switch {
			case !isSpaceBytes(text):
				hasText = true
			case elements && bytes.IndexByte(text, '\n') < 0:
				spaceAfterElement = true
			}
			q.pos += lt
		}
		rest := q.src[q.pos:]
		switch {
		case len(rest) > 1 && rest[1] == '/':
			endTag = q.pos
			q.pos += 2
			end, ok := q.name()
			if !ok || !bytes.Equal(end, name) {
				return 0, 0, false
			}
			q.space()
			if q.pos >= len(q.src) || q.src[q.pos] != '>' {
				return 0, 0, false
			}
			q.pos++
			switch {
			case elements && hasText:
				return mixed, endTag, true
			case elements:
				return markup, endTag, true
			case hasData:
				return text, endTag, true
			}
			return empty, endTag, true
		case len(rest) > 1 && (rest[1] == '!' || rest[1] == '?'):
			return 0, 0, false // comments, CDATA, declarations: etree's
		}
		if !q.element(depth + 1) {
			return 0, 0, false
		}
		hasText = hasText || spaceAfterElement
		elements = true
	}
}

// outlineStart adds the start tag of an element, which ends at pos, to
// the outline: the root's as it is, a child's emptied, except that of an
// error, which is kept whole when it ends.
func (q *quickChecker) outlineStart(depth, lt int, name []byte, selfClosing bool) {
	switch {
	case depth == 0 || depth == 1 && selfClosing:
		q.outline = append(q.outline, q.src[lt:q.pos]...)
	case depth == 1 && !isError(name):
		q.outline = append(q.outline, q.src[lt:q.pos-1]...)
		q.outline = append(q.outline, "/>"...)
	}
}

// outlineEnd adds the end of an element, whose end tag starts at endTag
// and ends at pos, to the outline: the root's end tag, an error child
// whole.
func (q *quickChecker) outlineEnd(depth, lt, endTag int, name []byte) {
	switch {
	case depth == 0:
		q.outline = append(q.outline, q.src[endTag:q.pos]...)
	case depth == 1 && isError(name):
		q.outline = append(q.outline, q.src[lt:q.pos]...)
	}
}

// isError reports whether an element named name is an error, whatever
// its prefix.
func isError(name []byte) bool {
	return string(name[bytes.LastIndexByte(name, ':')+1:]) == "error"
}

// name reads a name of the quick shape.
func (q *quickChecker) name() ([]byte, bool) {
	n, ok := quickName(q.src[q.pos:])
	q.pos += n
	return q.src[q.pos-n : q.pos], ok
}

// quickName returns the length of the name of the quick shape at the
// start of b, and whether there is one.
func quickName(b []byte) (int, bool) {
	i, colon := 0, -1
	for ; i < len(b); i++ {
		c := b[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', c == '_':
		case '0' <= c && c <= '9', c == '-', c == '.':
			if i == 0 || i == colon+1 {
				return i, false
			}
		case c == ':':
			if colon >= 0 || i == 0 {
				return i, false
			}
			colon = i
		default:
			return i, i > 0 && colon != i-1
		}
	}
	return i, i > 0 && colon != i-1
}

// entities are the predefined entities and what they stand for.
var entities = [...]struct{ ref, char string }{
	{"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", `"`}, {"&apos;", "'"},
}

// quickText reports whether b is text or a value of the quick shape.
func quickText(b []byte) bool {
	for i := 0; i < len(b); {
		c := b[i]
		switch {
		case c == '\t' || c == '\n' || c >= 0x20 && c < utf8.RuneSelf:
			i++
		case c < 0x20:
			return false
		default:
			r, n := utf8.DecodeRune(b[i:])
			if r == utf8.RuneError || !isXMLChar(r) {
				return false
			}
			i += n
		}
	}
	if bytes.Contains(b, []byte("]]>")) {
		return false
	}
	for amp := bytes.IndexByte(b, '&'); amp >= 0; amp = bytes.IndexByte(b, '&') {
		_, ref := entityOf(b[amp:])
		if ref == "" {
			return false
		}
		b = b[amp+len(ref):]
	}
	return true
}

// entityOf returns the predefined entity at the start of b and the
// character it stands for, or "" for both.
func entityOf(b []byte) (char, ref string) {
	for _, e := range entities {
		if len(b) >= len(e.ref) && string(b[:len(e.ref)]) == e.ref {
			return e.char, e.ref
		}
	}
	return "", ""
}

// isXMLChar reports whether XML allows r from U+0080 up.
func isXMLChar(r rune) bool {
	return r <= 0xD7FF || 0xE000 <= r && r <= 0xFFFD || 0x10000 <= r && r <= 0x10FFFF
}

// isSpaceBytes is isWhitespace for bytes.
func isSpaceBytes(b []byte) bool {
	for _, c := range b {
		if !isSpace[c] {
			return false
		}
	}
	return true
}
