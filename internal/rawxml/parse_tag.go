package rawxml

import (
	"bytes"
	"unicode/utf8"
)

// startTag reads a start tag or empty-element tag at p.pos, checks its
// names, attributes and namespace declarations, and opens the element.
func (p *parser) startTag() error {
	src, start := p.src, p.pos
	nameAt := start + 1
	end := nameEnd(src, nameAt)
	if end == nameAt {
		if isSpace(src[nameAt]) {
			return failAt(nameAt, "< must be followed by an element name (write a literal < as &lt;)")
		}
		return failAt(nameAt, "invalid element name: %q cannot start a name", runeAt(src, nameAt))
	}
	if end == len(src) {
		return ErrIncomplete
	}
	name := src[nameAt:end]
	if msg := checkQName(name); msg != "" {
		return failAt(nameAt, "invalid element name %q: %s", name, msg)
	}
	attrs := p.attrs[:0]
	p.names = nil
	i, empty := end, false
	for {
		spaced := i < len(src) && isSpace(src[i])
		i = skipSpace(src, i)
		if i == len(src) {
			return ErrIncomplete
		}
		c := src[i]
		if c == '>' {
			i++
			break
		}
		if c == '/' {
			if i+1 == len(src) {
				return ErrIncomplete
			}
			if src[i+1] != '>' {
				return failAt(i, "expected /> to end the tag <%s>", name)
			}
			i, empty = i+2, true
			break
		}
		a, err := p.attribute(i, spaced, name, attrs)
		if err != nil {
			return err
		}
		attrs = append(attrs, a)
		i = a.ve + 1
	}
	p.attrs = attrs
	mark := p.ns.mark()
	if err := p.declare(attrs); err != nil {
		return err
	}
	if err := p.checkPrefixes(name, nameAt, attrs); err != nil {
		return err
	}
	if len(p.open) == 0 {
		prefix, local := splitQName(name)
		p.rootAt = start
		p.root = Element{Local: string(local), Prefix: string(prefix)}
		for _, b := range p.ns.stack[mark:] {
			if b.prefix == string(prefix) {
				p.root.Space = b.uri
			}
		}
	}
	p.pos = i
	if empty {
		p.ns.popTo(mark)
		if len(p.open) == 0 {
			p.finishRoot()
		}
		return nil
	}
	p.open = append(p.open, openTag{name: name, nsLen: mark})
	return nil
}

// attribute reads one attribute at offset i of a start tag. spaced says
// whether white space came before it; attrs are the tag's attributes so
// far, to find duplicates.
func (p *parser) attribute(i int, spaced bool, tag []byte, attrs []strictAttr) (strictAttr, error) {
	src := p.src
	end := nameEnd(src, i)
	if end == i {
		if r, _ := utf8.DecodeRune(src[i:]); isNameChar(r) {
			return strictAttr{}, failAt(i, "invalid attribute name: %q cannot start a name", runeAt(src, i))
		}
		return strictAttr{}, failAt(i, "unexpected %q in the start tag <%s>", runeAt(src, i), tag)
	}
	if end == len(src) {
		return strictAttr{}, ErrIncomplete
	}
	name := src[i:end]
	if !spaced {
		return strictAttr{}, failAt(i, "missing white space before attribute %s", name)
	}
	if msg := checkQName(name); msg != "" {
		return strictAttr{}, failAt(i, "invalid attribute name %q: %s", name, msg)
	}
	if p.repeated(attrs, name) {
		return strictAttr{}, failAt(i, "duplicate attribute %s", name)
	}
	j := skipSpace(src, end)
	if j == len(src) {
		return strictAttr{}, ErrIncomplete
	}
	if src[j] != '=' {
		return strictAttr{}, failAt(i, "attribute %s has no value (write %s='...')", name, name)
	}
	j = skipSpace(src, j+1)
	if j == len(src) {
		return strictAttr{}, ErrIncomplete
	}
	q := src[j]
	if q != '"' && q != '\'' {
		if q == '>' || q == '/' && j+1 < len(src) && src[j+1] == '>' {
			return strictAttr{}, failAt(i, "attribute %s has no value (write %s='...')", name, name)
		}
		return strictAttr{}, failAt(j, "the value of attribute %s must be in quotes", name)
	}
	k := j + 1
	for {
		if k == len(src) {
			return strictAttr{}, ErrIncomplete
		}
		c := src[k]
		if c == q {
			break
		}
		switch c {
		case '<':
			return strictAttr{}, failAt(k, "< is not allowed in the value of attribute %s: write &lt;", name)
		case '&':
			p.pos = k
			if err := p.reference(); err != nil {
				return strictAttr{}, err
			}
			k = p.pos
		default:
			k++
		}
	}
	return strictAttr{name: name, off: i, valStart: j + 1, ve: k}, nil
}

