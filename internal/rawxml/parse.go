package rawxml

import (
	"errors"
	"unicode/utf8"
)

// Element is one complete top-level element found by Parse.
type Element struct {
	// Raw holds the exact bytes of the element, from its '<' to the '>'
	// that closes it.
	Raw []byte
	// Local is the local name of the root element.
	Local string
	// Prefix is the root's namespace prefix as written, "" if none.
	Prefix string
	// Space is the namespace of the root if the root's own start tag
	// declares it (xmlns for an unprefixed root, xmlns:prefix for a
	// prefixed one), else "".
	Space string
}

// Attr returns the value of the unprefixed attribute name on the root
// start tag, with references decoded and attribute-value normalisation
// applied (a literal tab or newline reads as a space), and whether the
// attribute is present. A prefixed attribute can be read by its full name
// as written, such as "xml:lang". Attr reads e.Raw, so it also works on an
// Element built by hand.
func (e Element) Attr(name string) (string, bool) {
	b := e.Raw
	lt := 0
	for lt < len(b) && isSpace(b[lt]) {
		lt++
	}
	if lt >= len(b) || b[lt] != '<' {
		return "", false
	}
	i := tagNameEnd(b, lt+1)
	for {
		a, st, next := nextAttr(b, i)
		if st != attrFound {
			return "", false
		}
		i = next
		if string(a.name) == name && a.valStart >= 0 {
			return a.value(b), true
		}
	}
}

// Parse checks that src holds one or more complete, well-formed top-level
// elements separated only by white space, as a user would type stanzas
// into the shell, and returns them in order. Each Element's Raw is a
// sub-slice of one private copy of src, so later changes to src do not
// show through.
//
// Beyond XML well-formedness and namespace well-formedness (every prefix
// declared, the xml prefix predeclared), Parse rejects what RFC 6120
// forbids on a stream: comments, processing instructions, a DOCTYPE and
// an XML declaration. Entity references are limited to the five predefined
// entities and character references.
//
// Malformed input yields a *SyntaxError. Input that is fine so far but
// ends early (inside a tag, an attribute value, a CDATA section, with
// elements still open, or before any element) yields ErrIncomplete.
func Parse(src []byte) ([]Element, error) {
	bad, badMsg := firstBadChar(src)
	limit := len(src)
	if bad >= 0 {
		limit = bad
	}
	own := append([]byte(nil), src...)
	p := parser{src: own[:limit]}
	elems, err := p.run()
	var oe *offsetError
	switch {
	case errors.As(err, &oe):
		line, col := position(src, oe.off)
		return nil, &SyntaxError{Line: line, Column: col, Msg: oe.msg}
	case bad < 0:
		return elems, err
	case err != nil && !utf8.FullRune(src[bad:]):
		// The input stops in the middle of a character, inside an element.
		return nil, ErrIncomplete
	}
	line, col := position(src, bad)
	return nil, &SyntaxError{Line: line, Column: col, Msg: badMsg}
}
