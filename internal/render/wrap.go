package render

import "bytes"

// A terminal wraps a line too wide for it wherever its edge falls: in
// the middle of an attribute's name or value, so that
// from="localhost" reads as f and rom="localhost" on the next line.
// TagWrapper breaks such a start tag itself, between its attributes,
// where XML allows white space anyway: what is shown stays the same XML,
// and copied off the screen it can be typed or sent again.

// wrapHang is how much further than its own line a start tag's
// continuation lines are indented: past the two columns of a child
// element, so that an attribute carried over is not read as a child.
const wrapHang = 4

// TagWrapper breaks indented XML (as Indent writes it) for a terminal
// of a given width: a start tag that would cross the edge continues on
// the next line, before the first attribute that does not fit. Nothing
// else is touched: text, comments and processing instructions are kept
// as they are, since a break there would change them, and a start tag
// that already spans lines (a stream header shown as it came) is kept
// too. An attribute wider than the terminal stands alone on its line.
// Columns are counted in runes, as the printer's own lines are (see
// columns).
//
// One TagWrapper follows one text: Wrap may be given it in pieces, each
// ending outside markup, as Document.Show hands them over.
type TagWrapper struct {
	width  int
	col    int       // columns written on the current line
	indent int       // its leading spaces
	lead   bool      // nothing but spaces on it yet
	in     inMarkup  // the markup a line ended inside of
	quote  byte      // in a tag, the quote of the value it ended inside of
	attrs  []tagAttr // splitTag's, kept for the next tag
}

// inMarkup is the kind of markup a TagWrapper is inside of, kept as it
// is until its end.
type inMarkup uint8

const (
	wrapText    inMarkup = iota
	wrapTag              // a tag over several lines, or an end tag
	wrapComment          // until -->
	wrapPI               // until ?>
)

// NewTagWrapper returns a TagWrapper for width columns; with width 0 or
// less it copies text unchanged.
func NewTagWrapper(width int) *TagWrapper {
	return &TagWrapper{width: width, lead: true}
}

// Wrap appends src to dst, its wide start tags broken, and returns dst.
func (w *TagWrapper) Wrap(dst, src []byte) []byte {
	if w.width <= 0 {
		return append(dst, src...)
	}
	for len(src) > 0 {
		var n int
		switch w.in {
		case wrapText:
			if n = w.fits(src); n > 0 {
				dst = append(dst, src[:n]...)
				w.newline()
				break
			}
			dst, n = w.text(dst, src)
		case wrapTag:
			n = w.tagRest(src)
			dst = w.plain(dst, src[:n])
		case wrapComment:
			n = w.until(src, "-->")
			dst = w.plain(dst, src[:n])
		case wrapPI:
			n = w.until(src, "?>")
			dst = w.plain(dst, src[:n])
		}
		src = src[n:]
	}
	return dst
}

// fits returns the length of src's first line, its newline included,
// when w is at the start of that line (or past only spaces) and the
// line fits the terminal and holds no comment, processing instruction
// or declaration (no '!' or '?'), which could go on past it: there is
// nothing to break in it then, and nothing to carry to the next. Indent
// writes every tag on one line. It returns 0 otherwise.
func (w *TagWrapper) fits(src []byte) int {
	if !w.lead {
		return 0
	}
	room := min(len(src), w.width-w.col+1) // a longer line cannot fit
	nl := bytes.IndexByte(src[:max(room, 0)], '\n')
	if nl < 0 {
		return 0
	}
	line := src[:nl]
	if bytes.IndexByte(line, '!') >= 0 || bytes.IndexByte(line, '?') >= 0 {
		return 0
	}
	return nl + 1
}

// text writes the text at the start of src up to its first markup, and
// that markup when it is a start tag that ends on its line; for any
// other markup it writes its opening and notes what it is inside of. It
// returns dst and how much of src it took.
func (w *TagWrapper) text(dst, src []byte) ([]byte, int) {
	lt := bytes.IndexByte(src, '<')
	if lt != 0 {
		if lt < 0 {
			lt = len(src)
		}
		return w.plain(dst, src[:lt]), lt
	}
	rest := src[1:]
	switch {
	case bytes.HasPrefix(rest, []byte("!--")):
		w.in = wrapComment
		return w.plain(dst, src[:4]), 4
	case len(rest) > 0 && rest[0] == '?':
		w.in = wrapPI
		return w.plain(dst, src[:2]), 2
	case len(rest) > 0 && (rest[0] == '/' || rest[0] == '!'):
		w.in, w.quote = wrapTag, 0
		return w.plain(dst, src[:1]), 1
	}
	head, attrs, tail, n := splitTag(src, w.attrs[:0])
	w.attrs = attrs
	if n == 0 { // not a tag that ends on its line: kept as it is
		w.in, w.quote = wrapTag, 0
		return w.plain(dst, src[:1]), 1
	}
	return w.tag(dst, head, attrs, tail), n
}

