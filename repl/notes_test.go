package repl

import (
	"strings"
	"testing"

	"github.com/beevik/etree"
)

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

func TestLegacyErrorNotes(t *testing.T) {
	doc := etree.NewDocument()
	if err := doc.ReadFromString(`<iq type='error' id='1'><error code='401'/></iq>`); err != nil {
		t.Fatal(err)
	}
	notes := strings.Join(notesFor(doc.Root(), false), "\n")
	for _, want := range []string{"legacy error code 401", "XEP-0086", "not-authorized: "} {
		if !strings.Contains(notes, want) {
			t.Errorf("notes lack %q:\n%s", want, notes)
		}
	}
}
