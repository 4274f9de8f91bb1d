package catalog_test

import (
	"errors"
	"os"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"xepl/catalog"
	"xepl/internal/rawxml"
	"xepl/xeps"
)

// minTemplates is how many templates the embedded catalog must hold.
const minTemplates = 120

// walkSession is the session the catalog tests fill templates with.
var walkSession = catalog.Session{Domain: "example.org", JID: "tester@example.org/xepl", Rand: "walk"}

// TestEmbeddedCatalog walks every embedded template: it must parse,
// render with its test values, and point only at XEPs, namespaces,
// conditions and templates that exist.
func TestEmbeddedCatalog(t *testing.T) {
	if err := catalog.Load(); err != nil {
		for _, line := range strings.Split(err.Error(), "\n") {
			t.Error(line)
		}
	}
	ts := catalog.All()
	t.Logf("%d templates", len(ts))
	if len(ts) < minTemplates {
		t.Errorf("the catalog has %d templates, want at least %d", len(ts), minTemplates)
	}
	checkCatalog(t, ts)
	for _, tm := range ts {
		if got, ok := catalog.Lookup(tm.Name); !ok || got != tm {
			t.Errorf("Lookup(%q) = %v, %v", tm.Name, got, ok)
		}
		for _, n := range tm.XEPs() {
			if !slices.Contains(catalog.ByXEP(n), tm) {
				t.Errorf("ByXEP(%d) does not list %s", n, tm.Name)
			}
		}
	}
	if _, ok := catalog.Lookup("no.such-template"); ok {
		t.Error("Lookup found a template that does not exist")
	}
}

// TestFixtureCatalog runs the same checks over the fixtures the search
// tests use, so that the checks themselves are exercised.
func TestFixtureCatalog(t *testing.T) {
	ts := fixtures(t)
	if len(ts) < 15 {
		t.Fatalf("only %d fixtures", len(ts))
	}
	checkCatalog(t, ts)
}

func fixtures(t testing.TB) []*catalog.Template {
	t.Helper()
	ts, err := catalog.ParseFS(os.DirFS("testdata/search"), "*.tmpl")
	if err != nil {
		t.Fatal(err)
	}
	return ts
}

// checkCatalog checks templates one by one and against each other.
func checkCatalog(t *testing.T, ts []*catalog.Template) {
	t.Helper()
	byName := map[string]*catalog.Template{}
	for _, tm := range ts {
		if other, dup := byName[tm.Name]; dup {
			t.Errorf("%s and %s are both called %s", tm.File, other.File, tm.Name)
		}
		byName[tm.Name] = tm
	}
	if !slices.IsSortedFunc(ts, func(a, b *catalog.Template) int { return strings.Compare(a.Name, b.Name) }) {
		t.Error("templates are not sorted by name")
	}
	unknownNS := map[string][]string{} // namespace → templates
	for _, tm := range ts {
		t.Run(tm.Name, func(t *testing.T) {
			f, err := tm.Fill(tm.TestValues(walkSession), walkSession)
			if err != nil {
				t.Fatalf("filling with the test values: %v", err)
			}
			els, err := rawxml.Parse(f.XML)
			if err != nil {
				t.Fatalf("not well-formed: %v\n%s", err, f.XML)
			}
			for _, el := range els {
				if _, ok := el.Attr("id"); ok && el.Local == "iq" {
					t.Errorf("an <iq> has an id")
				}
			}
			for _, n := range tm.XEPs() {
				if _, ok := xeps.Lookup(n); !ok {
					t.Errorf("XEP-%04d is not in xeps", n)
				}
			}
			for _, ns := range tm.Covers() {
				if _, ok := xeps.ForNamespace(ns); !ok {
					unknownNS[ns] = append(unknownNS[ns], tm.Name)
				}
			}
			for _, e := range tm.Errors {
				if i := strings.LastIndexByte(e, '#'); i >= 0 {
					if _, ok := xeps.AppCondition(e[:i], e[i+1:]); !ok {
						t.Errorf("error %s is not a condition xeps knows", e)
					}
				}
			}
			for _, r := range tm.Related {
				if _, ok := byName[r]; !ok {
					t.Errorf("related template %s does not exist", r)
				}
			}
			if tm.Kind == catalog.KindCommand && !strings.Contains(tm.Body, "node='"+tm.Node+"'") && !strings.Contains(tm.Body, `node="`+tm.Node+`"`) {
				t.Errorf("the XML does not name the command node %s", tm.Node)
			}
			for _, c := range slices.Concat(tm.Before, tm.After) {
				callee, ok := byName[c.Name]
				if !ok {
					t.Errorf("calls %s, which does not exist", c.Name)
					continue
				}
				if _, err := callee.Fill(c.Values(callee, f.Values, walkSession), walkSession); err != nil {
					t.Errorf("call %s: %v", c, err)
				}
			}
		})
	}
	for _, ns := range slices.Sorted(func(yield func(string) bool) {
		for ns := range unknownNS {
			if !yield(ns) {
				return
			}
		}
	}) {
		t.Errorf("namespace %s (in %s) is unknown to xeps.ForNamespace", ns, strings.Join(unknownNS[ns], ", "))
	}
}

