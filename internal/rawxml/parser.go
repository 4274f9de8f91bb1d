package rawxml

import (
	"bytes"
	"unicode/utf8"
)

// parser is the strict scanner behind Parse. Its methods return nil,
// ErrIncomplete when src ends early, or an *offsetError.
type parser struct {
	src    []byte
	pos    int
	open   []openTag
	ns     scope
	attrs  []strictAttr // scratch space for the start tag being read
	names  attrSet      // the names among attrs, once there are many
	root   Element      // the top-level element being read
	rootAt int          // offset of its '<'
	out    []Element
}

// openTag is an element whose end tag has not been read yet.
type openTag struct {
	name  []byte // qualified name as written
	nsLen int    // parser.ns.mark() before the element's own declarations
}

// strictAttr is an attribute read by the strict parser.
type strictAttr struct {
	name         []byte
	off          int // offset of its name
	valStart, ve int // its value, without quotes
}

// run reads top-level elements until src ends.
func (p *parser) run() ([]Element, error) {
	for {
		if len(p.open) == 0 {
			p.pos = skipSpace(p.src, p.pos)
			if p.pos == len(p.src) {
				if len(p.out) == 0 {
					return nil, ErrIncomplete
				}
				return p.out, nil
			}
			if p.src[p.pos] != '<' {
				return nil, failAt(p.pos, "text %q outside an element: only white space may come between elements", snippet(p.src[p.pos:]))
			}
		} else if err := p.text(); err != nil {
			return nil, err
		}
		if err := p.markup(); err != nil {
			return nil, err
		}
	}
}

// skipSpace returns the offset of the first non-space byte at or after i.
func skipSpace(b []byte, i int) int {
	for i < len(b) && isSpace(b[i]) {
		i++
	}
	return i
}

// snippet returns the start of b up to white space or '<', at most 16
// characters, to quote in a message.
func snippet(b []byte) string {
	n, i := 0, 0
	for i < len(b) && n < 16 && !isSpace(b[i]) && b[i] != '<' {
		_, size := utf8.DecodeRune(b[i:])
		i += size
		n++
	}
	return string(b[:i])
}

// text reads character data inside an element up to the next '<'.
func (p *parser) text() error {
	for p.pos < len(p.src) {
		switch p.src[p.pos] {
		case '<':
			return nil
		case '&':
			if err := p.reference(); err != nil {
				return err
			}
		case ']':
			if bytes.HasPrefix(p.src[p.pos:], []byte("]]>")) {
				return failAt(p.pos, "]]> is not allowed in text: write ]]&gt;")
			}
			p.pos++
		default:
			p.pos++
		}
	}
	return ErrIncomplete
}

// reference checks the entity or character reference at p.pos (a '&') and
// moves past it.
func (p *parser) reference() error {
	src, start := p.src, p.pos
	i := start + 1
	if i == len(src) {
		return ErrIncomplete
	}
	if src[i] == '#' {
		i++
		hex := i < len(src) && src[i] == 'x'
		if hex {
			i++
		}
		digits, v := i, 0
		for i < len(src) && isDigit(src[i], hex) {
			if v <= 0x10FFFF {
				v = v*base(hex) + digitValue(src[i])
			}
			i++
		}
		if i == len(src) {
			return ErrIncomplete
		}
		if i == digits || src[i] != ';' {
			return failAt(start, "malformed character reference %q: expected &#digits; or &#xhex; (write a literal & as &amp;)", src[start:i+1])
		}
		if v > 0x10FFFF || !isChar(rune(v)) {
			return failAt(start, "%s does not name a character allowed in XML", src[start:i+1])
		}
		p.pos = i + 1
		return nil
	}
	end := nameEnd(src, i)
	if end == len(src) {
		return ErrIncomplete
	}
	if end == i || src[end] != ';' {
		return failAt(start, "unescaped &: write a literal & as &amp;")
	}
	if _, ok := predefined[string(src[i:end])]; !ok {
		return failAt(start, "unknown entity &%s;: only &lt; &gt; &amp; &apos; &quot; and character references such as &#160; are allowed", src[i:end])
	}
	p.pos = end + 1
	return nil
}

