package repl

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the expected output of transcript tests")

// transcript is a shell session written down: each line that does not
// start with a tab is typed into the shell, and the tab-indented lines
// after it are what the shell printed then (stdout and stderr together).
// The lines of a multi-line XML element print nothing until the last.
//
// A script transcript (see player.script) ends with the line
// "# exit status: N", the exit status the run must end with.
type transcript struct {
	steps []step
}

type step struct {
	input  string // one line typed
	output string // what the shell printed after it
}

// exitPrefix starts the last line of a script transcript.
const exitPrefix = "# exit status: "

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
			t.steps = append(t.steps, step{input: strings.TrimSuffix(line, "\n")})
		}
	}
	return t
}

func (t transcript) String() string {
	var b strings.Builder
	for _, s := range t.steps {
		b.WriteString(s.input + "\n")
		for _, out := range strings.SplitAfter(s.output, "\n") {
			if out != "" {
				b.WriteString("\t" + out)
			}
		}
	}
	return b.String()
}

// player is a line source that types a transcript's lines into the
// shell's own loop (Shell.run, as the binary runs it) and cuts what the
// shell printed into steps: whatever was printed before the loop asks for
// the next line belongs to the line before.
type player struct {
	want   transcript
	out    *syncBuffer
	script bool // play as a script: stop at the first failure, FILE:LINE in errors
	// fill replaces the placeholders of an input line ({{domain}}...)
	// before it is typed; unfill puts them back into the output, and
	// takes out what changes from run to run. Both may be nil.
	fill, unfill func(string) string
	// before, if not nil, is called before each line is typed, with the
	// lines typed so far: live tests check the server between steps.
	before func(done []step)

	got  transcript
	mark int
}

// play plays the transcript through a fresh shell made from cfg and
// returns what it printed, step by step.
func (p *player) play(t *testing.T, cfg Config) transcript {
	t.Helper()
	if p.out == nil {
		p.out = &syncBuffer{}
	}
	cfg.Stdout, cfg.Stderr = p.out, p.out
	if cfg.Getenv == nil {
		cfg.Getenv = func(string) string { return "" }
	}
	cfg.Input = strings.NewReader("")
	sh, err := newShell(cfg)
	if err != nil {
		t.Fatal(err)
	}
	sh.lines = p
	sh.interactive = !p.script
	status := sh.run(context.Background())
	p.cut()
	if p.script {
		p.got.steps = append(p.got.steps, step{input: exitPrefix + strconv.Itoa(status)})
	}
	return p.got
}

// inputs are the lines to type: the transcript's, without its exit status.
func (p *player) inputs() []step {
	steps := p.want.steps
	if n := len(steps); p.script && n > 0 && strings.HasPrefix(steps[n-1].input, exitPrefix) {
		steps = steps[:n-1]
	}
	return steps
}

// cut gives the output printed since the last cut to the last step.
func (p *player) cut() {
	all := p.out.String()
	if n := len(p.got.steps); n > 0 {
		out := all[p.mark:]
		if p.unfill != nil {
			out = p.unfill(out)
		}
		p.got.steps[n-1].output += out
	}
	p.mark = len(all)
}

func (p *player) ReadLine(context.Context, string) (string, error) {
	p.cut()
	inputs := p.inputs()
	if len(p.got.steps) == len(inputs) {
		return "", io.EOF
	}
	if p.before != nil {
		p.before(p.got.steps)
		p.cut() // what came meanwhile belongs to the line before
	}
	in := inputs[len(p.got.steps)].input
	p.got.steps = append(p.got.steps, step{input: in})
	if p.fill != nil {
		in = p.fill(in)
	}
	return in, nil
}

func (p *player) Asks() bool                        { return false }
func (p *player) ReadSecret(string) (string, error) { return "", errNoTerminal }
func (p *player) Remember(string)                   {}
func (p *player) Close() error                      { return nil }

func (p *player) Interruptible(ctx context.Context) (context.Context, context.CancelFunc) {
	return ctx, func() {}
}

func (p *player) Position() (string, int) {
	if !p.script {
		return "", 0
	}
	return "stdin", len(p.got.steps)
}

// checkTranscript compares what was played with the file, or rewrites the
// file with -update.
func checkTranscript(t testing.TB, file string, want, got transcript) {
	t.Helper()
	if *update {
		if err := os.WriteFile(file, []byte(got.String()), 0o644); err != nil {
			t.Fatalf("-update: %v", err)
		}
		return
	}
	compareTranscripts(t, want, got)
}

// compareTranscripts reports each step whose input or output differs.
func compareTranscripts(t testing.TB, want, got transcript) {
	t.Helper()
	if len(got.steps) != len(want.steps) {
		t.Errorf("%d steps played, the transcript has %d", len(got.steps), len(want.steps))
	}
	for i, s := range want.steps {
		var g step
		if i < len(got.steps) {
			g = got.steps[i]
		}
		switch {
		case g.input != s.input:
			t.Errorf("step %d: got %q, the transcript has %q", i+1, g.input, s.input)
		case g.output != s.output:
			t.Errorf("after %q\n got:\n%s\nwant:\n%s", s.input, g.output, s.output)
		}
	}
}

// readTranscript reads a transcript file.
func readTranscript(t *testing.T, file string) transcript {
	t.Helper()
	text, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("%v (a new transcript is written with -update once its input lines are in place)", err)
	}
	return parseTranscript(string(text))
}

// TestTranscripts replays every file in testdata/transcripts, offline,
// as a person would type them. Run with -update to rewrite them after a
// deliberate change of output.
func TestTranscripts(t *testing.T) {
	files, err := filepath.Glob("testdata/transcripts/*.txt")
	if err != nil || len(files) == 0 {
		t.Fatalf("no transcripts found: %v", err)
	}
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			want := readTranscript(t, file)
			p := &player{want: want}
			checkTranscript(t, file, want, p.play(t, Config{}))
		})
	}
}

// TestUpdateReportsFailedWrite: -update must not lose a rewrite silently.
func TestUpdateReportsFailedWrite(t *testing.T) {
	if *update {
		t.Skip("meaningless while updating")
	}
	*update = true
	defer func() { *update = false }()
	ft := &fakeT{T: t}
	func() {
		defer func() { recover() }()
		checkTranscript(ft, filepath.Join(t.TempDir(), "no-such-dir", "x.txt"), transcript{}, transcript{})
	}()
	if !strings.Contains(ft.fatal, "-update") {
		t.Errorf("a failed write was not reported (got %q)", ft.fatal)
	}
}

// fakeT catches Fatalf.
type fakeT struct {
	*testing.T
	fatal string
}

func (f *fakeT) Fatalf(format string, args ...any) {
	f.fatal = fmt.Sprintf(format, args...)
	panic("fatal")
}
