package repl

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/beevik/etree"

	"xepl/catalog"
	"xepl/internal/adhoc"
	"xepl/internal/localserver"
	"xepl/internal/rawxml"
	"xepl/internal/servertest"
	"xepl/internal/session"
	"xepl/xeps"
)

// supportFile is the support matrix the live catalog test writes (with
// -update) and checks.
const supportFile = "../catalog/SUPPORT.md"

// TestCatalogLive sends every template of the catalog to both servers, the
// way a person would (through the shell: filled with its test values,
// before and after steps included), as a fresh user, as the admin, or on a
// registration stream, as its stage says. A template fails when a server
// answers bad-request (the XML is wrong), an error its template does not
// list, or nothing. The outcomes make catalog/SUPPORT.md: -update writes
// it, and without -update a stale file fails the test.
func TestCatalogLive(t *testing.T) {
	if err := catalog.Load(); err != nil {
		t.Fatal(err)
	}
	var (
		mu       sync.Mutex
		cells    = map[string]map[localserver.Kind]string{}
		versions = map[localserver.Kind]string{}
	)
	for _, kind := range localserver.AllKinds {
		t.Run(string(kind), func(t *testing.T) {
			t.Parallel()
			srv := servertest.Own(t, kind)
			lr := newLiveRunner(t, srv)
			mu.Lock()
			versions[kind] = srv.Version
			mu.Unlock()
			for _, tm := range catalog.All() {
				t.Run(tm.Name, func(t *testing.T) {
					cell, err := lr.run(t, tm)
					if err != nil {
						// Once in many runs ejabberd leaves a request
						// unanswered (muc.role-set): a second try tells a
						// passing state from a defect, and the log keeps
						// the first.
						if again, err2 := lr.run(t, tm); err2 == nil {
							t.Logf("%s on %s failed, then gave %s on a second try: %v", tm.Name, kind, again, err)
							cell, err = again, nil
						}
					}
					if err == nil && cell == "not advertised: no answer" {
						// A server that ends the stream for an unknown
						// nonza closes the connection: the stream error
						// can be lost to a reset under load. A second try
						// that sees it says more.
						if again, err2 := lr.run(t, tm); err2 == nil && again != cell {
							t.Logf("%s on %s: %s, then %s on a second try", tm.Name, kind, cell, again)
							cell = again
						}
					}
					if err == nil && strings.HasPrefix(cell, "error ") {
						// A rightful error may be a server's passing state
						// (ejabberd once in a few runs answers a room it
						// has just unlocked with item-not-found, where
						// its settled answer may be another error, as for
						// muc.register): the matrix records what a second
						// try gives when it does better, and the log says
						// so.
						if again, err2 := lr.run(t, tm); err2 == nil && betterCell(cell, again) {
							t.Logf("%s on %s: %s, then %s on a second try", tm.Name, kind, cell, again)
							cell = again
						}
					}
					if err != nil {
						t.Error(err)
						cell = "FAILED"
					}
					mu.Lock()
					if cells[tm.Name] == nil {
						cells[tm.Name] = map[localserver.Kind]string{}
					}
					cells[tm.Name][kind] = cell
					mu.Unlock()
				})
			}
		})
	}
	t.Cleanup(func() {
		if t.Failed() && !*update {
			return
		}
		checkSupport(t, supportTable(cells), versions)
	})
}

// betterCell says whether again, a second try's cell, says more than
// the first try's error cell: it is no error, or the first was
// item-not-found (a room not there yet, for a moment) and it is another.
func betterCell(first, again string) bool {
	if !strings.HasPrefix(again, "error ") {
		return true
	}
	return first == "error item-not-found" && again != first
}

// liveRunner runs templates on one server.
type liveRunner struct {
	srv     *localserver.Server
	adminPW string // a file holding the admin's password
}

func newLiveRunner(t *testing.T, srv *localserver.Server) *liveRunner {
	pw := filepath.Join(t.TempDir(), "admin-password")
	writeFile(t, pw, srv.AdminPassword)
	return &liveRunner{srv: srv, adminPW: pw}
}

// shell is a scripted shell whose output is kept for the failure report.
func (lr *liveRunner) shell(t *testing.T) (*Shell, *syncBuffer) {
	out := &syncBuffer{}
	// Loopback servers answer in milliseconds: what does not come in 5 s
	// does not come.
	sh, err := newShell(Config{Input: strings.NewReader(""), Stdout: out, Stderr: out, Timeout: 5 * time.Second,
		Getenv: func(string) string { return "" }})
	if err != nil {
		t.Fatal(err)
	}
	return sh, out
}

