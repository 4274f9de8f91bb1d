package forms

import (
	"strings"
	"testing"
)

// TestCard checks that Write and the question before Fill asks show a
// field with the same lines, indented each in its own way, and that only
// the question of a text-multi field shows values (the prompt of the
// others says what Enter keeps).
func TestCard(t *testing.T) {
	f, err := Parse([]byte(`<x xmlns='jabber:x:data' type='form'>` +
		`<field var='who' type='list-single' label='Who may speak'><required/><desc>Pick one.
Or two.</desc><value>b</value><option label='Anyone'><value>a</value></option><option><value>b</value></option></field>` +
		`<field var='motd' type='text-multi'><value>hello</value><value>world</value></field></x>`))
	if err != nil {
		t.Fatal(err)
	}
	who, motd := f.Field("who"), f.Field("motd")
	if got, want := who.question(), "Who may speak [who] (one of, required)\n    Pick one.\n    Or two.\n    1. Anyone (a)\n    2. b *"; got != want {
		t.Errorf("question:\n%s\nwant\n%s", got, want)
	}
	if got, want := motd.question(), "motd (text, several lines)\n    = hello\n    = world\n    type the lines, then a line with only \".\""; got != want {
		t.Errorf("question:\n%s\nwant\n%s", got, want)
	}
	var b strings.Builder
	if err := f.Write(&b); err != nil {
		t.Fatal(err)
	}
	want := "  Who may speak [who] (one of, required)\n      Pick one.\n      Or two.\n      1. Anyone (a)\n      2. b *\n" +
		"  motd (text, several lines)\n      = hello\n      = world\n"
	if b.String() != want {
		t.Errorf("Write:\n%s\nwant\n%s", b.String(), want)
	}
}
