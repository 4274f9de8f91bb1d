package rawxml_test

import (
	"strings"
	"testing"

	"xepl/internal/rawxml"
)

func TestStripComments(t *testing.T) {
	for _, tc := range []struct {
		name, src, want string
		n               int
		open            bool
	}{
		{"none", `<iq type='get'/>`, `<iq type='get'/>`, 0, false},
		{"inside an element, as the XEPs write them", "<iq type='get'>\n  <!-- ask the server -->\n  <query xmlns='jabber:iq:version'/>\n</iq>",
			"<iq type='get'>\n  \n  <query xmlns='jabber:iq:version'/>\n</iq>", 1, false},
		{"before and after", `<!-- a --><message/><!--b-->`, `<message/>`, 2, false},
		{"in an attribute value it is text", `<x a='<!-- no -->'/>`, `<x a='<!-- no -->'/>`, 0, false},
		{"in CDATA it is text", `<x><![CDATA[<!-- no -->]]></x>`, `<x><![CDATA[<!-- no -->]]></x>`, 0, false},
		{"a > in an attribute before one", `<x a='>'><!--c--></x>`, `<x a='>'></x>`, 1, false},
		{"one that does not end", "<iq><!-- more to come", "<iq><!-- more to come", 0, true},
		{"one ends, the next does not", "<iq><!--a--><!-- b", "<iq><!-- b", 1, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, n, open := rawxml.StripComments([]byte(tc.src))
			if string(got) != tc.want || n != tc.n || open != tc.open {
				t.Errorf("StripComments(%q) = %q, %d, %v; want %q, %d, %v", tc.src, got, n, open, tc.want, tc.n, tc.open)
			}
		})
	}
}

// TestBlankComments: blanked, a comment keeps every later byte at its
// line and column, so a parse error points where the user typed.
func TestBlankComments(t *testing.T) {
	src := "<iq> <!-- one\ntwo --> <x a=1/></iq>"
	if got, want := string(rawxml.BlankComments([]byte(src))), "<iq>"+strings.Repeat(" ", 9)+"\n"+strings.Repeat(" ", 8)+"<x a=1/></iq>"; got != want {
		t.Fatalf("BlankComments = %q, want %q", got, want)
	}
	_, err := rawxml.Parse(rawxml.BlankComments([]byte(src)))
	if err == nil || !strings.Contains(err.Error(), "line 2, column 14") {
		t.Errorf("the error in the blanked source is %v, want it on line 2", err)
	}
}
