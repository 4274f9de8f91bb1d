package catalog

import (
	"fmt"
	"path"
	"strings"
)

// LessonExt is the extension of a lesson file.
const LessonExt = ".lesson"

// A Lesson is a guided walkthrough of a protocol: steps of explanation,
// each followed by shell lines that send something and check the answer.
// lessons/FORMAT.md describes the file.
type Lesson struct {
	File    string // the file name given to ParseLesson
	Name    string // the file name without .lesson
	Title   string
	Summary string
	Specs   []Ref
	Needs   Needs
	Steps   []LessonStep
	// Cleanup runs when the lesson stops before its end (it failed, or
	// the person stopped it), to undo what its steps left on the server
	// that account new does not delete by itself.
	Cleanup []LessonLine
}

// A LessonStep is one step: its text is shown, then its lines run.
type LessonStep struct {
	Title string
	// Text is the explanation: paragraphs separated by a blank line, each
	// on one line (the shell wraps it to the terminal), and the lines the
	// file indents kept as they are.
	Text  string
	Lines []LessonLine
	Line  int // the line of "step:"
}

// A LessonLine is a shell line, as a script holds it, with its place in
// the file.
type LessonLine struct {
	Text string
	Line int
}

// Needs is what a lesson needs of the session it starts from.
type Needs string

// The values of needs:.
const (
	NeedsNothing Needs = "nothing" // it runs offline
	NeedsServer  Needs = "server"  // a stream to a server, logged in or for registration
	NeedsLogin   Needs = "login"   // a logged-in session (the default)
	NeedsAdmin   Needs = "admin"   // a session of the server's admin (XEP-0133 add-user offered)
)

// lessonKeys lists the header keys of a lesson and whether each may
// repeat.
var lessonKeys = map[string]bool{"name": false, "title": false, "summary": false, "spec": true, "needs": false}

// ParseLesson reads one lesson file. file is its name, such as
// "disco.lesson"; the lesson's name must be file without ".lesson". It
// checks what lessons/FORMAT.md asks for; errors are *ParseError, naming
// the file and line.
func ParseLesson(file string, src []byte) (*Lesson, error) {
	p := &lessonParser{l: &Lesson{File: file, Needs: NeedsLogin}, seen: map[string]int{}}
	lines := strings.Split(strings.ReplaceAll(string(src), "\r\n", "\n"), "\n")
	for i, text := range lines {
		if err := p.line(i+1, strings.TrimRight(text, " \t")); err != nil {
			return nil, &ParseError{File: file, Line: i + 1, Msg: err.Error()}
		}
	}
	if err := p.finish(); err != nil {
		return nil, &ParseError{File: file, Line: err.line, Msg: err.msg}
	}
	return p.l, nil
}

// lessonParser reads a lesson line by line: the header, then the steps,
// then the cleanup.
type lessonParser struct {
	l    *Lesson
	seen map[string]int // header key -> its line
	// step is the step being read; nil in the header and the cleanup.
	step      *LessonStep
	cleanup   int  // the line of "cleanup:", once read
	paragraph bool // the last prose line is part of a paragraph still open
	gap       bool // a blank line came after the step's last prose line
	last      *field
}

func (p *lessonParser) line(n int, text string) error {
	switch {
	case strings.HasPrefix(text, "#"):
		return nil
	case strings.HasPrefix(text, "step:"):
		if p.cleanup > 0 {
			return fmt.Errorf("a step after cleanup: (line %d): cleanup comes last", p.cleanup)
		}
		title := strings.TrimSpace(strings.TrimPrefix(text, "step:"))
		if title == "" {
			return fmt.Errorf("a step needs a title: step: TITLE")
		}
		p.l.Steps = append(p.l.Steps, LessonStep{Title: title, Line: n})
		p.step, p.paragraph, p.gap, p.last = &p.l.Steps[len(p.l.Steps)-1], false, false, nil
		return nil
	case text == "cleanup:":
		if p.cleanup > 0 {
			return fmt.Errorf("cleanup: given again (first on line %d)", p.cleanup)
		}
		p.cleanup, p.step, p.last = n, nil, nil
		return nil
	case strings.HasPrefix(text, ">"):
		return p.command(n, strings.TrimPrefix(strings.TrimPrefix(text, ">"), " "))
	case p.step == nil && p.cleanup > 0:
		if text != "" {
			return fmt.Errorf("cleanup holds shell lines only (> LINE), not %q", text)
		}
		return nil
	case p.step == nil:
		return p.header(n, text)
	}
	return p.prose(text)
}

