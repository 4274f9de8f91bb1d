package repl

import "testing"

func TestAutoAnswer(t *testing.T) {
	tests := []struct{ typ, raw, want string }{
		{"get", `<iq type='get' id='1'><ping xmlns='urn:xmpp:ping'/></iq>`, "(xepl answers it)"},
		{"get", `<iq type='get' id='1'><query xmlns='http://jabber.org/protocol/disco#info'/></iq>`, "(xepl answers it)"},
		{"set", `<iq type='set' id='1'><query xmlns='jabber:iq:roster'><item jid='a@b'/></query></iq>`, "(a roster push: xepl acknowledges it)"},
		{"get", `<iq type='get' id='1'><query xmlns='jabber:iq:roster'/></iq>`, "(xepl answers service-unavailable)"},
		{"get", `<iq type='get' id='1'><query xmlns='jabber:iq:version'/></iq>`, "(xepl answers service-unavailable)"},
	}
	for _, tt := range tests {
		if got := autoAnswer(tt.typ, payloadNamespace([]byte(tt.raw))); got != tt.want {
			t.Errorf("%s: %s, want %s", tt.raw, got, tt.want)
		}
	}
}
