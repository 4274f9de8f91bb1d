package xeps

import (
	"reflect"
	"testing"
)

// countingFS records which data files were read.
type countingFS struct{ read map[string]int }

func (c *countingFS) ReadFile(name string) ([]byte, error) {
	c.read[name]++
	return dataFS.ReadFile(name)
}

// TestRestReadWhenNeeded checks that what every stanza's notes need can
// be looked up without the rest of the data being read, and that the rest,
// read later, is what a whole load reads.
func TestRestReadWhenNeeded(t *testing.T) {
	fs := &countingFS{read: map[string]int{}}
	d, err := loadFirst(fs, snapshot())
	if err != nil {
		t.Fatal(err)
	}
	if s, ok := d.index.find("urn:xmpp:ping"); !ok || s.XEP != 199 {
		t.Errorf("urn:xmpp:ping: %+v, %v", s, ok)
	}
	for _, name := range []string{"data/conditions.txt", "data/sections.txt", "data/fields.txt", "data/identities.txt", "data/servers.txt"} {
		if fs.read[name] != 0 {
			t.Errorf("%s read before it was needed", name)
		}
	}
	whole, err := load(dataFS, snapshot())
	if err != nil {
		t.Fatal(err)
	}
	rest := d.extra()
	if !reflect.DeepEqual(rest.conditions, whole.conditions) || !reflect.DeepEqual(rest.sections, whole.sections) ||
		!reflect.DeepEqual(rest.formTypes, whole.formTypes) || !reflect.DeepEqual(rest.identities, whole.identities) ||
		!reflect.DeepEqual(rest.differences, whole.differences) || !reflect.DeepEqual(rest.condOrder, whole.condOrder) {
		t.Error("the rest read later differs from a whole load")
	}
	d.extra()
	if fs.read["data/conditions.txt"] != 1 {
		t.Errorf("conditions read %d times, want once", fs.read["data/conditions.txt"])
	}
}

// TestKnownConditionOnceLoaded checks KnownCondition once the first part
// of the data is loaded and the rest is not: the catalog checks every
// template's conditions with it, and answering from the unread rest
// made every template unknown after a connect.
func TestKnownConditionOnceLoaded(t *testing.T) {
	Preload()
	for _, c := range [][2]string{{NSStanzas, "item-not-found"}, {NSStreams, "conflict"}, {"http://jabber.org/protocol/commands", "bad-sessionid"}} {
		if !KnownCondition(c[0], c[1]) {
			t.Errorf("KnownCondition(%q, %q) = false once the XEPs are loaded", c[0], c[1])
		}
	}
	if KnownCondition(NSStanzas, "no-such-condition") {
		t.Error("KnownCondition knows a condition that is not in the data")
	}
}