// header reads a "key: value" line, or a continuation of the last one.
func (p *lessonParser) header(n int, text string) error {
	switch {
	case text == "":
		p.last = nil
		return nil
	case text[0] == ' ' || text[0] == '\t':
		if p.last == nil {
			return fmt.Errorf("an indented line continues a value, but no key comes right before it")
		}
		p.last.value += " " + strings.TrimSpace(text)
		return p.set(*p.last)
	}
	key, value, ok := strings.Cut(text, ":")
	repeat, known := lessonKeys[key]
	switch {
	case !ok:
		return fmt.Errorf("want \"key: value\" or \"step: TITLE\", not %q", text)
	case !known:
		return fmt.Errorf("unknown key %q (a lesson has name, title, summary, spec, needs)", key)
	}
	if first, dup := p.seen[key]; dup && !repeat {
		return fmt.Errorf("%s given again (first on line %d)", key, first)
	}
	p.seen[key] = n
	f := field{key: key, value: strings.TrimSpace(value), line: n}
	if f.value == "" {
		return fmt.Errorf("%s has no value", key)
	}
	if key == "spec" {
		p.l.Specs = append(p.l.Specs, Ref{}) // set fills it in
	}
	p.last = &f
	return p.set(f)
}

// set stores a header value; a continuation line sets it again, whole.
func (p *lessonParser) set(f field) error {
	switch f.key {
	case "name":
		p.l.Name = f.value
	case "title":
		p.l.Title = f.value
	case "summary":
		p.l.Summary = f.value
	case "spec":
		r, err := parseRef(f.value)
		if err != nil {
			return err
		}
		p.l.Specs[len(p.l.Specs)-1] = r
	case "needs":
		switch n := Needs(f.value); n {
		case NeedsNothing, NeedsServer, NeedsLogin, NeedsAdmin:
			p.l.Needs = n
		default:
			return fmt.Errorf("needs: %q is not one of nothing, server, login, admin", f.value)
		}
	}
	return nil
}

// prose adds a line of explanation to the step being read: lines run
// on into one paragraph, a blank line starts the next, and an indented
// line stays a line of its own.
func (p *lessonParser) prose(text string) error {
	s := p.step
	switch {
	case text == "":
		p.gap = s.Text != ""
		return nil
	case len(s.Lines) > 0:
		return fmt.Errorf("text after the step's lines: start a new step (step: TITLE) for it")
	}
	indented := text[0] == ' ' || text[0] == '\t'
	switch {
	case s.Text == "":
	case p.gap:
		s.Text += "\n\n"
	case p.paragraph && !indented:
		s.Text += " "
	default:
		s.Text += "\n"
	}
	s.Text += text
	p.paragraph, p.gap = !indented, false
	return nil
}

// command adds a shell line to the step or the cleanup.
func (p *lessonParser) command(n int, text string) error {
	if p.step == nil && p.cleanup == 0 {
		return fmt.Errorf("a shell line (> LINE) before the first step: step: TITLE comes first")
	}
	if strings.TrimSpace(text) == "" {
		return fmt.Errorf("an empty shell line: leave out the >")
	}
	if err := checkLessonLine(text); err != nil {
		return err
	}
	line := LessonLine{Text: text, Line: n}
	if p.step != nil {
		p.step.Lines = append(p.step.Lines, line)
	} else {
		p.l.Cleanup = append(p.l.Cleanup, line)
	}
	return nil
}