func (lr *liveRunner) options(jid string) ConnectOptions {
	return ConnectOptions{JID: jid, Server: lr.srv.Addr(), CAFile: lr.srv.CertFile}
}

// connected is a shell connected as stage says, closed when the test ends.
func (lr *liveRunner) connected(t *testing.T, stage catalog.Stage) (*Shell, *syncBuffer) {
	t.Helper()
	sh, out := lr.shell(t)
	t.Cleanup(func() { sh.conn.close() })
	if err := lr.connect(context.Background(), t, sh, stage, nil); err != nil {
		t.Fatalf("connecting as %s: %v\n%s", stage, err, out)
	}
	return sh, out
}

// connect opens the stream the template's stage needs: a registration
// stream, the admin, or a user registered for this template alone. The
// last stream reports its unsolicited errors to rec too, when rec is not
// nil.
func (lr *liveRunner) connect(ctx context.Context, t *testing.T, sh *Shell, stage catalog.Stage, rec *errorRecorder) error {
	switch stage {
	case catalog.StagePreAuth:
		o := lr.options(lr.srv.Domain)
		o.Register = true
		return lr.open(ctx, sh, o, rec)
	case catalog.StageAdmin, catalog.StageAny: // a probe asks best as the admin
		o := lr.options(lr.srv.AdminJID)
		o.PasswordFile = lr.adminPW
		return lr.open(ctx, sh, o, rec)
	}
	a := newAccount(t)
	o := lr.options(lr.srv.Domain)
	o.Register = true
	if err := sh.connect(ctx, o); err != nil {
		return err
	}
	register := fmt.Sprintf("<iq type='set' to='%s'><query xmlns='jabber:iq:register'><username>%s</username><password>%s</password></query></iq>",
		lr.srv.Domain, a.user, a.password)
	if _, err := sh.sendXML(ctx, register); err != nil {
		return fmt.Errorf("registering a user for the test: %v", err)
	}
	o = lr.options(a.user + "@" + lr.srv.Domain)
	o.PasswordFile = a.passwordFile
	return lr.open(ctx, sh, o, rec)
}

// open connects as the shell's connect does, with rec (if not nil)
// wrapped around the shell's observer.
func (lr *liveRunner) open(ctx context.Context, sh *Shell, o ConnectOptions, rec *errorRecorder) error {
	o = sh.withDefaults(o)
	c, cfg, err := sh.sessionConfig(context.Background(), o, "")
	if err != nil {
		return err
	}
	if rec != nil {
		rec.Observer = cfg.Observer
		cfg.Observer = rec
	}
	return sh.open(ctx, c, cfg)
}

// errorRecorder is an observer that keeps the errors that arrive without
// being awaited (a presence or message error comes back on its own), and
// passes everything on to the shell's observer.
type errorRecorder struct {
	session.Observer
	mu   sync.Mutex
	errs []outcome
}

func (r *errorRecorder) Stanza(u session.WireUnit) {
	r.Observer.Stanza(u)
	var o outcome
	switch {
	case u.Prefix == "stream" && u.Local == "error":
		o = outcome{typ: "stream-error", cond: session.ParseStreamError(u.Raw).Condition}
	case u.Attr("type") == "error":
		o = outcomeOf(u.Raw)
	default:
		return
	}
	r.mu.Lock()
	r.errs = append(r.errs, o)
	r.mu.Unlock()
}

// take returns the errors recorded since the last take.
func (r *errorRecorder) take() []outcome {
	r.mu.Lock()
	defer r.mu.Unlock()
	errs := r.errs
	r.errs = nil
	return errs
}

// outcome is how a template fared: typ is "result" or "error" for a
// request, "stream-error" for a stream the server ended, "sent" when no
// reply is awaited.
type outcome struct {
	typ, cond string
	app       string // an application condition, as ns#name
}

// failedCondition reads the stanza condition inside a <failed/> nonza.
func failedCondition(raw []byte) string {
	doc := etree.NewDocument()
	if doc.ReadFromBytes(raw) == nil && doc.Root() != nil {
		for _, c := range doc.Root().ChildElements() {
			if c.NamespaceURI() == xeps.NSStanzas {
				return c.Tag
			}
		}
	}
	return "undefined-condition"
}

