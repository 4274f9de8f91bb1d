package xeps_test

import (
	"testing"

	"xepl/xeps"
)

func TestSearch(t *testing.T) {
	for _, tc := range []struct {
		query string
		first []int // the first results, in order
		not   []int // XEPs that must not be found
	}{
		{"privacy", []int{16}, nil},
		{"privacy lists", []int{16}, nil},
		{"16", []int{16}, nil},
		{"xep-0045", []int{45}, nil},
		{"multi-user chat", []int{45}, nil},
		{"muc", []int{45}, nil},                    // a short name
		{"message archive", []int{313}, []int{16}}, // every word must match
		{"ping", []int{199}, nil},
		{"serverless", []int{174}, nil},
		{"in-band registration", []int{77}, nil},
		{"registration", []int{77}, nil},
		{"blocking", []int{191}, nil},
		{"upload", []int{363}, nil},
		{"carbons", []int{280}, nil},
		{"MESSAGE CARBONS", []int{280}, nil},
		{"zzzz", nil, nil},
		{"", nil, nil},
		{"re", nil, []int{77}}, // too short to start a word
	} {
		t.Run(tc.query, func(t *testing.T) {
			got := xeps.Search(tc.query)
			if len(tc.first) == 0 && len(tc.not) == 0 && len(got) != 0 {
				t.Errorf("Search(%q) found %d XEPs, want none", tc.query, len(got))
			}
			for i, n := range tc.first {
				if i >= len(got) || got[i].Number != n {
					t.Errorf("Search(%q) = %v, want XEP %d at %d", tc.query, numbers(got), n, i)
				}
			}
			for _, x := range got {
				for _, n := range tc.not {
					if x.Number == n {
						t.Errorf("Search(%q) found XEP %d", tc.query, n)
					}
				}
			}
		})
	}
}

// TestSearchPrefersInForce checks that among equal matches the XEP in
// force comes before the ones withdrawn.
func TestSearchPrefersInForce(t *testing.T) {
	got := xeps.Search("avatar")
	if len(got) < 2 {
		t.Fatalf("Search(avatar) = %v", numbers(got))
	}
	rank := map[string]int{"Final": 0, "Stable": 0, "Active": 0}
	if _, ok := rank[got[0].Status]; !ok {
		t.Errorf("Search(avatar) starts with %s (%s)", got[0], got[0].Status)
	}
}

func numbers(xs []xeps.XEP) []int {
	var out []int
	for _, x := range xs {
		out = append(out, x.Number)
	}
	return out
}
