package repl

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/beevik/etree"

	"xepl/xeps"
)

// discoInfo explains a disco#info answer (XEP-0030 §3.1): what each
// identity says the entity is, and where each feature is defined. The
// features are one per line with the short name of their document, then
// each document once in full: ejabberd advertises some sixty features,
// forty of them pubsub's, and a line each keeps them readable at 80
// columns.
func (x *explainer) discoInfo(q *etree.Element) {
	var ids, features, forms []*etree.Element
	for _, c := range q.ChildElements() {
		switch {
		case c.Tag == "identity" && c.NamespaceURI() == nsDiscoInfo:
			ids = append(ids, c)
		case c.Tag == "feature" && c.NamespaceURI() == nsDiscoInfo:
			features = append(features, c)
		case c.Tag == "x" && c.NamespaceURI() == xeps.NSDataForms:
			forms = append(forms, c)
		default:
			x.element(c, "iq/query", nsDiscoInfo)
		}
	}
	if len(ids) > 0 {
		x.add("identities (what the entity is):")
		for _, id := range ids {
			cat, typ := id.SelectAttrValue("category", ""), id.SelectAttrValue("type", "")
			name := ""
			if n := id.SelectAttrValue("name", ""); n != "" {
				name = fmt.Sprintf(" %q", n)
			}
			if known, ok := xeps.ForIdentity(cat, typ); ok {
				x.add("  %s/%s%s  %s [%s]", cat, typ, name, known.Meaning, known.Spec.String())
			} else {
				x.add("  %s/%s%s  unknown to xepl: not in the registry of categories it knows", cat, typ, name)
			}
		}
	}
	if len(features) > 0 {
		x.features(features)
	}
	for _, f := range forms {
		x.add("extended information (XEP-0128):")
		x.form(f, "iq/query/x")
	}
}

// features explains disco features: each with the short name of its
// document, then the documents in full.
func (x *explainer) features(features []*etree.Element) {
	x.add("features (%d), each with where it is defined:", len(features))
	var b strings.Builder
	tw := tabwriter.NewWriter(&b, 0, 4, 2, ' ', 0)
	var docs []xeps.Spec
	seen := map[string]bool{}
	for _, f := range features {
		v := f.SelectAttrValue("var", "")
		s, ok := xeps.ForNamespace(v)
		if !ok {
			fmt.Fprintf(tw, "  %s\tunknown to xepl\n", v)
			continue
		}
		fmt.Fprintf(tw, "  %s\t%s\n", v, shortSpec(s))
		if key := s.String(); !seen[key] {
			seen[key] = true
			docs = append(docs, s)
		}
	}
	tw.Flush()
	x.lines = append(x.lines, strings.Split(strings.TrimRight(b.String(), "\n"), "\n")...)
	x.add("where they are defined:")
	slices.SortStableFunc(docs, func(a, b xeps.Spec) int { return cmp.Compare(specRank(a), specRank(b)) })
	for _, s := range docs {
		name := shortSpec(s)
		if s.XEP == 0 && s.RFC == 0 {
			// Not a document: what the note is about is the feature.
			name += " (" + s.Namespace + ")"
		}
		x.add("  %s  %s", name, longSpec(s))
	}
}

// specRank orders documents: XEPs by number, then RFCs, then the rest.
func specRank(s xeps.Spec) int {
	switch {
	case s.XEP != 0:
		return s.XEP
	case s.RFC != 0:
		return 10000 + s.RFC
	}
	return 1 << 30
}

// shortSpec names a document in a few characters: XEP-0060, RFC 6121 §2,
// or who defines it.
func shortSpec(s xeps.Spec) string {
	switch {
	case s.XEP != 0:
		return fmt.Sprintf("XEP-%04d", s.XEP)
	case s.RFC != 0 && s.Section != "":
		return fmt.Sprintf("RFC %d §%s", s.RFC, s.Section)
	case s.RFC != 0:
		return fmt.Sprintf("RFC %d", s.RFC)
	}
	return s.Org
}

// longSpec is the rest of what Spec.String says after shortSpec.
func longSpec(s xeps.Spec) string {
	switch {
	case s.XEP != 0:
		return fmt.Sprintf("%s (%s)", s.Title, s.Status)
	}
	return s.Title
}
