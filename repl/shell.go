package repl

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"sync/atomic"

	"github.com/chzyer/readline"

	"xepl/catalog"
	"xepl/internal/localserver"
	"xepl/internal/rawxml"
	"xepl/internal/render"
	"xepl/xeps"
)

// Shell is one run of xepl: its state between commands.
type Shell struct {
	cfg   Config
	lines lineSource
	// term is the terminal front end, nil in a script: lines is not
	// always it (a lesson reads its own lines from it).
	term *terminalLines
	out  *printer
	cmds *commandSet
	// interactive says a person is at the prompt: the shell greets them,
	// and goes on after a failed command instead of stopping as a script
	// does. It is decided once, in newShell; what else differs (asking,
	// Ctrl-C, where a line came from) is the line source's.
	interactive bool

	conn     *conn      // the current connection; never nil (see makeCurrent)
	sessions sessionSet // the named sessions, the current one among them
	// atPrefix is "@NAME " while runOn runs a line on another session,
	// for the history entry.
	atPrefix string
	// seq counts the commands run, expect and let aside: a reply is
	// fresh while seq is the one it came at (see lastReply).
	seq int
	// pendingFailure is a script's error reply that the next command, if
	// it is an expect that accepts it, forgives; located already.
	pendingFailure error
	// vars are the variables let set (vars.go); passwordVars those a
	// connect took a password from.
	vars         map[string]string
	passwordVars map[string]bool
	// accounts are the throwaway accounts account new made (accounts.go).
	accounts []throwaway
	// compared is what the last compare found (compare.go).
	compared *compared
	// noQuestions is set while the shell runs a command on its own
	// behalf (account new's add-user): nothing is asked, even on a
	// terminal, and defaults hold.
	noQuestions bool
	// refusedLogin is the SASL condition of the last connect, when the
	// server refused the login: expect error COND checks it.
	refusedLogin string

	local       *localserver.Server // a throwaway server started by --local
	localShared bool                // local is xepl test's, for all its scripts: not stopped here
	defaults    ConnectOptions      // what --local fills in for connect
	config      *configFile         // the configuration file: accounts, defaults

	pendingXML []string // the lines of an XML element still being typed
	// lineSecrets are the names of NAME=VALUE words that hold a secret on
	// the line being run (see historyEntry).
	lineSecrets map[string]bool
	// secretNames are the names of secret fields this session has met.
	secretNames nameSet
	// at is the number of the script line where the command being run
	// began (the first line of a multi-line element); 0 on a terminal.
	at   int
	quit bool
	// lost is set when a stream ends because its connection broke: a
	// script stops there, and fails.
	lost atomic.Bool

	// capture keeps every unit of every session (log, find, explain);
	// filters are the live view's (filter).
	capture     *capture
	filters     liveFilters
	hiddenTimer atomic.Bool // a count of hidden units is due (hiddenLater)
	// lastSent is the last stanza sent, secrets and all, in memory only
	// (again, edit); unsent what edit last saved and could not send.
	// lastSentWhy says why there is no lastSent after something was
	// sent that cannot be sent again alone.
	lastSent    []byte
	lastSentWhy string
	unsent      string
	// typed is the line just run as the history keeps it, for record
	// and log to; "" for a line that is not kept.
	typed string
}

// remember keeps a line in the history, and for the transcript.
func (sh *Shell) remember(entry string) {
	sh.lines.Remember(entry)
	sh.typed = entry
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
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	defer sh.watchSignals(cancel)()
	status := sh.run(ctx)
	if stop, ok := stoppedBy(ctx); ok {
		sh.out.fail(stop)
		return stop.status()
	}
	return status
}

