package xeps

import "testing"

// TestPublishedAgreesWithLookup checks that the snapshot Published reads
// before the XEP facts are loaded answers as Lookup does, for every
// number a XEP can have, and that Published answers alike once they are.
func TestPublishedAgreesWithLookup(t *testing.T) {
	for n := -1; n <= 10000; n++ {
		_, want := Lookup(n)
		if got := inSnapshot(n); got != want {
			t.Errorf("inSnapshot(%d) = %v, Lookup finds it: %v", n, got, want)
		}
		if got := Published(n); got != want {
			t.Errorf("Published(%d) = %v, Lookup finds it: %v", n, got, want)
		}
	}
}

// TestKnownConditionAgreesWithAppCondition checks that the names
// KnownCondition reads alone from data/conditions.txt are those the
// loaded facts hold, and that it answers alike once they are loaded.
func TestKnownConditionAgreesWithAppCondition(t *testing.T) {
	names := conditionNames()
	if len(names) != len(Conditions()) {
		t.Errorf("conditions.txt read alone gives %d conditions, the loaded facts %d", len(names), len(Conditions()))
	}
	for _, c := range Conditions() {
		if !names[condKey{c.Namespace, c.Name}] {
			t.Errorf("%s in %s: not read from conditions.txt alone", c.Name, c.Namespace)
		}
		if !KnownCondition(c.Namespace, c.Name) {
			t.Errorf("KnownCondition(%s, %s) = false", c.Namespace, c.Name)
		}
	}
	for _, k := range []condKey{{NSStanzas, "no-such-condition"}, {NSStreams, "item-not-found"}, {"", "bad-request"}} {
		_, want := AppCondition(k.ns, k.name)
		if names[k] != want || KnownCondition(k.ns, k.name) != want {
			t.Errorf("%s in %q: read alone %v, KnownCondition %v; AppCondition finds it: %v", k.name, k.ns, names[k], KnownCondition(k.ns, k.name), want)
		}
	}
}
