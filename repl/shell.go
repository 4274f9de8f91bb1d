package repl

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"

	"xepl/catalog"
	"xepl/internal/localserver"
	"xepl/internal/render"
	"xepl/internal/session"
)

// Shell is one run of xepl: its state between commands.
type Shell struct {
	cfg   Config
	lines lineSource
	out   *printer

	sess     *session.Session
	last     *ConnectOptions // what the last connect used, for reconnect
	password string          // the last login's password, in memory only

	local    *localserver.Server // a throwaway server started by --local
	defaults ConnectOptions      // what --local fills in for connect

	disco discoCache // what disco learnt in this session

	pendingXML []string // lines of an XML element still being typed
	expect     *expectation
	lastSent   outcome // how the last stanza sent fared
	lastReply  []byte  // the reply to the last request
	incoming   errorLog
	nextID     int
	quit       bool
}

// errFailed marks a command that ran but did not succeed (an error reply,
// an unmet expectation): its story is already printed.
type errFailed struct{ msg string }

func (e errFailed) Error() string { return e.msg }

// Run runs the shell until the input ends or the user quits, and returns
// the exit status: 0 if every command succeeded, 1 if one failed (a script
// stops at the first), 2 if the shell could not start.
func Run(ctx context.Context, cfg Config) int {
	sh, err := newShell(cfg)
	if err != nil {
		fmt.Fprintln(cfg.Stderr, "xepl:", err)
		return 2
	}
	defer sh.lines.Close()
	return sh.run(ctx)
}

func newShell(cfg Config) (*Shell, error) {
	if cfg.Getenv == nil {
		cfg.Getenv = os.Getenv
	}
	if cfg.Stderr == nil {
		cfg.Stderr = cfg.Stdout
	}
	sh := &Shell{cfg: cfg}
	sh.out = &printer{out: cfg.Stdout, err: cfg.Stderr}
	if cfg.Interactive {
		tl, err := newTerminalLines(cfg.HistoryFile, completer{sh: sh})
		if err != nil {
			return nil, err
		}
		sh.lines = tl
		sh.out.err = cfg.Stdout
		sh.out.prompt = tl.rl.Stdout()
	} else {
		sh.lines = newScriptLines(cfg.Input)
	}
	if cfg.Colour {
		if c := render.ColourFromEnv(cfg.Getenv); c != render.None {
			sh.out.hl = render.NewHighlighter("", c)
		}
	}
	sh.out.wire.Store(cfg.Wire)
	return sh, nil
}

func (sh *Shell) run(ctx context.Context) int {
	status := 0
	if sh.cfg.Interactive {
		sh.out.text(banner)
	}
	start := sh.cfg.Connect
	if sh.cfg.Local != "" {
		defer sh.stopLocal()
		opts, err := sh.startLocal(ctx, sh.cfg.Local)
		if err != nil {
			sh.out.fail(err)
			return 2
		}
		if start.JID == "" {
			start = *opts
		}
	}
	if start.JID != "" {
		if err := sh.connect(ctx, start); err != nil {
			sh.out.fail(err)
			if !sh.cfg.Interactive {
				return 1
			}
		}
	} else if sh.cfg.Interactive {
		sh.out.text(offlineHint)
	}
	for !sh.quit {
		sh.out.atPrompt.Store(true)
		line, err := sh.lines.ReadLine(sh.prompt())
		sh.out.atPrompt.Store(false)
		switch {
		case errors.Is(err, errInterrupted):
			if len(sh.pendingXML) > 0 {
				sh.pendingXML = nil
				sh.out.say("(discarded the unfinished XML)")
			} else {
				sh.out.say("(type quit or press Ctrl-D to leave)")
			}
			continue
		case errors.Is(err, io.EOF):
			sh.quit = true
			continue
		case err != nil:
			sh.out.fail(err)
			return 1
		}
		if err := sh.execute(ctx, line); err != nil {
			status = 1
			if _, told := err.(errFailed); !told {
				sh.out.fail(err)
			}
			if !sh.cfg.Interactive {
				break
			}
		}
	}
	if len(sh.pendingXML) > 0 {
		sh.out.fail(fmt.Errorf("the input ended inside an XML element; nothing was sent"))
		status = 1
	}
	sh.disconnect()
	if sh.cfg.Interactive {
		return 0
	}
	return status
}

// execute runs one line: part of an XML element, or a command.
func (sh *Shell) execute(ctx context.Context, line string) error {
	trimmed := strings.TrimSpace(line)
	if len(sh.pendingXML) > 0 || strings.HasPrefix(trimmed, "<") {
		return sh.typeXML(ctx, line)
	}
	if trimmed == "" || strings.HasPrefix(trimmed, "#") {
		return nil
	}
	args, err := splitArgs(trimmed)
	if err != nil {
		return err
	}
	if c := lookup(args[0]); c != nil {
		sh.lines.Remember(sh.historyEntry(trimmed))
		return c.run(sh, ctx, args[1:])
	}
	if t, ok := catalog.Lookup(args[0]); ok {
		sh.lines.Remember(sh.historyEntry(maskSecretArgs(t, trimmed, args)))
		return sh.runTemplate(ctx, t, args[1:])
	}
	// Not kept in the history: it may be a password typed at the wrong
	// prompt.
	return fmt.Errorf("unknown command %q: type help for the list, or search WORDS for a template", args[0])
}

// prompt says where the shell is connected.
func (sh *Shell) prompt() string {
	if len(sh.pendingXML) > 0 {
		return "...> "
	}
	s := sh.live()
	if s == nil {
		return "xepl> "
	}
	info := s.Info()
	p := info.JID.Bare().String()
	if info.Register {
		p += " [register]"
	}
	if info.Insecure {
		p += " [insecure]"
	}
	return p + "> "
}

// errNotConnected is what a command that needs a stream says without one.
var errNotConnected = errors.New("not connected: connect first")

// live returns the session if its stream is still up.
func (sh *Shell) live() *session.Session {
	if sh.sess == nil {
		return nil
	}
	select {
	case <-sh.sess.Done():
		return nil
	default:
		return sh.sess
	}
}

// waitContext bounds a wait by the timeout and, on a terminal, by Ctrl-C.
func (sh *Shell) waitContext(ctx context.Context) (context.Context, context.CancelFunc) {
	ctx, cancel := context.WithTimeout(ctx, sh.cfg.timeout())
	if !sh.cfg.Interactive {
		return ctx, cancel
	}
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt)
	return ctx, func() { stop(); cancel() }
}

const banner = "xepl — an XMPP protocol explorer and stanza shell."

const offlineHint = `Not connected. To start:
  connect user@example.org              log in (STARTTLS, password asked)
  connect --register example.org        open a stream to register an account
  help                                  all commands`