func newShell(cfg Config) (*Shell, error) {
	if cfg.Getenv == nil {
		cfg.Getenv = os.Getenv
	}
	if cfg.Stderr == nil {
		cfg.Stderr = cfg.Stdout
	}
	if cfg.XEPList != "" {
		// Only noted here; the list is read at the first lookup.
		xeps.SetListFile(cfg.XEPList)
	}
	sh := &Shell{cfg: cfg, cmds: newCommandSet(), conn: &conn{}, interactive: cfg.Interactive, vars: map[string]string{}, passwordVars: map[string]bool{}}
	sh.out = &printer{out: cfg.Stdout, err: cfg.Stderr}
	sh.capture = newCapture()
	sh.out.sinks.failed = func(err error) { go sh.out.fail(err) }
	for k, v := range cfg.Vars {
		sh.vars[k] = v
		if rawxml.SecretName(k) {
			sh.out.secrets.add(v)
		}
	}
	if srv := cfg.Shared; srv != nil {
		sh.local, sh.localShared = srv, true
		sh.defaults = ConnectOptions{Server: srv.Addr(), CAFile: srv.CertFile}
	}
	if sh.interactive {
		tl, err := newTerminalLines(cfg.HistoryFile, completer{sh: sh}, secretPainter{sh: sh})
		if err != nil {
			return nil, err
		}
		sh.lines, sh.term = tl, tl
		sh.out.err = cfg.Stdout
		sh.out.prompt = tl.rl.Stdout()
		sh.out.width = readline.GetScreenWidth
	} else {
		sh.lines = newScriptLines(cfg.Input, cfg.ScriptName)
	}
	if err := sh.startConfig(); err != nil {
		return nil, err
	}
	if cfg.Colour {
		if c := render.ColourFromEnv(cfg.Getenv); c != render.None {
			sh.out.hl = render.NewThemedHighlighter(sh.cfg.Theme, c)
		}
	}
	sh.out.wire.Store(cfg.Wire)
	return sh, nil
}

func (sh *Shell) run(ctx context.Context) int {
	if sh.interactive {
		sh.out.text(banner)
	}
	if err := sh.startSinks(); err != nil {
		sh.out.fail(err)
		return 2
	}
	if w := sh.config.warning; w != "" {
		sh.out.say("%s", safeText(w))
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
			as, presence := start.As, start.Presence
			start = *opts
			start.As = as // --as names the admin's session too
			start.Presence = presence
			start, _ = sh.resolveAccount(start, sh.cfg.Given) // the file's default presence
		}
	}
	if start.JID != "" {
		cmdCtx, stop := sh.lines.Interruptible(ctx)
		err := sh.connect(cmdCtx, start)
		stop()
		if err != nil {
			sh.out.fail(err)
			if !sh.interactive {
				return 1
			}
		}
	} else if sh.interactive {
		sh.out.text(offlineHint)
	}
	status := sh.loop(ctx, !sh.interactive)
	if len(sh.accounts) > 0 {
		cctx, cancel := context.WithTimeout(context.Background(), cleanupTimeout)
		if err := sh.cleanupAccounts(cctx); err != nil {
			sh.out.fail(err)
			status = 1
		}
		cancel()
	}
	for _, c := range sh.sessions.all() {
		c.close()
	}
	sh.conn.close()
	if err := sh.out.sinks.closeAll(); err != nil {
		sh.out.fail(fmt.Errorf("closing the transcript or log: %v", err))
		status = 1
	}
	if sh.interactive {
		return 0
	}
	if sh.lost.Load() {
		return 1
	}
	return status
}

