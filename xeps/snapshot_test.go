package xeps

import (
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"testing"

	"xepl/xeps/internal/xeplist"
)

// TestTableIsSnapshot checks the compiled table is data/xeplist.xml, so
// that neither can be edited without the other.
func TestTableIsSnapshot(t *testing.T) {
	f, err := os.Open("data/xeplist.xml")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	l, err := xeplist.Parse(f)
	if err != nil {
		t.Fatal(err)
	}
	if l.Commit != snapshotCommit || !reflect.DeepEqual(l.XEPs, snapshotXEPs) {
		t.Error("xeplist_gen.go is not data/xeplist.xml: run go run ./xeps/internal/genxeplist (see its doc)")
	}
	if !regexp.MustCompile(`^[0-9a-f]{40}$`).MatchString(l.Commit) {
		t.Errorf("the snapshot records commit %q, not a git hash", l.Commit)
	}
}

// TestSnapshotFacts checks facts the hand-kept list once had wrong, as
// the XEPs' own headers give them.
func TestSnapshotFacts(t *testing.T) {
	for _, tc := range []struct {
		n                   int
		title, status, typ_ string
	}{
		{13, "Flexible Offline Message Retrieval", "Deprecated", "Standards Track"},
		{20, "Feature Negotiation", "Deprecated", "Standards Track"},
		{155, "Stanza Session Negotiation", "Stable", "Standards Track"}, // its header says Draft
		{174, "Serverless Messaging", "Final", "Standards Track"},
		{360, "Nonzas (are not Stanzas)", "Rejected", "Standards Track"},
		{1, "XMPP Extension Protocols", "Active", "Procedural"},
	} {
		x, ok := Lookup(tc.n)
		if !ok || x.Title != tc.title || x.Status != tc.status || x.Type != tc.typ_ {
			t.Errorf("Lookup(%d) = %q, %q, %q, %v; want %q, %q, %q", tc.n, x.Title, x.Status, x.Type, ok, tc.title, tc.status, tc.typ_)
		}
	}
	if x, _ := Lookup(16); !slices.Equal(x.SupersededBy, []string{"XEP-0191"}) || x.Shortname != "privacy" {
		t.Errorf("XEP-0016 = %+v, want superseded by XEP-0191, short name privacy", x)
	}
	if n := len(All()); n < 500 {
		t.Errorf("only %d XEPs: the snapshot should hold every published one", n)
	}
	for _, x := range snapshotXEPs {
		if !slices.Contains(xeplist.Statuses, x.Status) || !slices.Contains(xeplist.Types, x.Type) {
			t.Errorf("XEP %d: status %q or type %q is not one of the XSF's", x.Number, x.Status, x.Type)
		}
	}
}

// TestCitedXEPsExist checks every XEP a catalog template cites is in the
// XSF's list.
func TestCitedXEPsExist(t *testing.T) {
	files, err := filepath.Glob("../catalog/templates/*.tmpl")
	if err != nil || len(files) == 0 {
		t.Fatalf("no templates: %v", err)
	}
	cite := regexp.MustCompile(`XEP-(\d{4})`)
	seen := 0
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range cite.FindAllSubmatch(b, -1) {
			n, _ := strconv.Atoi(string(m[1]))
			seen++
			if _, ok := Lookup(n); !ok {
				t.Errorf("%s cites XEP-%04d, which the XSF's list does not have", filepath.Base(f), n)
			}
		}
	}
	if seen < 200 {
		t.Errorf("only %d citations found", seen)
	}
}
