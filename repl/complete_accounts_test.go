package repl

import (
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// TestCompleteAccounts: connect <Tab> and -a <Tab> offer the accounts of
// the configuration file, --theme its themes.
func TestCompleteAccounts(t *testing.T) {
	path := filepath.Join(t.TempDir(), "config.toml")
	writeFile(t, path, goodConfig)
	sh, err := newShell(Config{Stdout: &strings.Builder{}, Input: strings.NewReader(""), Getenv: func(string) string { return "" },
		ConfigFile: path, ConfigRequired: true})
	if err != nil {
		t.Fatal(err)
	}
	c := completer{sh: sh}
	for _, tt := range []struct{ line, want string }{
		{"connect ", "al bo"},
		{"connect a", "al"},
		{"connect --insecure b", "bo"},
		{"connect -a ", "al bo"},
		{"login --account a", "al"},
	} {
		got, n := c.Do([]rune(tt.line), len([]rune(tt.line)))
		var words []string
		typed := tt.line[len(tt.line)-n:]
		for _, g := range got {
			words = append(words, strings.TrimSpace(typed+string(g)))
		}
		sort.Strings(words)
		if strings.Join(words, " ") != tt.want {
			t.Errorf("%q completes to %q, want %q", tt.line, words, tt.want)
		}
	}
}
