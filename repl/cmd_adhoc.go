package repl

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"strings"
	"text/tabwriter"
	"time"

	"xepl/internal/adhoc"
	"xepl/internal/rawxml"
	"xepl/internal/session"
)

func init() {
	register(
		&command{
			names: []string{"commands"},
			group: groupCommands,
			usage: "[JID]",
			help: `List the ad-hoc commands (XEP-0050) a JID offers; default: your server.
Each line shows the node to give to run, and the command's name. What you
see depends on who you are: an admin sees the XEP-0133 commands.`,
			run: runCommands,
		},
		&command{
			names: []string{"run"},
			group: groupCommands,
			usage: "NODE [JID] [FIELD=VALUE...]",
			help: `Run an ad-hoc command (XEP-0050) as a conversation.
NODE is the command's node, or the end of it when that is unambiguous
among the commands the JID offers (run add-user). JID defaults to your
server. FIELD=VALUE fills the command's form (by var; lists are
comma-separated); on a terminal the fields still missing are asked for
(passwords without echo), and when several actions are possible you are
asked which (prev, next, complete, cancel). In a script a missing required
field is an error. Notes and results (tables too) are shown; Ctrl-C
cancels the command on the server.
Example: run http://jabber.org/protocol/admin#add-user accountjid=bob@example.org`,
			run: runRun,
		},
	)
}

