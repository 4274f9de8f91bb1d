package xeps_test

import (
	"fmt"
	"testing"

	"xepl/xeps"
)

// The condition lists below are copied from RFC 6120, in the order of its
// sections, so that a missing or misnumbered entry shows up.
var (
	rfcStanzaConditions = []string{ // §8.3.3.1 - §8.3.3.22
		"bad-request", "conflict", "feature-not-implemented", "forbidden", "gone",
		"internal-server-error", "item-not-found", "jid-malformed", "not-acceptable",
		"not-allowed", "not-authorized", "policy-violation", "recipient-unavailable",
		"redirect", "registration-required", "remote-server-not-found",
		"remote-server-timeout", "resource-constraint", "service-unavailable",
		"subscription-required", "undefined-condition", "unexpected-request",
	}
	rfcStreamConditions = []string{ // §4.9.3.1 - §4.9.3.25
		"bad-format", "bad-namespace-prefix", "conflict", "connection-timeout",
		"host-gone", "host-unknown", "improper-addressing", "internal-server-error",
		"invalid-from", "invalid-namespace", "invalid-xml", "not-authorized",
		"not-well-formed", "policy-violation", "remote-connection-failed", "reset",
		"resource-constraint", "restricted-xml", "see-other-host", "system-shutdown",
		"undefined-condition", "unsupported-encoding", "unsupported-feature",
		"unsupported-stanza-type", "unsupported-version",
	}
	rfcSASLConditions = []string{ // §6.5.1 - §6.5.11
		"aborted", "account-disabled", "credentials-expired", "encryption-required",
		"incorrect-encoding", "invalid-authzid", "invalid-mechanism",
		"malformed-request", "mechanism-too-weak", "not-authorized",
		"temporary-auth-failure",
	}
)

func TestRFCConditions(t *testing.T) {
	for _, tc := range []struct {
		kind, ns, section string
		names             []string
		lookup            func(string) (xeps.Condition, bool)
	}{
		{xeps.KindStanza, xeps.NSStanzas, "8.3.3", rfcStanzaConditions, xeps.StanzaCondition},
		{xeps.KindStream, xeps.NSStreams, "4.9.3", rfcStreamConditions, xeps.StreamCondition},
		{xeps.KindSASL, xeps.NSSASL, "6.5", rfcSASLConditions, xeps.SASLCondition},
	} {
		t.Run(tc.kind, func(t *testing.T) {
			for i, name := range tc.names {
				c, ok := tc.lookup(name)
				if !ok {
					t.Errorf("%s condition %q missing", tc.kind, name)
					continue
				}
				wantSection := fmt.Sprintf("%s.%d", tc.section, i+1)
				if c.Name != name || c.Kind != tc.kind || c.Namespace != tc.ns ||
					c.Spec.RFC != 6120 || c.Spec.Section != wantSection {
					t.Errorf("%s: got %+v, want kind %s, ns %s, RFC 6120 §%s",
						name, c, tc.kind, tc.ns, wantSection)
				}
				if (tc.kind == xeps.KindStanza) != (c.DefaultType != "") {
					t.Errorf("%s: DefaultType %q", name, c.DefaultType)
				}
			}
			n := 0
			for _, c := range xeps.Conditions() {
				if c.Kind == tc.kind {
					n++
				}
			}
			if n != len(tc.names) {
				t.Errorf("%d %s conditions in the data, RFC 6120 defines %d", n, tc.kind, len(tc.names))
			}
		})
	}
}

func TestAppConditions(t *testing.T) {
	for _, tc := range []struct {
		ns    string
		xep   int
		names []string
	}{
		{"http://jabber.org/protocol/commands", 50, []string{
			"bad-action", "bad-locale", "bad-payload", "bad-sessionid",
			"malformed-action", "session-expired",
		}},
		{"http://jabber.org/protocol/pubsub#errors", 60, []string{
			"closed-node", "configuration-required", "invalid-jid", "invalid-options",
			"invalid-payload", "invalid-subid", "item-forbidden", "item-required",
			"jid-required", "max-items-exceeded", "max-nodes-exceeded", "nodeid-required",
			"not-in-roster-group", "not-subscribed", "payload-too-big", "payload-required",
			"pending-subscription", "precondition-not-met", "presence-subscription-required",
			"subid-required", "too-many-subscriptions", "unsupported",
		}},
	} {
		for _, name := range tc.names {
			c, ok := xeps.AppCondition(tc.ns, name)
			if !ok {
				t.Errorf("%s condition %q missing", tc.ns, name)
				continue
			}
			if c.Spec.XEP != tc.xep || c.General == "" || c.DefaultType == "" {
				t.Errorf("%s: got %+v", name, c)
			}
			if _, ok := xeps.StanzaCondition(c.General); !ok {
				t.Errorf("%s: general condition %q is not a stanza condition", name, c.General)
			}
		}
	}
}

func TestConditionTexts(t *testing.T) {
	all := xeps.Conditions()
	if len(all) < 58 {
		t.Fatalf("only %d conditions", len(all))
	}
	for _, c := range all {
		for field, s := range map[string]string{"Meaning": c.Meaning, "Hint": c.Hint} {
			if s == "" || len(s) > 200 {
				t.Errorf("%s/%s: %s is empty or longer than 200 bytes", c.Kind, c.Name, field)
			}
		}
		if c.Spec.String() == "" {
			t.Errorf("%s/%s: no spec", c.Kind, c.Name)
		}
	}
}

func TestConditionLookups(t *testing.T) {
	if c, ok := xeps.StanzaCondition("registration-required"); !ok || c.DefaultType != "auth" {
		t.Errorf("registration-required = %+v, %v", c, ok)
	}
	if c, ok := xeps.AppCondition(xeps.NSStanzas, "item-not-found"); !ok || c.Kind != xeps.KindStanza {
		t.Errorf("AppCondition on the stanza namespace = %+v, %v", c, ok)
	}
	for _, tc := range []struct {
		name   string
		lookup func(string) (xeps.Condition, bool)
	}{
		{"no-such-condition", xeps.StanzaCondition},
		{"", xeps.StanzaCondition},
		{"aborted", xeps.StanzaCondition},   // a SASL condition
		{"forbidden", xeps.StreamCondition}, // a stanza condition
		{"gone", xeps.SASLCondition},
	} {
		if c, ok := tc.lookup(tc.name); ok {
			t.Errorf("lookup(%q) = %+v, want not found", tc.name, c)
		}
	}
	if _, ok := xeps.AppCondition("http://jabber.org/protocol/commands", "bad-request"); ok {
		t.Error("bad-request found in the commands namespace")
	}
}

func ExampleStanzaCondition() {
	c, _ := xeps.StanzaCondition("item-not-found")
	fmt.Println(c.Spec, "-", c.DefaultType)
	// Output: RFC 6120 §8.3.3.7 Stanza Errors - cancel
}

func ExampleAppCondition() {
	c, _ := xeps.AppCondition("http://jabber.org/protocol/commands", "bad-sessionid")
	fmt.Println(c.General, "+", c.Name, "from", c.Spec)
	// Output: bad-request + bad-sessionid from XEP-0050: Ad-Hoc Commands (Stable)
}
