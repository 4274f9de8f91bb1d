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

// transcript is a shell session written down: lines that do not start
// with a tab are typed into the shell; the tab-indented lines after them
// are what the shell printed (stdout and stderr together).
type transcript struct {
	steps []step
}

type step struct {
	input  []string // consecutive input lines (one command, or the lines of one XML element)
	output string
}

func parseTranscript(text string) transcript {
	var t transcript
	var cur *step
	for _, line := range strings.SplitAfter(text, "\n") {
		if line == "" {
			continue
		}
		if strings.HasPrefix(line, "\t") {
			if cur != nil {
				cur.output += strings.TrimPrefix(line, "\t")
			}
			continue
		}
		if cur == nil || cur.output != "" {
			t.steps = append(t.steps, step{})
			cur = &t.steps[len(t.steps)-1]
		}
		cur.input = append(cur.input, strings.TrimSuffix(line, "\n"))
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
			for i, s := range want.steps {
				if got.steps[i].output != s.output {
					t.Errorf("after %q\n got:\n%s\nwant:\n%s", strings.Join(s.input, "\n"), got.steps[i].output, s.output)
				}
			}
		})
	}
}
