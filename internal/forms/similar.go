package forms

import (
	"sort"
	"strings"
)

// similar returns the vars of visible fields that v may be a typo of, or
// a short form of, best first (at most three).
func (f *Form) similar(v string) []string {
	lv := strings.ToLower(v)
	type cand struct {
		name string
		dist int
	}
	var cands []cand
	for _, fl := range f.Fields {
		if fl.Var == "" || fl.Kind() == Fixed {
			continue
		}
		lf := strings.ToLower(fl.Var)
		d := distance(lv, lf)
		switch {
		case lf == lv:
			d = 0
		case d <= maxTypos(lv):
		case len(lv) >= 3 && (strings.HasSuffix(lf, lv) || strings.Contains(lf, "#"+lv) || strings.Contains(lf, "_"+lv)):
			// roomname for muc#roomconfig_roomname
			d = maxTypos(lv) + 1
		case len(lv) >= 4 && strings.Contains(lf, lv), len(lf) >= 4 && strings.Contains(lv, lf):
			d = maxTypos(lv) + 2
		default:
			continue
		}
		cands = append(cands, cand{fl.Var, d})
	}
	sort.SliceStable(cands, func(i, j int) bool { return cands[i].dist < cands[j].dist })
	var out []string
	for _, c := range cands {
		if len(out) == 3 {
			break
		}
		out = append(out, c.name)
	}
	return out
}

// maxTypos is how many edits still make a near miss of a name this long.
func maxTypos(s string) int {
	switch n := len(s); {
	case n <= 3:
		return 1
	case n <= 8:
		return 2
	default:
		return 3
	}
}

// distance is the Levenshtein distance between a and b, in bytes.
func distance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
