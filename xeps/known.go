package xeps

import "sync"

// KnownCondition reports whether AppCondition knows the condition name in
// namespace, without reading the rest of the XEP facts (see database): it
// reads the names from data/conditions.txt alone. Parsing a catalog
// template checks its error conditions with it, so that looking up one
// template does not load every data file. The answer is AppCondition's
// whichever list of XEPs is in use: every record of the file is a
// condition once the data loads, or the data does not load at all.
func KnownCondition(namespace, name string) bool {
	return conditionNames()[condKey{namespace, name}]
}

// conditionNames are the namespaces and names of data/conditions.txt's
// records, read once. The file is checked when the facts load (and by
// the tests); a record without both fields is skipped here.
var conditionNames = sync.OnceValue(func() map[condKey]bool {
	out := map[condKey]bool{}
	b, err := dataFS.ReadFile("data/conditions.txt")
	if err != nil {
		return out
	}
	recs, err := parseRecords("data/conditions.txt", string(b))
	if err != nil {
		return out
	}
	for _, r := range recs {
		var k condKey
		for _, f := range r.fields {
			switch f.key {
			case "ns":
				k.ns = f.value
			case "name":
				k.name = f.value
			}
		}
		if k.ns != "" && k.name != "" {
			out[k] = true
		}
	}
	return out
})