// outcomeOf reads the outcome of a reply: its type and error.
func outcomeOf(reply []byte) outcome {
	els, err := rawxml.Parse(reply)
	if err != nil || len(els) == 0 {
		return outcome{typ: "none"}
	}
	if el := els[0]; el.Local != "iq" && el.Local != "message" && el.Local != "presence" {
		// A nonza's answer: XEP-0198's <enabled/>, or <failed/> with a
		// stanza condition.
		if el.Local == "failed" {
			return outcome{typ: "error", cond: failedCondition(el.Raw)}
		}
		return outcome{typ: "answered"}
	}
	typ, _ := els[0].Attr("type")
	if typ != "error" {
		if r, err := adhoc.ParseResponse(reply); err == nil && hasErrorNote(r) {
			// Prosody reports a refused command form this way, in a result.
			return outcome{typ: "error", cond: "error-note"}
		}
		return outcome{typ: typ}
	}
	e := errorOf(reply)
	o := outcome{typ: "error", cond: e.Condition}
	if e.App != "" {
		o.app = e.AppNS + "#" + e.App
	}
	return o
}

// run runs one template and says how it fared: the cell of the support
// matrix, and an error when the outcome is a failure.
func (lr *liveRunner) run(t *testing.T, tm *catalog.Template) (string, error) {
	if tm.NeverLive != "" {
		return "not run", nil
	}
	ctx := context.Background()
	sh, out := lr.shell(t)
	defer func() { sh.conn.close() }()
	rec := &errorRecorder{}
	if err := lr.connect(ctx, t, sh, tm.Stage, rec); err != nil {
		return "", fmt.Errorf("connecting for %s: %v\n%s", tm.Stage, err, out)
	}
	cs := sh.conn.catalogSession()
	cs.Rand = catalog.RandWord()
	values := tm.TestValues(cs)

	// What survey says of the template on this server: the live run
	// holds survey to its word (an offered template must work), and what
	// survey does not call offered may fail.
	facts, err := sh.gatherFacts(ctx, sh.conn, sh.conn.server())
	if err != nil {
		return "", fmt.Errorf("surveying for %s: %v\n%s", tm.Name, err, out)
	}
	verdict := facts.judge(tm)
	if len(tm.Requires) > 0 && verdict != offered {
		return "not offered", nil
	}
	for _, c := range tm.Before {
		if err := lr.call(ctx, sh, c, values, cs); err != nil {
			if verdict == verdictNotOffered {
				return "not advertised", nil // and its setup fails: no surprise
			}
			return "", fmt.Errorf("before: %s: %v\n%s", c, err, out)
		}
	}
	defer func() {
		for _, c := range tm.After {
			if err := lr.call(ctx, sh, c, values, cs); err != nil {
				t.Logf("after: %s: %v (cleanup only)", c, err)
			}
		}
	}()

	rec.take()
	reply, runErr := sh.runTemplate(ctx, tm, values)
	var no notOffered
	if errors.As(runErr, &no) {
		return "not offered", nil
	}
	var unknown unanswerable
	if errors.As(runErr, &unknown) {
		return "cannot tell", nil // a probe the stream allows no way to answer
	}
	main := outcome{typ: "sent"}
	if reply != nil {
		main = outcomeOf(reply)
	}
	var async []outcome
	if reply == nil && runErr == nil {
		lr.barrier(ctx, sh, values)
		async = rec.take()
	}
	cell, err := judgeLive(tm, main, runErr, async)
	switch {
	case err != nil && verdict == verdictNotOffered && (main.typ == "error" || len(async) > 0):
		return "not advertised: error " + firstError(main, async).cond, nil
	case err != nil && verdict == verdictNotOffered && reply == nil:
		return "not advertised: no answer", nil
	case err != nil:
		return "", fmt.Errorf("%v (survey calls it %s)\n%s", err, verdictName(verdict), out)
	}
	return cell, nil
}

// firstError is the error a template came to: its reply's, or the
// first that came back on its own.
func firstError(main outcome, async []outcome) outcome {
	if main.typ == "error" || len(async) == 0 {
		return main
	}
	return async[0]
}

func verdictName(v verdict) string {
	switch v {
	case offered:
		return "offered"
	case verdictNotOffered:
		return "not advertised"
	}
	return "cannot tell"
}

// call runs a before or after step, and takes the values it captures.
func (lr *liveRunner) call(ctx context.Context, sh *Shell, c catalog.Call, values catalog.Values, cs catalog.Session) error {
	callee, ok := catalog.Lookup(c.Name)
	if !ok {
		return fmt.Errorf("no template %s", c.Name)
	}
	reply, err := sh.runTemplate(ctx, callee, c.Values(callee, values, cs))
	if err != nil {
		return err
	}
	for _, cp := range c.Captures {
		v, ok := captureFrom(reply, cp)
		if !ok {
			return fmt.Errorf("the reply has no %s", cp)
		}
		values[cp.Param] = v
	}
	return nil
}

