package session

import (
	"strings"
	"testing"

	"mellium.im/xmpp/jid"

	"xepl/internal/rawxml"
)

// TestAnswerFor: the exact answer to each kind of request, with the id and
// the sender escaped as they must be.
func TestAnswerFor(t *testing.T) {
	s := &Session{self: newAddresses(jid.MustParse("user@example.org/desk"))}
	tests := []struct{ in, answer, note string }{
		{`<iq type='get' id="a'b" from="x@y/&lt;r"><ping xmlns='urn:xmpp:ping'/></iq>`,
			`<iq type='result' id='a&apos;b' to='x@y/&lt;r'/>`, "xepl answers it"},
		{`<iq type='get' id='d'><query xmlns='http://jabber.org/protocol/disco#info'/></iq>`,
			`<iq type='result' id='d'>` + discoInfo + `</iq>`, "xepl answers it"},
		{`<iq type='get' id='n' from='example.org'><query xmlns='http://jabber.org/protocol/disco#info' node='x'/></iq>`,
			`<iq type='error' id='n' to='example.org'><error type='cancel'><item-not-found xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>`, "item-not-found"},
		{`<iq type='set' id='r'><query xmlns='jabber:iq:roster'><item jid='a@b'/></query></iq>`,
			`<iq type='result' id='r'/>`, "a roster push: xepl acknowledges it"},
		{`<iq type='set' id='r' from='evil@example.org/x'><query xmlns='jabber:iq:roster'/></iq>`,
			`<iq type='error' id='r' to='evil@example.org/x'><error type='cancel'><service-unavailable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>`, "must come from the account"},
		{`<iq type='get' id='v'><query xmlns='jabber:iq:version'/></iq>`,
			`<iq type='error' id='v'><error type='cancel'><service-unavailable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>`, "xepl answers service-unavailable"},
		{`<iq type='get' id='e'/>`,
			`<iq type='error' id='e'><error type='modify'><bad-request xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>`, "bad-request"},
		{`<iq type='get' id=''><ping xmlns='urn:xmpp:ping'/></iq>`, `<iq type='result' id=''/>`, "xepl answers it"},
		{`<iq type='get'><ping xmlns='urn:xmpp:ping'/></iq>`, ``, "must have an id"},
	}
	for _, tt := range tests {
		answer, note := s.answerFor(WireUnit{Unit: rawxml.Unit{Kind: rawxml.KindElement, Raw: []byte(tt.in), Local: "iq"}})
		if string(answer) != tt.answer {
			t.Errorf("answer to %s:\n got %s\nwant %s", tt.in, answer, tt.answer)
		}
		if !strings.Contains(note, tt.note) {
			t.Errorf("the note on %s is %q, want it to say %q", tt.in, note, tt.note)
		}
	}
}
