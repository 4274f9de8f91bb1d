package forms

import (
	"strings"

	"xepl/internal/rawxml"
	"xepl/xeps"
)

// Submit writes the form to send back: <x xmlns='jabber:x:data'
// type='submit'> with every field that has a var and a value (hidden ones
// carried over as they came, fixed ones left out), each with its type when
// the form gave one, so that the wire masking of rawxml.Redact still knows
// a private field. A text-multi field gets one <value/> per line. Values
// are escaped; characters XML cannot carry become U+FFFD. Submit never
// panics.
func (f *Form) Submit() []byte {
	var b strings.Builder
	b.WriteString("<x xmlns='" + xeps.NSDataForms + "' type='submit'>")
	for _, fl := range f.Fields {
		if fl.Var == "" || fl.Kind() == Fixed || len(fl.Values) == 0 {
			continue
		}
		b.WriteString("<field var='")
		b.WriteString(rawxml.EscapeAttr(fl.Var))
		b.WriteString("'")
		if fl.Type != "" {
			b.WriteString(" type='")
			b.WriteString(rawxml.EscapeAttr(fl.Type))
			b.WriteString("'")
		}
		b.WriteString(">")
		values := fl.Values
		if fl.Kind() == TextMulti {
			values = nil
			for _, v := range fl.Values {
				values = append(values, Lines(v)...)
			}
		}
		for _, v := range values {
			if v == "" {
				b.WriteString("<value/>")
				continue
			}
			b.WriteString("<value>")
			b.WriteString(rawxml.EscapeText(v))
			b.WriteString("</value>")
		}
		b.WriteString("</field>")
	}
	b.WriteString("</x>")
	return []byte(b.String())
}

// Cancel returns a form of type cancel: <x xmlns='jabber:x:data'
// type='cancel'/>.
func Cancel() []byte {
	return []byte("<x xmlns='" + xeps.NSDataForms + "' type='cancel'/>")
}
