package repl

import (
	"os"
	"strings"
	"testing"
)

// TestReadmeCommands fails when the command list in README.md is not the
// one help prints; -update rewrites it.
func TestReadmeCommands(t *testing.T) {
	const (
		start = "<!-- commands: generated from the command table by TestReadmeCommands; go test ./repl -run Readme -update rewrites it -->\n```\n"
		end   = "```\n<!-- end of commands -->"
	)
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	text := string(readme)
	i, j := strings.Index(text, start), strings.Index(text, end)
	if i < 0 || j < i {
		t.Fatalf("README.md lacks the generated command list markers")
	}
	var b strings.Builder
	writeHelp(&b)
	want := b.String()
	if got := text[i+len(start) : j]; got != want {
		if *update {
			os.WriteFile("../README.md", []byte(text[:i+len(start)]+want+text[j:]), 0o644)
			return
		}
		t.Errorf("README.md's command list is stale (go test ./repl -run Readme -update):\n got:\n%s\nwant:\n%s", got, want)
	}
}
