package catalog

import (
	"embed"
	"io/fs"
	"sync"
	"sync/atomic"
)

// files holds the template files. go:embed rejects a pattern that matches
// nothing, so the package builds only once templates/ holds a template.
//
//go:embed templates/*.tmpl
var files embed.FS

// embedded is the catalog of files.
var embedded = newLazyCatalog(files, "templates")

// lazyCatalog parses a catalog's files only as they are needed. Looking
// up one template by name parses its file alone (a template's file is
// named after it, as Parse checks), which is all a script of a few
// requests needs: parsing the whole catalog costs some 20 ms, more than
// the rest of a one-shot run's start. Everything else (All, Search,
// Load...) parses the whole catalog, once, reusing what was parsed
// already, so a template is the same value however it was found.
type lazyCatalog struct {
	fsys fs.FS
	dir  string

	mu     sync.Mutex
	parsed map[string]parsed // by file base name

	whole    sync.Once
	complete atomic.Pointer[catalogSet] // set once the whole catalog is parsed
}

// parsed is the outcome of parsing one file.
type parsed struct {
	t   *Template
	err error
}

func newLazyCatalog(fsys fs.FS, dir string) *lazyCatalog {
	return &lazyCatalog{fsys: fsys, dir: dir, parsed: map[string]parsed{}}
}

// parse is Parse, remembered by file name.
func (c *lazyCatalog) parse(file string, src []byte) (*Template, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if p, ok := c.parsed[file]; ok {
		return p.t, p.err
	}
	t, err := Parse(file, src)
	c.parsed[file] = parsed{t, err}
	return t, err
}

// all is the whole catalog, parsed and checked.
func (c *lazyCatalog) all() *catalogSet {
	c.whole.Do(func() {
		ts, err := parseFSWith(c.fsys, c.dir+"/*.tmpl", c.parse)
		c.complete.Store(newCatalogSet(ts, err))
	})
	return c.complete.Load()
}

// lookup finds the template called name, parsing its file alone unless
// the whole catalog is parsed already. A file that does not parse holds
// no template, as in the whole catalog.
func (c *lazyCatalog) lookup(name string) (*Template, bool) {
	if set := c.complete.Load(); set != nil {
		t, ok := set.byName[name]
		return t, ok
	}
	if !isTemplateName(name) { // no path of a file of another name
		return nil, false
	}
	file := name + ".tmpl"
	src, err := fs.ReadFile(c.fsys, c.dir+"/"+file)
	if err != nil {
		return nil, false
	}
	t, err := c.parse(file, src)
	return t, err == nil
}

// catalogSet is a parsed catalog with its lookup tables and search index.
type catalogSet struct {
	all    []*Template
	byName map[string]*Template
	byNode map[string]*Template // a command node's template; see ForNode
	err    error
	index  func() *Index // built on the first search
}

func newCatalogSet(ts []*Template, err error) *catalogSet {
	c := &catalogSet{all: ts, byName: make(map[string]*Template, len(ts)), byNode: map[string]*Template{}, err: err}
	for _, t := range ts {
		c.byName[t.Name] = t
		if t.Kind == KindCommand && c.byNode[t.Node] == nil {
			c.byNode[t.Node] = t // ts is sorted: the first by name
		}
	}
	c.index = sync.OnceValue(func() *Index { return NewIndex(ts) })
	return c
}

// All returns every embedded template that parsed, sorted by name. The
// templates are shared: do not modify them. A template that failed to
// parse is left out, and Load reports it.
func All() []*Template {
	return append([]*Template(nil), embedded.all().all...)
}

// Load reports what went wrong loading the embedded templates: each file
// that failed to parse and each broken reference between templates (see
// Validate), joined, or nil when the whole catalog is sound.
func Load() error {
	return embedded.all().err
}

// Lookup returns the embedded template called name. Before anything
// needs the whole catalog, it parses that template's file alone.
func Lookup(name string) (*Template, bool) {
	return embedded.lookup(name)
}

// ForNode returns the embedded command template that runs the XEP-0050
// command node, the first by name when several do.
func ForNode(node string) (*Template, bool) {
	t, ok := embedded.all().byNode[node]
	return t, ok
}

// ByXEP returns the embedded templates whose specs name XEP n: those whose
// main spec it is first, then the others, each group sorted by name.
func ByXEP(n int) []*Template {
	return byXEP(embedded.all().all, n)
}

// Search looks query up in the embedded catalog; see Index.Search.
func Search(query string) []Result {
	return embedded.all().index().Search(query)
}
