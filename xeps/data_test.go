package xeps

import (
	"strings"
	"testing"
	"testing/fstest"

	"xepl/xeps/internal/xeplist"
)

func TestEmbeddedDataLoads(t *testing.T) {
	d, err := load(dataFS, snapshot())
	if err != nil {
		t.Fatal(err)
	}
	if len(d.xeps) < 200 || len(d.index.exact) < 300 || len(d.conditions) < 58 {
		t.Errorf("suspiciously little data: %d XEPs, %d namespaces, %d conditions",
			len(d.xeps), len(d.index.exact), len(d.conditions))
	}
}

func TestParseRecords(t *testing.T) {
	recs, err := parseRecords("t.txt", "# comment\nxep 1\ntitle A b\n\n\nxep 2\n# inside\ntitle C\n")
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 2 || len(recs[0].fields) != 2 || len(recs[1].fields) != 2 {
		t.Fatalf("got %+v", recs)
	}
	if f := recs[0].fields[1]; f.key != "title" || f.value != "A b" || f.line != 3 {
		t.Errorf("field = %+v", f)
	}
	if recs[1].line != 6 {
		t.Errorf("second record starts on line %d, want 6", recs[1].line)
	}
}

func TestParseRecordsErrors(t *testing.T) {
	for _, in := range []string{
		"xep",          // no value
		"xep \n",       // empty value
		"xep  1\n",     // two spaces
		" xep 1\n",     // no key
		"\txep 1\n",    // tab
		"title \t x\n", // space around value
	} {
		if _, err := parseRecords("t.txt", in); err == nil {
			t.Errorf("parseRecords(%q) succeeded, want error", in)
		}
	}
}

const (
	okXEP  = "xep 1\nns urn:one\nsummary Does one thing.\n"
	okSpec = "ns jabber:client\nrfc 6120\nsection 4.8.2\ntitle Content\n"
	okCond = "kind stanza\nname bad-request\nns " + NSStanzas + "\ntype modify\nrfc 6120\nmeaning m\nhint h\n"
	okSect = "xep 1\nversion 1.0\nsection 1 Introduction\nsection 1.1 Scope\nsection 2 Use\n"
)

func TestLoadMinimal(t *testing.T) {
	d, err := load(fsWith(okXEP, okSpec, okCond), testList)
	if err != nil {
		t.Fatal(err)
	}
	if s, ok := d.index.find("urn:one#x"); !ok || s.XEP != 1 {
		t.Errorf("find = %v, %v", s, ok)
	}
	// Every XEP of the list is known; a header's Draft shows as Stable.
	if x := d.xeps[d.byNumber[1]]; x.Title != "One" || x.Status != "Stable" || x.Summary != "Does one thing." {
		t.Errorf("XEP 1 = %+v", x)
	}
	if x := d.xeps[d.byNumber[2]]; x.Title != "Two" || x.Summary != "" {
		t.Errorf("XEP 2 = %+v", x)
	}
}

