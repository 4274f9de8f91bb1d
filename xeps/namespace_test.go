package xeps_test

import (
	"fmt"
	"strings"
	"testing"

	"xepl/xeps"
)

func TestForNamespace(t *testing.T) {
	for _, tc := range []struct {
		ns      string
		xep     int
		rfc     int
		org     string
		matched string // registered name that should match; "" means ns itself
	}{
		// Exact matches.
		{ns: "urn:xmpp:ping", xep: 199},
		{ns: "jabber:iq:register", xep: 77},
		{ns: "http://jabber.org/features/iq-register", xep: 77},
		{ns: "urn:xmpp:mam:2#extended", xep: 313},
		{ns: "urn:xmpp:mam:0", xep: 313},
		{ns: "http://jabber.org/protocol/muc#owner", xep: 45},
		{ns: "http://jabber.org/protocol/muc#self-ping-optimization", xep: 410},
		{ns: "vcard-temp", xep: 54},
		{ns: "jabber:iq:privacy", xep: 16},
		{ns: "urn:xmpp:blocking", xep: 191},
		{ns: "msgoffline", xep: 160},
		{ns: "muc_persistent", xep: 45},
		{ns: "jid\\20escaping", xep: 106},
		// Owned by RFCs.
		{ns: "jabber:client", rfc: 6120},
		{ns: "jabber:iq:roster", rfc: 6121},
		{ns: "urn:ietf:params:xml:ns:xmpp-stanzas", rfc: 6120},
		{ns: "urn:ietf:params:xml:ns:xmpp-streams", rfc: 6120},
		{ns: "urn:ietf:params:xml:ns:xmpp-sasl", rfc: 6120},
		{ns: "urn:ietf:params:xml:ns:xmpp-tls", rfc: 6120},
		{ns: "urn:ietf:params:xml:ns:xmpp-bind", rfc: 6120},
		{ns: "urn:ietf:params:xml:ns:xmpp-session", rfc: 3921},
		{ns: "urn:xmpp:features:rosterver", rfc: 6121},
		// Fragments, suffixes and versions.
		{ns: "http://jabber.org/protocol/muc#stable_id", xep: 45},
		{ns: "http://jabber.org/protocol/pubsub#publish-options", xep: 60},
		{ns: "http://jabber.org/protocol/pubsub#access-whitelist", xep: 60, matched: "http://jabber.org/protocol/pubsub"},
		{ns: "http://jabber.org/protocol/pubsub#retrieve-items", xep: 60, matched: "http://jabber.org/protocol/pubsub"},
		{ns: "urn:xmpp:avatar:metadata+notify", xep: 84, matched: "urn:xmpp:avatar:metadata"},
		{ns: "urn:xmpp:mix:core:1#create-channel", xep: 369, matched: "urn:xmpp:mix:core:1"},
		{ns: "urn:xmpp:mam:3", xep: 313, matched: "urn:xmpp:mam:2"},
		{ns: "urn:xmpp:mam:3#extended", xep: 313, matched: "urn:xmpp:mam:2"},
		{ns: "urn:xmpp:hash-function-text-names:sha3-256", xep: 300, matched: "urn:xmpp:hash-function-text-names"},
		{ns: "http://jabber.org/protocol/si/profile/file-transfer", xep: 96},
		{ns: "http://jabber.org/protocol/amp?action=drop", xep: 79, matched: "http://jabber.org/protocol/amp"},
		// Not XEPs.
		{ns: "urn:xmpp:mucsub:0", org: "ejabberd"},
		{ns: "p1:push:custom", org: "ejabberd", matched: "p1:*"},
		{ns: "http://prosody.im/protocol/vcard-pep-integration", org: "Prosody", matched: "http://prosody.im/protocol/*"},
	} {
		t.Run(tc.ns, func(t *testing.T) {
			s, ok := xeps.ForNamespace(tc.ns)
			want := tc.matched
			if want == "" {
				want = tc.ns
			}
			if !ok || s.XEP != tc.xep || s.RFC != tc.rfc || s.Org != tc.org || s.Namespace != want {
				t.Errorf("ForNamespace(%q) = %+v, %v; want XEP %d RFC %d org %q via %q",
					tc.ns, s, ok, tc.xep, tc.rfc, tc.org, want)
			}
		})
	}
}

func TestForNamespaceUnknown(t *testing.T) {
	for _, ns := range []string{
		"",
		"urn:example:unknown",
		"jabber:iq:nonexistent",
		"urn:xmpp",
		"http://jabber.org/protocol",
		"http://example.com/protocol/muc",
		"p2:push",
		"*",
	} {
		if s, ok := xeps.ForNamespace(ns); ok {
			t.Errorf("ForNamespace(%q) = %v, want unknown", ns, s)
		}
	}
}

