package xeplist

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
)

// Statuses are the values the XSF's process gives a XEP's status
// (XEP-0001), with Draft, the old name of Stable that headers still use.
var Statuses = []string{
	"Active", "Deferred", "Deprecated", "Draft", "Experimental", "Final",
	"Obsolete", "Proposed", "Rejected", "Retracted", "Stable",
}

// Types are the values of a XEP's type (XEP-0001), with the two that
// early XEPs forming the SIGs have.
var Types = []string{
	"Standards Track", "Historical", "Humorous", "Informational", "Procedural",
	"SIG Formation", "SIG Proposal",
}

// MaxSize is the largest list Parse reads: xmpp.org's, abstracts
// included, is well under a megabyte.
const MaxSize = 8 << 20

// maxTitle bounds a title, so that a broken list cannot fill a screen.
const maxTitle = 200

// element is one <xep> of xeplist.xml. Elements not named here
// (abstract, approver, tags, sig, remark...) are skipped.
type element struct {
	Accepted     string   `xml:"accepted,attr"`
	Number       string   `xml:"number"`
	Title        string   `xml:"title"`
	Type         string   `xml:"type"`
	Status       string   `xml:"status"`
	Shortname    string   `xml:"shortname"`
	Version      string   `xml:"last-revision>version"`
	Date         string   `xml:"last-revision>date"`
	Supersedes   []string `xml:"supersedes>spec"`
	SupersededBy []string `xml:"supersededby>spec"`
}

type document struct {
	XMLName xml.Name  `xml:"xep-infos"`
	Commit  string    `xml:"commit,attr"`
	XEPs    []element `xml:"xep"`
}

// Parse reads a list in xeplist.xml's format and checks it: at most
// MaxSize bytes, well-formed, every accepted XEP with a number from 1 to
// 9999 given once, a title, and a known type and status. ProtoXEPs (not
// yet accepted, numbered "xxxx") are left out. Any fault refuses the
// whole list: a half-read list would be worse than the older one.
func Parse(r io.Reader) (*List, error) {
	b, err := io.ReadAll(io.LimitReader(r, MaxSize+1))
	if err != nil {
		return nil, fmt.Errorf("xeplist: %w", err)
	}
	if len(b) > MaxSize {
		return nil, fmt.Errorf("xeplist: larger than %d MiB: not a XEP list", MaxSize>>20)
	}
	var doc document
	if err := xml.Unmarshal(b, &doc); err != nil {
		return nil, fmt.Errorf("xeplist: %w", err)
	}
	l := &List{Commit: doc.Commit}
	for i, e := range doc.XEPs {
		if e.Accepted == "false" {
			continue
		}
		x, err := e.decode()
		if err != nil {
			return nil, fmt.Errorf("xeplist: entry %d: %w", i+1, err)
		}
		l.XEPs = append(l.XEPs, x)
	}
	if len(l.XEPs) == 0 {
		return nil, errors.New("xeplist: no XEPs in the list")
	}
	slices.SortFunc(l.XEPs, func(a, b XEP) int { return a.Number - b.Number })
	for i := 1; i < len(l.XEPs); i++ {
		if l.XEPs[i].Number == l.XEPs[i-1].Number {
			return nil, fmt.Errorf("xeplist: XEP %d is listed twice", l.XEPs[i].Number)
		}
	}
	return l, nil
}

func (e element) decode() (XEP, error) {
	n, err := strconv.Atoi(strings.TrimSpace(e.Number))
	if err != nil || n < 1 || n > 9999 {
		return XEP{}, fmt.Errorf("number %q is not from 1 to 9999", e.Number)
	}
	x := XEP{
		Number:       n,
		Title:        clean(e.Title),
		Type:         clean(e.Type),
		Status:       clean(e.Status),
		Shortname:    clean(e.Shortname),
		Version:      clean(e.Version),
		Date:         clean(e.Date),
		Supersedes:   cleanAll(e.Supersedes),
		SupersededBy: cleanAll(e.SupersededBy),
	}
	switch {
	case x.Title == "" || len(x.Title) > maxTitle:
		return XEP{}, fmt.Errorf("XEP %d: title is empty or longer than %d bytes", n, maxTitle)
	case !slices.Contains(Types, x.Type):
		return XEP{}, fmt.Errorf("XEP %d: unknown type %q", n, x.Type)
	case !slices.Contains(Statuses, x.Status):
		return XEP{}, fmt.Errorf("XEP %d: unknown status %q", n, x.Status)
	case x.Date != "" && !isDate(x.Date):
		return XEP{}, fmt.Errorf("XEP %d: revision date %q is not YYYY-MM-DD", n, x.Date)
	}
	return x, nil
}

// clean folds runs of white space, as a header's text may be wrapped.
func clean(s string) string { return strings.Join(strings.Fields(s), " ") }

func cleanAll(ss []string) []string {
	var out []string
	for _, s := range ss {
		if s = clean(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

func isDate(s string) bool {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return false
	}
	for i, c := range s {
		if i != 4 && i != 7 && (c < '0' || c > '9') {
			return false
		}
	}
	return true
}
