package repl

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the expected output of transcript tests")

// transcript is a shell session written down: each line that does not
// start with a tab is typed into the shell, and the tab-indented lines
// after it are what the shell printed then (stdout and stderr together).
// The lines of a multi-line XML element print nothing until the last.
type transcript struct {
	steps []step
}

type step struct {
	input  []string // one line typed
	output string   // what the shell printed after it
}

func parseTranscript(text string) transcript {
	var t transcript
	for _, line := range strings.SplitAfter(text, "\n") {
		switch {
		case line == "":
		case strings.HasPrefix(line, "\t"):
			if n := len(t.steps); n > 0 {
				t.steps[n-1].output += strings.TrimPrefix(line, "\t")
			}
		default:
			t.steps = append(t.steps, step{input: []string{strings.TrimSuffix(line, "\n")}})
		}
	}
	return t
}

func (t transcript) String() string {
	var b strings.Builder
	for _, s := range t.steps {
		for _, in := range s.input {
			b.WriteString(in + "\n")
		}
		for _, out := range strings.SplitAfter(s.output, "\n") {
			if out != "" {
				b.WriteString("\t" + out)
			}
		}
	}
	return b.String()
}

// play types each step's input into a fresh offline shell and records
// what it printed.
func play(t *testing.T, want transcript) transcript {
	t.Helper()
	var buf bytes.Buffer
	sh, err := newShell(Config{Stdout: &buf, Stderr: &buf, Input: strings.NewReader(""), Getenv: func(string) string { return "" }})
	if err != nil {
		t.Fatal(err)
	}
	var got transcript
	for _, s := range want.steps {
		buf.Reset()
		for _, line := range s.input {
			if err := sh.execute(context.Background(), line); err != nil {
				if _, told := err.(errFailed); !told {
					sh.out.fail(err)
				}
			}
		}
		got.steps = append(got.steps, step{input: s.input, output: buf.String()})
	}
	return got
}

// TestTranscripts replays every file in testdata/transcripts. Run with
// -update to rewrite them after a deliberate change of output.
func TestTranscripts(t *testing.T) {
	files, err := filepath.Glob("testdata/transcripts/*.txt")
	if err != nil || len(files) == 0 {
		t.Fatalf("no transcripts found: %v", err)
	}
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			text, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			want := parseTranscript(string(text))
			got := play(t, want)
			if *update {
				os.WriteFile(file, []byte(got.String()), 0o644)
				return
			}
			compareTranscripts(t, want, got)
		})
	}
}

// compareTranscripts reports each step whose output differs.
func compareTranscripts(t *testing.T, want, got transcript) {
	t.Helper()
	if len(got.steps) != len(want.steps) {
		t.Errorf("%d steps played, the transcript has %d", len(got.steps), len(want.steps))
	}
	for i, s := range want.steps {
		var g string
		if i < len(got.steps) {
			g = got.steps[i].output
		}
		if g != s.output {
			t.Errorf("after %q\n got:\n%s\nwant:\n%s", strings.Join(s.input, "\n"), g, s.output)
		}
	}
}
