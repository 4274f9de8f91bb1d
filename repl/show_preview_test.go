package repl

import (
	"strings"
	"testing"

	"xepl/catalog"
)

// TestShowEveryTemplate: show's XML of every template holds one style of
// placeholder (capitals), never an escaped <name> or an unfilled
// {{tag}}, and its example line is ready to type: it fills the template.
func TestShowEveryTemplate(t *testing.T) {
	if err := catalog.Load(); err != nil {
		t.Fatal(err)
	}
	cs := catalog.Session{Domain: "example.org"}
	for _, tm := range catalog.All() {
		xml, err := preview(tm, catalog.Values{}, cs)
		if err != nil {
			t.Errorf("%s: %v", tm.Name, err)
			continue
		}
		if s := string(xml); strings.Contains(s, "{{") || strings.Contains(s, "&lt;") {
			t.Errorf("%s: a placeholder of another style:\n%s", tm.Name, s)
		}
		line := exampleLine(tm, catalog.Values{}, cs)
		words, err := splitArgs(line)
		if err != nil || words[0] != tm.Name {
			t.Errorf("%s: example %q: %v", tm.Name, line, err)
			continue
		}
		values, err := parseValues(words[1:])
		if err != nil {
			t.Errorf("%s: example %q: %v", tm.Name, line, err)
			continue
		}
		if _, err := tm.Fill(catalog.Values(values), cs); err != nil {
			t.Errorf("%s: example %q does not fill it: %v", tm.Name, line, err)
		}
	}
}

// TestExampleKeepsWhatWasGiven: show's example line keeps the values
// typed, jid= for a jids list included (under the name Fill reads it by).
func TestExampleKeepsWhatWasGiven(t *testing.T) {
	tm, ok := catalog.Lookup("admin.delete-user")
	if !ok {
		t.Fatal("no admin.delete-user")
	}
	line := exampleLine(tm, catalog.Values{"jid": "bob@example.org"}, catalog.Session{Domain: "example.org"})
	if !strings.Contains(line, "=bob@example.org") {
		t.Errorf("show admin.delete-user jid=bob@example.org: example %q lost the JID", line)
	}
}

// TestShowProbePassword: show account.exists shows where the password
// the probe makes up goes, not an empty <password/>, which it never
// sends.
func TestShowProbePassword(t *testing.T) {
	tm, ok := catalog.Lookup("account.exists")
	if !ok {
		t.Fatal("no account.exists")
	}
	xml, err := preview(tm, catalog.Values{}, catalog.Session{Domain: "example.org"})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(xml), "<password>RANDOM</password>") {
		t.Errorf("show account.exists:\n%s\nwant <password>RANDOM</password>, the random password the probe sends", xml)
	}
	xml, err = preview(tm, catalog.Values{"password": "chosen"}, catalog.Session{Domain: "example.org"})
	if err != nil || !strings.Contains(string(xml), "<password>chosen</password>") {
		t.Errorf("show account.exists password=chosen:\n%s (%v)\nwant the password given", xml, err)
	}
}
