package rawxml

import (
	"testing"

	"xepl/xeps"
)

// TestNamespacesMatchXeps checks the package's own copies of namespaces
// against xeps, where the rest of xepl takes them from: rawxml imports
// nothing, so only a test can keep the two equal.
func TestNamespacesMatchXeps(t *testing.T) {
	for _, c := range []struct{ name, ours, theirs string }{
		{"nsStreams", nsStreams, xeps.NSEtherxStreams},
		{"nsSASL", nsSASL, xeps.NSSASL},
		{"nsXData", nsXData, xeps.NSDataForms},
	} {
		if c.ours != c.theirs {
			t.Errorf("%s = %q, but xeps has %q", c.name, c.ours, c.theirs)
		}
	}
}
