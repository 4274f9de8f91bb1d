package render

import (
	"strings"
	"unicode/utf8"

	"github.com/beevik/etree"
)

// This file indents the common shape of a big reply (elements,
// attributes and text, nothing else) without etree. Parsing with etree,
// through encoding/xml, costs some 20 ms a megabyte, most of showing a
// big reply; reading that shape straight from the bytes costs a tenth of
// it. quickRead and indent write exactly what Document.Indent writes, or decline
// (returns false) at the first thing outside the shape, or that it cannot
// be sure etree would read as it does: then the reply is parsed with
// etree. A fuzz target checks the two agree whenever it does not decline.
//
// The shape: white space, one element, white space. Names of ASCII
// letters, digits, _ - and . with at most one colon, between two
// non-empty parts. Attributes separated by white space, their values
// quoted. Text and values of characters XML allows (no carriage return,
// which the parser would rewrite), with no & but the five predefined
// entities and no ]]>. No comment, processing instruction, CDATA section
// or declaration; no repeated attribute; end tags that match, at most 256
// levels deep.

// qnode is an element or a run of text of the quick tree: the children of
// an element are the nodes first, next[first], ...
type qnode struct {
	name   string // element name as written; "" for text
	text   string // text, entities decoded
	a0, a1 int32  // an element's attributes are attrs[a0:a1]
	first  int32  // first child, or -1
	next   int32  // next sibling, or -1
}

// qattr is an attribute: its name as written, its value decoded.
type qattr struct{ name, value string }

// maxQuickDepth bounds the nesting quickIndent reads.
const maxQuickDepth = 256

// quickTree is src read into nodes.
type quickTree struct {
	nodes []qnode
	attrs []qattr
	root  int32
	size  int // of src
}

// quickRead reads src, or declines.
func quickRead(src string) (*quickTree, bool) {
	// A node per element and per text between two tags (most elements
	// have two tags: about one and a half nodes a tag), an attribute per
	// =. Sized once, since growing them is what would cost most.
	tags := strings.Count(src, "<")
	q := quickReader{src: src, nodes: make([]qnode, 0, tags+tags/2+1), attrs: make([]qattr, 0, strings.Count(src, "=")+1)}
	root, ok := q.document()
	if !ok {
		return nil, false
	}
	return &quickTree{nodes: q.nodes, attrs: q.attrs, root: root, size: len(src)}, true
}

// indent is what Indent writes for the tree.
func (t *quickTree) indent() []byte {
	p := quickPrinter{nodes: t.nodes, attrs: t.attrs, printer: printer{buf: make([]byte, 0, t.size+t.size/2)}}
	p.element(t.root, 0, true)
	return p.buf
}

// outline is the tree's outline, as ParseOutline describes it, made with
// etree for the notes to read.
func (t *quickTree) outline() *etree.Document {
	doc := etree.NewDocument()
	r := &t.nodes[t.root]
	root := doc.CreateElement(r.name)
	t.copyAttrs(root, r)
	for k := r.first; k >= 0; k = t.nodes[k].next {
		switch c := &t.nodes[k]; {
		case c.name == "":
		case localName(c.name) == "error":
			t.copyElement(root, k)
		default:
			t.copyAttrs(root.CreateElement(c.name), c)
		}
	}
	return doc
}

// copyElement adds node k and all it holds to parent.
func (t *quickTree) copyElement(parent *etree.Element, k int32) {
	n := &t.nodes[k]
	e := parent.CreateElement(n.name)
	t.copyAttrs(e, n)
	for c := n.first; c >= 0; c = t.nodes[c].next {
		if t.nodes[c].name == "" {
			e.CreateText(t.nodes[c].text)
		} else {
			t.copyElement(e, c)
		}
	}
}

// copyAttrs gives e the attributes of node n.
func (t *quickTree) copyAttrs(e *etree.Element, n *qnode) {
	for _, a := range t.attrs[n.a0:n.a1] {
		e.CreateAttr(a.name, a.value)
	}
}

// quickReader reads src into nodes.
type quickReader struct {
	src   string
	pos   int
	nodes []qnode
	attrs []qattr
}

// document reads white space, the root element and white space.
func (q *quickReader) document() (int32, bool) {
	q.space()
	if !strings.HasPrefix(q.src[q.pos:], "<") {
		return 0, false
	}
	root, ok := q.element(0)
	if !ok {
		return 0, false
	}
	q.space()
	return root, q.pos == len(q.src)
}

