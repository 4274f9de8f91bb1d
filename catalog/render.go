package catalog

import (
	"bytes"
	"fmt"
	"strings"

	"xepl/internal/rawxml"
	"xepl/internal/vocab"
)

// Render substitutes resolved values into the template's XML and checks
// that the result is well-formed.
//
// {{name}} becomes the value of name escaped for XML: &, <, >, ' and "
// become references everywhere, which is safe in text and in attributes
// alike, so a value such as "</username><password>x" arrives as text.
// An xml parameter is inserted as it is. A section {{#name}}...{{/name}}
// is kept when name has a value, for a bool when it is true, and for jids
// and texts once per item with {{.}} standing for the item; an inverted
// section {{^name}}...{{/name}} is kept when name has no value (or is
// false, or an empty list). In a command template {{sessionid}} becomes
// v["sessionid"] when set, and otherwise stays as the text {{sessionid}},
// to show where the session id goes.
//
// Render does not validate v; Fill does, then calls Render. An error
// means the template, or an unvalidated value, is at fault.
func (t *Template) Render(v Values) ([]byte, error) {
	out := t.render(v)
	if _, err := rawxml.Parse(out); err != nil {
		return nil, fmt.Errorf("%s renders XML that is not well-formed: %w", t.Name, err)
	}
	return out, nil
}

// render substitutes v into the body without checking the result.
func (t *Template) render(v Values) []byte {
	var b bytes.Buffer
	renderNodes(&b, t.nodes, v, "")
	return compact(tidy(b.Bytes()))
}

// compact drops the indentation of the template's XML: the white space
// between two tags that holds a line break. It is there for whoever
// reads the template, not for the server, which may keep it (a result
// echoing the request would hold blank text). A value never holds such a
// run: escaping writes < and > as references, and text between words
// has no tags around it; an xml value loses its indentation too.
func compact(out []byte) []byte {
	var b []byte
	last := 0
	for i := 0; i < len(out); i++ {
		if out[i] != '>' {
			continue
		}
		j := i + 1
		for j < len(out) && (out[j] == ' ' || out[j] == '\t' || out[j] == '\n' || out[j] == '\r') {
			j++
		}
		if j < len(out) && out[j] == '<' && bytes.IndexByte(out[i+1:j], '\n') >= 0 {
			b = append(b, out[last:i+1]...)
			last = j
		}
		i = j - 1
	}
	if b == nil {
		return out
	}
	return append(b, out[last:]...)
}

// mark is written where each section was, so that tidy can find the
// lines that sections left empty. escape never writes it, and XML cannot
// carry it.
const mark = '\x00'

// tidy drops the lines that held a section and are left with nothing but
// white space, and removes the marks.
func tidy(out []byte) []byte {
	if bytes.IndexByte(out, mark) < 0 {
		return out
	}
	var b bytes.Buffer
	b.Grow(len(out))
	for len(out) > 0 {
		line, rest, found := bytes.Cut(out, []byte{'\n'})
		out = rest
		if bytes.IndexByte(line, mark) >= 0 {
			line = bytes.ReplaceAll(line, []byte{mark}, nil)
			if len(bytes.TrimSpace(line)) == 0 {
				continue
			}
		}
		b.Write(line)
		if found {
			b.WriteByte('\n')
		}
	}
	return bytes.TrimRight(b.Bytes(), "\n")
}

// renderNodes writes nodes with values v; item is the current list item.
func renderNodes(b *bytes.Buffer, nodes []node, v Values, item string) {
	for _, n := range nodes {
		switch n.kind {
		case textNode:
			b.WriteString(n.text)
		case itemNode:
			b.WriteString(escape(item))
		case sessionIDNode:
			if id, ok := v[SessionIDParam]; ok {
				b.WriteString(escape(id))
			} else {
				b.WriteString("{{" + SessionIDParam + "}}")
			}
		case valueNode:
			if n.param.Type == TypeXML {
				b.WriteString(strings.ReplaceAll(v[n.param.Name], string(mark), "\uFFFD"))
			} else {
				b.WriteString(escape(v[n.param.Name]))
			}
		case sectionNode:
			b.WriteByte(mark)
			val := v[n.param.Name]
			switch {
			case n.param.List:
				for _, it := range splitList(val) {
					renderNodes(b, n.children, v, it)
				}
			case truthy(*n.param, val):
				renderNodes(b, n.children, v, item)
			}
		case invertedNode:
			b.WriteByte(mark)
			if !truthy(*n.param, v[n.param.Name]) {
				renderNodes(b, n.children, v, item)
			}
		}
	}
}

// truthy reports whether a section on p is kept for the value val.
func truthy(p Param, val string) bool {
	switch {
	case p.Type == TypeBool:
		b, _ := vocab.ParseBool(val)
		return b
	case p.List:
		return len(splitList(val)) > 0
	}
	return val != ""
}

// escape makes s safe as element text and as an attribute value in either
// quotes: rawxml.EscapeAttr handles &, <, ', ", white space that attribute
// normalisation would change, and characters XML cannot carry (they
// become U+FFFD); > is escaped too, so that "]]>" cannot appear in text.
func escape(s string) string {
	s = rawxml.EscapeAttr(s)
	if strings.IndexByte(s, '>') < 0 {
		return s
	}
	return strings.ReplaceAll(s, ">", "&gt;")
}