func TestLoadRejects(t *testing.T) {
	long := strings.Repeat("x", maxText+1)
	for _, tc := range []struct{ name, xeps, specs, conds, want string }{
		{"duplicate number", okXEP + "\n" + okXEP, okSpec, okCond, "twice"},
		{"unsorted", "xep 2\nsummary S.\n\n" + okXEP, okSpec, okCond, "sorted"},
		{"not in the list", "xep 3\nsummary S.\n", okSpec, okCond, "not in the XSF's list"},
		{"a title by hand", "xep 1\ntitle One\nsummary S.\n", okSpec, okCond, "come from data/xeplist.xml"},
		{"a status by hand", okXEP + "status Final\n", okSpec, okCond, "unknown key"},
		{"long summary", strings.Replace(okXEP, "Does one thing.", long, 1), okSpec, okCond, "longer"},
		{"missing summary", "xep 1\nns urn:one\n", okSpec, okCond, "summary"},
		{"repeated summary", okXEP + "summary Again.\n", okSpec, okCond, "twice"},
		{"not starting with xep", "ns urn:one\nxep 1\nsummary S.\n", okSpec, okCond, "start"},
		{"bad number", strings.Replace(okXEP, "xep 1", "xep one", 1), okSpec, okCond, "number"},
		{"namespace twice", okXEP, "ns urn:one\norg X\ntitle t\n", okCond, "twice"},
		{"rfc and org", okXEP, okSpec + "org X\n", okCond, "exactly one"},
		{"star inside", okXEP, "ns a*b\norg X\ntitle t\n", okCond, "'*'"},
		{"condition without type", okXEP, okSpec, strings.Replace(okCond, "type modify\n", "", 1), "type"},
		{"stream with type", okXEP, okSpec, strings.Replace(okCond, "kind stanza", "kind stream", 1), "no error type"},
		{"condition twice", okXEP, okSpec, okCond + "\n" + okCond, "twice"},
		{"unknown xep", okXEP, okSpec, strings.Replace(okCond, "rfc 6120", "xep 7", 1), "not in the XSF's list"},
		{"unknown general", okXEP, okSpec, okCond + "\n" + strings.Replace(okCond, "name bad-request", "name x\ngeneral nope", 1), "general"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := load(fsWith(tc.xeps, tc.specs, tc.conds), testList)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("load error = %v, want one mentioning %q", err, tc.want)
			}
		})
	}
}

// testList stands for the XSF's list in the tests of the loader.
var testList = &xeplist.List{XEPs: []xeplist.XEP{
	{Number: 1, Title: "One", Type: "Standards Track", Status: "Draft"},
	{Number: 2, Title: "Two", Type: "Historical", Status: "Obsolete"},
}}

func fsWith(xeps, specs, conds string) fstest.MapFS {
	return fstest.MapFS{
		"data/xeps.txt":       {Data: []byte(xeps)},
		"data/specs.txt":      {Data: []byte(specs)},
		"data/conditions.txt": {Data: []byte(conds)},
		"data/sections.txt":   {Data: []byte(okSect)},
		"data/fields.txt":     {Data: nil},
		"data/identities.txt": {Data: nil},
		"data/servers.txt":    {Data: nil},
	}
}

// TestLoadRejectsNewData checks the loaders of fields, identities and
// server differences refuse what would mislead.
func TestLoadRejectsNewData(t *testing.T) {
	okField := "form urn:one\nxep 1\nfield a what a is\n"
	for _, tc := range []struct{ name, file, text, want string }{
		{"field twice", "data/fields.txt", okField + "field a again\n", "twice"},
		{"form twice", "data/fields.txt", okField + "\n" + okField, "twice"},
		{"form of another xep", "data/fields.txt", "form urn:other\nxep 1\nfield a b\n", "does not resolve"},
		{"unknown section", "data/fields.txt", "form urn:one\nxep 1\nsection 9\nfield a b\n", "no section"},
		{"field without meaning", "data/fields.txt", "form urn:one\nxep 1\nfield a\n", "no meaning"},
		{"identity not a pair", "data/identities.txt", "identity server\nxep 1\nmeaning m\n", "CATEGORY/TYPE"},
		{"identity of unknown xep", "data/identities.txt", "identity a/b\nxep 7\nmeaning m\n", "not in the XSF's list"},
		{"no difference", "data/servers.txt", "case c\nprosody modify/bad-request\nejabberd modify/bad-request\nseen s\nsource s\n", "no difference"},
		{"unknown condition", "data/servers.txt", "case c\nprosody modify/bad-request\nejabberd cancel/nope\nseen s\nsource s\n", "not a stanza condition"},
	} {
		fs := fsWith(okXEP, okSpec, okCond)
		fs[tc.file].Data = []byte(tc.text)
		_, err := load(fs, testList)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: err = %v, want %q", tc.name, err, tc.want)
		}
	}
}
