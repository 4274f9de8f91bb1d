package repl

import (
	"testing"

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
