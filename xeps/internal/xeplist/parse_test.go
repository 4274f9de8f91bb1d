package xeplist

import (
	"bytes"
	"os"
	"reflect"
	"strings"
	"testing"
)

func TestParseFixture(t *testing.T) {
	f, err := os.Open("testdata/xeplist.xml")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	l, err := Parse(f)
	if err != nil {
		t.Fatal(err)
	}
	want := []XEP{
		{Number: 1, Title: "Made-Up Protocols", Type: "Procedural", Status: "Active", Version: "1.2.0", Date: "2020-01-02"},
		{Number: 7, Title: "Old & Gone", Type: "Historical", Status: "Obsolete", SupersededBy: []string{"XEP-0042"}},
		{Number: 42, Title: "Example Wrapped Title", Type: "Standards Track", Status: "Draft", Shortname: "example",
			Version: "2.0", Date: "2026-07-10", Supersedes: []string{"XEP-0007"}},
	}
	if !reflect.DeepEqual(l.XEPs, want) {
		t.Errorf("Parse =\n%+v\nwant\n%+v", l.XEPs, want)
	}
	if got := l.Newest(); got != "2026-07-10" {
		t.Errorf("Newest = %q", got)
	}
	if x, ok := l.Lookup(42); !ok || x.Shortname != "example" {
		t.Errorf("Lookup(42) = %+v, %v", x, ok)
	}
	if _, ok := l.Lookup(2); ok {
		t.Error("Lookup(2) found a XEP the list does not have")
	}
}

func TestParseRefuses(t *testing.T) {
	one := func(inner string) string {
		return "<xep-infos><xep accepted='true'>" + inner + "</xep></xep-infos>"
	}
	const ok = "<number>1</number><title>T</title><type>Historical</type><status>Final</status>"
	if _, err := Parse(strings.NewReader(one(ok))); err != nil {
		t.Fatalf("the good list is refused: %v", err)
	}
	for _, tc := range []struct{ name, in, want string }{
		{"not XML", "<xep-infos><xep>", "EOF"},
		{"another document", "<html><body/></html>", "expected element type <xep-infos>"},
		{"empty", "<xep-infos/>", "no XEPs"},
		{"bad number", one(strings.Replace(ok, ">1<", ">one<", 1)), "number"},
		{"number too big", one(strings.Replace(ok, ">1<", ">10000<", 1)), "number"},
		{"no title", one(strings.Replace(ok, "<title>T</title>", "", 1)), "title"},
		{"long title", one(strings.Replace(ok, ">T<", ">"+strings.Repeat("t", maxTitle+1)+"<", 1)), "title"},
		{"unknown type", one(strings.Replace(ok, "Historical", "Fun", 1)), "type"},
		{"unknown status", one(strings.Replace(ok, "Final", "Done", 1)), "status"},
		{"bad date", one(ok + "<last-revision><date>July</date></last-revision>"), "date"},
		{"twice", "<xep-infos><xep>" + ok + "</xep><xep>" + ok + "</xep></xep-infos>", "twice"},
		{"too big", one(ok + "<abstract>" + strings.Repeat("x", MaxSize) + "</abstract>"), "larger than"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse(strings.NewReader(tc.in))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("Parse error = %v, want one mentioning %q", err, tc.want)
			}
		})
	}
}

// TestWriteParses checks Write's output reads back as the same list,
// including what needs escaping.
func TestWriteParses(t *testing.T) {
	l := &List{Commit: "abc'def", XEPs: []XEP{
		{Number: 1, Title: "A <b> & 'c'", Type: "Procedural", Status: "Active"},
		{Number: 2, Title: "B", Type: "Standards Track", Status: "Draft", Shortname: "b", Version: "1.0", Date: "2001-02-03",
			Supersedes: []string{"XEP-0001"}, SupersededBy: []string{"XEP-0003", "RFC 6120"}},
	}}
	var b bytes.Buffer
	if err := Write(&b, l, "a header\n"); err != nil {
		t.Fatal(err)
	}
	got, err := Parse(&b)
	if err != nil {
		t.Fatalf("%v in\n%s", err, b.String())
	}
	if !reflect.DeepEqual(got, l) {
		t.Errorf("read back %+v, want %+v", got, l)
	}
}