func TestSpecString(t *testing.T) {
	for _, tc := range []struct{ ns, want string }{
		{"jabber:iq:roster", "RFC 6121 §2 Managing the Roster"},
		{"urn:xmpp:ping", "XEP-0199: XMPP Ping (Final)"},
		{"http://www.w3.org/2005/Atom", "RFC 4287 The Atom Syndication Format"},
		{"urn:xmpp:mucsub:0", "ejabberd: MucSub, subscribing to room events without joining (ejabberd extension, not a XEP)"},
	} {
		s, _ := xeps.ForNamespace(tc.ns)
		if got := s.String(); got != tc.want {
			t.Errorf("ForNamespace(%q).String() = %q, want %q", tc.ns, got, tc.want)
		}
	}
}

func TestSpecURL(t *testing.T) {
	for _, tc := range []struct{ ns, want string }{
		{"jabber:iq:roster", "https://www.rfc-editor.org/rfc/rfc6121.html#section-2"},
		{"urn:ietf:params:xml:ns:xmpp-e2e", "https://www.rfc-editor.org/rfc/rfc3923.html"},
		{"urn:xmpp:ping", "https://xmpp.org/extensions/xep-0199.html"},
		{"urn:xmpp:mucsub:0", ""},
	} {
		s, _ := xeps.ForNamespace(tc.ns)
		if got := s.URL(); got != tc.want {
			t.Errorf("ForNamespace(%q).URL() = %q, want %q", tc.ns, got, tc.want)
		}
	}
}

// serverFeatures are disco#info features and stream features that Prosody
// 0.12 and ejabberd 23.01 advertise on their domains, accounts, MUC,
// pubsub and upload services. None of them may be unknown.
var serverFeatures = []string{
	// Both.
	"http://jabber.org/protocol/disco#info", "http://jabber.org/protocol/disco#items",
	"http://jabber.org/protocol/commands", "jabber:iq:version", "jabber:iq:last",
	"urn:xmpp:time", "urn:xmpp:ping", "vcard-temp", "jabber:iq:private", "jabber:iq:register",
	"msgoffline", "urn:xmpp:blocking", "urn:xmpp:carbons:2", "urn:xmpp:carbons:rules:0",
	"urn:xmpp:mam:0", "urn:xmpp:mam:1", "urn:xmpp:mam:2", "urn:xmpp:mam:2#extended",
	"urn:xmpp:sid:0", "urn:xmpp:push:0", "urn:xmpp:extdisco:1", "urn:xmpp:extdisco:2",
	"urn:xmpp:http:upload:0", "urn:xmpp:http:upload", "eu:siacs:conversations:http:upload",
	"urn:xmpp:bookmarks-conversion:0", "http://jabber.org/protocol/bytestreams",
	"urn:xmpp:csi:0", "urn:xmpp:sm:2", "urn:xmpp:sm:3", "urn:xmpp:features:rosterver",
	"urn:xmpp:features:pre-approval", "http://jabber.org/features/iq-register",
	"http://jabber.org/protocol/caps", "urn:ietf:params:xml:ns:xmpp-bind",
	"urn:ietf:params:xml:ns:xmpp-session", "urn:ietf:params:xml:ns:xmpp-sasl",
	"urn:ietf:params:xml:ns:xmpp-tls", "urn:xmpp:sasl:2", "urn:xmpp:bind:0",
	"urn:xmpp:fast:0", "urn:xmpp:sasl-cb:0",
	// PEP and pubsub.
	"http://jabber.org/protocol/pubsub", "http://jabber.org/protocol/pubsub#access-presence",
	"http://jabber.org/protocol/pubsub#auto-create", "http://jabber.org/protocol/pubsub#auto-subscribe",
	"http://jabber.org/protocol/pubsub#config-node", "http://jabber.org/protocol/pubsub#create-and-configure",
	"http://jabber.org/protocol/pubsub#create-nodes", "http://jabber.org/protocol/pubsub#delete-items",
	"http://jabber.org/protocol/pubsub#delete-nodes", "http://jabber.org/protocol/pubsub#filtered-notifications",
	"http://jabber.org/protocol/pubsub#last-published", "http://jabber.org/protocol/pubsub#meta-data",
	"http://jabber.org/protocol/pubsub#multi-items", "http://jabber.org/protocol/pubsub#persistent-items",
	"http://jabber.org/protocol/pubsub#publish", "http://jabber.org/protocol/pubsub#publish-options",
	"http://jabber.org/protocol/pubsub#purge-nodes", "http://jabber.org/protocol/pubsub#retract-items",
	"http://jabber.org/protocol/pubsub#retrieve-items", "http://jabber.org/protocol/pubsub#subscribe",
	"http://jabber.org/protocol/pubsub#rsm", "http://jabber.org/protocol/pubsub#item-ids",
	"http://jabber.org/protocol/pubsub#config-node-max", "urn:xmpp:bookmarks:1#compat",
	"urn:xmpp:bookmarks:1#compat-pep", "urn:xmpp:pep-vcard-conversion:0",
	// MUC.
	"http://jabber.org/protocol/muc", "http://jabber.org/protocol/muc#unique",
	"http://jabber.org/protocol/muc#request", "http://jabber.org/protocol/muc#stable_id",
	"http://jabber.org/protocol/muc#self-ping-optimization", "urn:xmpp:occupant-id:0",
	"muc_public", "muc_persistent", "muc_open", "muc_semianonymous", "muc_moderated",
	"muc_unmoderated", "muc_unsecured", "muc_passwordprotected", "muc_hidden",
	"muc_membersonly", "muc_nonanonymous", "muc_temporary", "urn:xmpp:mam:tmp",
	"urn:xmpp:message-moderate:0", "urn:xmpp:message-retract:0", "urn:xmpp:hats:0",
	// Prosody.
	"jabber:iq:time", "urn:xmpp:invite", "urn:xmpp:reporting:1", "urn:xmpp:reporting:0",
	"urn:xmpp:reporting:reason:spam:0", "urn:xmpp:reporting:reason:abuse:0",
	"http://jabber.org/network/serverinfo", "urn:xmpp:serverinfo:0", "urn:xmpp:ibr-token:0",
	"urn:xmpp:mds:server-assist:0",
	// ejabberd.
	"iq", "presence", "http://jabber.org/protocol/offline", "jabber:iq:privacy",
	"urn:xmpp:mucsub:0", "p1:push:custom", "p1:rebind", "p1:ack",
	"urn:xmpp:sic:0", "urn:xmpp:sic:1", "http://jabber.org/protocol/stats",
	"urn:xmpp:mix:core:0", "urn:xmpp:mix:core:0#create-channel", "urn:xmpp:mix:core:0#searchable",
	"urn:xmpp:mix:pam:0", "urn:xmpp:mix:pam:2", "urn:xmpp:mix:roster:0",
	"urn:xmpp:avatar:data", "urn:xmpp:avatar:metadata", "urn:xmpp:bob",
	"urn:xmpp:jingle:1", "urn:xmpp:jingle-message:0", "urn:xmpp:message-correct:0",
	"jabber:iq:search", "http://jabber.org/protocol/address", "urn:xmpp:delegation:1",
	"urn:xmpp:delegation:2", "urn:xmpp:privilege:1", "urn:xmpp:privilege:2",
	"http://jabber.org/features/iq-auth", "jabber:iq:oob", "http://jabber.org/protocol/rsm",
}

