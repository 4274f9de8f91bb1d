package render

import (
	"fmt"
	"strings"

	"github.com/beevik/etree"
)

// printer writes parsed XML into buf.
type printer struct {
	buf []byte
}

// token writes one token whose first line has already been indented to
// depth. With indent false, the token and everything inside it are written
// as they came, without added or removed white space.
func (p *printer) token(t etree.Token, depth int, indent bool) error {
	switch t := t.(type) {
	case *etree.Element:
		return p.element(t, depth, indent)
	case *etree.CharData:
		p.buf = appendEscaped(p.buf, t.Data, 0)
	case *etree.Comment:
		p.buf = append(p.buf, "<!--"...)
		p.buf = keepSafe(p.buf, t.Data)
		p.buf = append(p.buf, "-->"...)
	case *etree.ProcInst:
		p.buf = append(p.buf, "<?"...)
		p.buf = keepSafe(p.buf, t.Target)
		if t.Inst != "" {
			p.buf = append(p.buf, ' ')
			p.buf = keepSafe(p.buf, t.Inst)
		}
		p.buf = append(p.buf, "?>"...)
	case *etree.Directive:
		p.buf = append(p.buf, "<!"...)
		p.buf = keepSafe(p.buf, t.Data)
		p.buf = append(p.buf, '>')
	}
	return nil
}

// content says what an element holds.
type content uint8

const (
	empty  content = iota // nothing, or only empty text
	text                  // text only: written inline, as it is
	markup                // elements, comments..., and indentation between
	mixed                 // markup beside text: written as it came
)

// classify says what e holds. White space between two pieces of markup is
// taken for indentation only if it holds a line break: a lone space between
// two elements, as in <p><b>bold</b> <i>italic</i></p>, is text.
func classify(e *etree.Element) content {
	first, last := -1, -1
	for i, t := range e.Child {
		if _, ok := t.(*etree.CharData); !ok {
			if first < 0 {
				first = i
			}
			last = i
		}
	}
	hasData, hasText := false, false
	for i, t := range e.Child {
		cd, ok := t.(*etree.CharData)
		switch {
		case !ok || cd.Data == "":
		case !isWhitespace(cd.Data):
			hasData, hasText = true, true
		default:
			hasData = true
			if first < i && i < last && !strings.Contains(cd.Data, "\n") {
				hasText = true
			}
		}
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

// maxIndentDepth is the depth from which elements are written as they came.
// Indentation grows with depth, so indenting every level would let a small,
// deeply nested input (etree accepts 1024 levels) blow up into hundreds of
// times its size; no stanza worth reading nests this deep.
const maxIndentDepth = 32

// element writes e, whose start tag has already been indented to depth.
func (p *printer) element(e *etree.Element, depth int, indent bool) error {
	if depth >= maxIndentDepth {
		indent = false
	}
	p.buf = append(p.buf, '<')
	p.name(e.Space, e.Tag)
	if err := checkDuplicates(e); err != nil {
		return err
	}
	for _, a := range e.Attr {
		p.buf = append(p.buf, ' ')
		p.name(a.Space, a.Key)
		p.buf = append(p.buf, '=', '"')
		p.buf = appendEscaped(p.buf, a.Value, '"')
		p.buf = append(p.buf, '"')
	}
	c := classify(e)
	if c == empty {
		p.buf = append(p.buf, '/', '>')
		return nil
	}
	p.buf = append(p.buf, '>')
	if c != markup || !indent {
		for _, t := range e.Child {
			if err := p.token(t, 0, false); err != nil {
				return err
			}
		}
	} else {
		for _, t := range e.Child {
			if cd, ok := t.(*etree.CharData); ok && isWhitespace(cd.Data) {
				continue
			}
			p.newline(depth + 1)
			if err := p.token(t, depth+1, true); err != nil {
				return err
			}
		}
		p.newline(depth)
	}
	p.buf = append(p.buf, '<', '/')
	p.name(e.Space, e.Tag)
	p.buf = append(p.buf, '>')
	return nil
}

// name writes a name with its prefix, if any.
func (p *printer) name(prefix, local string) {
	if prefix != "" {
		p.buf = keepSafe(p.buf, prefix)
		p.buf = append(p.buf, ':')
	}
	p.buf = keepSafe(p.buf, local)
}

// newline starts a new line indented to depth.
func (p *printer) newline(depth int) {
	p.buf = append(p.buf, '\n')
	for range depth {
		p.buf = append(p.buf, ' ', ' ')
	}
}

// checkDuplicates returns an error when an attribute of e is repeated,
// which etree accepts but XML does not.
func checkDuplicates(e *etree.Element) error {
	if len(e.Attr) < 2 {
		return nil
	}
	if len(e.Attr) <= 16 {
		for i := range e.Attr {
			for j := range i {
				if e.Attr[i].Key == e.Attr[j].Key && e.Attr[i].Space == e.Attr[j].Space {
					return errDuplicate(e, i)
				}
			}
		}
		return nil
	}
	seen := make(map[[2]string]bool, len(e.Attr))
	for i, a := range e.Attr {
		k := [2]string{a.Space, a.Key}
		if seen[k] {
			return errDuplicate(e, i)
		}
		seen[k] = true
	}
	return nil
}

// errDuplicate describes the repetition of the i-th attribute of e.
func errDuplicate(e *etree.Element, i int) error {
	return fmt.Errorf("not well-formed XML: duplicate attribute %s in <%s>", safeString(e.Attr[i].FullKey()), safeString(e.FullTag()))
}
