//go:build xsfsources

// The tests here check the checked-in XEP list against the XSF's own
// sources: go test -tags xsfsources ./xeps with XEPL_XSF_XEPS set. They
// are behind a build tag, not skipped, because CI (which has no copy of
// the sources) must never skip a test; the checked-in data is tested
// without them.

package xeps

import (
	"archive/tar"
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"xepl/xeps/internal/xeplist"
)

// mirrorEnv names a git repository of github.com/xsf/xeps (a clone, or a
// bare mirror), which the tests of this file need.
const mirrorEnv = "XEPL_XSF_XEPS"

// xsfSources returns the XEP sources at the snapshot's commit.
func xsfSources(t *testing.T) fstest.MapFS {
	t.Helper()
	dir := os.Getenv(mirrorEnv)
	if dir == "" {
		t.Fatalf("set %s to a git repository of github.com/xsf/xeps to check the snapshot against the XSF's sources", mirrorEnv)
	}
	out, err := exec.Command("git", "-C", dir, "archive", "--format=tar", snapshotCommit).Output()
	if err != nil {
		t.Fatalf("%s=%s: git archive %s: %v (fetch the XSF's repository again?)", mirrorEnv, dir, snapshotCommit, err)
	}
	fsys := fstest.MapFS{}
	tr := tar.NewReader(bytes.NewReader(out))
	for {
		h, err := tr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		if h.Typeflag != tar.TypeReg || path.Dir(h.Name) != "." {
			continue
		}
		b, err := io.ReadAll(tr)
		if err != nil {
			t.Fatal(err)
		}
		fsys[h.Name] = &fstest.MapFile{Data: b}
	}
	return fsys
}

// TestGeneratorReproduces runs the generator on the sources the snapshot
// names and checks it gives the checked-in files, byte for byte.
func TestGeneratorReproduces(t *testing.T) {
	fsys := xsfSources(t)
	var snap, src bytes.Buffer
	l, err := xeplist.Generate(&snap, fsys, snapshotCommit)
	if err != nil {
		t.Fatal(err)
	}
	if err := xeplist.GoSource(&src, l, "xeps"); err != nil {
		t.Fatal(err)
	}
	for _, f := range []struct {
		name string
		want []byte
	}{{"data/xeplist.xml", snap.Bytes()}, {"xeplist_gen.go", src.Bytes()}} {
		got, err := os.ReadFile(f.name)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, f.want) {
			t.Errorf("%s is not what the generator makes of commit %s: run go run ./xeps/internal/genxeplist", f.name, snapshotCommit)
		}
	}
}

// TestNamespacesInSources checks that every namespace data/xeps.txt
// attributes to XEP N is written in XEP N's source: namespaces are not in
// the XSF's list, so this is what keeps them honest. xepl also knows the
// older versions servers still advertise (urn:xmpp:mam:1 beside
// urn:xmpp:mam:2); those must occur in some earlier version of the source.
func TestNamespacesInSources(t *testing.T) {
	fsys := xsfSources(t)
	older := 0
	for _, x := range All() {
		if len(x.Namespaces) == 0 {
			continue
		}
		name := fmt.Sprintf("xep-%04d.xml", x.Number)
		f, ok := fsys[name]
		if !ok {
			t.Errorf("%s: no source at %s", x.Name(), snapshotCommit)
			continue
		}
		text := expandEntities(string(f.Data))
		var history string // every line the source ever had, read once
		for _, ns := range x.Namespaces {
			if strings.Contains(text, ns) {
				continue
			}
			if history == "" {
				out, err := exec.Command("git", "-C", os.Getenv(mirrorEnv), "log", "-p", "--format=", snapshotCommit, "--", name).Output()
				if err != nil {
					t.Fatalf("git log %s: %v", name, err)
				}
				history = expandEntities(string(out))
			}
			if strings.Contains(history, ns) {
				older++
				continue
			}
			t.Errorf("%s: %q occurs in no version of its source", x.Name(), ns)
		}
	}
	t.Logf("%d namespaces are from earlier versions of their XEP", older)
}

// entityDecl matches an entity a XEP declares for itself, often its
// namespace (<!ENTITY ns "urn:xmpp:bookmarks:1">, then &ns;#compat).
var entityDecl = regexp.MustCompile(`<!ENTITY\s+([\w.-]+)\s+(?:"([^"<]*)"|'([^'<]*)')`)

// expandEntities writes out the entities declared in text, in text.
func expandEntities(text string) string {
	var pairs []string
	for _, m := range entityDecl.FindAllStringSubmatch(text, -1) {
		pairs = append(pairs, "&"+m[1]+";", m[2]+m[3])
	}
	return strings.NewReplacer(pairs...).Replace(text)
}
