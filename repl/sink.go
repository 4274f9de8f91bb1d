package repl

import (
	"errors"
	"fmt"
	"sync"
	"time"
)

// shown is one thing the printer put on screen, as a transcript or a log
// keeps it: plain text, without colours or wrapping, secrets masked and
// made safe exactly as on screen.
type shown struct {
	when  time.Time
	kind  shownKind
	text  string   // a line or block; a stanza's label
	xml   string   // a stanza's indented XML ("" with verbose off)
	notes []string // the notes under a stanza
	// pretty is the XML as bytes, made the xml string only once a sink
	// takes it: a big reply is not copied for nothing.
	pretty []byte
}

type shownKind int

const (
	shownText shownKind = iota
	shownError
	shownStanza
	shownWire
	shownProse // text is a heading, xml the paragraph under it
)

// sink writes what the shell shows somewhere besides the screen: a
// Markdown transcript (record) or a plain log (log to).
type sink interface {
	// write gets one command as the history keeps it (line; "" for what
	// came while no command ran), the prompt it was typed at, and what
	// it showed.
	write(prompt, line string, when time.Time, items []shown) error
	close() error
	path() string
}

// sinks holds the printer's sinks. What a command shows is held until it
// ends, so that the command is written before its output with every
// secret of its line known by then (a form's private fields are known
// only once the server sent the form); what comes between commands is
// written at once. Commands nest: a lesson runs lines of its own, and
// then the lesson's line and what it showed so far are written before
// the first of them, as far as it is known then (see name).
type sinks struct {
	mu     sync.Mutex
	record sink // a Markdown transcript
	log    sink // a plain log
	stack  []frame
	failed func(error)
}

// frame is a command running, and what it showed so far.
type frame struct {
	prompt, line string
	began        time.Time
	pending      []shown
	written      bool // its line is written already: a nested one began
}

// each calls f on each sink. A sink that fails to write is closed and
// let go, and the failure said on screen (not through the sinks: it
// would fail again).
func (s *sinks) each(f func(sink) error) {
	for _, slot := range []*sink{&s.record, &s.log} {
		k := *slot
		if k == nil {
			continue
		}
		if err := f(k); err != nil {
			k.close()
			*slot = nil
			if s.failed != nil {
				s.failed(fmt.Errorf("writing %s failed, so it was stopped: %v", k.path(), err))
			}
		}
	}
}

// open reports whether a record or a log is open: only then is what is
// shown kept, and a big reply's indented text needed whole.
func (s *sinks) open() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.record != nil || s.log != nil
}

// add takes one thing shown.
func (s *sinks) add(item shown) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.record == nil && s.log == nil {
		return
	}
	if item.pretty != nil {
		item.xml, item.pretty = string(item.pretty), nil
	}
	item.when = time.Now()
	if n := len(s.stack); n > 0 {
		s.stack[n-1].pending = append(s.stack[n-1].pending, item)
		return
	}
	s.each(func(k sink) error { return k.write("", "", item.when, []shown{item}) })
}

// begin marks the start of a command typed at prompt. A command begun
// inside another writes the outer one first.
func (s *sinks) begin(prompt string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if n := len(s.stack); n > 0 {
		s.flush(&s.stack[n-1], s.stack[n-1].line)
	}
	s.stack = append(s.stack, frame{prompt: prompt, began: time.Now()})
}

// name gives the running command's line as far as it is known when it
// starts: what is written if a command nested in it begins.
func (s *sinks) name(line string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if n := len(s.stack); n > 0 {
		s.stack[n-1].line = line
	}
}

// end writes the command that ran, as typed (its history entry; "" for a
// line that is not kept, whose output is still written), and what it
// showed.
func (s *sinks) end(line string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := len(s.stack)
	if n == 0 {
		return
	}
	f := s.stack[n-1]
	s.stack = s.stack[:n-1]
	s.flush(&f, line)
}

// flush writes a frame's line, unless written already, and what it
// showed so far.
func (s *sinks) flush(f *frame, line string) {
	if f.written {
		line = ""
	}
	// A script's or a lesson's line is a file's bytes: a log read with
	// cat must not move the cursor either.
	line = safeText(line)
	items := f.pending
	f.pending = nil
	if line == "" && len(items) == 0 {
		return
	}
	f.written = f.written || line != ""
	if s.record == nil && s.log == nil {
		return
	}
	s.each(func(k sink) error { return k.write(f.prompt, line, f.began, items) })
}

// set replaces one of the sinks, closing the one it replaces; it returns
// that one's path.
func (s *sinks) set(slot *sink, k sink) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	old := *slot
	*slot = k
	if old == nil {
		return "", nil
	}
	return old.path(), old.close()
}

// closeAll closes every sink, at the end of the run.
func (s *sinks) closeAll() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	var errs []error
	for _, k := range []*sink{&s.record, &s.log} {
		if *k != nil {
			errs = append(errs, (*k).close())
			*k = nil
		}
	}
	return errors.Join(errs...)
}

// current returns the path of the sink in slot, "" when there is none.
func (s *sinks) current(slot *sink) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if *slot == nil {
		return ""
	}
	return (*slot).path()
}
