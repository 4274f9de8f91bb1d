// Package xeplist reads and writes the XSF's list of XEPs, the
// xeplist.xml that xmpp.org publishes (https://xmpp.org/extensions/xeplist.xml)
// and that the XSF's tools/extract-metadata.py builds from the headers of
// the XEP sources.
//
// Only facts are kept: number, title, type, status, short name, the newest
// revision's version and date, and what supersedes what. The abstracts and
// revision remarks are the XSF's prose: a downloaded list may carry them,
// they are skipped when it is read, and [Write] never writes them.
package xeplist

import "slices"

// XEP is one XEP's entry in the list.
type XEP struct {
	Number int
	Title  string
	// Type and Status are as the XEP's header spells them; the header
	// of a Stable XEP may still say Draft (see xep.xsl).
	Type, Status string
	// Shortname is the XEP's short name, such as "muc"; empty when the
	// header says it has none.
	Shortname string
	// Version and Date are those of the newest revision; Date is
	// YYYY-MM-DD.
	Version, Date string
	// Supersedes and SupersededBy name other specifications, as the
	// header does ("XEP-0191").
	Supersedes, SupersededBy []string
}

// List is the whole list, sorted by number.
type List struct {
	// Commit is the github.com/xsf/xeps commit a snapshot was generated
	// from; empty for a list downloaded from xmpp.org.
	Commit string
	XEPs   []XEP
}

// Newest returns the date of the most recent revision of any XEP in the
// list: xeplist.xml carries no date of its own, so this is how two lists
// are compared ("2026-06-30"; dates compare as strings).
func (l *List) Newest() string {
	var d string
	for _, x := range l.XEPs {
		d = max(d, x.Date)
	}
	return d
}

// Lookup returns the entry of XEP n.
func (l *List) Lookup(n int) (XEP, bool) {
	i, ok := slices.BinarySearchFunc(l.XEPs, n, func(x XEP, n int) int { return x.Number - n })
	if !ok {
		return XEP{}, false
	}
	return l.XEPs[i], true
}