func runCommands(sh *Shell, ctx context.Context, args []string) error {
	s := sh.live()
	if s == nil {
		return errNotConnected
	}
	if len(args) > 1 {
		return errors.New("usage: commands [JID]")
	}
	to := sh.serverOf(s)
	if len(args) == 1 {
		to = args[0]
	}
	items, err := sh.listCommands(ctx, s, to)
	if err != nil {
		return err
	}
	if len(items) == 0 {
		sh.out.say("%s offers no commands to you", to)
		return nil
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s offers %d commands:\n", to, len(items))
	tw := tabwriter.NewWriter(&b, 0, 4, 2, ' ', 0)
	for _, it := range items {
		fmt.Fprintf(tw, "  %s\t%s\n", it.Node, it.Name)
	}
	tw.Flush()
	sh.out.text(b.String())
	return nil
}

// listCommands asks to for its commands, bounded by the timeout.
func (sh *Shell) listCommands(ctx context.Context, s *session.Session, to string) ([]adhoc.Item, error) {
	ctx, cancel := sh.waitContext(ctx)
	defer cancel()
	items, err := adhoc.List(ctx, s, to, sh.newID)
	var se *adhoc.StanzaError
	if errors.As(err, &se) {
		return nil, fmt.Errorf("%s does not list commands: %v", to, se)
	}
	if err == nil {
		if sh.disco.commands == nil {
			sh.disco.commands = map[string][]adhoc.Item{}
		}
		sh.disco.commands[to] = items
	}
	return items, err
}

// notOffered says a command is not among those an entity offers: xepl
// tells it from disco before sending anything.
type notOffered struct{ to, node string }

func (e notOffered) Error() string {
	return fmt.Sprintf("%s does not offer the command %s to you (commands %s lists what it offers)", e.to, e.node, e.to)
}

// commandList is the entity's command list, asked once a session (the
// commands command asks again).
func (sh *Shell) commandList(ctx context.Context, s *session.Session, to string) ([]adhoc.Item, error) {
	if items, ok := sh.disco.commands[to]; ok {
		return items, nil
	}
	return sh.listCommands(ctx, s, to)
}

// checkOffered looks the node up in the entity's command list. When the
// list cannot be had, the server will say.
func (sh *Shell) checkOffered(ctx context.Context, s *session.Session, to, node string) error {
	items, err := sh.commandList(ctx, s, to)
	if err != nil {
		return nil
	}
	for _, it := range items {
		if it.Node == node {
			return nil
		}
	}
	return notOffered{to: to, node: node}
}

// serverOf is the domain of the session's JID.
func (sh *Shell) serverOf(s *session.Session) string {
	return s.JID().Domainpart()
}

func runRun(sh *Shell, ctx context.Context, args []string) error {
	s := sh.live()
	if s == nil {
		return errNotConnected
	}
	if len(args) == 0 {
		return errors.New("run which command? commands lists them")
	}
	node, to, values, err := sh.runArgs(s, args)
	if err != nil {
		return err
	}
	node, err = sh.resolveNode(ctx, s, to, node)
	if err != nil {
		return err
	}
	return sh.runCommand(ctx, s, to, node, values, false)
}

// runArgs splits NODE [JID] [FIELD=VALUE...].
func (sh *Shell) runArgs(s *session.Session, args []string) (node, to string, values map[string]string, err error) {
	node, to, values = args[0], sh.serverOf(s), map[string]string{}
	for i, a := range args[1:] {
		k, v, ok := strings.Cut(a, "=")
		switch {
		case ok && k != "":
			values[k] = v
		case i == 0:
			to = a
		default:
			return "", "", nil, fmt.Errorf("run: %q is neither the JID (which comes right after the node) nor FIELD=VALUE", a)
		}
	}
	return node, to, values, nil
}

// resolveNode accepts the end of a node when it names one command.
func (sh *Shell) resolveNode(ctx context.Context, s *session.Session, to, node string) (string, error) {
	if strings.Contains(node, ":") || strings.Contains(node, "/") {
		return node, nil
	}
	items, err := sh.commandList(ctx, s, to)
	if err != nil {
		return "", err
	}
	var found []string
	for _, it := range items {
		if it.Node == node || strings.HasSuffix(it.Node, "#"+node) || strings.HasSuffix(it.Node, "/"+node) {
			found = append(found, it.Node)
		}
	}
	switch len(found) {
	case 1:
		return found[0], nil
	case 0:
		return node, nil // let the server say what it thinks of it
	}
	return "", fmt.Errorf("%q could be any of %s: give the whole node", node, strings.Join(found, ", "))
}

// runCommand carries a command through to its end with the adhoc runner,
// showing every stanza, asking on a terminal, and judging the end like
// any reply.
func (sh *Shell) runCommand(ctx context.Context, s *session.Session, to, node string, values map[string]string, lenient bool) error {
	if err := sh.checkOffered(ctx, s, to, node); err != nil {
		return err
	}
	for k, v := range values {
		if rawxml.SecretName(k) {
			sh.out.secrets.add(v)
		}
	}
	if sh.cfg.Interactive {
		var stop context.CancelFunc
		ctx, stop = signal.NotifyContext(ctx, os.Interrupt)
		defer stop()
	}
	rn := adhoc.Runner{
		R: timeoutRequester{s: s, timeout: sh.cfg.timeout(), show: func(r session.Reply) {
			sh.showCommandStanza("received", r.Raw)
		}},
		NewID:   sh.newID,
		Out:     textWriter{sh.out},
		Show:    sh.showSent,
		Lenient: lenient,
	}
	if sh.cfg.Interactive {
		rn.Ask = shellAsker{sh}
		rn.ChooseAction = sh.chooseAction
	}
	resp, err := rn.Run(ctx, to, node, values)
	if errors.Is(err, context.Canceled) || errors.Is(err, errInterrupted) {
		return errors.New("command interrupted; cancel was sent to the server")
	}
	if err != nil {
		return err
	}
	typ, cond := "result", ""
	switch {
	case resp.Error != nil:
		typ, cond = "error", resp.Error.Condition
	case hasErrorNote(resp):
		// Prosody reports a refused form this way, in a result.
		typ, cond = "error", "error-note"
	}
	sh.lastSent = outcome{typ: typ, cond: cond}
	sh.lastReply = resp.Raw
	if resp.Error != nil && resp.Error.App != "" {
		sh.lastSent.app = resp.Error.AppNS + "#" + resp.Error.App
	}
	exp := sh.expect
	sh.expect = nil
	verdict, failed := judge(exp, typ, cond)
	if verdict != "" {
		sh.out.say("%s", verdict)
	}
	switch {
	case failed != nil:
	case resp.Status == adhoc.StatusCanceled:
		sh.out.say("the command was canceled")
	case resp.Status == adhoc.StatusCompleted:
		sh.out.say("the command completed")
	}
	return failed
}

func hasErrorNote(r *adhoc.Response) bool {
	for _, n := range r.Notes {
		if n.Type == "error" {
			return true
		}
	}
	return false
}

// showSent prints what a command run sends; replies are printed as they
// arrive (timeoutRequester).
func (sh *Shell) showSent(label string, raw []byte) {
	if label == "sent" {
		sh.showCommandStanza(label, raw)
	}
}

// showCommandStanza prints a stanza of a command run.
func (sh *Shell) showCommandStanza(label string, raw []byte) {
	els, err := rawxml.Parse(raw)
	if err != nil || len(els) == 0 {
		sh.out.stanza(label, raw)
		return
	}
	el := els[0]
	typ, _ := el.Attr("type")
	if label == "sent" {
		sh.out.stanza(sentLabel(el, typ), raw)
		return
	}
	head := "← " + typ
	if from, ok := el.Attr("from"); ok {
		head += " from " + from
	}
	if typ == "error" {
		head += ": error " + errorOf(raw).Error()
	}
	sh.out.stanza(head, raw)
}

// timeoutRequester bounds each request of a long conversation by the
// shell's timeout, while the conversation itself may wait for a person.
type timeoutRequester struct {
	s       *session.Session
	timeout time.Duration
	show    func(session.Reply) // prints each reply in stream order
}

func (r timeoutRequester) Request(ctx context.Context, raw []byte, id string) (session.Reply, error) {
	ctx, cancel := context.WithTimeout(ctx, r.timeout)
	defer cancel()
	return r.s.RequestShow(ctx, raw, id, r.show)
}

// textWriter sends the runner's notes and results to the printer.
type textWriter struct{ p *printer }

func (w textWriter) Write(b []byte) (int, error) {
	w.p.text(w.p.secrets.maskString(string(b)))
	return len(b), nil
}

// shellAsker asks the person at the terminal, for forms.
type shellAsker struct{ sh *Shell }

func (a shellAsker) Ask(prompt string) (string, error) { return a.sh.ask(prompt) }
func (a shellAsker) AskSecret(prompt string) (string, error) {
	v, err := a.sh.askSecret(prompt)
	a.sh.out.secrets.add(v)
	return v, err
}
func (a shellAsker) Tell(text string) { a.sh.out.text(text) }

// chooseAction asks which action to take when there is a real choice
// (cancel alone is not one: Ctrl-C cancels).
func (sh *Shell) chooseAction(allowed []string, def string) (string, error) {
	choices := 0
	for _, a := range allowed {
		if a != adhoc.ActionCancel {
			choices++
		}
	}
	if choices <= 1 {
		return def, nil
	}
	for tries := 0; tries < 3; tries++ {
		answer, err := sh.ask(fmt.Sprintf("action [%s] (%s): ", def, strings.Join(allowed, ", ")))
		if err != nil {
			return "", err
		}
		answer = strings.TrimSpace(answer)
		if answer == "" {
			return def, nil
		}
		for _, a := range allowed {
			if a == answer {
				return a, nil
			}
		}
		sh.out.say("%q is not one of %s", answer, strings.Join(allowed, ", "))
	}
	return "", errors.New("no action chosen")
}