// checkQName returns why name is not a valid qualified name (at most one
// colon, with a non-empty prefix and local part), or "".
func checkQName(name []byte) string {
	n := bytes.Count(name, []byte(":"))
	switch {
	case n == 0:
		return ""
	case n > 1:
		return "a name may contain only one colon, between prefix and local name"
	case name[0] == ':':
		return "the prefix before the colon is empty"
	case name[len(name)-1] == ':':
		return "the local name after the colon is empty"
	}
	return ""
}

// declare pushes the namespace declarations among attrs onto p.ns.
func (p *parser) declare(attrs []strictAttr) error {
	for _, a := range attrs {
		prefix, local := splitQName(a.name)
		var bound string
		switch {
		case prefix == nil && string(local) == "xmlns":
			bound = ""
		case string(prefix) == "xmlns":
			bound = string(local)
		default:
			continue
		}
		uri := unescape(p.src[a.valStart:a.ve], true)
		switch {
		case bound == "xmlns":
			return failAt(a.off, "the prefix xmlns is reserved and cannot be declared")
		case bound == "xml" && uri != nsXML:
			return failAt(a.off, "the prefix xml is reserved for %s", nsXML)
		case bound != "xml" && uri == nsXML, uri == nsXMLNS:
			return failAt(a.off, "the namespace %s is reserved and cannot be bound by %s", uri, a.name)
		case bound != "" && uri == "":
			return failAt(a.off, "%s='' is not allowed: a prefix cannot be undeclared", a.name)
		}
		p.ns.push(bound, uri)
	}
	return nil
}

// lookup returns the namespace bound to prefix in the current scope.
func (p *parser) lookup(prefix []byte) (string, bool) {
	if string(prefix) == "xml" {
		return nsXML, true
	}
	return p.ns.lookup(prefix)
}

// checkPrefixes checks that the element's prefix and its attributes'
// prefixes are declared, and that no two attributes share a namespace and
// local name.
func (p *parser) checkPrefixes(name []byte, nameAt int, attrs []strictAttr) error {
	if prefix, _ := splitQName(name); prefix != nil {
		if string(prefix) == "xmlns" {
			return failAt(nameAt, "element name %s uses the reserved prefix xmlns", name)
		}
		if _, ok := p.lookup(prefix); !ok {
			return failAt(nameAt, "namespace prefix %s is not declared (add xmlns:%s='...' to this or an enclosing element)", prefix, prefix)
		}
	}
	var seen expandedNames
	if len(attrs) > shallow {
		seen = expandedNames{}
	}
	for i, a := range attrs {
		prefix, local := splitQName(a.name)
		if prefix == nil || string(prefix) == "xmlns" {
			continue
		}
		uri, ok := p.lookup(prefix)
		if !ok {
			return failAt(a.off, "namespace prefix %s of attribute %s is not declared (add xmlns:%s='...')", prefix, a.name, prefix)
		}
		var b []byte
		if seen != nil {
			b = seen.add(uri, local, a.name)
		} else {
			b = p.sameExpanded(attrs[:i], uri, local)
		}
		if b != nil {
			bp, _ := splitQName(b)
			return failAt(a.off, "attribute %s repeats %s: prefixes %s and %s name the same namespace %s",
				a.name, b, bp, prefix, uri)
		}
	}
	return nil
}
