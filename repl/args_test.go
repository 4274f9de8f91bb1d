package repl

import (
	"os/exec"
	"reflect"
	"strings"
	"testing"
)

func TestParseValues(t *testing.T) {
	tests := []struct {
		words []string
		want  map[string]string
		err   string
	}{
		{nil, map[string]string{}, ""},
		{[]string{"to=a@b", "body=x=y", "n="}, map[string]string{"to": "a@b", "body": "x=y", "n": ""}, ""},
		{[]string{"n=1", "n=2"}, map[string]string{"n": "2"}, ""},
		{[]string{"muc#roomconfig_roomname=Planning"}, map[string]string{"muc#roomconfig_roomname": "Planning"}, ""},
		{[]string{"to=a", "bob"}, nil, `"bob" is not NAME=VALUE`},
		{[]string{"=a"}, nil, `"=a" is not NAME=VALUE`},
	}
	for _, tt := range tests {
		got, err := parseValues(tt.words)
		switch {
		case tt.err != "" && (err == nil || err.Error() != tt.err):
			t.Errorf("%q: error %v, want %s", tt.words, err, tt.err)
		case tt.err == "" && (err != nil || !reflect.DeepEqual(got, tt.want)):
			t.Errorf("%q: %v, %v, want %v", tt.words, got, err, tt.want)
		}
	}
}

func TestSplitPositional(t *testing.T) {
	pos, rest := splitPositional(strings.Fields("add-user localhost accountjid=a@b x"))
	if strings.Join(pos, " ") != "add-user localhost" || strings.Join(rest, " ") != "accountjid=a@b x" {
		t.Errorf("%q %q", pos, rest)
	}
}

// TestSingleQuoted: what quoteArg and shellQuote write when a word needs
// quoting reads back as the word both for splitArgs and for a POSIX
// shell.
func TestSingleQuoted(t *testing.T) {
	for _, w := range []string{"", "plain", "two words", "it's", "''", `back\slash "double"`, "tab\there", "$HOME `x` *"} {
		q := singleQuoted(w)
		if got, err := splitArgs(q); err != nil || len(got) != 1 || got[0] != w {
			t.Errorf("splitArgs(%s) = %q, %v; want [%q]", q, got, err, w)
		}
		out, err := exec.Command("sh", "-c", "printf %s "+q).Output()
		if err != nil || string(out) != w {
			t.Errorf("sh reads %s as %q (%v), want %q", q, out, err, w)
		}
		if quoteArg(w) != w && quoteArg(w) != q || shellQuote(w) != w && shellQuote(w) != q {
			t.Errorf("quoteArg(%q) = %s, shellQuote = %s: neither the word nor %s", w, quoteArg(w), shellQuote(w), q)
		}
	}
}
