package catalog

import "slices"

// Values maps parameter names to values. Raw values are as a user typed
// them (a list comma-separated); resolved values, as in Filled, are
// canonical.
type Values map[string]string

// Names returns the names in v, sorted.
func (v Values) Names() []string {
	names := make([]string, 0, len(v))
	for k := range v {
		names = append(names, k)
	}
	slices.Sort(names)
	return names
}
