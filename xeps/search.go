package xeps

import (
	"cmp"
	"slices"
	"strconv"
	"strings"
	"unicode"
)

// Search finds XEPs by the words of their titles and short names, or by
// number, best first. Every word must match a word of the title or short
// name, or of the summary xepl keeps; a whole word counts more than the
// start of one, and the title more than the summary. Among equal
// matches, XEPs in force (Final, Stable, Active) come before proposals,
// and those before the deferred, deprecated and withdrawn, so that the
// one a person wants today is first. A number ("16", "xep-0016") finds
// that XEP first, then those whose titles have the number as a word.
func Search(query string) []XEP {
	words := searchWords(query)
	if len(words) == 0 {
		return nil
	}
	type hit struct {
		x     XEP
		score int
	}
	var hits []hit
	for _, x := range data().xeps {
		if s := matchXEP(x, query, words); s > 0 {
			hits = append(hits, hit{x, s})
		}
	}
	slices.SortStableFunc(hits, func(a, b hit) int {
		return cmp.Or(b.score-a.score, statusRank(a.x.Status)-statusRank(b.x.Status), a.x.Number-b.x.Number)
	})
	out := make([]XEP, len(hits))
	for i, h := range hits {
		out[i] = h.x.clone()
	}
	return out
}

// matchXEP scores x against the query, 0 when a word does not match.
func matchXEP(x XEP, query string, words []string) int {
	if n, ok := ParseNumber(query); ok && n == x.Number {
		return 1000
	}
	title := searchWords(x.Title + " " + strconv.Itoa(x.Number))
	short := searchWords(strings.NewReplacer("-", " ", ":", " ").Replace(x.Shortname))
	summary := searchWords(x.Summary)
	total := 0
	for _, w := range words {
		best := max(3*wordScore(w, title), 3*wordScore(w, short), wordScore(w, summary))
		if best == 0 {
			return 0
		}
		total += best
	}
	return total
}

// wordScore is 2 when w is one of words, 1 when it starts one (three
// letters at least, so that "in" finds nothing), else 0.
func wordScore(w string, words []string) int {
	score := 0
	for _, v := range words {
		switch {
		case v == w:
			return 2
		case len(w) >= 3 && strings.HasPrefix(v, w):
			score = 1
		}
	}
	return score
}

// searchWords splits s into lower-case words, each plural made singular
// the simple way ("lists" is "list"), so that either matches.
func searchWords(s string) []string {
	f := strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
	for i, w := range f {
		if len(w) > 3 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") {
			f[i] = w[:len(w)-1]
		}
	}
	return f
}

// statusRank orders statuses from in force to withdrawn.
func statusRank(status string) int {
	switch status {
	case "Final", "Stable", "Active":
		return 0
	case "Experimental", "Proposed":
		return 1
	case "Deferred":
		return 2
	}
	return 3
}
