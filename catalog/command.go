package catalog

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"

	"xepl/xeps"
)

// Command is a filled command template as the shell runs it: the node to
// execute, where, and the values its submitted form gives the fields of
// the server's form.
type Command struct {
	// To is the entity that runs the command; empty means one's own
	// server.
	To string
	// Node is the command's node.
	Node string
	// Fields maps each field var of the submitted form (FORM_TYPE aside:
	// the server's form has its own) to its value, the items of a list
	// one per line. A field whose parameter has no value is absent.
	Fields map[string]string
}

// Command returns the command a filled command template runs. The fields
// come from the values, as the template's XML maps them (see
// commandField), without reading the rendered XML back.
func (f Filled) Command() Command {
	t := f.Template
	c := Command{To: f.Values[t.to.param], Node: t.Node, Fields: map[string]string{}}
	if t.to.param == "" && len(t.to.fixed) > 0 {
		c.To = t.to.fixed[0]
	}
	for _, cf := range t.fields {
		if cf.param == "" {
			c.Fields[cf.name] = strings.Join(cf.fixed, "\n")
			continue
		}
		v, ok := f.Values[cf.param]
		if !ok {
			continue
		}
		if p, _ := t.Param(cf.param); p.List {
			v = strings.ReplaceAll(v, ",", "\n")
		}
		c.Fields[cf.name] = v
	}
	return c
}

// commandField is one field of a command template's submitted form:
// its var, and the parameter whose value (or, for a list, whose items)
// its values are, or its fixed values.
type commandField struct {
	name  string
	param string
	fixed []string
}

// markerPrefix starts the stand-in values planFields renders a command
// template with, to see which parameter ends up in which field.
const markerPrefix = "xepl-parameter-"

// planFields reads which parameter fills which field of a command
// template's form, by rendering it once with a stand-in value for every
// parameter (where the command runs, its iq's to, is planShape's). Each value of a field must be one parameter (or one item of
// a list) or fixed text: anything else is an error in the template.
func (t *Template) planFields() error {
	v := Values{SessionIDParam: "sessionid"}
	for _, p := range t.Params {
		if p.Type == TypeBool {
			return fmt.Errorf("parameter %s: a command template's parameters cannot be bool (the form's field would not show which parameter it holds); use choice(true|false)", p.Name)
		}
		v[p.Name] = markerPrefix + p.Name
	}
	dec := xml.NewDecoder(bytes.NewReader(t.render(v)))
	var (
		cur     *commandField
		inValue bool
		text    strings.Builder
	)
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return fmt.Errorf("reading the form: %v", err)
		}
		switch e := tok.(type) {
		case xml.StartElement:
			switch {
			case e.Name.Local == "field" && e.Name.Space == xeps.NSDataForms:
				cur = &commandField{name: attrOf(e, "var")}
			case e.Name.Local == "value" && cur != nil:
				inValue = true
				text.Reset()
			}
		case xml.CharData:
			if inValue {
				text.Write(e)
			}
		case xml.EndElement:
			switch {
			case e.Name.Local == "value" && inValue:
				inValue = false
				if err := cur.add(text.String(), t.hasParam); err != nil {
					return fmt.Errorf("field %s: %v", cur.name, err)
				}
			case e.Name.Local == "field" && cur != nil:
				if cur.name != "" && cur.name != "FORM_TYPE" && (cur.param != "" || len(cur.fixed) > 0) {
					t.fields = append(t.fields, *cur)
				}
				cur = nil
			}
		}
	}
	return nil
}

// add takes one <value/> of the field as planFields rendered it; known
// says which parameter names exist.
func (cf *commandField) add(value string, known func(string) bool) error {
	param, isParam := strings.CutPrefix(value, markerPrefix)
	switch {
	case isParam && !known(param), !isParam && strings.Contains(value, markerPrefix):
		return fmt.Errorf("a value holds a parameter among other text (%q): give the parameter a <value> of its own", value)
	case isParam && cf.param != "" && cf.param != param, isParam && len(cf.fixed) > 0, !isParam && cf.param != "":
		return errors.New("its values mix parameters and fixed text")
	case isParam:
		cf.param = param
	default:
		cf.fixed = append(cf.fixed, value)
	}
	return nil
}

func (t *Template) hasParam(name string) bool {
	_, ok := t.Param(name)
	return ok
}

func attrOf(e xml.StartElement, name string) string {
	for _, a := range e.Attr {
		if a.Name.Space == "" && a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}
