package repl

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"
)

func (sh *Shell) cmdSend(ctx context.Context, args []string) error {
	if len(args) == 0 {
		return errors.New("send what? give the XML: send <presence/>")
	}
	src := strings.Join(args, " ")
	if raw, ok := strings.CutPrefix(src, "--raw"); ok && (raw == "" || raw[0] == ' ') {
		return sh.sendRaw(ctx, strings.TrimPrefix(raw, " "))
	}
	_, err := sh.sendXML(ctx, src)
	return err
}

// rawGrace is how long send --raw waits to see whether the server ends
// the stream, so that its stream error is on screen when it returns.
const rawGrace = 2 * time.Second

// sendRaw sends bytes as typed, without checking them: to show how a
// server meets malformed input. Nothing but a warning comes first.
func (sh *Shell) sendRaw(ctx context.Context, src string) error {
	if src == "" {
		return errors.New("send --raw what? give the bytes: send --raw <message><body>")
	}
	c := sh.live()
	if c == nil {
		return errNotConnected
	}
	sh.out.say("warning: sending %d bytes unchecked; a server usually ends the stream over malformed XML (reconnect opens a new one)", len(src))
	wctx, cancel := sh.waitContext(ctx)
	defer cancel()
	if err := c.stream.Send(wctx, []byte(src)); err != nil {
		return fmt.Errorf("not sent: %v", sh.maskServerText(err))
	}
	select {
	case <-c.stream.Done():
	case <-time.After(rawGrace):
		sh.out.say("the stream is still up after %v", rawGrace)
	case <-ctx.Done():
	}
	return nil
}

func (sh *Shell) cmdSync(ctx context.Context, args []string) error {
	c := sh.live()
	if c == nil {
		return errNotConnected
	}
	ping, err := c.fromCatalog("ping.server", nil)
	if err != nil {
		return err
	}
	_, err = sh.quietRequest(ctx, c, ping)
	return err
}

func (sh *Shell) cmdTimeout(ctx context.Context, args []string) error {
	if len(args) > 0 {
		d, err := time.ParseDuration(args[0])
		if err != nil || d <= 0 {
			return fmt.Errorf("timeout takes a duration such as 5s or 1m, not %q", args[0])
		}
		sh.cfg.Timeout = d
	}
	sh.out.say("replies are awaited for %v", sh.cfg.timeout())
	return nil
}

// expectation is what an iq reply should be: the next one (expect
// before a request), or the last one (after it). See expect.go.
type expectation struct {
	typ       string // "result" or "error"
	condition string // for errors; empty for any
	errType   string // for errors: auth, cancel, continue, modify, wait; empty for any
}

func (e *expectation) met(typ, cond string) bool {
	return e == nil || (e.typ == typ && (e.condition == "" || e.condition == cond))
}

// metBy is met for a whole reply, its error type too.
func (e *expectation) metBy(raw []byte) bool {
	typ, cond, errType := replyFacts(raw)
	return e.met(typ, cond) && (e.errType == "" || e.errType == errType)
}

// replyFacts reads a reply's type and, for an error, its condition and
// error type.
func replyFacts(raw []byte) (typ, cond, errType string) {
	typ = attrOf(raw, "type")
	if typ == "error" {
		e := errorOf(raw)
		cond, errType = e.Condition, e.Type
	}
	return typ, cond, errType
}

// check describes how a reply compares with the expectation; empty when
// nothing was expected.
func (e *expectation) check(typ, cond string) string {
	switch {
	case e == nil:
		return ""
	case e.met(typ, cond):
		return "as expected"
	case e.typ == "error" && e.condition != "":
		return fmt.Sprintf("NOT as expected: wanted error %s", e.condition)
	}
	return "NOT as expected: wanted " + e.typ
}
