package catalog

import (
	_ "embed"
	"slices"
	"strings"
	"sync"
	"unicode"
)

//go:embed search_words.txt
var searchWords string

// lexicon holds the stop words and synonyms of search_words.txt, stemmed.
type lexicon struct {
	stop map[string]bool
	same map[string][]string // stem → the other stems of its groups
}

// words is the lexicon search uses, read on first use: a start that
// searches nothing does not pay for it.
var words = sync.OnceValue(func() *lexicon { return loadLexicon(searchWords) })

// loadLexicon reads the "stop:" and "same:" lines of src.
func loadLexicon(src string) *lexicon {
	lx := &lexicon{stop: map[string]bool{}, same: map[string][]string{}}
	for _, line := range strings.Split(src, "\n") {
		key, list, ok := strings.Cut(line, ":")
		if !ok || strings.HasPrefix(line, "#") {
			continue
		}
		switch key {
		case "stop":
			for _, w := range strings.Fields(list) {
				lx.stop[w] = true
			}
		case "same":
			var group []string
			for _, w := range strings.Fields(list) {
				for _, tok := range tokens(w) {
					if s := stem(tok); !slices.Contains(group, s) {
						group = append(group, s)
					}
				}
			}
			for _, a := range group {
				for _, b := range group {
					if a != b && !slices.Contains(lx.same[a], b) {
						lx.same[a] = append(lx.same[a], b)
					}
				}
			}
		}
	}
	return lx
}

// tokens splits s into lower-case words of letters and digits; every
// other character separates words. Single letters are dropped.
func tokens(s string) []string {
	f := strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '\''
	})
	out := f[:0]
	for _, w := range f {
		w = strings.Trim(w, "'")
		w = strings.TrimSuffix(w, "'s")
		if len(w) > 1 || w != "" && w[0] >= '0' && w[0] <= '9' {
			out = append(out, w)
		}
	}
	return out
}

// contentStems returns the stems of the words of s that are not stop
// words.
func contentStems(s string) []string {
	var out []string
	for _, w := range tokens(s) {
		if !words().stop[w] {
			out = append(out, stem(w))
		}
	}
	return out
}

// contentWords returns the words of s without stop words, unstemmed,
// space-joined.
func contentWords(s string) string {
	var out []string
	for _, w := range tokens(s) {
		if !words().stop[w] {
			out = append(out, w)
		}
	}
	return strings.Join(out, " ")
}

// stem strips the common English endings from a lower-case word, simply
// and predictably, so that forms of one word meet: users → user, deleted
// and deleting → delet (as delete), registered → regist (as register),
// messages → messag, connection → connect. It strips at most one
// inflection (-s, -es, -ies, -ing, -ed), then one of -ion and -er, then a
// final -e, and never leaves fewer than three letters.
func stem(w string) string {
	if !isASCIILetters(w) {
		return w
	}
	switch {
	case strings.HasSuffix(w, "ies") && len(w) > 4:
		w = w[:len(w)-3] + "y"
	case strings.HasSuffix(w, "sses") && len(w) > 4:
		w = w[:len(w)-2]
	case hasAnySuffix(w, "xes", "ches", "shes", "zes") && len(w) > 4:
		w = w[:len(w)-2]
	case strings.HasSuffix(w, "s") && !hasAnySuffix(w, "ss", "us", "is") && len(w) > 3:
		w = w[:len(w)-1]
	case strings.HasSuffix(w, "ing") && len(w)-3 >= 3:
		w = undouble(w[:len(w)-3])
	case strings.HasSuffix(w, "ed") && len(w)-2 >= 3:
		w = undouble(w[:len(w)-2])
	}
	switch {
	case strings.HasSuffix(w, "ion") && len(w)-3 >= 4:
		w = w[:len(w)-3]
	case strings.HasSuffix(w, "er") && len(w)-2 >= 4:
		w = w[:len(w)-2]
	}
	if strings.HasSuffix(w, "e") && len(w)-1 >= 3 {
		w = w[:len(w)-1]
	}
	return w
}

// undouble turns a doubled final consonant into one (stopp → stop), but
// keeps ll, ss and zz (call, pass).
func undouble(w string) string {
	n := len(w)
	if n >= 2 && w[n-1] == w[n-2] && !strings.ContainsRune("aeiouylsz", rune(w[n-1])) {
		return w[:n-1]
	}
	return w
}

func hasAnySuffix(w string, suffixes ...string) bool {
	for _, s := range suffixes {
		if strings.HasSuffix(w, s) {
			return true
		}
	}
	return false
}

func isASCIILetters(w string) bool {
	for i := 0; i < len(w); i++ {
		if w[i] < 'a' || w[i] > 'z' {
			return false
		}
	}
	return w != ""
}
