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

// expectation is what the next iq reply should be.
type expectation struct {
	typ       string // "result" or "error"
	condition string // for errors; empty for any
}

func (sh *Shell) cmdExpect(ctx context.Context, args []string) error {
	switch {
	case len(args) == 1 && args[0] == "result":
		sh.conn.expect = &expectation{typ: "result"}
	case len(args) >= 1 && len(args) <= 2 && args[0] == "error":
		sh.conn.expect = &expectation{typ: "error"}
		if len(args) == 2 {
			sh.conn.expect.condition = args[1]
		}
	default:
		return errors.New("usage: expect result | expect error [CONDITION]")
	}
	return nil
}

func (e *expectation) met(typ, cond string) bool {
	return e == nil || (e.typ == typ && (e.condition == "" || e.condition == cond))
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
