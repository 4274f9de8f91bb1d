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
		{`<iq type="set" to="example.org"><query xmlns="jabber:iq:register"><remove/></query></iq>`, true},
		{`<iq type="set" to="me@example.org"><query xmlns="jabber:iq:register"><remove/></query></iq>`, true},
		{`<iq type="set" to="muc.example.org"><query xmlns="jabber:iq:register"><remove/></query></iq>`, false},
	} {
		own := func(to string) bool { return to == "example.org" || to == "me@example.org" }
		if got := cancelsRegistration([]byte(tc.raw), own); got != tc.want {
			t.Errorf("cancelsRegistration(%s) = %v, want %v", tc.raw, got, tc.want)
		}
	}
}
