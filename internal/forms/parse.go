package forms

import (
	"errors"
	"fmt"
	"strings"

	"github.com/beevik/etree"

	"xepl/xeps"
)

// Parse reads raw, one <x xmlns='jabber:x:data'> element with any prefix.
func Parse(raw []byte) (*Form, error) {
	root, err := readRoot(raw)
	if err != nil {
		return nil, err
	}
	if !isForm(root) {
		return nil, fmt.Errorf("<%s> in namespace %q is not a data form (<x xmlns='%s'>)", root.FullTag(), root.NamespaceURI(), xeps.NSDataForms)
	}
	return fromElement(root), nil
}

// Find returns the first data form anywhere in raw (a whole stanza, for
// example), in document order, or nil and no error when there is none.
func Find(raw []byte) (*Form, error) {
	root, err := readRoot(raw)
	if err != nil {
		return nil, err
	}
	if x := findForm(root); x != nil {
		return fromElement(x), nil
	}
	return nil, nil
}

// FindElement is Find for an element already parsed.
func FindElement(e *etree.Element) *Form {
	if x := findForm(e); x != nil {
		return fromElement(x)
	}
	return nil
}

func readRoot(raw []byte) (*etree.Element, error) {
	doc := etree.NewDocument()
	if err := doc.ReadFromBytes(raw); err != nil {
		return nil, fmt.Errorf("not well-formed XML: %w", err)
	}
	root := doc.Root()
	if root == nil {
		return nil, errors.New("no element")
	}
	return root, nil
}

func isForm(e *etree.Element) bool {
	return e.Tag == "x" && e.NamespaceURI() == xeps.NSDataForms
}

func findForm(e *etree.Element) *etree.Element {
	if isForm(e) {
		return e
	}
	for _, c := range e.ChildElements() {
		if x := findForm(c); x != nil {
			return x
		}
	}
	return nil
}

// fromElement reads a form from its <x/> element; children in other
// namespaces are ignored.
func fromElement(x *etree.Element) *Form {
	f := &Form{Type: x.SelectAttrValue("type", "")}
	for _, c := range children(x) {
		switch c.Tag {
		case "title":
			f.Title = strings.TrimSpace(text(c))
		case "instructions":
			f.Instructions = append(f.Instructions, strings.TrimSpace(text(c)))
		case "field":
			f.Fields = append(f.Fields, parseField(c))
		case "reported":
			for _, fc := range children(c) {
				if fc.Tag == "field" {
					f.Reported = append(f.Reported, parseField(fc))
				}
			}
		case "item":
			var row []*Field
			for _, fc := range children(c) {
				if fc.Tag == "field" {
					row = append(row, parseField(fc))
				}
			}
			f.Items = append(f.Items, row)
		}
	}
	return f
}

func parseField(e *etree.Element) *Field {
	fl := &Field{
		Var:   attr(e, "var"),
		Type:  attr(e, "type"),
		Label: attr(e, "label"),
	}
	for _, c := range e.ChildElements() {
		if c.NamespaceURI() == xeps.NSDataValidate && c.Tag == "validate" {
			for _, v := range c.ChildElements() {
				if v.Tag == "open" {
					fl.Open = true
				}
			}
			continue
		}
		if c.NamespaceURI() != xeps.NSDataForms {
			continue
		}
		switch c.Tag {
		case "desc":
			fl.Desc = strings.TrimSpace(text(c))
		case "required":
			fl.Required = true
		case "value":
			fl.Values = append(fl.Values, text(c))
		case "option":
			o := Option{Label: attr(c, "label")}
			if v := firstChild(c, "value"); v != nil {
				o.Value = text(v)
			}
			fl.Options = append(fl.Options, o)
		}
	}
	return fl
}

// children returns the child elements of e in the data forms namespace.
func children(e *etree.Element) []*etree.Element {
	var out []*etree.Element
	for _, c := range e.ChildElements() {
		if c.NamespaceURI() == xeps.NSDataForms {
			out = append(out, c)
		}
	}
	return out
}

func firstChild(e *etree.Element, tag string) *etree.Element {
	for _, c := range children(e) {
		if c.Tag == tag {
			return c
		}
	}
	return nil
}

// attr returns the unprefixed attribute key of e.
func attr(e *etree.Element, key string) string {
	for _, a := range e.Attr {
		if a.Space == "" && a.Key == key {
			return a.Value
		}
	}
	return ""
}

// text returns all the character data of e, CDATA included, wherever it
// is among e's children.
func text(e *etree.Element) string {
	var b strings.Builder
	for _, t := range e.Child {
		if cd, ok := t.(*etree.CharData); ok {
			b.WriteString(cd.Data)
		}
	}
	return b.String()
}
