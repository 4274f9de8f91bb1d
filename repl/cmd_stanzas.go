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
	_, err := sh.sendXML(ctx, strings.Join(args, " "))
	return err
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
