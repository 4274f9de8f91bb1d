package repl

import (
	"fmt"
	"strings"

	"github.com/beevik/etree"

	"xepl/internal/forms"
	"xepl/xeps"
)

// maxShown is how much of a field's values explain shows: enough to
// recognize them; the reply itself has them all.
const maxShown = 40

// form explains a data form (XEP-0004): its type, the document its
// FORM_TYPE names (XEP-0068), and what each field means there.
func (x *explainer) form(e *etree.Element, path string) {
	f := forms.FindElement(e)
	if f == nil {
		return
	}
	ftName := f.FormType()
	kind := f.Type
	if kind == "" {
		kind = "no type"
	}
	ft, known := xeps.ForFormType(ftName)
	switch {
	case ftName == "":
		x.add("%s  data form (%s) [XEP-0004]", path, kind)
		x.add("    no FORM_TYPE: the fields mean what the service says they do (XEP-0068)")
	case known:
		x.add("%s  data form (%s) of type %s", path, kind, ftName)
		x.add("    %s", ft.Spec)
	default:
		x.add("%s  data form (%s) of type %s", path, kind, ftName)
		if s, ok := xeps.ForNamespace(ftName); ok {
			x.add("    %s; xepl does not know its fields", s)
		} else {
			x.add("    unknown to xepl: no XEP or RFC it knows registers this FORM_TYPE")
		}
	}
	for _, fl := range f.Fields {
		x.field(fl, ftName, ft, known)
	}
	if len(f.Reported) > 0 {
		x.add("  a table of %d rows; its columns:", len(f.Items))
		for _, fl := range f.Reported {
			x.field(fl, ftName, ft, known)
		}
	}
}

// field explains one field: its meaning where the form type defines it,
// the server's label, and its values (masked already when secret).
func (x *explainer) field(fl *forms.Field, ftName string, ft xeps.FormType, known bool) {
	var meaning string
	m, ok := ft.Meanings[fl.Var]
	switch {
	case fl.Var == "FORM_TYPE":
		meaning = "says which registered form this is, so its fields have known meanings [XEP-0068]"
	case fl.Var == "" && fl.Kind() == forms.Fixed:
		meaning = "text for the reader (fixed)"
	case ok:
		meaning = m
	case known:
		meaning = fmt.Sprintf("unknown to xepl: %s does not define it", shortSpec(ft.Spec))
	case ftName == "":
		meaning = "the service's own field"
	default:
		meaning = "unknown to xepl"
	}
	if l := strings.TrimSpace(fl.Label); l != "" && fl.Var != "FORM_TYPE" {
		meaning += fmt.Sprintf("; the server's label: %q", l)
	}
	name := fl.Var
	if name == "" {
		name = "(no var)"
	}
	if fl.Var != "FORM_TYPE" && fl.HasValue() {
		meaning += " = " + shortValues(fl.Values)
	}
	x.add("  %s  %s", name, meaning)
}

// shortValues shows values, cut to maxShown runes.
func shortValues(vs []string) string {
	s := strings.Join(vs, ", ")
	if r := []rune(s); len(r) > maxShown {
		return string(r[:maxShown]) + "…"
	}
	return s
}
