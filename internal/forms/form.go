package forms

import (
	"strings"

	"xepl/internal/rawxml"
)

// The form types of XEP-0004 §3.1.
const (
	TypeForm   = "form"
	TypeSubmit = "submit"
	TypeCancel = "cancel"
	TypeResult = "result"
)

// The field types of XEP-0004 §3.3.
const (
	Boolean     = "boolean"
	Fixed       = "fixed"
	Hidden      = "hidden"
	JIDMulti    = "jid-multi"
	JIDSingle   = "jid-single"
	ListMulti   = "list-multi"
	ListSingle  = "list-single"
	TextMulti   = "text-multi"
	TextPrivate = "text-private"
	TextSingle  = "text-single"
)

// Form is one data form.
type Form struct {
	Type         string // form, submit, cancel or result
	Title        string
	Instructions []string
	Fields       []*Field
	Reported     []*Field   // a result table's columns, in order
	Items        [][]*Field // its rows: each a list of fields with values
}

// Field is one field of a form, or one cell of a result table.
type Field struct {
	Var   string
	Type  string // as written; "" is text-single (see Kind)
	Label string
	Desc  string
	// Required says the form cannot be submitted without a value.
	Required bool
	// Values holds the field's values as text: the default in a form
	// received, the answer once set. A text-multi field has one value per
	// line.
	Values []string
	// Options are the choices of a list field.
	Options []Option
	// Open says a list field also takes values that are not among its
	// options (<validate><open/></validate>, XEP-0122).
	Open bool
}

// Option is one choice of a list field.
type Option struct{ Label, Value string }

// Kind returns the field's type, with text-single for a field that has
// none.
func (fl *Field) Kind() string {
	if fl.Type == "" {
		return TextSingle
	}
	return fl.Type
}

// Name is how the field is called to a person: its label, else its var.
func (fl *Field) Name() string {
	if l := strings.TrimSpace(fl.Label); l != "" {
		return l
	}
	return fl.Var
}

// Secret reports whether the field's values must not be shown: a
// text-private field, or a text field whose var says password, passwd or
// secret (the rule rawxml.Redact applies on the wire).
func (fl *Field) Secret() bool {
	switch fl.Kind() {
	case TextPrivate:
		return true
	case TextSingle, TextMulti:
		return rawxml.SecretName(fl.Var)
	}
	return false
}

// Visible reports whether a person fills the field in: it has a var and
// is neither hidden nor fixed.
func (fl *Field) Visible() bool {
	return fl.Var != "" && fl.Kind() != Hidden && fl.Kind() != Fixed
}

// HasValue reports whether the field has a value that is not empty.
func (fl *Field) HasValue() bool {
	for _, v := range fl.Values {
		if v != "" {
			return true
		}
	}
	return false
}

// describe names the field for messages: `Label (var)`, or just the var.
func (fl *Field) describe() string {
	name := fl.Name()
	if name == fl.Var || fl.Var == "" {
		return quoteName(name)
	}
	return name + " (" + fl.Var + ")"
}

func quoteName(s string) string {
	if s == "" {
		return `""`
	}
	return s
}

// Field returns the field whose var is v, or nil. Fields without a var
// (fixed text) are never returned.
func (f *Form) Field(v string) *Field {
	if v == "" {
		return nil
	}
	for _, fl := range f.Fields {
		if fl.Var == v {
			return fl
		}
	}
	return nil
}

// FormType returns the value of the hidden FORM_TYPE field (XEP-0068),
// such as "http://jabber.org/protocol/admin", or "".
func (f *Form) FormType() string {
	if fl := f.Field("FORM_TYPE"); fl != nil && len(fl.Values) > 0 {
		return strings.TrimSpace(fl.Values[0])
	}
	return ""
}

// Missing returns the required fields that still have no value (or only
// empty ones), in form order.
func (f *Form) Missing() []*Field {
	var missing []*Field
	for _, fl := range f.Fields {
		if fl.Required && fl.Var != "" && fl.Kind() != Fixed && !fl.HasValue() {
			missing = append(missing, fl)
		}
	}
	return missing
}

// Table reports whether the form holds a result table.
func (f *Form) Table() bool {
	return len(f.Reported) > 0 || len(f.Items) > 0
}
