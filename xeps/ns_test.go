package xeps_test

import (
	"testing"

	"xepl/xeps"
)

// TestNSKnown checks that every namespace constant is one the data files
// explain, so that the notes the shell prints on a stanza cover what xepl
// itself sends.
func TestNSKnown(t *testing.T) {
	for _, ns := range []string{
		xeps.NSStanzas, xeps.NSStreams, xeps.NSSASL,
		xeps.NSEtherxStreams, xeps.NSBind, xeps.NSRoster, xeps.NSRegisterFeature,
		xeps.NSDataForms, xeps.NSDataValidate, xeps.NSDiscoItems, xeps.NSCommands,
	} {
		if _, ok := xeps.ForNamespace(ns); !ok {
			t.Errorf("ForNamespace(%q) knows nothing", ns)
		}
	}
}
