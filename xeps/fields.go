package xeps

import (
	"strings"
)

// FormType is what xepl knows of one FORM_TYPE (XEP-0068): the XEP that
// defines it and the meaning of each of its field vars.
type FormType struct {
	// Name is the FORM_TYPE, such as "http://jabber.org/protocol/admin".
	Name string
	// Spec is the XEP that defines the form type, with the section of
	// its field registry when known.
	Spec Spec
	// Vars lists the field vars in the order of the data file.
	Vars []string
	// Meanings gives each var's meaning, in a few words.
	Meanings map[string]string
}

// ForFormType returns what xepl knows of a FORM_TYPE.
func ForFormType(name string) (FormType, bool) {
	ft, ok := data().extra().formTypes[name]
	return ft, ok
}

// FormTypes returns every form type xepl knows, in the order of
// data/fields.txt.
func FormTypes() []FormType {
	d := data().extra()
	out := make([]FormType, 0, len(d.formOrder))
	for _, n := range d.formOrder {
		out = append(out, d.formTypes[n])
	}
	return out
}

// FieldMeaning says what field var means in a form of type formType, and
// the document that defines it.
func FieldMeaning(formType, fieldVar string) (meaning string, spec Spec, ok bool) {
	ft, ok := ForFormType(formType)
	if !ok {
		return "", Spec{}, false
	}
	m, ok := ft.Meanings[fieldVar]
	return m, ft.Spec, ok
}

// loadFormTypes reads data/fields.txt into d, after the XEPs: each form
// type's XEP must be known, and the form type must resolve to it.
func loadFormTypes(d *database, recs []record) error {
	d.formTypes = map[string]FormType{}
	for _, r := range recs {
		m, err := r.check([]string{"form", "xep", "section", "field"}, []string{"field"},
			[]string{"form", "xep", "field"})
		if err != nil {
			return err
		}
		if r.fields[0].key != "form" {
			return r.errorf(r.line, "record must start with form")
		}
		n, err := r.number(m, "xep")
		if err != nil {
			return err
		}
		i, ok := d.byNumber[n]
		if !ok {
			return r.errorf(r.line, "XEP %d is not in the XSF's list", n)
		}
		x := d.xeps[i]
		ft := FormType{
			Name:     first(m, "form"),
			Spec:     Spec{Namespace: first(m, "form"), XEP: n, Title: x.Title, Status: x.Status, Section: first(m, "section")},
			Meanings: map[string]string{},
		}
		if _, dup := d.formTypes[ft.Name]; dup {
			return r.errorf(r.line, "form type %s appears twice", ft.Name)
		}
		if s, ok := d.index.find(ft.Name); !ok || s.XEP != n {
			return r.errorf(r.line, "form type %s does not resolve to XEP %d in the namespace index (add it to xeps.txt)", ft.Name, n)
		}
		if sec := ft.Spec.Section; sec != "" {
			if s, known := d.sections[n]; known {
				if _, ok := s.titles[sec]; !ok {
					return r.errorf(r.line, "XEP %d has no section %s", n, sec)
				}
			}
		}
		for _, f := range r.fields {
			if f.key != "field" {
				continue
			}
			v, meaning, _ := strings.Cut(f.value, " ")
			switch _, dup := ft.Meanings[v]; {
			case meaning == "":
				return r.errorf(f.line, "field %s has no meaning", v)
			case dup:
				return r.errorf(f.line, "field %s of %s appears twice", v, ft.Name)
			case len(meaning) > maxText:
				return r.errorf(f.line, "field %s: meaning longer than %d bytes", v, maxText)
			}
			ft.Vars = append(ft.Vars, v)
			ft.Meanings[v] = meaning
		}
		d.formTypes[ft.Name] = ft
		d.formOrder = append(d.formOrder, ft.Name)
	}
	return nil
}
