package repl

import (
	"strings"
	"testing"

	"xepl/internal/rawxml"
	"xepl/internal/session"

	"github.com/beevik/etree"
)

func TestDescribe(t *testing.T) {
	u := session.WireUnit{Unit: rawxml.Unit{Kind: rawxml.KindElement, Local: "iq",
		Raw: []byte(`<iq type='get' id='1' from='example.org'><ping xmlns='urn:xmpp:ping'/></iq>`)}, Note: "xepl answers it"}
	if got, want := describe(u), "iq get from example.org (xepl answers it)"; got != want {
		t.Errorf("describe = %q, want %q", got, want)
	}
}

func TestLegacyErrorNotes(t *testing.T) {
	doc := etree.NewDocument()
	if err := doc.ReadFromString(`<iq type='error' id='1'><error code='401'/></iq>`); err != nil {
		t.Fatal(err)
	}
	notes := strings.Join(notesFor(doc.Root(), false, nil), "\n")
	for _, want := range []string{"legacy error code 401", "XEP-0086", "not-authorized: "} {
		if !strings.Contains(notes, want) {
			t.Errorf("notes lack %q:\n%s", want, notes)
		}
	}
}
