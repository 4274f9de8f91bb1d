package xeps

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Section returns the title of a XEP's section, such as "Filtering by
// JID" for 313 and "4.1.1", as xmpp.org numbers the XEP's current
// version. It reports false when the XEP has no such section, or when
// data/sections.txt does not hold the XEP at all (it holds the XEPs the
// catalog cites; see SectionsVersion).
func Section(xep int, section string) (title string, ok bool) {
	s, ok := data().extra().sections[xep]
	if !ok {
		return "", false
	}
	title, ok = s.titles[section]
	return title, ok
}

// SectionsVersion returns the version of the XEP whose sections Section
// knows, such as "1.1.3", and false when it knows none of the XEP's
// sections. Section numbers change between versions, so a citation is
// only as good as the version it was checked against.
func SectionsVersion(xep int) (string, bool) {
	s, ok := data().extra().sections[xep]
	return s.version, ok
}

// xepSections are the sections of one XEP: number (without "§") to title.
type xepSections struct {
	version string
	titles  map[string]string
}

// loadSections reads data/sections.txt into d. Every XEP must already be
// in d, and its sections must be numbered in document order, each one the
// next sibling or the first child of an earlier one, as the generator
// writes them; anything else means the file was edited by hand or the
// generator is wrong.
func loadSections(d *database, recs []record) error {
	d.sections = make(map[int]xepSections, len(recs))
	prev := 0
	for _, r := range recs {
		m, err := r.check([]string{"xep", "version", "section"}, []string{"section"},
			[]string{"xep", "version", "section"})
		if err != nil {
			return err
		}
		if r.fields[0].key != "xep" {
			return r.errorf(r.line, "record must start with xep")
		}
		n, err := r.number(m, "xep")
		if err != nil {
			return err
		}
		switch _, known := d.byNumber[n]; {
		case !known:
			return r.errorf(r.line, "XEP %d is not in the XSF's list", n)
		case n <= prev:
			return r.errorf(r.line, "XEP %d: records are not sorted by number, without repeats", n)
		}
		prev = n
		s := xepSections{version: first(m, "version"), titles: map[string]string{}}
		last := ""
		for _, f := range r.fields {
			if f.key != "section" {
				continue
			}
			num, title, _ := strings.Cut(f.value, " ")
			if title == "" {
				return r.errorf(f.line, "section %s has no title", num)
			}
			if err := followsSection(last, num); err != nil {
				return r.errorf(f.line, "XEP %d: %v", n, err)
			}
			s.titles[num] = title
			last = num
		}
		d.sections[n] = s
	}
	return nil
}

// followsSection checks that section number next may come right after
// prev in a document: the first child of prev ("4.1" → "4.1.1"), or the
// next sibling of prev or of one of its ancestors ("4.1.1" → "4.1.2",
// "4.2" or "5"). The first section is "1".
func followsSection(prev, next string) error {
	if sectionFollows(prev, next) {
		return nil
	}
	return whyNotFollows(prev, next)
}

// whyNotFollows is followsSection the slow way, with the numbers that may
// follow prev in its error.
func whyNotFollows(prev, next string) error {
	if _, err := sectionParts(next); err != nil {
		return err
	}
	var before []int
	if prev != "" {
		before, _ = sectionParts(prev) // checked when it was next
	}
	want := []string{strings.Join(append(intStrings(before), "1"), ".")}
	for i := len(before) - 1; i >= 0; i-- {
		sib := slices.Clone(before[:i+1])
		sib[i]++
		want = append(want, strings.Join(intStrings(sib), "."))
	}
	if !slices.Contains(want, next) {
		if prev == "" {
			return fmt.Errorf("section %s comes first, want 1", next)
		}
		return fmt.Errorf("section %s cannot follow %s (want one of %s)", next, prev, strings.Join(want, ", "))
	}
	return nil
}

// sectionFollows is followsSection's answer without its error, found
// without allocating: every start reads a thousand sections, and building
// the list of numbers that may follow, for each, was most of the cost of
// reading the XEP facts. prev is valid (it was checked as next before).
func sectionFollows(prev, next string) bool {
	if prev == "" {
		return next == "1"
	}
	if len(next) == len(prev)+2 && next[:len(prev)] == prev && next[len(prev):] == ".1" {
		return true // the first child
	}
	// The next sibling of prev or of an ancestor: the same numbers up to
	// some part, which is one more, and nothing after it.
	for start := 0; start < len(prev); {
		end := start + strings.IndexByte(prev[start:], '.')
		if end < start {
			end = len(prev)
		}
		if next[:min(start, len(next))] == prev[:start] {
			n, ok := sectionNumber(prev[start:end])
			m, ok2 := sectionNumber(next[min(start, len(next)):])
			if ok && ok2 && m == n+1 {
				return true
			}
		}
		start = end + 1
	}
	return false
}

// sectionNumber reads one part of a section number: digits, no leading
// zero.
func sectionNumber(s string) (int, bool) {
	if s == "" || s[0] == '0' || len(s) > 6 {
		return 0, false
	}
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
		n = n*10 + int(s[i]-'0')
	}
	return n, true
}

// sectionParts splits a section number such as "4.1.3" into its numbers.
func sectionParts(s string) ([]int, error) {
	var parts []int
	for p := range strings.SplitSeq(s, ".") {
		n, err := strconv.Atoi(p)
		if err != nil || n <= 0 {
			return nil, fmt.Errorf("section number %q is not like 4.1.3", s)
		}
		parts = append(parts, n)
	}
	return parts, nil
}

func intStrings(ns []int) []string {
	s := make([]string, len(ns))
	for i, n := range ns {
		s[i] = strconv.Itoa(n)
	}
	return s
}
