package catalog_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"xepl/catalog"
	"xepl/xeps"
)

// TestSpecSectionsExist checks every "spec: XEP-NNNN §N.N" of the embedded
// catalog against the XEP's own numbering (xeps/data/sections.txt, taken
// from the XSF's sources): a section that does not exist, or that a new
// version of the XEP has renumbered, is a wrong citation.
func TestSpecSectionsExist(t *testing.T) {
	read := func(file string) ([]byte, error) { return os.ReadFile(filepath.Join("templates", file)) }
	for _, p := range sectionProblems(catalog.All(), read) {
		t.Error(p)
	}
}

// TestSectionsCoverCatalog keeps xeps/data/sections.txt holding every XEP
// the catalog cites, with or without a section, so that citing a section
// later is checked against the XEP and not reported as missing data.
func TestSectionsCoverCatalog(t *testing.T) {
	for _, tm := range catalog.All() {
		for _, n := range tm.XEPs() {
			if _, ok := xeps.SectionsVersion(n); !ok {
				t.Errorf("%s: %s cites XEP-%04d, which xeps/data/sections.txt does not hold: "+
					"regenerate it (go run xeps/gensections.go -xeps DIR)", tm.File, tm.Name, n)
			}
		}
	}
}

// TestSectionProblems shows that the check above names a section the XEP
// lacks, and a XEP whose sections are unknown, where the template cites it.
func TestSectionProblems(t *testing.T) {
	src := withHeader(baseBody, "spec: XEP-0313 §4.1.1", "spec: XEP-0313 §3.1.1", "spec: XEP-0009 §1")
	tm := mustParse(t, "x.test.tmpl", src)
	read := func(string) ([]byte, error) { return []byte(src), nil }
	got := sectionProblems([]*catalog.Template{tm}, read)
	v, _ := xeps.SectionsVersion(313)
	want := []string{
		"x.test.tmpl:9: x.test cites XEP-0313 §3.1.1, which XEP-0313 " + v + " does not have",
		"x.test.tmpl:10: x.test cites XEP-0009 §1, but xeps/data/sections.txt does not hold XEP-0009: " +
			"regenerate it (go run xeps/gensections.go -xeps DIR)",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// sectionProblems returns, for each XEP section the templates cite that
// the sections data lacks, a line "FILE:LINE: TEMPLATE cites ...". read
// returns a template file's source, to find the line of its spec.
func sectionProblems(ts []*catalog.Template, read func(file string) ([]byte, error)) []string {
	var out []string
	for _, tm := range ts {
		for _, r := range tm.Specs {
			if r.Kind != catalog.RefXEP || r.Section == "" {
				continue
			}
			if _, ok := xeps.Section(r.Number, r.Section); ok {
				continue
			}
			where := fmt.Sprintf("%s:%d: %s cites %s", tm.File, specLine(read, tm.File, r), tm.Name, r)
			v, known := xeps.SectionsVersion(r.Number)
			if !known {
				out = append(out, fmt.Sprintf("%s, but xeps/data/sections.txt does not hold XEP-%04d: "+
					"regenerate it (go run xeps/gensections.go -xeps DIR)", where, r.Number))
				continue
			}
			out = append(out, fmt.Sprintf("%s, which XEP-%04d %s does not have", where, r.Number, v))
		}
	}
	return out
}

// specLine returns the line of file that cites r, or 0 when it cannot be
// found (the message still names the file and the section).
func specLine(read func(string) ([]byte, error), file string, r catalog.Ref) int {
	src, err := read(file)
	if err != nil {
		return 0
	}
	for i, line := range strings.Split(string(src), "\n") {
		if v, ok := strings.CutPrefix(line, "spec:"); ok && strings.TrimSpace(v) == r.String() {
			return i + 1
		}
	}
	return 0
}
