// Genxeplist writes xeps/data/xeplist.xml, the snapshot of the XSF's XEP
// list that xepl embeds: number, title, type, status, short name, newest
// revision and supersessions of every published XEP, read from the
// headers of the XSF's XEP sources, in the format of the xeplist.xml that
// xmpp.org publishes (without its abstracts: xepl keeps facts, not prose),
// and xeps/xeplist_gen.go, the same list as a Go table that xepl compiles
// in (parsing the XML would cost every run about 15 ms).
//
// Run it from the module root with a checkout of github.com/xsf/xeps:
//
//	git clone https://github.com/xsf/xeps /tmp/xeps
//	go run ./xeps/internal/genxeplist -xeps /tmp/xeps
//
// The commit is read with git from the checkout; for a directory that is
// not one (such as git archive's output), give it with -commit. The
// snapshot records it, so that a test can check it against the same
// sources (see xeps/mirror_test.go).
package main

import (
	"bytes"
	"flag"
	"log"
	"os"
	"os/exec"
	"strings"

	"xepl/xeps/internal/xeplist"
)

func main() {
	log.SetFlags(0)
	log.SetPrefix("genxeplist: ")
	var (
		dir    = flag.String("xeps", "", "a checkout of github.com/xsf/xeps (required)")
		commit = flag.String("commit", "", "the checkout's commit (default: git rev-parse HEAD in it)")
		out    = flag.String("o", "xeps/data/xeplist.xml", "the snapshot to write")
		goOut  = flag.String("go", "xeps/xeplist_gen.go", "the Go table to write")
	)
	flag.Parse()
	if *dir == "" || flag.NArg() > 0 {
		log.Fatal("usage: go run ./xeps/internal/genxeplist -xeps DIR [-commit HASH] [-o FILE]")
	}
	if *commit == "" {
		b, err := exec.Command("git", "-C", *dir, "rev-parse", "HEAD").Output()
		if err != nil {
			log.Fatalf("%s is not a git checkout (%v): give -commit", *dir, err)
		}
		*commit = strings.TrimSpace(string(b))
	}
	var snap, src bytes.Buffer
	l, err := xeplist.Generate(&snap, os.DirFS(*dir), *commit)
	if err != nil {
		log.Fatal(err)
	}
	if err := xeplist.GoSource(&src, l, "xeps"); err != nil {
		log.Fatal(err)
	}
	for _, f := range []struct {
		name string
		data []byte
	}{{*out, snap.Bytes()}, {*goOut, src.Bytes()}} {
		if err := os.WriteFile(f.name, f.data, 0o644); err != nil {
			log.Fatal(err)
		}
	}
}
