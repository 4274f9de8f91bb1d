package catalog

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"slices"
	"strings"
)

// planShape reads, once at parse time, where a template's stanza goes
// (the parameter or fixed address of its root element's to) and what its
// payload is (the namespaces of the root's children, or of the root
// itself when it is not a stanza), by rendering it with a stand-in value
// for every parameter. Survey judges a template by them.
func (t *Template) planShape() error {
	v := Values{SessionIDParam: "sessionid"}
	for _, p := range t.Params {
		v[p.Name] = markerPrefix + p.Name
		if p.Type == TypeBool {
			v[p.Name] = "true" // keeps the sections a flag guards
		}
	}
	dec := xml.NewDecoder(bytes.NewReader(t.render(v)))
	depth := 0
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("reading the XML: %v", err)
		}
		switch e := tok.(type) {
		case xml.StartElement:
			depth++
			switch {
			case depth == 1 && t.to.param == "" && t.to.fixed == nil:
				if err := t.readTo(e); err != nil {
					return err
				}
				if !isStanza(e.Name) {
					t.payload = append(t.payload, e.Name.Space)
				}
			case depth == 2 && isStanza(t.root) && !slices.Contains(t.payload, e.Name.Space):
				t.payload = append(t.payload, e.Name.Space)
			}
		case xml.EndElement:
			depth--
			if depth == 0 {
				return nil // the first element is the one that counts
			}
		}
	}
}

// readTo records what the root element's to is: a parameter (the first,
// when the address is made of several, as room/nick is: the room is
// where it goes), or fixed text.
func (t *Template) readTo(e xml.StartElement) error {
	t.root = e.Name
	to := attrOf(e, "to")
	param, isParam := strings.CutPrefix(to, markerPrefix)
	if isParam {
		if i := strings.IndexAny(param, "/@"); i >= 0 {
			param = param[:i]
		}
	}
	switch {
	case isParam && t.hasParam(param):
		t.to = commandField{param: param}
	case strings.Contains(to, markerPrefix):
		return fmt.Errorf("the %s's to begins with text before a parameter (%q): give the address as a parameter", e.Name.Local, to)
	default:
		t.to = commandField{fixed: []string{to}}
	}
	return nil
}

// isStanza reports whether name is one of the three stanzas of RFC 6120.
func isStanza(name xml.Name) bool {
	switch name.Local {
	case "iq", "message", "presence":
		return name.Space == "jabber:client" || name.Space == ""
	}
	return false
}

// Target says where the template's stanza goes: the parameter its to
// holds (Param.Name empty when none), or the fixed address written in
// the template ("" when the stanza has no to: one's own account, or
// server).
func (t *Template) Target() (p Param, fixed string) {
	if t.to.param != "" {
		p, _ = t.Param(t.to.param)
		return p, ""
	}
	if len(t.to.fixed) > 0 {
		return Param{}, t.to.fixed[0]
	}
	return Param{}, ""
}

// Payload returns the namespaces of what the template sends: of the
// stanza's child elements, or of the element itself when it is not a
// stanza (a nonza such as XEP-0198's <enable/>).
func (t *Template) Payload() []string { return slices.Clone(t.payload) }

// IsNonza reports whether the template sends a top-level element that is
// not a stanza.
func (t *Template) IsNonza() bool { return !isStanza(t.root) }