func TestParseFS(t *testing.T) {
	good := func(name, extra string) *fstest.MapFile {
		src := strings.Replace(withHeader(baseBody, extra), "name: x.test", "name: "+name, 1)
		return &fstest.MapFile{Data: []byte(src)}
	}
	fsys := fstest.MapFS{
		"t/b.one.tmpl":   good("b.one", "related: a.two, c.none"),
		"t/a.two.tmpl":   good("a.two", "before: b.one to={{to}} nick=x"),
		"t/c.bad.tmpl":   {Data: []byte("name: c.bad\n")},
		"t/d.three.tmpl": good("d.three", "after: z.gone"),
		"t/notes.txt":    {Data: []byte("not a template")},
	}
	ts, err := catalog.ParseFS(fsys, "t/*.tmpl")
	var names []string
	for _, tm := range ts {
		names = append(names, tm.Name)
	}
	if want := []string{"a.two", "b.one", "d.three"}; !slices.Equal(names, want) {
		t.Errorf("parsed %v, want %v", names, want)
	}
	if ts[0].File != "a.two.tmpl" {
		t.Errorf("File = %q, want the base name", ts[0].File)
	}
	want := []string{
		`c.bad.tmpl:1: no "---" line between the header and the XML`,
		"a.two.tmpl: calls b.one with nick, but b.one has to",
		"b.one.tmpl: related template c.none does not exist",
		"d.three.tmpl: calls template z.gone, which does not exist",
	}
	if err == nil {
		t.Fatal("no error")
	}
	var pe *catalog.ParseError
	if !errors.As(err, &pe) || pe.File != "c.bad.tmpl" || pe.Line != 1 {
		t.Errorf("the errors do not hold the *ParseError of c.bad.tmpl: %v", err)
	}
	if got := strings.Split(err.Error(), "\n"); !slices.Equal(got, want) {
		t.Errorf("errors:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if _, err := catalog.ParseFS(fsys, "["); err == nil {
		t.Error("a bad pattern is not an error")
	}
}

func TestValidateDuplicates(t *testing.T) {
	a := mustParse(t, "x.test.tmpl", withHeader(baseBody))
	b := mustParse(t, "other/x.test.tmpl", withHeader(baseBody))
	err := catalog.Validate([]*catalog.Template{a, b})
	if err == nil || err.Error() != "other/x.test.tmpl: name x.test is also used by x.test.tmpl" {
		t.Errorf("Validate = %v", err)
	}
}

// TestHarmfulTemplatesNeverLive: a template that stops or restarts the
// server must say live: never, or the live test would run it.
func TestHarmfulTemplatesNeverLive(t *testing.T) {
	for _, name := range []string{"admin.shutdown", "admin.restart"} {
		tm, ok := catalog.Lookup(name)
		if !ok {
			t.Errorf("no template %s", name)
			continue
		}
		if tm.NeverLive == "" {
			t.Errorf("%s must carry live: never", name)
		}
	}
}
