package xeps_test

import (
	"strings"
	"testing"

	"xepl/xeps"
)

// fieldPrefixes are the var prefixes the XEPs give the fields of their
// form types (XEP-0068 §3: a registered form's own fields are named after
// it): a var outside them is a typing mistake or a field of another form.
var fieldPrefixes = map[string][]string{
	"http://jabber.org/protocol/muc#roomconfig":     {"muc#roomconfig_", "muc#maxhistoryfetch"},
	"http://jabber.org/protocol/muc#roominfo":       {"muc#roominfo_", "muc#maxhistoryfetch"},
	"http://jabber.org/protocol/pubsub#node_config": {"pubsub#"},
	"http://jabber.org/protocol/pubsub#meta-data":   {"pubsub#"},
	"http://jabber.org/network/serverinfo":          {""},
}

// TestFormTypes checks the field registry of data/fields.txt: each
// FORM_TYPE resolves, in the namespace index, to the XEP it cites; its
// section (when given) is one of that XEP's; no var is FORM_TYPE itself;
// and the vars of the form types whose XEPs prefix their fields carry the
// prefix.
func TestFormTypes(t *testing.T) {
	all := xeps.FormTypes()
	if len(all) < 8 {
		t.Fatalf("only %d form types", len(all))
	}
	for _, ft := range all {
		s, ok := xeps.ForNamespace(ft.Name)
		if !ok || s.XEP != ft.Spec.XEP {
			t.Errorf("%s: resolves to %v (%v), the data cites XEP-%04d", ft.Name, s, ok, ft.Spec.XEP)
		}
		if sec := ft.Spec.Section; sec != "" {
			if _, ok := xeps.Section(ft.Spec.XEP, sec); !ok {
				t.Errorf("%s: XEP-%04d has no section %s", ft.Name, ft.Spec.XEP, sec)
			}
		}
		if len(ft.Vars) != len(ft.Meanings) {
			t.Errorf("%s: %d vars, %d meanings: a var appears twice", ft.Name, len(ft.Vars), len(ft.Meanings))
		}
		for _, v := range ft.Vars {
			if v == "FORM_TYPE" {
				t.Errorf("%s: FORM_TYPE is every form's, not a field of its own", ft.Name)
			}
			if ps, ok := fieldPrefixes[ft.Name]; ok && !hasAnyPrefix(v, ps) {
				t.Errorf("%s: field %s lacks the XEP's prefix %v", ft.Name, v, ps)
			}
		}
	}
	for _, tc := range []struct{ ft, v, want string }{
		{"http://jabber.org/protocol/admin", "accountjids", "accounts"},
		{"jabber:iq:register", "username", "account name"},
		{"urn:xmpp:dataforms:softwareinfo", "software_version", "version"},
	} {
		m, s, ok := xeps.FieldMeaning(tc.ft, tc.v)
		if !ok || !strings.Contains(m, tc.want) || s.XEP == 0 {
			t.Errorf("FieldMeaning(%s, %s) = %q, %v, %v", tc.ft, tc.v, m, s, ok)
		}
	}
	if _, _, ok := xeps.FieldMeaning("jabber:iq:register", "no-such-field"); ok {
		t.Error("an unknown field has a meaning")
	}
}

func hasAnyPrefix(s string, prefixes []string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

// TestIdentitiesAndDifferences checks the identities both servers send
// are known, and that the differences between the servers are found by
// either server's condition and kept apart by an echoed payload.
func TestIdentitiesAndDifferences(t *testing.T) {
	for _, id := range [][2]string{{"server", "im"}, {"pubsub", "pep"}, {"account", "registered"}, {"account", "admin"}, {"conference", "text"}, {"pubsub", "service"}, {"store", "file"}} {
		if got, ok := xeps.ForIdentity(id[0], id[1]); !ok || got.Spec.XEP == 0 || got.Meaning == "" {
			t.Errorf("ForIdentity(%s/%s) = %+v, %v", id[0], id[1], got, ok)
		}
	}
	if _, ok := xeps.ForIdentity("kitchen", "teapot"); ok {
		t.Error("a made-up identity is known")
	}
	if got := xeps.Differences("item-not-found", nil); len(got) != 1 || got[0].Prosody != "service-unavailable" {
		t.Errorf("Differences(item-not-found) = %+v", got)
	}
	if got := xeps.Differences("service-unavailable", nil); len(got) < 2 {
		t.Errorf("Differences(service-unavailable) = %+v, want the command and the disco cases", got)
	}
	got := xeps.Differences("service-unavailable", []string{"http://jabber.org/protocol/disco#info"})
	if len(got) != 1 || !strings.Contains(got[0].Case, "disco#info") {
		t.Errorf("with a disco#info payload: %+v", got)
	}
}
