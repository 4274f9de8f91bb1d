package xeps_test

import (
	"testing"

	"xepl/xeps"
)

// TestDescribeTrue: what xepl says of features and namespaces that real
// servers send, checked against the documents: no server is named as the
// owner of what many servers send, and an element the namespace's RFC
// does not define is not credited to it.
func TestDescribeTrue(t *testing.T) {
	for _, tc := range []struct{ ns, local, want string }{
		{"iq", "", "iq — informal: a feature some servers advertise (ejabberd among them) saying the entity handles iq stanzas; no XEP or RFC defines it"},
		{"presence", "", "presence — informal: a feature some servers advertise (ejabberd among them) saying the entity handles presence; no XEP or RFC defines it"},
		{"message", "", "message — informal: a feature some servers advertise saying the entity handles messages; no XEP or RFC defines it"},
		{"jabber:iq:agents", "", "jabber:iq:agents — XEP-0094: Agent Information (Obsolete)"},
		{"http://jabber.org/protocol/vacation", "", "http://jabber.org/protocol/vacation — XEP-0109: Out-of-Office Messages (Deferred)"},
		{"urn:ietf:params:xml:ns:xmpp-bind", "bind", "urn:ietf:params:xml:ns:xmpp-bind — RFC 6120 §7 Resource Binding"},
		{"urn:ietf:params:xml:ns:xmpp-bind", "unbind", "urn:ietf:params:xml:ns:xmpp-bind — not in RFC 6120: unbinding a resource, from drafts of RFC 6120 that the published RFC left out"},
		{"urn:example:nothing", "x", "urn:example:nothing — unknown namespace"},
	} {
		if got := xeps.DescribeElement(tc.ns, tc.local); got != tc.want {
			t.Errorf("DescribeElement(%q, %q)\n got %s\nwant %s", tc.ns, tc.local, got, tc.want)
		}
	}
}
