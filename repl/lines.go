package repl

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"os/signal"
	"path/filepath"

	"github.com/chzyer/readline"
)

// errInterrupted is returned by a line source when the user pressed Ctrl-C
// at the prompt.
var errInterrupted = errors.New("interrupted")

// errNoTerminal is returned when a script needs something only a person at
// a terminal can give.
var errNoTerminal = errors.New("not on a terminal")

// lineSource is where the shell's input comes from: a person at a
// terminal, or a script. What differs between the two is decided here,
// once: whether questions can be asked, whether Ctrl-C stops a wait, and
// where a line came from.
type lineSource interface {
	// ReadLine returns the next line, io.EOF at the end, errInterrupted
	// after Ctrl-C; a script's also returns when ctx is done.
	ReadLine(ctx context.Context, prompt string) (string, error)
	// Asks reports whether a person answers questions (ReadLine with a
	// question as prompt, ReadSecret).
	Asks() bool
	// ReadSecret asks for a secret without echoing it; errNoTerminal in a
	// script.
	ReadSecret(prompt string) (string, error)
	// Remember adds an entry, already stripped of secrets, to the history.
	Remember(entry string)
	// Interruptible returns a context that Ctrl-C cancels, where a
	// person can press it.
	Interruptible(ctx context.Context) (context.Context, context.CancelFunc)
	// Position says where the line last read came from: a script's name
	// and the line's number; "" and 0 on a terminal.
	Position() (name string, line int)
	Close() error
}

// scriptLines reads a script: no prompts, no history, no questions, no
// terminal tricks. Lines are read by a goroutine of their own, so that a
// script waiting for its next line (a pipe that stays open) still stops
// at once when it is told to.
type scriptLines struct {
	sc    *bufio.Scanner
	name  string // what FILE:LINE calls the script
	n     int    // number of the line last read
	lines chan scriptLine
}

// scriptLine is one line read, or why there is none.
type scriptLine struct {
	text string
	err  error
}

func newScriptLines(r io.Reader, name string) *scriptLines {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 16*1024*1024)
	if name == "" {
		name = "stdin"
	}
	return &scriptLines{sc: sc, name: name}
}

func (s *scriptLines) ReadLine(ctx context.Context, _ string) (string, error) {
	if s.lines == nil {
		s.lines = make(chan scriptLine)
		go s.read()
	}
	select {
	case l, ok := <-s.lines:
		if !ok {
			return "", io.EOF
		}
		if l.err != nil {
			return "", l.err
		}
		s.n++
		return l.text, nil
	case <-ctx.Done():
		return "", context.Cause(ctx)
	}
}

// read hands the script's lines to ReadLine, then the error, if any,
// and closes the channel at the end.
func (s *scriptLines) read() {
	defer close(s.lines)
	for s.sc.Scan() {
		s.lines <- scriptLine{text: s.sc.Text()}
	}
	if err := s.sc.Err(); err != nil {
		s.lines <- scriptLine{err: err}
	}
}

func (s *scriptLines) Asks() bool                        { return false }
func (s *scriptLines) ReadSecret(string) (string, error) { return "", errNoTerminal }
func (s *scriptLines) Remember(string)                   {}
func (s *scriptLines) Position() (string, int)           { return s.name, s.n }
func (s *scriptLines) Close() error                      { return nil }

// Interruptible leaves ctx as it is: a script has no one to press Ctrl-C,
// and SIGINT ends it.
func (s *scriptLines) Interruptible(ctx context.Context) (context.Context, context.CancelFunc) {
	return ctx, func() {}
}

// terminalLines is the interactive front end.
type terminalLines struct {
	rl      *readline.Instance
	history *history
	paste   *paster
	paint   readline.Painter
	quiet   func() // turns the terminal's echo off between lines (see terminalEcho)
	loud    func() // gives the terminal its echo back
}

func newTerminalLines(historyFile string, complete readline.AutoCompleter, paint readline.Painter) (*terminalLines, error) {
	paste := &paster{r: readline.NewCancelableStdin(os.Stdin)}
	rl, err := readline.NewEx(&readline.Config{
		Prompt:                 "xepl> ",
		Stdin:                  paste,
		Listener:               paste,
		Painter:                paint,
		DisableAutoSaveHistory: true, // the shell keeps the history (see history)
		HistoryLimit:           historyLimit,
		AutoComplete:           complete,
		InterruptPrompt:        "^C",
		EOFPrompt:              "quit",
	})
	if err != nil {
		return nil, err
	}
	t := &terminalLines{rl: rl, history: loadHistory(historyFile), paste: paste, paint: paint}
	t.quiet, t.loud = terminalEcho(int(os.Stdin.Fd()))
	t.recall()
	os.Stdout.WriteString(bracketedPasteOn)
	return t, nil
}