// loop runs the lines of sh.lines until they end or the shell quits,
// and returns 0, or 1 if a command failed. script says how a failure is
// taken: a script stops at the first (and an error reply fails unless
// the next line is an expect that accepts it); a person at the terminal
// goes on. A lesson runs its lines here too, as a script.
func (sh *Shell) loop(ctx context.Context, script bool) int {
	status := 0
	var prompt string // where the line being run began
lines:
	for !sh.quit {
		sh.out.atPrompt.Store(true)
		if len(sh.pendingXML) == 0 {
			prompt = sh.prompt()
			if sh.term != nil && sh.lines == sh.term {
				sh.term.useHistory(accountHistory(sh.cfg.HistoryFile, sh.conn))
			}
		}
		line, err := sh.lines.ReadLine(ctx, sh.prompt())
		sh.out.atPrompt.Store(false)
		if ctx.Err() != nil {
			break // stopped: by a signal, or the caller
		}
		if script && sh.lost.Load() {
			break // the stream's end is reported; the script has failed
		}
		if len(sh.pendingXML) == 0 {
			_, sh.at = sh.lines.Position()
		}
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
			break lines // the end of the input, or of the lesson
		case err != nil:
			sh.out.fail(sh.where(readError(err)))
			return 1
		}
		if len(sh.pendingXML) == 0 && isCommandLine(line) {
			expects := isExpectLine(line)
			if sh.pendingFailure != nil && !expects {
				// The error reply before was not accepted by an expect.
				sh.out.fail(sh.pendingFailure)
				sh.pendingFailure = nil
				status = 1
				break
			}
			if !expects {
				sh.seq++
			}
		}
		// One Ctrl-C stops the whole command, however many requests it
		// makes.
		cmdCtx, stop := sh.lines.Interruptible(ctx)
		sh.out.sinks.begin(prompt)
		err = sh.execute(cmdCtx, line)
		stop()
		var replyErr errReplyError
		// A script's error reply fails it unless the next command is an
		// expect that accepts it.
		later := err != nil && script && errors.As(err, &replyErr)
		if later {
			sh.pendingFailure = sh.where(err)
		} else if err != nil {
			status = 1
			sh.report(err, script)
		}
		sh.sayHidden()
		sh.out.sinks.end(sh.typed)
		sh.typed = ""
		if err != nil && !later && script {
			break
		}
	}
	if sh.pendingFailure != nil {
		sh.out.fail(sh.pendingFailure)
		sh.pendingFailure = nil
		status = 1
	}
	if script && status == 0 && sh.conn.expect != nil {
		sh.out.fail(errors.New("the last expect was never met: no reply came after it"))
		status = 1
	}
	if len(sh.pendingXML) > 0 {
		msg := "the input ended inside an XML element; nothing was sent"
		if name, _ := sh.lines.Position(); name != "" {
			msg = "the input ended inside the XML element that begins here; nothing was sent"
		}
		sh.out.fail(sh.where(errors.New(msg)))
		sh.pendingXML = nil
		status = 1
	}
	return status
}

// readError explains a failure to read the next line.
func readError(err error) error {
	if strings.Contains(err.Error(), "token too long") {
		return errors.New("a line is longer than 16 MiB: nothing more was read")
	}
	return fmt.Errorf("reading the input: %v", err)
}

// report prints why a command failed; in a script, where it failed too.
// A failure whose story is already printed (errFailed) is only located.
func (sh *Shell) report(err error, script bool) {
	var told errFailed
	switch {
	case errors.As(err, &told) && !script:
	default:
		sh.out.fail(sh.where(err))
	}
}

// where puts FILE:LINE before a script's error: the line of the command,
// or, for malformed XML, the line and column of the mistake in the file.
func (sh *Shell) where(err error) error {
	name, _ := sh.lines.Position()
	if name == "" {
		return err
	}
	line := sh.at
	var syn *rawxml.SyntaxError
	if errors.As(err, &syn) {
		msg := strings.Replace(err.Error(), syn.Error(), syn.Msg, 1)
		return located{fmt.Sprintf("%s:%d:%d", name, line+syn.Line-1, syn.Column), errors.New(msg)}
	}
	return located{fmt.Sprintf("%s:%d", name, line), err}
}

