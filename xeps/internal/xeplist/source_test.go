package xeplist

import (
	"reflect"
	"strings"
	"testing"
	"testing/fstest"
)

// source is a XEP source as the XSF writes one, cut down to the header.
const source = `<?xml version='1.0' encoding='UTF-8'?>
<!DOCTYPE xep SYSTEM 'xep.dtd' [
  <!ENTITY xep-number "0491">
  <!ENTITY note "<span>markup</span>">
  <!ENTITY % ents SYSTEM 'xep.ent'>
%ents;
]>
<xep>
<header>
  <title>A  Made-Up
    Protocol</title>
  <abstract>Prose.</abstract>
  &LEGALNOTICE;
  <number>&xep-number;</number>
  <status>Draft</status>
  <type>Standards Track</type>
  <supersedes/>
  <supersededby><spec>XEP-0500</spec></supersededby>
  <shortname>N/A</shortname>
  &stpeter;
  <revision><version>1.1</version><date>2024-05-06</date><remark><p>Newest.</p></remark></revision>
  <revision><version>1.0</version><date>2023-01-01</date></revision>
</header>
<section1 topic='Introduction'><p>&note;</p></section1>
</xep>
`

func TestFromSources(t *testing.T) {
	fsys := fstest.MapFS{
		"xep-0491.xml":     {Data: []byte(source)},
		"xep-template.xml": {Data: []byte("<not-a-xep/>")},
		"inbox/proto.xml":  {Data: []byte("<xep/>")},
	}
	l, err := FromSources(fsys)
	if err != nil {
		t.Fatal(err)
	}
	want := []XEP{{Number: 491, Title: "A Made-Up Protocol", Type: "Standards Track", Status: "Draft",
		Version: "1.1", Date: "2024-05-06", SupersededBy: []string{"XEP-0500"}}}
	if !reflect.DeepEqual(l.XEPs, want) {
		t.Errorf("FromSources =\n%+v\nwant\n%+v", l.XEPs, want)
	}
}

func TestFromSourcesRefuses(t *testing.T) {
	for _, tc := range []struct{ name, file, text, want string }{
		{"number differs", "xep-0492.xml", source, "header says XEP 491"},
		{"no status", "xep-0491.xml", strings.Replace(source, "<status>Draft</status>", "", 1), "status"},
		{"no header", "xep-0491.xml", "<xep></xep>", "no complete <header>"},
		{"bad number", "xep-0491.xml", strings.Replace(source, "&xep-number;", "x", 1), "<number>"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := FromSources(fstest.MapFS{tc.file: {Data: []byte(tc.text)}})
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error = %v, want one mentioning %q", err, tc.want)
			}
		})
	}
	if _, err := FromSources(fstest.MapFS{"README.md": {}}); err == nil {
		t.Error("a directory without XEPs gave a list")
	}
}
