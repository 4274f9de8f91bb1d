package repl

import (
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"xepl/catalog"
	"xepl/internal/adhoc"
	"xepl/internal/forms"
	"xepl/internal/rawxml"
	"xepl/internal/session"
	"xepl/internal/stanza"
)

func (sh *Shell) cmdCommands(ctx context.Context, args []string) error {
	c := sh.live()
	if c == nil {
		return errNotConnected
	}
	if len(args) > 1 {
		return errors.New("usage: commands [JID]")
	}
	to := c.server()
	if len(args) == 1 {
		to = args[0]
	}
	items, err := sh.listCommands(ctx, c, to)
	if err != nil {
		return err
	}
	if len(items) == 0 {
		sh.out.say("%s offers no commands to you", to)
		return nil
	}
	what := fmt.Sprintf("%d commands", len(items))
	if len(items) == 1 {
		what = "1 command"
	}
	sh.out.text(fmt.Sprintf("%s offers %s (run NAME; show NAME for a catalog template's):\n", to, what) +
		commandRows(items, sh.listWidth()))
	return nil
}

// commandRows lists commands under the common start of their nodes
// (http://jabber.org/protocol/admin#), each by one name that run
// accepts: the catalog's template for it when there is one
// (admin.add-user), else the rest of its node (restore); then the
// server's name for it. Full nodes, or a node and a template side by
// side, would leave the server's names a dozen columns.
func commandRows(items []adhoc.Item, width int) string {
	var rows [][]string
	heads := map[int]string{} // row → the node start to write above it
	last := ""
	for _, it := range items {
		start, short := splitNode(it.Node)
		indent := "    "
		if start == "" {
			indent = "  "
		} else if start != last {
			heads[len(rows)] = start
		}
		last = start
		name := short
		if t, ok := catalog.ForNode(it.Node); ok {
			name = t.Name
		}
		rows = append(rows, []string{indent + name, it.Name})
	}
	var b strings.Builder
	for i, row := range hangingRows(rows, 1, width) {
		if h, ok := heads[i]; ok {
			b.WriteString(fitWidth("  "+h, width) + "\n")
		}
		b.WriteString(row)
	}
	return b.String()
}

// splitNode cuts a command node after its last # (or, without one, its
// last /): http://jabber.org/protocol/admin# and add-user. A node with
// neither (ping) has no start.
func splitNode(node string) (start, short string) {
	i := strings.LastIndexByte(node, '#')
	if i < 0 {
		i = strings.LastIndexByte(node, '/')
	}
	if i < 0 || i == len(node)-1 {
		return "", node
	}
	return node[:i+1], node[i+1:]
}

