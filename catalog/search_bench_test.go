package catalog_test

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"xepl/catalog"
)

// benchQueries are typical searches: questions, a group, a XEP, a
// namespace.
var benchQueries = []string{
	"delete account",
	"does this username exist",
	"who is online",
	"change password",
	"how do i join a room",
	"register",
	"xep-0045",
	"urn:xmpp:mam",
}

// benchCatalog returns the embedded catalog, topped up with synthetic
// templates to at least n.
func benchCatalog(b *testing.B, n int) []*catalog.Template {
	ts := slices.Concat(catalog.All(), fixtures(b))
	rng := rand.New(rand.NewPCG(1, 2))
	vocab := strings.Fields(`account user room message archive server password list online
		delete create change join leave send query node item publish subscribe configure
		form field value contact roster presence status block ping version time feature
		service discovery admin command session history search upload file avatar card
		register cancel form invite kick ban role affiliation owner member moderator
		subject topic nick name group share device key bundle encryption token count
		number stats announce broadcast offline storage bookmark private data result`)
	words := func(k int) string {
		w := make([]string, k)
		for i := range w {
			w[i] = vocab[rng.IntN(len(vocab))]
		}
		return strings.Join(w, " ")
	}
	specs := []string{"XEP-0030", "XEP-0045", "XEP-0060", "XEP-0077", "XEP-0133", "XEP-0199", "XEP-0313", "XEP-0050"}
	for i := 0; len(ts) < n; i++ {
		src := fmt.Sprintf(`name: synth.t%03d
title: %s
spec: %s
stage: user
summary: %s.
keywords: %s, %s, %s
param: to jid default={domain} -- whom
expect: result
---
<iq type='get' to='{{to}}'><query xmlns='jabber:iq:register'/></iq>
`, i, words(5), specs[rng.IntN(len(specs))], words(25), words(2), words(2), words(3))
		t, err := catalog.Parse(fmt.Sprintf("synth.t%03d.tmpl", i), []byte(src))
		if err != nil {
			b.Fatal(err)
		}
		ts = append(ts, t)
	}
	return ts
}

// BenchmarkSearch measures Index.Search over at least 120 templates per
// query, against a naive scan as the baseline.
func BenchmarkSearch(b *testing.B) {
	ts := benchCatalog(b, 150)
	ix := catalog.NewIndex(ts)
	b.Logf("%d templates", len(ts))
	for _, q := range benchQueries {
		b.Run("index/"+q, func(b *testing.B) {
			for b.Loop() {
				ix.Search(q)
			}
		})
	}
	for _, q := range benchQueries {
		b.Run("naive/"+q, func(b *testing.B) {
			for b.Loop() {
				naiveSearch(ts, q)
			}
		})
	}
}

// BenchmarkNewIndex measures building the index.
func BenchmarkNewIndex(b *testing.B) {
	ts := benchCatalog(b, 150)
	for b.Loop() {
		catalog.NewIndex(ts)
	}
}

// naiveSearch is the baseline: each query word looked for with
// strings.Contains in the title, summary and keywords of every template.
func naiveSearch(ts []*catalog.Template, q string) []*catalog.Template {
	words := strings.Fields(strings.ToLower(q))
	type scored struct {
		t *catalog.Template
		n int
	}
	var found []scored
	for _, t := range ts {
		text := strings.ToLower(t.Title + " " + t.Summary + " " + strings.Join(t.Keywords, " "))
		n := 0
		for _, w := range words {
			if strings.Contains(text, w) {
				n++
			}
		}
		if n > 0 {
			found = append(found, scored{t, n})
		}
	}
	slices.SortFunc(found, func(a, b scored) int {
		if a.n != b.n {
			return b.n - a.n
		}
		return strings.Compare(a.t.Name, b.t.Name)
	})
	out := make([]*catalog.Template, len(found))
	for i, f := range found {
		out[i] = f.t
	}
	return out
}
