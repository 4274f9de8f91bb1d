package repl

import (
	"context"
	"fmt"
	"io"
	"strings"

	"xepl/catalog"
)

// lessonLines is the line source of a lesson: while a lesson runs, the
// shell's loop reads the lesson's lines from it, as it reads a script's,
// so that each runs exactly as it would there. Before each step it shows
// the step's text; between steps, when a person is at the terminal
// (outer asks), it waits for Enter, and q stops the lesson.
type lessonLines struct {
	sh     *Shell
	outer  lineSource // where the person types: the terminal, or the script
	lesson *catalog.Lesson
	steps  []catalog.LessonStep // the steps to run: the lesson's, or its cleanup as one
	quiet  bool                 // the cleanup: no headings, no pauses

	step    int // the step whose lines are handed out; -1 before the first
	next    int // the index of the step's next line
	line    int // the file's line of the line last handed out
	stopped bool
}

func newLessonLines(sh *Shell, outer lineSource, l *catalog.Lesson) *lessonLines {
	return &lessonLines{sh: sh, outer: outer, lesson: l, steps: l.Steps, step: -1}
}

// newCleanupLines reads a lesson's cleanup lines, with no text and no
// pause.
func newCleanupLines(sh *Shell, outer lineSource, l *catalog.Lesson) *lessonLines {
	steps := []catalog.LessonStep{{Title: "cleanup", Lines: l.Cleanup}}
	return &lessonLines{sh: sh, outer: outer, lesson: l, steps: steps, quiet: true, step: -1}
}

// pauseWords stop a lesson when typed at its pause.
var pauseWords = map[string]bool{"q": true, "quit": true, "stop": true, "exit": true}

func (s *lessonLines) ReadLine(ctx context.Context, prompt string) (string, error) {
	// The loop thinks a prompt is up; none is: what is printed here goes
	// straight out, not through the line editor, which would draw its
	// prompt again after it.
	s.sh.out.atPrompt.Store(false)
	for s.step < 0 || s.next >= len(s.steps[s.step].Lines) {
		if s.step+1 >= len(s.steps) {
			return "", io.EOF
		}
		if s.step >= 0 && !s.quiet && s.outer.Asks() && !s.pause(ctx) {
			s.stopped = true
			return "", io.EOF
		}
		s.step, s.next = s.step+1, 0
		if !s.quiet {
			s.show(s.step)
		}
	}
	l := s.steps[s.step].Lines[s.next]
	s.next++
	s.line = l.Line
	// Shown as if typed at the prompt: what a person would type to do
	// the same.
	s.sh.out.echo(prompt + l.Text)
	return l.Text, nil
}

// show prints a step's heading and its text.
func (s *lessonLines) show(i int) {
	st := s.steps[i]
	s.sh.out.prose(fmt.Sprintf("[%d/%d] %s", i+1, len(s.steps), st.Title), st.Text)
}

// pause waits for the person to go on; false when they stop.
func (s *lessonLines) pause(ctx context.Context) bool {
	prompt := fmt.Sprintf("-- Enter: step %d of %d, q: stop -- ", s.step+2, len(s.steps))
	s.sh.out.atPrompt.Store(true)
	answer, err := s.outer.ReadLine(ctx, prompt)
	s.sh.out.atPrompt.Store(false)
	return err == nil && !pauseWords[strings.ToLower(strings.TrimSpace(answer))]
}

// done is how many steps ran to their last line.
func (s *lessonLines) done() int {
	switch {
	case s.step < 0:
		return 0
	case s.next >= len(s.steps[s.step].Lines):
		return s.step + 1
	}
	return s.step
}

// finished reports whether every line was handed out.
func (s *lessonLines) finished() bool { return s.done() == len(s.steps) }

// Position names the lesson's file, as the catalog holds it, and the
// line: a failed step says FILE:LINE as a script does.
func (s *lessonLines) Position() (string, int) {
	return "lessons/" + s.lesson.File, s.line
}

// A lesson's lines are complete: nothing is asked, as in a script.
func (s *lessonLines) Asks() bool                        { return false }
func (s *lessonLines) ReadSecret(string) (string, error) { return "", errNoTerminal }
func (s *lessonLines) Remember(string)                   {}
func (s *lessonLines) Close() error                      { return nil }

func (s *lessonLines) Interruptible(ctx context.Context) (context.Context, context.CancelFunc) {
	return s.outer.Interruptible(ctx)
}