// listCommands asks to for its commands (the catalog's command.list),
// bounded by the timeout.
func (sh *Shell) listCommands(ctx context.Context, c *conn, to string) ([]adhoc.Item, error) {
	iq, err := c.fromCatalog("command.list", catalog.Values{"to": to})
	if err != nil {
		return nil, err
	}
	reply, err := sh.quietRequest(ctx, c, iq)
	if err != nil {
		return nil, err
	}
	items, err := adhoc.ParseList(reply)
	var se *stanza.Error
	if errors.As(err, &se) {
		return nil, fmt.Errorf("%s does not list commands: %v", to, se)
	}
	if err == nil {
		if c.disco.commands == nil {
			c.disco.commands = map[string][]adhoc.Item{}
		}
		c.disco.commands[to] = items
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
func (sh *Shell) commandList(ctx context.Context, c *conn, to string) ([]adhoc.Item, error) {
	if items, ok := c.disco.commands[to]; ok {
		return items, nil
	}
	return sh.listCommands(ctx, c, to)
}

// checkOffered looks the node up in the entity's command list. When the
// list cannot be had, the server will say.
func (sh *Shell) checkOffered(ctx context.Context, c *conn, to, node string) error {
	items, err := sh.commandList(ctx, c, to)
	if err != nil || listsNode(items, node) {
		return nil
	}
	return notOffered{to: to, node: node}
}

// listsNode reports whether node is among the commands listed.
func listsNode(items []adhoc.Item, node string) bool {
	return slices.ContainsFunc(items, func(it adhoc.Item) bool { return it.Node == node })
}

func (sh *Shell) cmdRun(ctx context.Context, args []string) error {
	c := sh.live()
	if c == nil {
		return errNotConnected
	}
	positional, rest := splitPositional(args)
	switch {
	case len(positional) == 0:
		return errors.New("run which command? commands lists them")
	case len(positional) > 2:
		return fmt.Errorf("run: %q is neither the JID (which comes right after the node) nor FIELD=VALUE", positional[2])
	}
	values, err := parseValues(rest)
	if err != nil {
		return fmt.Errorf("run: %v", err)
	}
	node, to := positional[0], c.server()
	if len(positional) == 2 {
		to = positional[1]
		if err := checkJID(to); err != nil {
			return fmt.Errorf("run: %s %v", to, err)
		}
	}
	node, err = sh.resolveNode(ctx, c, to, node)
	if err != nil {
		return err
	}
	_, err = sh.runCommand(ctx, c, to, node, values, false)
	return err
}

// resolveNode accepts the end of a node when it names one command, and
// the name of the catalog's template for a command (commands shows both).
func (sh *Shell) resolveNode(ctx context.Context, c *conn, to, node string) (string, error) {
	if strings.Contains(node, ":") || strings.Contains(node, "/") {
		return node, nil
	}
	if t, ok := catalog.Lookup(node); ok && t.Kind == catalog.KindCommand {
		return t.Node, nil
	}
	items, err := sh.commandList(ctx, c, to)
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
// any reply. It returns the command's last reply.
func (sh *Shell) runCommand(ctx context.Context, c *conn, to, node string, values map[string]string, lenient bool) ([]byte, error) {
	if err := sh.checkOffered(ctx, c, to, node); err != nil {
		return nil, err
	}
	for k, v := range values {
		if rawxml.SecretName(k) {
			sh.secretValue(k, v)
		}
	}
	// Its stanzas are steps of one conversation, with its sessionid:
	// none of them can be sent again alone.
	sh.lastSent, sh.lastSentWhy = nil, "the last stanzas sent were the steps of an ad-hoc command: run it again to start it anew"
	rn := sh.commandRunner(c, textWriter{sh.out}, lenient)
	rn.ChooseAction = sh.chooseAction
	rn.Secret = sh.secretValue
	rn.SawForm = func(node string, f *forms.Form) {
		if c.disco.fields == nil {
			c.disco.fields = map[string][]string{}
		}
		for _, fl := range f.Fields {
			if fl.Visible() && !slices.Contains(c.disco.fields[node], fl.Var) {
				c.disco.fields[node] = append(c.disco.fields[node], fl.Var)
			}
		}
	}
	if ask := sh.asker(); ask != nil {
		rn.Ask = ask
	}
	resp, err := rn.Run(ctx, to, node, values)
	if errors.Is(err, context.Canceled) || errors.Is(err, errInterrupted) {
		return nil, errors.New("command interrupted; cancel was sent to the server")
	}
	if err != nil {
		return nil, withFormAdvice(err)
	}
	typ, cond := "result", ""
	switch {
	case resp.Error != nil:
		typ, cond = "error", resp.Error.Condition
	case hasErrorNote(resp):
		// Prosody reports a refused form this way, in a result.
		typ, cond = "error", "error-note"
	}
	c.setLast(resp.Raw, sh.seq)
	verdict, failed := judge(c.takeExpectation(), typ, cond)
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
	return resp.Raw, failed
}

// commandRunner is the adhoc runner of a command run on c: it shows
// every stanza sent and received (with its round-trip time), writes the
// command's notes and results to out, and asks nothing until told how.
func (sh *Shell) commandRunner(c *conn, out io.Writer, lenient bool) adhoc.Runner {
	return adhoc.Runner{
		R: timeoutRequester{s: c.stream, timeout: sh.cfg.timeout(), show: func(r session.Reply) {
			sh.showCommandStanza(c, "received", r.Raw, r.RTT)
		}},
		NewID:   c.newID,
		Out:     out,
		Show:    func(label string, raw []byte) { sh.showSent(c, label, raw) },
		Lenient: lenient,
	}
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
func (sh *Shell) showSent(c *conn, label string, raw []byte) {
	if label == "sent" {
		sh.showCommandStanza(c, label, raw, 0)
	}
}

// showCommandStanza prints a stanza of a command run on c: a reply with
// its round-trip time, like any other, and each tagged with c's session
// when more than one is open.
func (sh *Shell) showCommandStanza(c *conn, label string, raw []byte, rtt time.Duration) {
	tag := sh.sessions.tag(c)
	els, err := rawxml.Parse(raw)
	if err != nil || len(els) == 0 {
		sh.out.stanza(tag+label, raw)
		return
	}
	el := els[0]
	typ, _ := el.Attr("type")
	if label == "sent" {
		sh.out.stanza(tag+sentLabel(el, typ), raw)
		return
	}
	head := fmt.Sprintf("%s← %s in %s", tag, typ, ms(rtt))
	if from, ok := el.Attr("from"); ok {
		head += " from " + from
	}
	if typ == "error" {
		head += ": " + errorOf(sh.out.secrets.stanza(raw)).Error()
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
	return r.s.RequestShowWithin(ctx, r.timeout, raw, id, r.show)
}

// textWriter sends the runner's notes and results to the printer.
type textWriter struct{ p *printer }

func (w textWriter) Write(b []byte) (int, error) {
	w.p.text(w.p.secrets.text(string(b)))
	return len(b), nil
}