func isDigit(c byte, hex bool) bool {
	return c >= '0' && c <= '9' || hex && (c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F')
}

func base(hex bool) int {
	if hex {
		return 16
	}
	return 10
}

func digitValue(c byte) int {
	switch {
	case c <= '9':
		return int(c - '0')
	case c >= 'a':
		return int(c-'a') + 10
	default:
		return int(c-'A') + 10
	}
}

// markup reads the markup that starts at p.pos (a '<').
func (p *parser) markup() error {
	start := p.pos
	if start+1 == len(p.src) {
		return ErrIncomplete
	}
	switch p.src[start+1] {
	case '/':
		return p.endTag()
	case '!':
		return p.bang()
	case '?':
		return p.procInst()
	}
	return p.startTag()
}

// Messages for markup that RFC 6120 §11.1 forbids on a stream.
const (
	msgComment  = "comments are not allowed on an XMPP stream (RFC 6120 §11.1)"
	msgDoctype  = "a DOCTYPE is not allowed on an XMPP stream (RFC 6120 §11.1)"
	msgProcInst = "processing instructions are not allowed on an XMPP stream (RFC 6120 §11.1)"
	msgXMLDecl  = "an XML declaration <?xml ...?> is not allowed inside a stream: type only the element"
)

// bang reads markup starting with "<!": only a CDATA section inside an
// element is acceptable.
func (p *parser) bang() error {
	start := p.pos
	rest := p.src[start:]
	const cdata, comment, doctype = "<![CDATA[", "<!--", "<!DOCTYPE"
	switch {
	case bytes.HasPrefix(rest, []byte(cdata)):
		if len(p.open) == 0 {
			return failAt(start, "CDATA section outside an element")
		}
		end := bytes.Index(rest[len(cdata):], []byte("]]>"))
		if end < 0 {
			return ErrIncomplete
		}
		p.pos = start + len(cdata) + end + 3
		return nil
	case len(p.open) > 0 && isPrefixOf(rest, cdata):
		return ErrIncomplete
	case len(rest) > 2 && isPrefixOf(rest[:min(len(rest), len(comment))], comment):
		return failAt(start, msgComment)
	case len(rest) > 2 && isPrefixOf(rest[:min(len(rest), len(doctype))], doctype):
		return failAt(start, msgDoctype)
	case len(rest) > 2 && isPrefixOf(rest, cdata):
		return failAt(start, "CDATA section outside an element")
	case len(rest) == 2:
		return ErrIncomplete
	}
	return failAt(start, "unexpected markup after <!: only <![CDATA[...]]> sections may start with <!")
}

// isPrefixOf reports whether b is a prefix of s.
func isPrefixOf(b []byte, s string) bool {
	return len(b) <= len(s) && string(b) == s[:len(b)]
}

// procInst rejects markup starting with "<?".
func (p *parser) procInst() error {
	rest := p.src[p.pos:]
	if bytes.HasPrefix(rest, []byte("<?xml")) && (len(rest) == 5 || isSpace(rest[5]) || rest[5] == '?') {
		return failAt(p.pos, msgXMLDecl)
	}
	return failAt(p.pos, msgProcInst)
}

// endTag reads an end tag and checks that it closes the innermost open
// element.
func (p *parser) endTag() error {
	src, start := p.src, p.pos
	nameAt := start + 2
	end := nameEnd(src, nameAt)
	if end == len(src) {
		return ErrIncomplete
	}
	if end == nameAt {
		return failAt(nameAt, "expected an element name after </")
	}
	name := src[nameAt:end]
	i := skipSpace(src, end)
	if i == len(src) {
		return ErrIncomplete
	}
	if src[i] != '>' {
		return failAt(i, "unexpected %q in end tag </%s>: expected >", runeAt(src, i), name)
	}
	if len(p.open) == 0 {
		return failAt(start, "</%s> has no matching start tag", name)
	}
	top := p.open[len(p.open)-1]
	if !bytes.Equal(name, top.name) {
		return failAt(start, "</%s> does not close <%s>", name, top.name)
	}
	p.open = p.open[:len(p.open)-1]
	p.ns.popTo(top.nsLen)
	p.pos = i + 1
	if len(p.open) == 0 {
		p.finishRoot()
	}
	return nil
}

// runeAt returns the character at b[i], for messages.
func runeAt(b []byte, i int) string {
	_, size := utf8.DecodeRune(b[i:])
	return string(b[i : i+size])
}

// finishRoot records the top-level element that ends at p.pos.
func (p *parser) finishRoot() {
	p.root.Raw = p.src[p.rootAt:p.pos:p.pos]
	p.out = append(p.out, p.root)
	p.root = Element{}
}
