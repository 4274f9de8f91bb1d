package vocab_test

import (
	"strings"
	"testing"

	"xepl/internal/vocab"
)

func TestParseBool(t *testing.T) {
	for s, want := range map[string]bool{
		"true": true, "1": true, "yes": true, "y": true, "on": true,
		"false": false, "0": false, "no": false, "n": false, "off": false,
		"TRUE": true, " Yes ": true, "N\t": false, "oFf": false,
	} {
		if got, ok := vocab.ParseBool(s); !ok || got != want {
			t.Errorf("ParseBool(%q) = %v, %v, want %v", s, got, ok, want)
		}
	}
	for _, s := range []string{"", "maybe", "2", "-1", "t", "f", "yess", "o n"} {
		if _, ok := vocab.ParseBool(s); ok {
			t.Errorf("ParseBool(%q) accepted", s)
		}
	}
}

// TestBoolWords checks that every word BoolWords lists is read, as what
// its place in the pair says.
func TestBoolWords(t *testing.T) {
	for _, pair := range strings.Split(vocab.BoolWords, ", ") {
		yes, no, _ := strings.Cut(pair, "/")
		if v, ok := vocab.ParseBool(yes); !ok || !v {
			t.Errorf("%q of BoolWords is not read as true", yes)
		}
		if v, ok := vocab.ParseBool(no); !ok || v {
			t.Errorf("%q of BoolWords is not read as false", no)
		}
	}
}
