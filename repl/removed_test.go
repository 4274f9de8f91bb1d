package repl

import "testing"

func TestCancelsRegistration(t *testing.T) {
	for _, tc := range []struct {
		raw  string
		want bool
	}{
		{`<iq type="set" id="1"><query xmlns="jabber:iq:register"><remove/></query></iq>`, true},
		{`<iq type='set'><r:query xmlns:r='jabber:iq:register'><r:remove/></r:query></iq>`, true},
		{`<iq type="get"><query xmlns="jabber:iq:register"><remove/></query></iq>`, false},
		{`<iq type="set"><query xmlns="jabber:iq:register"><username>a</username></query></iq>`, false},
		{`<iq type="set"><query xmlns="jabber:iq:roster"><remove/></query></iq>`, false},
		{`<message><body>&lt;remove/&gt; jabber:iq:register</body></message>`, false},
		{`<iq type="set"><query`, false},
	} {
		if got := cancelsRegistration([]byte(tc.raw)); got != tc.want {
			t.Errorf("cancelsRegistration(%s) = %v, want %v", tc.raw, got, tc.want)
		}
	}
}
