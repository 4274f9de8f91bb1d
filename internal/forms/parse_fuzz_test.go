package forms_test

import (
	"io"
	"os"
	"path/filepath"
	"testing"

	"xepl/internal/forms"
	"xepl/internal/rawxml"
)

// FuzzParse checks that Parse and Find never panic on any bytes a server
// could send, that nothing done with a form they return panics (showing
// it, as a table too, listing what is missing, looking fields up), and
// that submitting it writes XML that is well-formed and parses back.
func FuzzParse(f *testing.F) {
	files, err := filepath.Glob(filepath.Join("testdata", "*.xml"))
	if err != nil || len(files) == 0 {
		f.Fatalf("no testdata forms: %v", err)
	}
	for _, name := range files {
		raw, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(raw)
	}
	f.Add([]byte("<x xmlns='jabber:x:data' type='form'><field var='a' type='list-multi'><option><value>1</value></option><value>2</value></field></x>"))
	f.Fuzz(func(t *testing.T, raw []byte) {
		for _, parse := range []func([]byte) (*forms.Form, error){forms.Parse, forms.Find} {
			form, err := parse(raw)
			if err != nil || form == nil {
				continue
			}
			use(t, form)
		}
	})
}

// use does with form what the shell does with a form a server sent.
func use(t *testing.T, form *forms.Form) {
	t.Helper()
	form.Write(io.Discard)
	form.WriteTable(io.Discard)
	form.WriteHeader(io.Discard)
	form.Missing()
	form.Table()
	form.FormType()
	for _, fl := range form.Fields {
		form.Field(fl.Var)
		fl.Hint()
		fl.Name()
		fl.Secret()
		fl.Visible()
	}
	sub := form.Submit()
	if _, err := rawxml.Parse(sub); err != nil {
		t.Fatalf("Submit wrote malformed XML %q: %v", sub, err)
	}
	if _, err := forms.Parse(sub); err != nil {
		t.Fatalf("Submit wrote %q, which Parse refuses: %v", sub, err)
	}
}
