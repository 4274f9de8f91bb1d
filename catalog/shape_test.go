package catalog_test

import (
	"slices"
	"testing"

	"xepl/catalog"
)

func TestShape(t *testing.T) {
	tests := []struct {
		name, param, def string
		payload          []string
		nonza            bool
	}{
		{"ping.server", "to", "{domain}", []string{"urn:xmpp:ping"}, false},
		{"muc.join", "room", "", []string{"http://jabber.org/protocol/muc"}, false},
		{"register.cancel", "to", "", []string{"jabber:iq:register"}, false},
		{"sm.enable", "", "", []string{"urn:xmpp:sm:3"}, true},
		{"pubsub.nodes", "service", "pubsub.{domain}", []string{"http://jabber.org/protocol/disco#items"}, false},
	}
	for _, tt := range tests {
		tm, ok := catalog.Lookup(tt.name)
		if !ok {
			t.Fatalf("no %s", tt.name)
		}
		p, _ := tm.Target()
		if p.Name != tt.param || p.Default != tt.def {
			t.Errorf("%s goes to %q (default %q), want %q (default %q)", tt.name, p.Name, p.Default, tt.param, tt.def)
		}
		if got := tm.Payload(); !slices.Equal(got, tt.payload) {
			t.Errorf("%s: payload %q, want %q", tt.name, got, tt.payload)
		}
		if tm.IsNonza() != tt.nonza {
			t.Errorf("%s: nonza %v", tt.name, tm.IsNonza())
		}
	}
}
