package rawxml

import "bytes"

// This file holds the lenient helpers shared by Element.Attr, SetAttr, the
// Splitter and Redact. They never fail: they make the best sense they can
// of whatever bytes they get, and report where they had to stop.

// Namespaces this package needs to know.
const (
	nsXML     = "http://www.w3.org/XML/1998/namespace"
	nsXMLNS   = "http://www.w3.org/2000/xmlns/"
	nsStreams = "http://etherx.jabber.org/streams"
	nsClient  = "jabber:client"
	nsSASL    = "urn:ietf:params:xml:ns:xmpp-sasl"
	nsSASL2   = "urn:xmpp:sasl:2"
	nsIQAuth  = "jabber:iq:auth"
	nsXData   = "jabber:x:data"
)

// tagEnd returns the offset just past the '>' that ends the tag whose '<'
// is at b[lt], skipping any '>' inside a quoted attribute value, or -1 if
// b ends first.
func tagEnd(b []byte, lt int) int {
	var q byte
	for i := lt + 1; i < len(b); i++ {
		c := b[i]
		if q != 0 {
			if c == q {
				q = 0
			}
			continue
		}
		switch c {
		case '"', '\'':
			q = c
		case '>':
			return i + 1
		}
	}
	return -1
}

// tagNameEnd returns the offset just past the name of the tag whose name
// starts at b[i]: the name runs to the first white space, '/', '>' or '<'.
func tagNameEnd(b []byte, i int) int {
	for i < len(b) {
		switch c := b[i]; {
		case isSpace(c), c == '/', c == '>', c == '<':
			return i
		}
		i++
	}
	return i
}

// splitQName splits a qualified name at its first colon.
func splitQName(name []byte) (prefix, local []byte) {
	if i := bytes.IndexByte(name, ':'); i >= 0 {
		return name[:i], name[i+1:]
	}
	return nil, name
}

// rawAttr is one attribute of a start tag as written, located by offsets
// into the scanned bytes.
type rawAttr struct {
	name             []byte
	nameAt           int // offset of the first byte of the name
	valStart, valEnd int // the value without its quotes; both -1 if the attribute has no value
	end              int // offset just past the attribute (past its closing quote)
}

// value returns the attribute's value with references decoded and
// attribute-value normalisation applied.
func (a rawAttr) value(b []byte) string {
	if a.valStart < 0 {
		return ""
	}
	return unescape(b[a.valStart:a.valEnd], true)
}

// Results of nextAttr besides an attribute.
const (
	attrFound = iota // an attribute was found
	attrDone         // the tag ends at the returned offset ('>' or the '/' of "/>")
	attrEOF          // b ended before the tag did
)

// nextAttr scans b from offset i (inside a start tag, after its name or a
// previous attribute) for the next attribute. With attrDone, at is the
// offset of the '>' or "/>" ending the tag. Stray bytes that cannot start
// an attribute are skipped.
func nextAttr(b []byte, i int) (a rawAttr, status int, at int) {
	for {
		for i < len(b) && isSpace(b[i]) {
			i++
		}
		if i >= len(b) {
			return a, attrEOF, i
		}
		switch b[i] {
		case '>':
			return a, attrDone, i
		case '/':
			if i+1 < len(b) && b[i+1] == '>' {
				return a, attrDone, i
			}
			if i+1 >= len(b) {
				return a, attrEOF, i
			}
			i++
			continue
		case '=', '"', '\'', '<':
			i++ // garbage: skip it
			continue
		}
		j := i
		for j < len(b) && !isSpace(b[j]) && b[j] != '=' && b[j] != '>' && b[j] != '/' && b[j] != '"' && b[j] != '\'' && b[j] != '<' {
			j++
		}
		a = rawAttr{name: b[i:j], nameAt: i, valStart: -1, valEnd: -1, end: j}
		k := j
		for k < len(b) && isSpace(b[k]) {
			k++
		}
		if k >= len(b) {
			return a, attrEOF, k
		}
		if b[k] != '=' {
			return a, attrFound, j
		}
		k++
		for k < len(b) && isSpace(b[k]) {
			k++
		}
		if k >= len(b) {
			return a, attrEOF, k
		}
		if q := b[k]; q == '"' || q == '\'' {
			e := bytes.IndexByte(b[k+1:], q)
			if e < 0 {
				return a, attrEOF, len(b)
			}
			a.valStart, a.valEnd, a.end = k+1, k+1+e, k+2+e
			return a, attrFound, a.end
		}
		e := k
		for e < len(b) && !isSpace(b[e]) && b[e] != '>' && !(b[e] == '/' && e+1 < len(b) && b[e+1] == '>') {
			e++
		}
		a.valStart, a.valEnd, a.end = k, e, e
		return a, attrFound, e
	}
}

// declaredNS returns the namespace that the start tag beginning at
// tag[0] == '<' binds to prefix (the default namespace if prefix is empty),
// and whether the tag declares one.
func declaredNS(tag []byte, prefix []byte) (string, bool) {
	i := tagNameEnd(tag, 1)
	for {
		a, st, next := nextAttr(tag, i)
		if st != attrFound {
			return "", false
		}
		i = next
		p, local := splitQName(a.name)
		switch {
		case len(prefix) == 0 && p == nil && string(local) == "xmlns":
			return a.value(tag), true
		case len(prefix) > 0 && string(p) == "xmlns" && bytes.Equal(local, prefix):
			return a.value(tag), true
		}
	}
}
