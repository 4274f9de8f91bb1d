package catalog

import (
	"slices"
	"strings"

	"xepl/xeps"
)

// Tiers of match, far apart so that a stronger kind of match always wins
// whatever the words add.
const (
	tierName       = 1e7
	tierVerb       = 5.5e6 // an admin tool's command: above a group of the same word, near enough to list the group beside it
	tierGroup      = 5e6
	tierPrefix     = 4e6
	tierXEPMain    = 3.1e6
	tierXEP        = 3e6
	tierNamespace  = 2e6
	tierNSPrefix   = 1.8e6
	tierNSIndirect = 1.5e6
	mainSpec       = 1e5 // added to a namespace match when the namespace is of the template's main XEP
)

// raise sets h's tier to t, with why, if that is stronger.
func (h *hit) raise(t float64, why string) {
	if t > h.tier {
		h.tier, h.tierMatch = t, why
	}
}

// matchRefs matches the query as a template name, group or name prefix,
// and its words that are XEP numbers or namespaces. It returns the words
// left for matchWords.
func (ix *Index) matchRefs(q string, hits []hit) []string {
	fields := strings.Fields(q)
	if len(fields) == 1 && !strings.Contains(q, ":") {
		for i, d := range ix.docs {
			switch {
			case q == d.name:
				hits[i].raise(tierName, "name")
			case q == d.group:
				hits[i].raise(tierGroup, "group "+d.group)
			case len(q) >= 3 && strings.HasPrefix(d.name, q):
				hits[i].raise(tierPrefix, "name prefix "+q)
			}
		}
	}
	if n, ok := xeps.ParseNumber(q); ok && len(fields) == 2 {
		ix.matchXEP(n, hits)
		return nil
	}
	var rest []string
	for j, f := range fields {
		if n, ok := xepWord(f, len(fields) == 1); ok {
			ix.matchXEP(n, hits)
			continue
		}
		if f == "xep" && j+1 < len(fields) {
			continue // "xep 77" in a longer query: the number follows
		}
		if j > 0 && fields[j-1] == "xep" {
			if n, ok := xeps.ParseNumber(f); ok {
				ix.matchXEP(n, hits)
				continue
			}
		}
		if strings.Contains(f, ":") {
			ix.matchNamespace(f, hits)
			continue
		}
		rest = append(rest, f)
	}
	return rest
}

// xepWord reads a query word as a XEP number: spelled with "xep", or a
// number of two or more digits that names a known XEP, or any number when
// it is the whole query.
func xepWord(f string, alone bool) (int, bool) {
	n, ok := xeps.ParseNumber(f)
	if !ok {
		return 0, false
	}
	if strings.HasPrefix(f, "xep") || alone {
		return n, true
	}
	_, known := xeps.Lookup(n)
	return n, known && len(f) >= 2
}

// matchXEP raises the templates whose specs name XEP n.
func (ix *Index) matchXEP(n int, hits []hit) {
	name := Ref{Kind: RefXEP, Number: n}.String()
	for i, d := range ix.docs {
		switch {
		case ix.mainXEP(i) == n:
			hits[i].raise(tierXEPMain, name)
		case slices.Contains(d.xeps, n):
			hits[i].raise(tierXEP, name)
		}
	}
}

// matchNamespace raises the templates that cover ns, or a namespace ns is
// a prefix of, or else that name the XEP xeps traces ns to. Templates
// whose main spec is the XEP that defines the namespace come first.
func (ix *Index) matchNamespace(ns string, hits []hit) {
	found := false
	for i, d := range ix.docs {
		for _, c := range d.covers {
			var tier float64
			switch {
			case c == ns:
				tier = tierNamespace
			case strings.HasPrefix(c, ns):
				tier = tierNSPrefix
			default:
				continue
			}
			if spec, ok := xeps.ForNamespace(c); ok && spec.XEP != 0 && ix.mainXEP(i) == spec.XEP {
				tier += mainSpec
			}
			hits[i].raise(tier, "namespace "+c)
			found = true
		}
	}
	if found {
		return
	}
	spec, ok := xeps.ForNamespace(ns)
	if !ok || spec.XEP == 0 {
		return
	}
	why := "namespace " + ns + " (" + Ref{Kind: RefXEP, Number: spec.XEP}.String() + ")"
	for i, d := range ix.docs {
		switch {
		case ix.mainXEP(i) == spec.XEP:
			hits[i].raise(tierNSIndirect+mainSpec, why)
		case slices.Contains(d.xeps, spec.XEP):
			hits[i].raise(tierNSIndirect, why)
		}
	}
}

// mainXEP returns the number of template i's main spec if it is a XEP,
// else 0.
func (ix *Index) mainXEP(i int) int {
	if s := ix.ts[i].Specs; len(s) > 0 && s[0].Kind == RefXEP {
		return s[0].Number
	}
	return 0
}