// execute runs one line: part of an XML element, or a command.
func (sh *Shell) execute(ctx context.Context, line string) error {
	trimmed := strings.TrimSpace(line)
	if len(sh.pendingXML) == 0 && strings.HasPrefix(trimmed, "@") {
		name, rest, _ := strings.Cut(trimmed[1:], " ")
		return sh.runOn(ctx, name, rest)
	}
	if len(sh.pendingXML) > 0 || strings.HasPrefix(trimmed, "<") {
		// Variables in XML are expanded escaped: a value cannot change
		// the markup around it.
		expanded, err := sh.expand(line, true)
		if err != nil {
			return err
		}
		return sh.typeXML(ctx, expanded)
	}
	if trimmed == "" || strings.HasPrefix(trimmed, "#") {
		return nil
	}
	args, err := splitArgs(trimmed)
	if err != nil && !strings.HasPrefix(trimmed, "send ") {
		return err
	}
	if err != nil { // send takes its XML verbatim, quotes and all
		args = strings.Fields(trimmed)
	}
	// A command is looked up first: template names hold a dot and
	// command names never do, so a command's line need not load the
	// catalog (which parses every template, at a cost a quit or a help
	// would otherwise pay at start).
	c := sh.cmds.lookup(args[0])
	var t *catalog.Template
	isTemplate := false
	if c == nil {
		t, isTemplate = catalog.Lookup(args[0])
	}
	if c == nil && !isTemplate {
		// Not kept in the history, nor repeated: it may be a password
		// typed at the wrong prompt.
		return errors.New("unknown command: type help for the list, or search WORDS for a template")
	}
	sh.lineSecrets = nil
	if isTemplate {
		sh.rememberSecrets(t, nil)
	}
	// The history entry is made once the line has run, when every
	// secret on it is known (a form's private fields are known only
	// once the server has sent the form); it keeps the line as typed,
	// its variables unexpanded.
	at := sh.atPrefix
	typedArgs := slices.Clone(args)
	sh.out.sinks.name(at + sh.historyEntry(trimmed, typedArgs))
	defer func() { sh.remember(at + sh.historyEntry(trimmed, typedArgs)) }()
	if err := sh.unmaskArgs(args); err != nil {
		return err
	}
	if c != nil && c.verbatim {
		rest := strings.TrimSpace(strings.TrimPrefix(trimmed, args[0]))
		if rest == "" {
			return c.run(sh, ctx, nil)
		}
		if rest, err = sh.expand(rest, true); err != nil {
			return err
		}
		return c.run(sh, ctx, []string{rest})
	}
	// Each word is expanded on its own: a value with spaces stays one
	// word (body=$text).
	for i := 1; i < len(args); i++ {
		if args[i], err = sh.expand(args[i], false); err != nil {
			return err
		}
	}
	if c != nil {
		return c.run(sh, ctx, args[1:])
	}
	return sh.cmdTemplate(ctx, t, args[1:])
}

// unmaskArgs asks again for the secrets of a line recalled from the
// history, where they stand masked: ******** is never sent as a password.
func (sh *Shell) unmaskArgs(args []string) error {
	for i, a := range args[1:] {
		name, value, ok := strings.Cut(a, "=")
		if !ok || value != rawxml.Mask {
			continue
		}
		ask := sh.asker()
		if ask == nil {
			return fmt.Errorf("%s=%s: the history keeps no secrets; give the value itself", name, rawxml.Mask)
		}
		v, err := ask.AskSecret(name + " (masked in the history; type it again): ")
		if err != nil {
			return err
		}
		args[i+1] = name + "=" + v
	}
	return nil
}

// prompt says where the shell is connected.
func (sh *Shell) prompt() string {
	if len(sh.pendingXML) > 0 {
		return "...> "
	}
	c := sh.live()
	if c == nil {
		if sh.conn.name != "" && len(sh.sessions.all()) > 1 {
			return safeText(sh.conn.name) + ": xepl> "
		}
		return "xepl> "
	}
	info := c.stream.Info()
	p := safeText(info.JID.Bare().String()) // the server bound it
	if len(sh.sessions.all()) > 1 {
		p = safeText(c.name) + ": " + p
	}
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

// live returns the current connection if its stream is up.
func (sh *Shell) live() *conn {
	if sh.conn.live() {
		return sh.conn
	}
	return nil
}

// waitContext bounds one wait by the timeout; the command's context,
// which Ctrl-C cancels on a terminal, bounds it too.
func (sh *Shell) waitContext(ctx context.Context) (context.Context, context.CancelFunc) {
	return context.WithTimeout(ctx, sh.cfg.timeout())
}

const banner = "xepl — an XMPP protocol explorer and stanza shell."

const offlineHint = `Not connected. To start:
  connect user@example.org              log in (STARTTLS, password asked)
  connect --register example.org        open a stream to register an account
  help                                  all commands`
