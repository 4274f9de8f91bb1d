package catalog

import (
	"embed"
	"sync"
)

// files holds the template files. go:embed rejects a pattern that matches
// nothing, so the package builds only once templates/ holds a template.
//
//go:embed templates/*.tmpl
var files embed.FS

// embedded is the catalog parsed from files, once.
var embedded = sync.OnceValue(func() *catalogSet {
	ts, err := ParseFS(files, "templates/*.tmpl")
	return newCatalogSet(ts, err)
})

// catalogSet is a parsed catalog with its lookup tables and search index.
type catalogSet struct {
	all    []*Template
	byName map[string]*Template
	byNode map[string]*Template // a command node's template; see ForNode
	index  *Index
	err    error
}

func newCatalogSet(ts []*Template, err error) *catalogSet {
	c := &catalogSet{all: ts, byName: make(map[string]*Template, len(ts)), byNode: map[string]*Template{}, err: err}
	for _, t := range ts {
		c.byName[t.Name] = t
		if t.Kind == KindCommand && c.byNode[t.Node] == nil {
			c.byNode[t.Node] = t // ts is sorted: the first by name
		}
	}
	c.index = NewIndex(ts)
	return c
}

// All returns every embedded template that parsed, sorted by name. The
// templates are shared: do not modify them. A template that failed to
// parse is left out, and Load reports it.
func All() []*Template {
	return append([]*Template(nil), embedded().all...)
}

// Load reports what went wrong loading the embedded templates: each file
// that failed to parse and each broken reference between templates (see
// Validate), joined, or nil when the whole catalog is sound.
func Load() error {
	return embedded().err
}

// Lookup returns the embedded template called name.
func Lookup(name string) (*Template, bool) {
	t, ok := embedded().byName[name]
	return t, ok
}

// ForNode returns the embedded command template that runs the XEP-0050
// command node, the first by name when several do.
func ForNode(node string) (*Template, bool) {
	t, ok := embedded().byNode[node]
	return t, ok
}

// ByXEP returns the embedded templates whose specs name XEP n: those whose
// main spec it is first, then the others, each group sorted by name.
func ByXEP(n int) []*Template {
	return byXEP(embedded().all, n)
}

// Search looks query up in the embedded catalog; see Index.Search.
func Search(query string) []Result {
	return embedded().index.Search(query)
}
