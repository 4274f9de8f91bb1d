package repl

import (
	"slices"
	"strings"
	"testing"
)

// TestCompleteXML: in typed XML, Tab offers element names from the
// catalog, the end tag of the innermost open element, namespaces as
// xmlns values and each stanza's types.
func TestCompleteXML(t *testing.T) {
	for _, tc := range []struct {
		line string
		want []string // the completed words, all of them when all is set
		all  bool
	}{
		{line: "<pres", want: []string{"<presence"}, all: true},
		{line: "<iq type='get'><qu", want: []string{"<query"}},
		{line: "<iq type='get'><query xmlns='jabber:iq:ver", want: []string{"xmlns='jabber:iq:version'"}, all: true},
		{line: `<iq type="get"><ping xmlns="urn:xmpp:pi`, want: []string{`xmlns="urn:xmpp:ping"`}, all: true},
		{line: "<iq type='", want: []string{"type='error'", "type='get'", "type='result'", "type='set'"}, all: true},
		{line: "<message to='a@b' type='ch", want: []string{"type='chat'"}, all: true},
		{line: "<presence type='un", want: []string{"type='unavailable'", "type='unsubscribe'", "type='unsubscribed'"}, all: true},
		{line: "<iq type='get'><query xmlns='jabber:iq:roster'/></", want: []string{"</iq>"}, all: true},
		{line: "<iq type='get'><query xmlns='jabber:iq:roster'></", want: []string{"</query>"}, all: true},
		{line: "<iq type='get'><query xmlns='jabber:iq:roster'></query></", want: []string{"</iq>"}, all: true},
		{line: "<iq to='exam", want: nil, all: true},
	} {
		got, n := xmlCompletions(tc.line)
		typed := tc.line[len(tc.line)-n:]
		var words []string
		for _, g := range got {
			words = append(words, strings.TrimSpace(typed+string(g)))
		}
		slices.Sort(words)
		if tc.all && !slices.Equal(words, tc.want) {
			t.Errorf("%q completes to %q, want %q", tc.line, words, tc.want)
		}
		for _, w := range tc.want {
			if !slices.Contains(words, w) {
				t.Errorf("%q: %q not among %q", tc.line, w, words)
			}
		}
	}
}