// captureFrom finds the attribute of the first element with a name.
func captureFrom(reply []byte, cp catalog.Capture) (string, bool) {
	doc := etree.NewDocument()
	if doc.ReadFromBytes(reply) != nil {
		return "", false
	}
	el := doc.FindElement("//" + cp.Element)
	if el == nil {
		return "", false
	}
	a := el.SelectAttr(cp.Attr)
	if a == nil {
		return "", false
	}
	return a.Value, true
}

// barrier makes sure the server has dealt with what was sent before
// looking for errors: a ping to the same service (or the server) comes
// back only after it.
func (lr *liveRunner) barrier(ctx context.Context, sh *Shell, values catalog.Values) {
	c := sh.live()
	if c == nil {
		return
	}
	to := lr.srv.Domain
	for _, v := range []string{values["to"], values["room"]} {
		if _, domain, ok := strings.Cut(v, "@"); ok {
			to, _, _ = strings.Cut(domain, "/")
			break
		}
	}
	// A server that ends the stream for what was sent closes the
	// connection: a ping written after that draws a reset, which can
	// drop the stream error still unread. Give it a moment first.
	time.Sleep(50 * time.Millisecond)
	if ping, err := c.fromCatalog("ping.server", catalog.Values{"to": to}); err == nil {
		if _, err := sh.quietRequest(ctx, c, ping); err != nil {
			// The stream is going (a stream error for what was sent): the
			// ping's write may fail before the error is read. Done closes
			// once everything that came has been handed to the observer.
			select {
			case <-c.stream.Done():
			case <-time.After(5 * time.Second):
			}
		}
	}
}

// judgeLive decides how a template fared.
func judgeLive(tm *catalog.Template, main outcome, runErr error, async []outcome) (string, error) {
	var told errFailed
	if runErr != nil && !errors.As(runErr, &told) {
		return "", fmt.Errorf("%s: %v", tm.Name, runErr)
	}
	switch main.typ {
	case "answered":
		return "answered", nil
	case "result":
		if tm.Kind == catalog.KindCommand {
			return "completed", nil
		}
		return "result", nil
	case "error":
		return judgeError(tm, main)
	case "sent":
		for _, e := range async {
			if cell, err := judgeError(tm, e); err != nil {
				return cell, err
			}
		}
		if len(async) > 0 {
			cell, _ := judgeError(tm, async[0])
			return cell, nil
		}
		return "sent", nil
	}
	return "", fmt.Errorf("%s: no reply (%v)", tm.Name, runErr)
}

// judgeError accepts an error a template lists, and bad-request only
// with an application condition it lists.
func judgeError(tm *catalog.Template, e outcome) (string, error) {
	app := e.app // "namespace#name", as the list writes it
	listedApp := app != "" && slices.Contains(tm.Errors, app)
	kind := "error"
	if e.typ == "stream-error" {
		kind = "stream error"
	}
	switch {
	case e.cond == "bad-request" && !listedApp:
		return "", fmt.Errorf("%s: bad-request%s: the XML is wrong for this server", tm.Name, withApp(app))
	case listedApp, slices.Contains(tm.Errors, e.cond):
		return kind + " " + e.cond + withApp(app), nil
	case e.cond == "error-note":
		return "", fmt.Errorf("%s: the command completed with an error note", tm.Name)
	}
	return "", fmt.Errorf("%s: %s %s%s is not among its errors: %s", tm.Name, kind, e.cond, withApp(app), strings.Join(tm.Errors, ", "))
}

func withApp(app string) string {
	if app == "" {
		return ""
	}
	return " (" + app[strings.LastIndexByte(app, '#')+1:] + ")"
}

// supportTable writes the matrix rows, one template a line.
func supportTable(cells map[string]map[localserver.Kind]string) string {
	names := make([]string, 0, len(cells))
	for n := range cells {
		names = append(names, n)
	}
	sort.Strings(names)
	var b strings.Builder
	b.WriteString("| template |")
	for _, k := range localserver.AllKinds {
		fmt.Fprintf(&b, " %s |", k)
	}
	b.WriteString("\n|---|")
	for range localserver.AllKinds {
		b.WriteString("---|")
	}
	b.WriteString("\n")
	for _, n := range names {
		fmt.Fprintf(&b, "| %s |", n)
		for _, k := range localserver.AllKinds {
			fmt.Fprintf(&b, " %s |", cells[n][k])
		}
		b.WriteString("\n")
	}
	return b.String()
}