// checkLessonLine refuses the lines a lesson must not run: a connect
// that would replace the session the lesson started from, and quit.
func checkLessonLine(text string) error {
	words := strings.Fields(text)
	if len(words) > 0 && strings.HasPrefix(words[0], "@") {
		words = words[1:]
	}
	if len(words) == 0 {
		return nil
	}
	switch words[0] {
	case "connect", "login":
		if lessonSessionName(words) == "" {
			return fmt.Errorf("a lesson's connect names its session (connect --as NAME ...), so that the session the lesson starts from is kept")
		}
	case "quit", "exit":
		return fmt.Errorf("a lesson does not quit the shell")
	}
	return nil
}

// lessonSessionName is the session a line opens: connect --as NAME, or
// account new NAME; "" when it opens none.
func lessonSessionName(words []string) string {
	if len(words) == 3 && words[0] == "account" && words[1] == "new" {
		return words[2]
	}
	for i, w := range words {
		if w == "--as" && i+1 < len(words) {
			return words[i+1]
		}
		if v, ok := strings.CutPrefix(w, "--as="); ok {
			return v
		}
	}
	return ""
}

// Sessions lists the sessions the lesson opens (connect --as NAME and
// account new NAME), each once, in the order they first appear: the
// shell makes sure none of them is open when the lesson starts.
func (l *Lesson) Sessions() []string {
	var names []string
	seen := map[string]bool{}
	add := func(ls []LessonLine) {
		for _, line := range ls {
			words := strings.Fields(line.Text)
			if len(words) > 0 && strings.HasPrefix(words[0], "@") {
				words = words[1:]
			}
			if n := lessonSessionName(words); n != "" && !seen[n] {
				seen[n] = true
				names = append(names, n)
			}
		}
	}
	for _, s := range l.Steps {
		add(s.Lines)
	}
	add(l.Cleanup)
	return names
}

// finish checks the lesson as a whole once every line is read.
func (p *lessonParser) finish() *lineError {
	l := p.l
	for _, k := range []string{"name", "title", "summary", "spec"} {
		if _, ok := p.seen[k]; !ok {
			return &lineError{0, "no " + k + ": line"}
		}
	}
	if want := strings.TrimSuffix(path.Base(l.File), LessonExt); l.Name != want {
		return &lineError{p.seen["name"], fmt.Sprintf("name %s does not match the file name (want %s)", l.Name, want)}
	}
	if !isLessonName(l.Name) {
		return &lineError{p.seen["name"], fmt.Sprintf("name %q: want lower-case letters, digits and -", l.Name)}
	}
	if len(l.Steps) == 0 {
		return &lineError{0, "no steps: a lesson has at least one step: TITLE"}
	}
	for _, s := range l.Steps {
		switch {
		case s.Text == "":
			return &lineError{s.Line, fmt.Sprintf("step %q explains nothing: write its text under step:", s.Title)}
		case len(s.Lines) == 0:
			return &lineError{s.Line, fmt.Sprintf("step %q has no shell lines (> LINE)", s.Title)}
		case !checksSomething(s.Lines) && l.Needs != NeedsNothing:
			return &lineError{s.Line, fmt.Sprintf("step %q checks nothing: add an expect line, so that a wrong answer fails the lesson", s.Title)}
		}
	}
	if p.cleanup > 0 && len(l.Cleanup) == 0 {
		return &lineError{p.cleanup, "cleanup: has no shell lines (> LINE)"}
	}
	return nil
}

// checksSomething reports whether one of lines is an expect.
func checksSomething(lines []LessonLine) bool {
	for _, l := range lines {
		words := strings.Fields(l.Text)
		if len(words) > 1 && strings.HasPrefix(words[0], "@") {
			words = words[1:]
		}
		if len(words) > 0 && words[0] == "expect" {
			return true
		}
	}
	return false
}

func isLessonName(s string) bool {
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		return false
	}
	for _, c := range s {
		if (c < 'a' || c > 'z') && (c < '0' || c > '9') && c != '-' {
			return false
		}
	}
	return true
}