// space skips XML white space (less the carriage return, declined).
func (q *quickReader) space() bool {
	start := q.pos
	for q.pos < len(q.src) && (q.src[q.pos] == ' ' || q.src[q.pos] == '\t' || q.src[q.pos] == '\n') {
		q.pos++
	}
	return q.pos > start
}

// add appends a node and returns its index.
func (q *quickReader) add(n qnode) int32 {
	q.nodes = append(q.nodes, n)
	return int32(len(q.nodes) - 1)
}

// element reads an element whose < is at pos.
func (q *quickReader) element(depth int) (int32, bool) {
	if depth >= maxQuickDepth {
		return 0, false
	}
	q.pos++ // <
	name, ok := q.name()
	if !ok {
		return 0, false
	}
	a0 := int32(len(q.attrs))
	e := q.add(qnode{name: name, a0: a0, a1: a0, first: -1, next: -1})
	for {
		spaced := q.space()
		if q.pos >= len(q.src) {
			return 0, false
		}
		switch q.src[q.pos] {
		case '>':
			q.pos++
			q.nodes[e].a1 = int32(len(q.attrs))
			return e, q.content(e, name, depth)
		case '/':
			if !strings.HasPrefix(q.src[q.pos:], "/>") {
				return 0, false
			}
			q.pos += 2
			q.nodes[e].a1 = int32(len(q.attrs))
			return e, true
		}
		if !spaced {
			return 0, false
		}
		a, ok := q.attr()
		if !ok {
			return 0, false
		}
		for _, b := range q.attrs[a0:] {
			if b.name == a.name {
				return 0, false // Indent's error to report
			}
		}
		q.attrs = append(q.attrs, a)
	}
}

// attr reads name="value" or name='value'.
func (q *quickReader) attr() (qattr, bool) {
	name, ok := q.name()
	if !ok {
		return qattr{}, false
	}
	q.space()
	if q.pos >= len(q.src) || q.src[q.pos] != '=' {
		return qattr{}, false
	}
	q.pos++
	q.space()
	if q.pos >= len(q.src) || q.src[q.pos] != '"' && q.src[q.pos] != '\'' {
		return qattr{}, false
	}
	quote := q.src[q.pos]
	end := strings.IndexByte(q.src[q.pos+1:], quote)
	if end < 0 {
		return qattr{}, false
	}
	raw := q.src[q.pos+1 : q.pos+1+end]
	q.pos += end + 2
	if strings.IndexByte(raw, '<') >= 0 {
		return qattr{}, false
	}
	value, ok := decodeText(raw)
	return qattr{name, value}, ok
}

// content reads the children of element e, then its end tag.
func (q *quickReader) content(e int32, name string, depth int) bool {
	last := int32(-1)
	link := func(n int32) {
		if last < 0 {
			q.nodes[e].first = n
		} else {
			q.nodes[last].next = n
		}
		last = n
	}
	for {
		lt := strings.IndexByte(q.src[q.pos:], '<')
		if lt < 0 {
			return false
		}
		if lt > 0 {
			text, ok := decodeText(q.src[q.pos : q.pos+lt])
			if !ok {
				return false
			}
			link(q.add(qnode{text: text, first: -1, next: -1}))
			q.pos += lt
		}
		rest := q.src[q.pos:]
		switch {
		case strings.HasPrefix(rest, "</"):
			q.pos += 2
			end, ok := q.name()
			if !ok || end != name {
				return false
			}
			q.space()
			if q.pos >= len(q.src) || q.src[q.pos] != '>' {
				return false
			}
			q.pos++
			return true
		case len(rest) > 1 && (rest[1] == '!' || rest[1] == '?'):
			return false // comments, CDATA, declarations: etree's
		}
		child, ok := q.element(depth + 1)
		if !ok {
			return false
		}
		link(child)
	}
}

// name reads a name of the quick shape.
func (q *quickReader) name() (string, bool) {
	start, colon := q.pos, -1
	for q.pos < len(q.src) {
		c := q.src[q.pos]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', c == '_':
		case '0' <= c && c <= '9', c == '-', c == '.':
			if q.pos == start || q.pos == colon+1 {
				return "", false
			}
		case c == ':':
			if colon >= 0 || q.pos == start {
				return "", false
			}
			colon = q.pos
		default:
			goto done
		}
		q.pos++
	}
