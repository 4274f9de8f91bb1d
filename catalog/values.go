package catalog

import (
	"fmt"
	"slices"
	"strings"
)

// Values maps parameter names to values. Raw values are as a user typed
// them (a list comma-separated); resolved values, as in Filled, are
// canonical.
type Values map[string]string

// ParseArgs reads name=value words, as typed after a template's name. A
// later word for the same name wins. A word without '=' or with a bad name
// is an error naming it.
func ParseArgs(args []string) (Values, error) {
	v := make(Values, len(args))
	for _, a := range args {
		k, val, ok := strings.Cut(a, "=")
		if !ok {
			return nil, fmt.Errorf("%q is not name=value", a)
		}
		if !isName(k) {
			return nil, fmt.Errorf("%q: bad parameter name %q (lower-case letters, digits and -, starting with a letter)", a, k)
		}
		v[k] = val
	}
	return v, nil
}

// Names returns the names in v, sorted.
func (v Values) Names() []string {
	names := make([]string, 0, len(v))
	for k := range v {
		names = append(names, k)
	}
	slices.Sort(names)
	return names
}
