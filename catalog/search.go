package catalog

import (
	"math"
	"slices"
	"strings"

	"xepl/xeps"
)

// Result is one template found by a search.
type Result struct {
	// Template is the template found.
	Template *Template
	// Score orders results: higher is better. Only the order means
	// anything.
	Score float64
	// Match says why the template was found, such as "name",
	// "group register", "XEP-0077", "namespace jabber:iq:register" or
	// `keyword "delete account"`.
	Match string
	// Verb, when not "", is the ejabberdctl or prosodyctl command the
	// query named exactly ("ejabberdctl register"): an admin knows the
	// tool's verb before the protocol's name for it.
	Verb string
}

// Index answers searches over a fixed set of templates. Build it once
// with NewIndex; it is safe for concurrent use.
type Index struct {
	ts       []*Template
	docs     []doc
	postings map[string][]posting // stem → where it occurs
	vocab    []string             // every stem, sorted, for prefix matches
	display  map[string]string    // stem → a word it came from, for Match
}

// where is a part of a template that search reads, by strength.
type where uint8

const (
	inSummary where = iota
	inSpec          // the titles of the XEPs the template names
	inTitle
	inKeywords
	inName
)

var whereNames = [...]string{"summary", "spec", "title", "keywords", "name"}

// weight is how much a word counts in each part of a template.
var weight = [...]float64{inSummary: 1, inSpec: 1, inTitle: 3, inKeywords: 3, inName: 4}

// partCover is how much of a query word a match in each part covers: the
// titles of a template's XEPs are broad ("Multi-User Chat" says "user"),
// so a word found only there counts half.
var partCover = [...]float64{inSummary: 1, inSpec: 0.5, inTitle: 1, inKeywords: 1, inName: 1}

// posting says that a stem occurs in a template, and in which parts: bit
// w of parts is set when it occurs in part w.
type posting struct {
	doc   int
	parts uint8
}

// phrase is a keyword as its stems, space-joined with a space before and
// after, so that whole words can be looked for in it with
// strings.Contains.
type phrase struct {
	stems   string
	words   string // its words without stop words, space-joined: the keyword as written
	n       int    // how many stems
	keyword int    // its index in Keywords
}

// doc is what the index keeps of one template besides its postings.
type doc struct {
	name    string
	group   string   // the name's first part
	action  []string // stems of the name's other parts
	phrases []phrase // the keywords, as stems
	covers  []string // Covers(), lower case
	xeps    []int
	verbs   []string // the keywords that are ejabberdctl or prosodyctl commands
}

// NewIndex builds an index over ts.
func NewIndex(ts []*Template) *Index {
	ix := &Index{ts: slices.Clone(ts), postings: map[string][]posting{}, display: map[string]string{}}
	for i, t := range ix.ts {
		group, action, _ := strings.Cut(t.Name, ".")
		d := doc{name: t.Name, group: group, action: contentStems(action), xeps: t.XEPs()}
		for k, kw := range t.Keywords {
			if isVerb(kw) {
				d.verbs = append(d.verbs, strings.ToLower(kw))
			}
			if stems := contentStems(kw); len(stems) > 0 {
				d.phrases = append(d.phrases, phrase{" " + strings.Join(stems, " ") + " ", contentWords(kw), len(stems), k})
			}
		}
		for _, c := range t.Covers() {
			d.covers = append(d.covers, strings.ToLower(c))
		}
		ix.docs = append(ix.docs, d)
		ix.add(i, inName, t.Name)
		ix.add(i, inTitle, t.Title)
		ix.add(i, inKeywords, strings.Join(t.Keywords, " "))
		ix.add(i, inSummary, t.Summary)
		for _, n := range d.xeps {
			if x, ok := xeps.Lookup(n); ok {
				ix.add(i, inSpec, x.Title)
			}
		}
	}
	for s := range ix.postings {
		ix.vocab = append(ix.vocab, s)
	}
	slices.Sort(ix.vocab)
	return ix
}

// add records the words of text as occurring in template i, part w.
func (ix *Index) add(i int, w where, text string) {
	for _, word := range tokens(text) {
		if words().stop[word] {
			continue
		}
		s := stem(word)
		if _, ok := ix.display[s]; !ok {
			ix.display[s] = word
		}
		ps := ix.postings[s]
		if n := len(ps); n > 0 && ps[n-1].doc == i {
			ps[n-1].parts |= 1 << w
			continue
		}
		ix.postings[s] = append(ps, posting{i, 1 << w})
	}
}

// Search returns the templates that match query, best first, ties broken
// by name; nil for an empty query.
//
// Strongest is the exact template name ("register.cancel"), then a group
// or name prefix ("register", "admin.get"), then a XEP number in any
// spelling ("77", "xep-0077", "XEP 77"), then a namespace or disco feature
// the template covers (exactly, or a prefix of it: "urn:xmpp:mam"), or
// one that xeps traces to a XEP the template names. Other words are
// matched, stemmed and with synonyms ("delete" finds "remove" and
// "unregister"), against the name, title, keywords, summary and the
// titles of the template's XEPs. A template that matches more of the
// words ranks above one that matches fewer; among those, rarer words,
// stronger places, keyword phrases and names the words fill count more,
// and when the words fit equally, a template anyone can send ranks above
// one for the server's admin.
// A XEP number or namespace combined with words ("xep-0045 join") keeps
// the first ranking and uses the words to order within it.
func (ix *Index) Search(query string) []Result {
	q := strings.ToLower(strings.TrimSpace(query))
	if q == "" {
		return nil
	}
	hits := make([]hit, len(ix.ts))
	ix.matchVerbs(q, hits)
	rest := ix.matchRefs(q, hits)
	ix.matchWords(rest, hits)
	n := 0
	for _, h := range hits {
		if h.tier+h.words > 0 {
			n++
		}
	}
	if n == 0 {
		return nil
	}
	rs := make([]Result, 0, n)
	for i, h := range hits {
		if s := h.tier + h.words; s > 0 {
			m := h.tierMatch
			if m == "" {
				m = h.wordMatch
			}
			rs = append(rs, Result{Template: ix.ts[i], Score: s, Match: m, Verb: h.verb})
		}
	}
	slices.SortFunc(rs, func(a, b Result) int {
		if a.Score != b.Score {
			if a.Score > b.Score {
				return -1
			}
			return 1
		}
		return strings.Compare(a.Template.Name, b.Template.Name)
	})
	return rs
}

// hit is what a search found in one template.
type hit struct {
	tier      float64 // from the name, a XEP or a namespace
	tierMatch string
	words     float64 // from the words
	wordMatch string
	verb      string // the admin tool's verb the query named
}

// idf weighs a stem by how rare it is in the index.
func (ix *Index) idf(stem string) float64 {
	return math.Log(1 + float64(len(ix.ts))/float64(1+len(ix.postings[stem])))
}