// tagRest is how much of src belongs to the tag w is inside of, up to
// its '>' outside quoted values; it leaves w in text after that '>'.
func (w *TagWrapper) tagRest(src []byte) int {
	for i, c := range src {
		switch {
		case w.quote != 0:
			if c == w.quote {
				w.quote = 0
			}
		case c == '"' || c == '\'':
			w.quote = c
		case c == '>':
			w.in = wrapText
			return i + 1
		}
	}
	return len(src)
}

// until is how much of src belongs to the comment or processing
// instruction w is inside of, up to its end; it leaves w in text after
// that end. (Show's pieces end outside markup, so an end is not cut.)
func (w *TagWrapper) until(src []byte, end string) int {
	if k := bytes.Index(src, []byte(end)); k >= 0 {
		w.in = wrapText
		return k + len(end)
	}
	return len(src)
}

// tag writes a start tag, cut by splitTag, broken before each attribute
// that would cross the edge, when breaking gains room.
func (w *TagWrapper) tag(dst, head []byte, attrs []tagAttr, tail []byte) []byte {
	dst = w.plain(dst, head)
	for k, a := range attrs {
		n := columns(a.text)
		need := n
		if k == len(attrs)-1 {
			need += columns(tail)
		}
		if w.col+len(a.space)+need > w.width && w.col > w.indent+wrapHang {
			dst = append(dst, '\n')
			for range w.indent + wrapHang {
				dst = append(dst, ' ')
			}
			w.col = w.indent + wrapHang
		} else {
			dst = append(dst, a.space...)
			w.col += len(a.space)
		}
		dst = append(dst, a.text...)
		w.counted(a.text, n)
	}
	return w.plain(dst, tail)
}

// tagAttr is one attribute of a start tag and the white space before it.
type tagAttr struct{ space, text []byte }

// splitTag cuts the start tag at the start of src into its name (with
// the '<'), its attributes (appended to attrs), and what closes it ("/>"
// or ">", and any space before), and returns the tag's length. It
// returns a length of 0 when the tag does not end before the end of its
// line, or holds what it cannot read as attributes.
func splitTag(src []byte, attrs []tagAttr) (head []byte, _ []tagAttr, tail []byte, n int) {
	i := 1
	for i < len(src) && !isSpace[src[i]] && src[i] != '/' && src[i] != '>' {
		i++
	}
	head = src[:i]
	for {
		from := i
		for i < len(src) && src[i] == ' ' {
			i++
		}
		switch {
		case i < len(src) && src[i] == '>':
			return head, attrs, src[from : i+1], i + 1
		case i+1 < len(src) && src[i] == '/' && src[i+1] == '>':
			return head, attrs, src[from : i+2], i + 2
		}
		end := attrEnd(src, i)
		if end < 0 || from == i {
			return head, attrs, nil, 0
		}
		attrs = append(attrs, tagAttr{space: src[from:i], text: src[i:end]})
		i = end
	}
}

// attrEnd is the end of the attribute name="value" at t[i:], or -1
// when there is none there on this line.
func attrEnd(t []byte, i int) int {
	eq := i
	for eq < len(t) && t[eq] != '=' && !isSpace[t[eq]] && t[eq] != '>' {
		eq++
	}
	if eq == i || eq >= len(t) || t[eq] != '=' {
		return -1
	}
	q := eq + 1
	for q < len(t) && t[q] == ' ' {
		q++
	}
	if q >= len(t) || t[q] != '"' && t[q] != '\'' {
		return -1
	}
	for k := q + 1; k < len(t) && t[k] != '\n'; k++ {
		if t[k] == t[q] {
			return k + 1
		}
	}
	return -1
}

// plain writes b as it is, keeping count of the columns.
func (w *TagWrapper) plain(dst, b []byte) []byte {
	dst = append(dst, b...)
	for len(b) > 0 {
		nl := bytes.IndexByte(b, '\n')
		if nl < 0 {
			w.advance(b)
			return dst
		}
		w.advance(b[:nl])
		w.newline()
		b = b[nl+1:]
	}
	return dst
}

// newline starts the count of a new line.
func (w *TagWrapper) newline() { w.col, w.indent, w.lead = 0, 0, true }

// advance counts b, which holds no newline, onto the current line.
func (w *TagWrapper) advance(b []byte) { w.counted(b, columns(b)) }

// counted is advance for b of n runes.
func (w *TagWrapper) counted(b []byte, n int) {
	if w.lead {
		spaces := 0
		for spaces < len(b) && b[spaces] == ' ' {
			spaces++
		}
		w.indent += spaces
		w.lead = spaces == len(b)
	}
	w.col += n
}

// columns counts the runes of b as a terminal advances over them: every
// byte but UTF-8's continuation bytes. It is utf8.RuneCount for the
// valid UTF-8 that termsafe leaves, without its copy of the text past
// the first non-ASCII byte (which allocates for each such line).
func columns(b []byte) int {
	n := 0
	for _, c := range b {
		if c&0xC0 != 0x80 {
			n++
		}
	}
	return n
}
