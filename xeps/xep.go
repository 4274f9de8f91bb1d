package xeps

import (
	"fmt"
	"slices"
)

// XEP is one XMPP Extension Protocol.
type XEP struct {
	Number int
	Title  string
	// Status is the XEP's place in the XSF process: Experimental,
	// Proposed, Stable (called Draft before 2022), Final, Active,
	// Deferred, Deprecated, Obsolete, Rejected or Retracted.
	Status string
	// Type is Standards Track, Historical, Humorous, Informational or
	// Procedural (or, for a few of the first XEPs, SIG Formation or SIG
	// Proposal).
	Type string
	// Shortname is the XEP's short name, such as "muc", if it has one.
	Shortname string
	// Version and Updated (YYYY-MM-DD) are those of its newest revision.
	Version, Updated string
	// SupersededBy names what replaced it, such as "XEP-0191".
	SupersededBy []string
	// Namespaces lists the XML namespaces, disco features, stream
	// features and form types the XEP defines, newest version first;
	// xepl keeps them for the XEPs its catalog and notes use.
	Namespaces []string
	// Summary says in one sentence what a person uses the XEP for; empty
	// for the XEPs xepl has no notes on.
	Summary string
}

// Name returns the XEP's short name, such as "XEP-0077".
func (x XEP) Name() string { return fmt.Sprintf("XEP-%04d", x.Number) }

// URL returns the address of the XEP on xmpp.org.
func (x XEP) URL() string {
	return fmt.Sprintf("https://xmpp.org/extensions/xep-%04d.html", x.Number)
}

// String returns the name, title and status, such as
// "XEP-0199: XMPP Ping (Final)".
func (x XEP) String() string {
	return fmt.Sprintf("%s: %s (%s)", x.Name(), x.Title, x.Status)
}

// Lookup returns the XEP with the given number.
func Lookup(number int) (XEP, bool) {
	d := data()
	i, ok := d.byNumber[number]
	if !ok {
		return XEP{}, false
	}
	return d.xeps[i].clone(), true
}

// Published reports whether XEP number is in the XSF's list, as Lookup
// would find it, but without loading the XEP facts when they are not
// loaded yet: it then looks in the snapshot compiled in, which a
// downloaded list can only add to (the XSF never removes a XEP from its
// list). Parsing a catalog template checks its specs with it, so that
// looking up one template does not load every data file.
func Published(number int) bool {
	if d := current.Load(); d != nil {
		_, ok := d.byNumber[number]
		return ok
	}
	return inSnapshot(number)
}

// inSnapshot reports whether XEP number is in the compiled-in list.
func inSnapshot(number int) bool {
	for _, x := range snapshotXEPs {
		if x.Number == number {
			return true
		}
	}
	return false
}

// All returns every published XEP, sorted by number.
func All() []XEP {
	d := data()
	out := make([]XEP, len(d.xeps))
	for i, x := range d.xeps {
		out[i] = x.clone()
	}
	return out
}

func (x XEP) clone() XEP {
	x.Namespaces = slices.Clone(x.Namespaces)
	x.SupersededBy = slices.Clone(x.SupersededBy)
	return x
}
