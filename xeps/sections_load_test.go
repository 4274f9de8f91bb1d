package xeps

import (
	"strings"
	"testing"
)

func TestLoadSections(t *testing.T) {
	fs := fsWith(okXEP, okSpec, okCond)
	d, err := load(fs, testList)
	if err != nil {
		t.Fatal(err)
	}
	s := d.sections[1]
	if s.version != "1.0" || s.titles["1.1"] != "Scope" || s.titles["2"] != "Use" || len(s.titles) != 3 {
		t.Errorf("sections = %+v", s)
	}
}

func TestLoadSectionsRejects(t *testing.T) {
	two := strings.NewReplacer("xep 1", "xep 2", "urn:one", "urn:two").Replace(okXEP) + "\n"
	for _, tc := range []struct{ name, xeps, sections, want string }{
		{"unknown xep", okXEP, strings.Replace(okSect, "xep 1", "xep 9", 1), "not in the XSF's list"},
		{"unsorted", okXEP + "\n" + two, strings.Replace(okSect, "xep 1", "xep 2", 1) + "\n" + okSect, "sorted"},
		{"twice", okXEP, okSect + "\n" + okSect, "sorted"},
		{"no version", okXEP, strings.Replace(okSect, "version 1.0\n", "", 1), "version"},
		{"no sections", okXEP, "xep 1\nversion 1.0\n", "section"},
		{"not starting with xep", okXEP, "version 1.0\nxep 1\nsection 1 A\n", "start"},
		{"no title", okXEP, "xep 1\nversion 1.0\nsection 1\n", "no title"},
		{"not first", okXEP, "xep 1\nversion 1.0\nsection 2 A\n", "comes first"},
		{"gap", okXEP, okSect + "section 4 Four\n", "cannot follow 2"},
		{"skipped level", okXEP, okSect + "section 2.1.1 Deep\n", "cannot follow 2"},
		{"repeated", okXEP, okSect + "section 2 Again\n", "cannot follow 2"},
		{"leading zero", okXEP, okSect + "section 03 Three\n", "cannot follow 2"},
		{"not a number", okXEP, okSect + "section 3.x Three\n", "not like"},
		{"unknown key", okXEP, okSect + "anchor intro\n", "unknown key"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fs := fsWith(tc.xeps, okSpec, okCond)
			fs["data/sections.txt"].Data = []byte(tc.sections)
			_, err := load(fs, testList)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("load error = %v, want one mentioning %q", err, tc.want)
			}
		})
	}
}

func TestFollowsSection(t *testing.T) {
	for _, tc := range []struct {
		prev, next string
		ok         bool
	}{
		{"", "1", true},
		{"1", "1.1", true},
		{"1", "2", true},
		{"4.1.5", "4.2", true},
		{"4.1.5", "5", true},
		{"4.1.5", "4.1.6", true},
		{"4.1.5", "4.1.5.1", true},
		{"", "1.1", false},
		{"4.1.5", "4.1.7", false},
		{"4.1.5", "4.3", false},
		{"4.1.5", "4.1.5.2", false},
		{"4", "4", false},
		{"4", "0", false},
		{"4", "5.", false},
	} {
		err := followsSection(tc.prev, tc.next)
		if (err == nil) != tc.ok {
			t.Errorf("followsSection(%q, %q) = %v, want ok %v", tc.prev, tc.next, err, tc.ok)
		}
	}
}

// TestSectionFollowsAgrees checks the quick check against the slow one
// for every pair of a set of numbers.
func TestSectionFollowsAgrees(t *testing.T) {
	nums := []string{"", "1", "2", "10", "11", "1.1", "1.2", "1.10", "2.1", "4.1.5", "4.1.6", "4.2", "5",
		"4.1.5.1", "4.1.5.2", "0", "01", "5.", ".5", "4..1", "4.1.05", "x", "10.1", "9", "1.1.1", "1.9", "1.10.1"}
	for _, prev := range nums {
		if prev != "" {
			if parts, err := sectionParts(prev); err != nil || strings.Join(intStrings(parts), ".") != prev {
				continue // prev was checked as next: no leading zeros
			}
		}
		for _, next := range nums {
			quick := sectionFollows(prev, next)
			slow := whyNotFollows(prev, next) == nil
			if quick != slow {
				t.Errorf("%q after %q: quick %v, slow %v", next, prev, quick, slow)
			}
		}
	}
}
