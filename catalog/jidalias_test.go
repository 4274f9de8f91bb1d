package catalog_test

import (
	"strings"
	"testing"

	"xepl/catalog"
)

// TestJIDAlias: jid= fills a template that takes jids= with one JID, on
// every template that has jids and no jid of its own; giving both is an
// error; a template with neither still refuses jid=.
func TestJIDAlias(t *testing.T) {
	cs := catalog.Session{Domain: "example.org", JID: "admin@example.org/r"}
	n := 0
	for _, tm := range catalog.All() {
		_, hasList := tm.Param("jids")
		_, hasOne := tm.Param("jid")
		if !hasList || hasOne {
			continue
		}
		n++
		v := tm.TestValues(cs)
		delete(v, "jids")
		v["jid"] = "bob@example.org"
		f, err := tm.Fill(v, cs)
		if err != nil {
			t.Errorf("%s jid=bob@example.org: %v", tm.Name, err)
			continue
		}
		if f.Values["jids"] != "bob@example.org" || !strings.Contains(string(f.XML), "bob@example.org") {
			t.Errorf("%s: jid= did not fill jids: %v\n%s", tm.Name, f.Values, f.XML)
		}
		v["jids"] = "carol@example.org"
		if _, err := tm.Fill(v, cs); err == nil || !strings.Contains(err.Error(), "not both") {
			t.Errorf("%s with jid= and jids=: %v", tm.Name, err)
		}
	}
	if n < 5 {
		t.Errorf("only %d templates take jids without jid", n)
	}
	tm, _ := catalog.Lookup("ping.server")
	if _, err := tm.Fill(catalog.Values{"jid": "bob@example.org"}, cs); err == nil {
		t.Error("ping.server took jid=")
	}
}