done:
	if q.pos == start || colon == q.pos-1 {
		return "", false
	}
	return q.src[start:q.pos], true
}

// entities are the predefined entities and what they stand for.
var entities = [...]struct{ ref, char string }{
	{"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", `"`}, {"&apos;", "'"},
}

// decodeText decodes text or a value of the quick shape, or declines.
func decodeText(s string) (string, bool) {
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == '\t' || c == '\n' || c >= 0x20 && c < utf8.RuneSelf:
			i++
		case c < 0x20:
			return "", false
		default:
			r, n := utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError || !isXMLChar(r) {
				return "", false
			}
			i += n
		}
	}
	if strings.Contains(s, "]]>") {
		return "", false
	}
	amp := strings.IndexByte(s, '&')
	if amp < 0 {
		return s, true
	}
	var b strings.Builder
	b.Grow(len(s))
	for amp >= 0 {
		b.WriteString(s[:amp])
		s = s[amp:]
		found := false
		for _, e := range entities {
			if strings.HasPrefix(s, e.ref) {
				b.WriteString(e.char)
				s = s[len(e.ref):]
				found = true
				break
			}
		}
		if !found {
			return "", false
		}
		amp = strings.IndexByte(s, '&')
	}
	b.WriteString(s)
	return b.String(), true
}

// isXMLChar reports whether XML allows r from U+0080 up.
func isXMLChar(r rune) bool {
	return r <= 0xD7FF || 0xE000 <= r && r <= 0xFFFD || 0x10000 <= r && r <= 0x10FFFF
}

// quickPrinter writes the quick tree as printer writes etree's.
type quickPrinter struct {
	nodes []qnode
	attrs []qattr
	printer
}

// element is printer.element for the quick tree.
func (p *quickPrinter) element(i int32, depth int, indent bool) {
	if depth >= maxIndentDepth {
		indent = false
	}
	e := &p.nodes[i]
	p.buf = append(p.buf, '<')
	p.buf = keepSafe(p.buf, e.name)
	for _, a := range p.attrs[e.a0:e.a1] {
		p.buf = append(p.buf, ' ')
		p.buf = keepSafe(p.buf, a.name)
		p.buf = append(p.buf, '=', '"')
		p.buf = appendEscaped(p.buf, a.value, '"')
		p.buf = append(p.buf, '"')
	}
	c := p.classify(e)
	if c == empty {
		p.buf = append(p.buf, '/', '>')
		return
	}
	p.buf = append(p.buf, '>')
	for k := e.first; k >= 0; k = p.nodes[k].next {
		child := &p.nodes[k]
		switch {
		case c != markup || !indent:
			if child.name == "" {
				p.buf = appendEscaped(p.buf, child.text, 0)
			} else {
				p.element(k, 0, false)
			}
		case child.name == "" && isWhitespace(child.text):
		default:
			p.newline(depth + 1)
			if child.name == "" {
				p.buf = appendEscaped(p.buf, child.text, 0)
			} else {
				p.element(k, depth+1, true)
			}
		}
	}
	if c == markup && indent {
		p.newline(depth)
	}
	p.buf = append(p.buf, '<', '/')
	p.buf = keepSafe(p.buf, e.name)
	p.buf = append(p.buf, '>')
}

// classify is classify for the quick tree.
func (p *quickPrinter) classify(e *qnode) content {
	first, last := -1, -1
	n := 0
	for k := e.first; k >= 0; k = p.nodes[k].next {
		if p.nodes[k].name != "" {
			if first < 0 {
				first = n
			}
			last = n
		}
		n++
	}
	hasData, hasText := false, false
	n = 0
	for k := e.first; k >= 0; k = p.nodes[k].next {
		t := &p.nodes[k]
		switch {
		case t.name != "" || t.text == "":
		case !isWhitespace(t.text):
			hasData, hasText = true, true
		default:
			hasData = true
			if first < n && n < last && !strings.Contains(t.text, "\n") {
				hasText = true
			}
		}
		n++
	}
	switch {
	case first >= 0 && hasText:
		return mixed
	case first >= 0:
		return markup
	case hasData:
		return text
	}
	return empty
}
