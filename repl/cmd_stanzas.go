package repl

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"
)

func init() {
	register(
		&command{
			names: []string{"send"},
			group: groupStanzas,
			usage: "XML",
			help: `Send XML as it is: a stanza, several, or any top-level element.
A line that starts with < does the same without the word send, and may
continue over several lines until the element is complete (Ctrl-C drops
it). The XML is checked first: malformed input is refused with its line
and column and nothing is sent. An <iq> without an id gets one. For an
iq get or set the shell waits for the reply with that id (see timeout;
Ctrl-C stops waiting, the connection stays) and shows it with the
round-trip time. A reply of type error counts as a failure (a script
stops) unless expect said so.`,
			run: func(sh *Shell, ctx context.Context, args []string) error {
				if len(args) == 0 {
					return errors.New("send what? give the XML: send <presence/>")
				}
				return sh.sendXML(ctx, strings.Join(args, " "))
			},
		},
		&command{
			names: []string{"expect"},
			group: groupStanzas,
			usage: "result | error [CONDITION]",
			help: `Say what the next iq reply should be.
expect error conflict   the next reply must be an error with that condition
expect error            the next reply must be an error (any condition)
expect result           the next reply must be a result
An expected error is not a failure; an unexpected reply is. Scripts use
this to show that a server refuses what it should refuse.`,
			run: runExpect,
		},
		&command{
			names: []string{"sync"},
			group: groupStanzas,
			help: `Wait until the server has dealt with everything sent so far.
Sends a ping to the server and waits for its answer, so that whatever the
server sent before it (messages, presence, pushes) is on screen when sync
returns. Scripts use it before reading what arrived.`,
			run: func(sh *Shell, ctx context.Context, args []string) error {
				s := sh.live()
				if s == nil {
					return errNotConnected
				}
				_, err := sh.quietRequest(ctx, s, "<iq type='get' to='"+sh.serverOf(s)+"'><ping xmlns='urn:xmpp:ping'/></iq>")
				return err
			},
		},
		&command{
			names: []string{"timeout"},
			group: groupStanzas,
			usage: "[DURATION]",
			help: `Show or set how long to wait for a reply (default 15s).
Examples: timeout 5s, timeout 1m.`,
			run: func(sh *Shell, ctx context.Context, args []string) error {
				if len(args) > 0 {
					d, err := time.ParseDuration(args[0])
					if err != nil || d <= 0 {
						return fmt.Errorf("timeout takes a duration such as 5s or 1m, not %q", args[0])
					}
					sh.cfg.Timeout = d
				}
				sh.out.say("replies are awaited for %v", sh.cfg.timeout())
				return nil
			},
		},
	)
}

// expectation is what the next iq reply should be.
type expectation struct {
	typ       string // "result" or "error"
	condition string // for errors; empty for any
}

func runExpect(sh *Shell, ctx context.Context, args []string) error {
	switch {
	case len(args) == 1 && args[0] == "result":
		sh.expect = &expectation{typ: "result"}
	case len(args) >= 1 && len(args) <= 2 && args[0] == "error":
		sh.expect = &expectation{typ: "error"}
		if len(args) == 2 {
			sh.expect.condition = args[1]
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
