package repl

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestExplainGolden explains each stanza in testdata/explain (replies
// real servers sent, and a few made up to hold what xepl does not know)
// and compares what an 80-column terminal would show with NAME.txt beside
// it; -update rewrites those.
func TestExplainGolden(t *testing.T) {
	files, err := filepath.Glob("testdata/explain/*.xml")
	if err != nil || len(files) == 0 {
		t.Fatalf("no stanzas in testdata/explain (%v)", err)
	}
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			raw, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			lines, err := explainLines(raw, nil)
			if err != nil {
				t.Fatal(err)
			}
			got := fitWidth(strings.Join(lines, "\n")+"\n", 80)
			golden := strings.TrimSuffix(file, ".xml") + ".txt"
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (go test ./repl -run TestExplainGolden -update writes it)", err)
			}
			if got != string(want) {
				t.Errorf("explain %s:\n%s\nwant (%s):\n%s", file, got, golden, want)
			}
			for i, l := range strings.Split(got, "\n") {
				if n := len([]rune(l)); n > 80 {
					t.Errorf("line %d is %d columns wide: %s", i+1, n, l)
				}
			}
		})
	}
}
