package catalog

import (
	"strings"
	"testing"
	"testing/fstest"
)

// TestLookupParsesOneFile checks that a lookup before anything needs the
// whole catalog parses the one file it is asked for, and that the whole
// catalog parsed later holds that very template.
func TestLookupParsesOneFile(t *testing.T) {
	c := newLazyCatalog(files, "templates")
	one, ok := c.lookup("ping.server")
	if !ok {
		t.Fatal("lookup(ping.server) found nothing")
	}
	if len(c.parsed) != 1 || c.complete.Load() != nil {
		t.Fatalf("after one lookup: %d files parsed, whole catalog parsed: %v; want 1 and false", len(c.parsed), c.complete.Load() != nil)
	}
	if again, _ := c.lookup("ping.server"); again != one {
		t.Error("a second lookup parsed the file again")
	}
	if got := c.all().byName["ping.server"]; got != one {
		t.Error("the whole catalog holds another ping.server than the lookup returned")
	}
	if after, _ := c.lookup("ping.server"); after != one {
		t.Error("after the whole catalog was parsed, lookup returned another ping.server")
	}
}

// TestLookupAgreesWithWholeCatalog checks every template found alone is
// the one the whole catalog holds, and that names that are no
// template's find nothing, whether the catalog is parsed or not.
func TestLookupAgreesWithWholeCatalog(t *testing.T) {
	whole := newLazyCatalog(files, "templates").all()
	for _, want := range whole.all {
		got, ok := newLazyCatalog(files, "templates").lookup(want.Name)
		if !ok || got.Name != want.Name || got.Body != want.Body || got.Summary != want.Summary {
			t.Errorf("lookup(%s) alone = %v, %v; want the whole catalog's", want.Name, got, ok)
		}
	}
	for _, name := range []string{"", "ping", "no.such", "../catalog", "templates/ping.server", "ping.server.tmpl", "PING.SERVER"} {
		for state, c := range map[string]*lazyCatalog{"unparsed": newLazyCatalog(files, "templates"), "parsed": parsedCatalog()} {
			if _, ok := c.lookup(name); ok {
				t.Errorf("%s catalog: lookup(%q) found a template", state, name)
			}
		}
	}
}

// parsedCatalog is the embedded catalog, wholly parsed.
func parsedCatalog() *lazyCatalog {
	c := newLazyCatalog(files, "templates")
	c.all()
	return c
}

// TestLookupBrokenFile checks that a file that does not parse holds no
// template, found alone or in the whole catalog, which reports it.
func TestLookupBrokenFile(t *testing.T) {
	src, err := files.ReadFile("templates/ping.server.tmpl")
	if err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{
		"t/ping.server.tmpl": {Data: src},
		"t/ping.broken.tmpl": {Data: []byte("name: ping.broken\nno body")},
	}
	c := newLazyCatalog(fsys, "t")
	if _, ok := c.lookup("ping.broken"); ok {
		t.Error("lookup(ping.broken) found a template in a file that does not parse")
	}
	if _, ok := c.lookup("ping.server"); !ok {
		t.Error("lookup(ping.server) found nothing")
	}
	set := c.all()
	if set.err == nil || !strings.Contains(set.err.Error(), "ping.broken.tmpl") {
		t.Errorf("whole catalog error = %v, want one naming ping.broken.tmpl", set.err)
	}
	if len(set.all) != 1 {
		t.Errorf("whole catalog holds %d templates, want 1", len(set.all))
	}
}
