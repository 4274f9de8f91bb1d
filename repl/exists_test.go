package repl

import (
	"strings"
	"testing"

	"mellium.im/xmpp/jid"

	"xepl/catalog"
)

// TestProbesHaveProcedures: every probe template of the catalog has the
// shell's procedure, and every procedure its template.
func TestProbesHaveProcedures(t *testing.T) {
	if err := catalog.Load(); err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, tm := range catalog.All() {
		if tm.Kind != catalog.KindProbe {
			continue
		}
		n++
		if probes[tm.Name] == nil {
			t.Errorf("%s is a probe without a procedure in probes", tm.Name)
		}
	}
	for name := range probes {
		if tm, ok := catalog.Lookup(name); !ok || tm.Kind != catalog.KindProbe {
			t.Errorf("probes has %s, which is not a probe template", name)
		}
	}
	if n == 0 {
		t.Error("no probe templates")
	}
}

// TestRefusedVerdict checks what an error answering the registration
// probe is taken to say: only conflict says the name is taken; a refusal
// for registering too often says so, and nothing of the name.
func TestRefusedVerdict(t *testing.T) {
	j := jid.MustParse("bob@example.org")
	for _, tc := range []struct {
		cond, prefix, also string
	}{
		{"conflict", "bob@example.org exists: ", "names of deleted accounts"},
		{"resource-constraint", "cannot tell whether bob@example.org exists: ", "registration_timeout"},
		{"policy-violation", "cannot tell whether bob@example.org exists: ", "how often one address may register"},
		{"not-allowed", "cannot tell whether bob@example.org exists: ", "says nothing about the name"},
	} {
		got := refusedVerdict(j, tc.cond)
		if !strings.HasPrefix(got, tc.prefix) || !strings.Contains(got, tc.also) {
			t.Errorf("%s: %q", tc.cond, got)
		}
	}
	if strings.Contains(refusedVerdict(j, "not-allowed"), "how often") {
		t.Error("not-allowed is blamed on a registration limit")
	}
}
