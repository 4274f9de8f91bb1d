package repl

import (
	"context"
	"io"
	"strings"
	"testing"

	"xepl/catalog"
)

// pauser stands for a person at the terminal: it answers each of the
// lesson's pauses with the next of answers (io.EOF when none is left, as
// Ctrl-D), and records the prompts.
type pauser struct {
	answers []string
	prompts []string
}

func (p *pauser) ReadLine(_ context.Context, prompt string) (string, error) {
	p.prompts = append(p.prompts, prompt)
	if len(p.answers) == 0 {
		return "", io.EOF
	}
	a := p.answers[0]
	p.answers = p.answers[1:]
	return a, nil
}
func (p *pauser) Asks() bool                        { return true }
func (p *pauser) ReadSecret(string) (string, error) { return "", errNoTerminal }
func (p *pauser) Remember(string)                   {}
func (p *pauser) Position() (string, int)           { return "", 0 }
func (p *pauser) Close() error                      { return nil }
func (p *pauser) Interruptible(ctx context.Context) (context.Context, context.CancelFunc) {
	return ctx, func() {}
}

// offlineLesson runs without a server: three steps of variables.
const offlineLesson = `name: offline
title: Three steps
summary: For the pause test.
spec: XEP-0030
needs: nothing

step: One
First text.
> let a = 1

step: Two
Second text.
> let b = 2

step: Three
Third text.
> let c = 3

cleanup:
> let undone = yes
`

// TestLessonPauses: on a terminal a lesson waits after each step but the
// last; Enter goes on, q (or Ctrl-D) stops it and says how to run it
// again, and the cleanup runs; in a script nothing is asked.
func TestLessonPauses(t *testing.T) {
	l, err := catalog.ParseLesson("offline.lesson", []byte(offlineLesson))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name    string
		lines   lineSource
		answers []string
		prompts int    // the pauses asked
		shown   string // the last step shown
		hidden  string // a step not shown, if any
		end     string
		cleanup bool
	}{
		{"enter goes on", &pauser{answers: []string{"", ""}}, nil, 2, "[3/3] Three", "", "done, all 3 steps passed", false},
		{"q stops", &pauser{answers: []string{"", " Q "}}, nil, 2, "[2/3] Two", "[3/3]", "stopped after step 2 of 3; what it made is gone; lesson offline runs it again from the start", true},
		{"ctrl-d stops", &pauser{}, nil, 1, "[1/3] One", "[2/3]", "stopped after step 1 of 3", true},
		{"a script does not pause", newScriptLines(strings.NewReader(""), "x.xepl"), nil, 0, "[3/3] Three", "", "done, all 3 steps passed", false},
	} {
		t.Run(c.name, func(t *testing.T) {
			var out syncBuffer
			sh, err := newShell(Config{Input: strings.NewReader(""), Stdout: &out, Getenv: func(string) string { return "" }})
			if err != nil {
				t.Fatal(err)
			}
			sh.lines = c.lines
			sh.vars["mine"] = "kept"
			if err := sh.runLesson(context.Background(), l); err != nil {
				t.Fatal(err)
			}
			got := out.String()
			if p, ok := c.lines.(*pauser); ok && len(p.prompts) != c.prompts {
				t.Errorf("%d pauses, want %d: %q", len(p.prompts), c.prompts, p.prompts)
			} else if ok && !strings.Contains(p.prompts[0], "Enter: step 2 of 3, q: stop") {
				t.Errorf("the pause says %q", p.prompts[0])
			}
			for _, want := range []string{"[1/3] One\nFirst text.\n", "xepl> let a = 1\n", c.shown, "lesson offline: " + c.end} {
				if !strings.Contains(got, want) {
					t.Errorf("the output lacks %q:\n%s", want, got)
				}
			}
			if c.hidden != "" && strings.Contains(got, c.hidden) {
				t.Errorf("a step after the stop was shown:\n%s", got)
			}
			if ran := strings.Contains(got, "let undone = yes"); ran != c.cleanup {
				t.Errorf("cleanup ran: %v, want %v:\n%s", ran, c.cleanup, got)
			}
			if _, left := sh.vars["a"]; left || sh.vars["mine"] != "kept" || sh.lines != c.lines {
				t.Errorf("the shell was not given back: vars %v", sh.vars)
			}
		})
	}
}

// TestLessonLines: every line of every lesson starts with a command or
// a template (after @NAME), or is XML, so a typo fails here rather than
// in front of a learner.
func TestLessonLines(t *testing.T) {
	cmds := newCommandSet()
	for _, l := range catalog.Lessons() {
		lines := slicesOf(l)
		for _, line := range lines {
			words := strings.Fields(line.Text)
			if strings.HasPrefix(words[0], "@") {
				words = words[1:]
			}
			if strings.HasPrefix(words[0], "<") {
				continue
			}
			if _, ok := catalog.Lookup(words[0]); !ok && cmds.lookup(words[0]) == nil {
				t.Errorf("lessons/%s:%d: %s is neither a command nor a template", l.File, line.Line, words[0])
			}
		}
	}
}

func slicesOf(l *catalog.Lesson) []catalog.LessonLine {
	var all []catalog.LessonLine
	for _, s := range l.Steps {
		all = append(all, s.Lines...)
	}
	return append(all, l.Cleanup...)
}

// TestLessonNeedsAServer: offline, a lesson says how to get a server.
func TestLessonNeedsAServer(t *testing.T) {
	var out syncBuffer
	sh, err := newShell(Config{Input: strings.NewReader("lesson disco\n"), ScriptName: "x.xepl", Stdout: &out, Getenv: func(string) string { return "" }})
	if err != nil {
		t.Fatal(err)
	}
	if status := sh.run(context.Background()); status != 1 {
		t.Errorf("exit status %d, want 1", status)
	}
	want := "x.xepl:1: error: lesson disco needs a server: connect to one (connect you@example.org), or start a throwaway server on this machine: xepl --local prosody, then lesson disco"
	if got := out.String(); !strings.Contains(got, want) {
		t.Errorf("got %q\nwant %q", got, want)
	}
}
