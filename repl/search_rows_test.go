package repl

import (
	"strings"
	"testing"
	"unicode/utf8"

	"xepl/catalog"
)

// TestSearchRowsFit: search results keep within the width, say the stage
// each template needs, show the admin tool's verb that matched, and wrap
// a title under its own column.
func TestSearchRowsFit(t *testing.T) {
	if err := catalog.Load(); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"register a user", "register", "does a username exist", "kick_session", "delete account", "133"} {
		for _, width := range []int{80, 60, 40} {
			rs := catalog.Search(q)
			out := searchRows(rs[:min(maxResults, len(rs))], width)
			for _, line := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
				if n := utf8.RuneCountInString(line); n > width {
					t.Errorf("%q at %d columns: a line of %d: %q", q, width, n, line)
				}
			}
		}
	}
	out := searchRows(catalog.Search("register")[:8], 80)
	lines := strings.Split(out, "\n")
	if !strings.HasPrefix(lines[0], "admin.add-user ") || !strings.Contains(lines[0], " admin ") {
		t.Errorf("first row: %q", lines[0])
	}
	if strings.TrimSpace(lines[1]) != "≈ ejabberdctl register" || strings.Index(lines[1], "≈") != strings.Index(lines[0], "Create") {
		t.Errorf("the verb is not under the title:\n%s", out)
	}
	if !strings.Contains(out, "register.submit           before login  ") {
		t.Errorf("no stage before login:\n%s", out)
	}
}

func TestHangingTable(t *testing.T) {
	rows := [][]string{{"a", "b", "one two three four five six"}, {"ccc", "d", "x", "y"}}
	got := hangingTable(rows, 2, 33)
	want := "a    b  one two three four five\n" +
		"        six\n" +
		"ccc  d  x y\n"
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	if got := hangingTable(rows, 2, 0); !strings.HasPrefix(got, "a    b  one two three four five six\n") {
		t.Errorf("no width: %q", got)
	}
	// Too narrow for the last column beside the others: it starts on the
	// next line.
	got = hangingTable([][]string{{"a-long-name", "stage", "some title words"}}, 2, 30)
	want = "a-long-name  stage\n    some title words\n"
	if got != want {
		t.Errorf("narrow: got %q, want %q", got, want)
	}
}
