package catalog

import (
	"slices"
	"strings"
)

// How much a word counts by how it matched.
const (
	exactFactor   = 3.0
	synonymFactor = 1.5
	prefixFactor  = 1.0

	// The part of a word a match covers: a template that covers more
	// of the query ranks first.
	exactCover   = 1.0
	synonymCover = 0.9
	prefixCover  = 0.5

	otherParts    = 0.2    // share counted for parts beyond the strongest
	coverWeight   = 1000.0 // per word covered, above any points
	phraseBonus   = 40.0   // the query is one of the keywords
	partialPhrase = 15.0   // a keyword holds the query, or the other way round
	nameFill      = 12.0   // times the share of the name the query fills
	adminPenalty  = 15.0   // taken from admin templates: others first when the words fit both
	literalBonus  = 20.0   // the query is a keyword word for word, not only stem for stem
)

// wordHit is how one query word matched one template.
type wordHit struct {
	points float64
	cover  float64
	where  where
	via    string // the synonym or longer word that matched, if not the word
}

// matchWords scores every template against the query words fields.
func (ix *Index) matchWords(fields []string, hits []hit) {
	var qs, raw []string
	for _, f := range fields {
		for _, w := range tokens(f) {
			if !words().stop[w] {
				qs = append(qs, stem(w))
				raw = append(raw, w)
			}
		}
	}
	literal := strings.Join(raw, " ")
	if len(qs) == 0 {
		return
	}
	per := make([][]wordHit, len(qs)) // per[word][doc]
	for j, s := range qs {
		per[j] = make([]wordHit, len(ix.ts))
		idf := ix.idf(s)
		ix.score(per[j], s, false, exactFactor*idf, exactCover)
		for _, syn := range words().same[s] {
			ix.score(per[j], syn, true, synonymFactor*idf, synonymCover)
		}
		if len(s) >= 4 {
			ix.scorePrefix(per[j], s, prefixFactor*idf)
		}
	}
	q := " " + strings.Join(qs, " ") + " "
	for i, d := range ix.docs {
		var cover, points float64
		for j := range qs {
			cover += per[j][i].cover
			points += per[j][i].points
		}
		if cover == 0 {
			continue
		}
		bonus, at := phraseMatch(d.phrases, q, len(qs))
		points += bonus + nameFill*filled(d.action, per, i, qs)
		if at >= 0 && bonus == phraseBonus && d.phrases[at].words == literal {
			// "register user" is the keyword "register user" more than
			// it is "registered users", though the stems are the same.
			points += literalBonus
		}
		if ix.ts[i].Stage == StageAdmin {
			points -= adminPenalty
		}
		hits[i].words = cover*coverWeight + points
		if at >= 0 {
			hits[i].wordMatch = `keyword "` + ix.ts[i].Keywords[d.phrases[at].keyword] + `"`
		} else {
			hits[i].wordMatch = ix.why(per, i, raw)
		}
	}
}

// why says which words matched template i, and where:
// "words delete (name), account≈user (keywords)".
func (ix *Index) why(per [][]wordHit, i int, raw []string) string {
	var b strings.Builder
	b.Grow(64)
	b.WriteString("words ")
	sep := ""
	for j, w := range raw {
		wh := per[j][i]
		if wh.cover == 0 {
			continue
		}
		b.WriteString(sep)
		b.WriteString(w)
		if wh.via != "" {
			b.WriteString("≈")
			b.WriteString(wh.via)
		}
		b.WriteString(" (")
		b.WriteString(whereNames[wh.where])
		b.WriteString(")")
		sep = ", "
	}
	return b.String()
}

// score records, for each template that holds stem s, the match of one
// query word, if it beats what the word already matched there. The
// strongest part s occurs in counts fully, other parts a little. via says
// that s is not the query word itself but a synonym or a longer word.
func (ix *Index) score(hs []wordHit, s string, via bool, factor, cover float64) {
	for _, p := range ix.postings[s] {
		var pts, part float64
		best := where(0)
		for w := inName; ; w-- {
			if p.parts&(1<<w) != 0 {
				part = max(part, partCover[w])
				if pts == 0 {
					pts, best = weight[w]*factor, w
				} else {
					pts += weight[w] * factor * otherParts
				}
			}
			if w == 0 {
				break
			}
		}
		h := &hs[p.doc]
		h.cover = max(h.cover, cover*part)
		if pts > h.points {
			h.points, h.where, h.via = pts, best, ""
			if via {
				h.via = ix.display[s]
			}
		}
	}
}

// scorePrefix scores the stems that s is a prefix of ("pass" in
// "password"), as weaker matches.
func (ix *Index) scorePrefix(hs []wordHit, s string, factor float64) {
	i, _ := slices.BinarySearch(ix.vocab, s)
	for ; i < len(ix.vocab) && strings.HasPrefix(ix.vocab[i], s); i++ {
		if v := ix.vocab[i]; v != s {
			ix.score(hs, v, true, factor, prefixCover)
		}
	}
}

// phraseMatch compares the query's stems q, space-joined and padded
// like phrase.stems, with a template's keyword phrases; n is the number
// of query words. It returns the bonus and the index in phrases of the
// phrase that earned it, or -1.
func phraseMatch(phrases []phrase, q string, n int) (float64, int) {
	best, at := 0.0, -1
	for i, p := range phrases {
		switch {
		case p.stems == q:
			return phraseBonus, i
		case best == 0 && (n > 1 && strings.Contains(p.stems, q) || p.n > 1 && strings.Contains(q, p.stems)):
			best, at = partialPhrase, i
		}
	}
	return best, at
}

// filled returns the share of the name's words (after the group) that the
// query words matched exactly or through a synonym.
func filled(action []string, per [][]wordHit, doc int, qs []string) float64 {
	if len(action) == 0 {
		return 0
	}
	n := 0
	for _, a := range action {
		for j, s := range qs {
			if per[j][doc].cover == 0 {
				continue
			}
			if a == s || slices.Contains(words().same[s], a) {
				n++
				break
			}
		}
	}
	return float64(n) / float64(len(action))
}