// useHistory makes file the history that Up recalls and that the lines
// typed next go to, when it is not already.
func (t *terminalLines) useHistory(file string) {
	if file == t.history.file {
		return
	}
	t.history = loadHistory(file)
	t.recall()
}

// recall gives the line editor the history's entries, and only those.
func (t *terminalLines) recall() {
	t.rl.ResetHistory()
	for _, e := range t.history.entries {
		t.rl.SaveHistory(e)
	}
}

func (t *terminalLines) ReadLine(_ context.Context, prompt string) (string, error) {
	t.loud() // the line editor saves this state and puts it back
	defer t.quiet()
	t.rl.SetPrompt(prompt)
	var (
		line string
		err  error
	)
	switch pasted, complete, ok := t.paste.next(); {
	case ok && complete:
		// A line of a paste, read as if typed: shown as typed.
		fmt.Fprintf(t.rl.Stdout(), "%s%s\n", prompt, string(t.paint.Paint([]rune(pasted), 0)))
		return pasted, nil
	case ok:
		line, err = t.rl.ReadlineWithDefault(pasted)
	default:
		line, err = t.rl.Readline()
	}
	if errors.Is(err, readline.ErrInterrupt) {
		return "", errInterrupted
	}
	return line, err
}

// redraw shows prompt in place of the prompt shown, keeping what is
// typed.
func (t *terminalLines) redraw(prompt string) {
	t.rl.SetPrompt(prompt)
	t.rl.Refresh()
}

func (t *terminalLines) Asks() bool              { return true }
func (t *terminalLines) Position() (string, int) { return "", 0 }

// Interruptible is the one place that listens for Ctrl-C: the shell
// wraps each command in it (at the prompt and in questions, the line
// editor reads Ctrl-C as a key instead).
func (t *terminalLines) Interruptible(ctx context.Context) (context.Context, context.CancelFunc) {
	return signal.NotifyContext(ctx, os.Interrupt)
}

func (t *terminalLines) ReadSecret(prompt string) (string, error) {
	b, err := t.rl.ReadPasswordWithConfig(secretConfig(t.rl, prompt, t.paste))
	if errors.Is(err, readline.ErrInterrupt) {
		return "", errInterrupted
	}
	return string(b), err
}

// secretConfig is the line editor's own password settings, with prompt
// and l, and one change: it saves no history. Its password settings save
// the secret into a history of their own, but the editor does that after
// handing the line over, racing the shell putting its settings back (the
// race detector caught it in CI); when the shell was first, the secret
// could go into the shell's history, one Up away at the next question.
func secretConfig(rl *readline.Instance, prompt string, l readline.Listener) *readline.Config {
	cfg := rl.GenPasswordConfig()
	cfg.Prompt = prompt
	cfg.Listener = l
	cfg.DisableAutoSaveHistory = true
	return cfg
}

func (t *terminalLines) Remember(entry string) {
	if entry != "" {
		t.history.add(entry)
	}
	// Always: a line recalled and edited must not stay in the editor's
	// memory as it was typed.
	t.recall()
}

func (t *terminalLines) Close() error {
	t.restore()
	err := t.rl.Close()
	t.loud() // again: closing the line editor puts back the state it saved
	return err
}

// restore gives the terminal back as it was: no bracketed paste, not
// raw, echoing.
func (t *terminalLines) restore() {
	os.Stdout.WriteString(bracketedPasteOff)
	t.rl.Terminal.ExitRawMode()
	t.loud()
}

// accountHistory is the history file of the account a session is
// logged in as, beside the shell's own (which holds what is typed
// offline): each account's lines come back with it, and only with it.
// "" (no history file) stays "".
func accountHistory(shellHistory string, c *conn) string {
	if shellHistory == "" || !c.live() {
		return shellHistory
	}
	name := url.PathEscape(c.stream.JID().Bare().String())
	if c.stream.Info().Register {
		name += ".register"
	}
	return filepath.Join(filepath.Dir(shellHistory), "accounts", name)
}

// DefaultHistoryFile is where the interactive shell keeps its history:
// $XDG_STATE_HOME/xepl/history, or ~/.local/state/xepl/history.
func DefaultHistoryFile(getenv func(string) string) string {
	return xdgFile(getenv, "XDG_STATE_HOME", filepath.Join(".local", "state"), "history")
}