func TestServerFeaturesKnown(t *testing.T) {
	for _, f := range serverFeatures {
		if _, ok := xeps.ForNamespace(f); !ok {
			t.Errorf("server feature %q is unknown", f)
		}
	}
}

func TestDescribe(t *testing.T) {
	for _, tc := range []struct{ ns, want string }{
		{"jabber:iq:roster", "jabber:iq:roster — RFC 6121 §2 Managing the Roster"},
		{"urn:xmpp:ping", "urn:xmpp:ping — XEP-0199: XMPP Ping (Final)"},
		{"urn:example:nothing", "urn:example:nothing — unknown namespace"},
	} {
		if got := xeps.Describe(tc.ns); got != tc.want {
			t.Errorf("Describe(%q) = %q, want %q", tc.ns, got, tc.want)
		}
	}
}

func ExampleDescribe() {
	fmt.Println(xeps.Describe("jabber:iq:roster"))
	fmt.Println(xeps.Describe("urn:xmpp:ping"))
	fmt.Println(xeps.Describe("http://jabber.org/protocol/muc#user"))
	// Output:
	// jabber:iq:roster — RFC 6121 §2 Managing the Roster
	// urn:xmpp:ping — XEP-0199: XMPP Ping (Final)
	// http://jabber.org/protocol/muc#user — XEP-0045: Multi-User Chat (Stable)
}

func BenchmarkForNamespace(b *testing.B) {
	names := []string{
		"urn:xmpp:ping",
		"jabber:client",
		"http://jabber.org/protocol/pubsub#publish-options",
		"urn:xmpp:avatar:metadata+notify",
		"urn:xmpp:mam:3#extended",
		"p1:push:custom",
		"urn:example:unknown:namespace:1",
	}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		xeps.ForNamespace(names[i%len(names)])
	}
}

func TestNoSpaceInNamespaces(t *testing.T) {
	for _, x := range xeps.All() {
		for _, ns := range x.Namespaces {
			if strings.ContainsAny(ns, " \t") {
				t.Errorf("%s: namespace %q contains white space", x.Name(), ns)
			}
		}
	}
}