const supportHead = `# What the test servers answer to each template

Generated by the live catalog test, which sends every template of the
catalog to a throwaway Prosody, an ejabberd, and a minimal Prosody (the
core protocol only: no commands, MUC, pubsub, offline storage, MAM or PEP)
as its stage says (a fresh user, the admin, or a registration stream),
with its test values and its before and after steps. Do not edit:
regenerate with

    go test ./repl -run TestCatalogLive -update

(the test fails when this file is stale). A cell says what came back:
result, completed (a command), answered (a nonza the server answered with
another, such as <enabled/>), sent (nothing is awaited, and no error came
back), error CONDITION (an error the template lists as rightful), not
offered (the server does not offer what the template requires, or the
command), not advertised (survey does not call it offered there, and it
failed: its setup, or with the error or silence after the colon), cannot
tell (a probe, such as account.exists, that the stream allows no way to
answer), or not run (the template would harm the server, such as a
shutdown). The test
holds survey to its word: a template survey calls offered must work.

`

// checkSupport compares the matrix with the committed file, or writes it.
func checkSupport(t *testing.T, table string, versions map[localserver.Kind]string) {
	var b bytes.Buffer
	b.WriteString(supportHead)
	for _, k := range localserver.AllKinds {
		fmt.Fprintf(&b, "- %s %s\n", k, versions[k])
	}
	b.WriteString("\n" + table)
	if *update {
		if err := os.WriteFile(supportFile, b.Bytes(), 0o644); err != nil {
			t.Error(err)
		}
		return
	}
	old, err := os.ReadFile(supportFile)
	if err != nil {
		t.Errorf("catalog/SUPPORT.md is missing: go test ./repl -run TestCatalogLive -update")
		return
	}
	_, oldTable, _ := strings.Cut(string(old), "| template |")
	if "| template |"+oldTable != table {
		had := strings.Split("| template |"+oldTable, "\n")
		var changed []string
		for _, row := range strings.Split(table, "\n") {
			if !slices.Contains(had, row) {
				changed = append(changed, row)
			}
		}
		t.Errorf("catalog/SUPPORT.md is stale (go test ./repl -run TestCatalogLive -update); these rows are now:\n%s", strings.Join(changed, "\n"))
	}
}

// TestCatalogCoversServerFeatures asks both servers what they advertise
// (disco#info of the domain and of one's own account, as a user and as
// the admin) and fails on any feature no template exercises.
func TestCatalogCoversServerFeatures(t *testing.T) {
	covered := map[string]bool{}
	for _, tm := range catalog.All() {
		for _, ns := range tm.Covers() {
			covered[ns] = true
		}
	}
	servertest.Each(t, func(t *testing.T, srv *localserver.Server) {
		lr := newLiveRunner(t, srv)
		ctx := context.Background()
		for _, stage := range []catalog.Stage{catalog.StageUser, catalog.StageAdmin} {
			sh, _ := lr.connected(t, stage)
			c := sh.live()
			for _, target := range []string{srv.Domain, c.bare()} {
				d, err := sh.fetchInfo(ctx, c, discoTarget{JID: target})
				if err != nil {
					t.Fatalf("disco#info of %s: %v", target, err)
				}
				if len(d.Features) < 5 {
					t.Fatalf("%s advertises only %d features", target, len(d.Features))
				}
				for _, f := range d.Features {
					if !covered[f.Var] {
						t.Errorf("%s advertises %s (as %s), and no template covers it", target, f.Var, stage)
					}
					if _, ok := xeps.ForNamespace(f.Var); !ok {
						t.Errorf("%s advertises %s, which the xeps index does not know", target, f.Var)
					}
				}
			}
		}
	})
}

func TestBetterCell(t *testing.T) {
	for _, tc := range []struct {
		first, again string
		want         bool
	}{
		{"error item-not-found", "result", true},
		{"error item-not-found", "error service-unavailable", true},
		{"error item-not-found", "error item-not-found", false},
		{"error service-unavailable", "error item-not-found", false},
		{"error forbidden", "error service-unavailable", false},
		{"error forbidden", "result", true},
	} {
		if got := betterCell(tc.first, tc.again); got != tc.want {
			t.Errorf("betterCell(%q, %q) = %v, want %v", tc.first, tc.again, got, tc.want)
		}
	}
}
