package repl

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"mellium.im/xmpp/jid"

	"xepl/internal/rawxml"
	"xepl/internal/render"
	"xepl/internal/session"
)

// Expectations in scripts (and at the prompt):
//
//	expect result | expect error [CONDITION [TYPE]]
//	expect xpath EXPR [= VALUE | count N]
//	expect stanza [message|presence|iq] [from JID] [type T] [xpath EXPR] [within DURATION]
//	expect nothing [message|presence|iq] [from JID] [type T] [xpath EXPR] within DURATION
//
// expect result and expect error, right after a reply, are checked
// against it ("after the fact"); an error reply does not fail the script
// when the next command is an expect that accepts it. Anywhere else they
// say what the next reply must be, as before a request. xpath checks the
// last reply (or the stanza expect stanza waited for). stanza waits on the
// current session for a stanza no request waited for (one that arrived
// before the line counts too) and makes it the last reply; nothing says
// that none comes.

// lastReply is what after-the-fact expectations look at.
type lastReply struct {
	raw []byte
	// seq is the Shell.seq of the command it answered: while no other
	// command has run since (expect and let do not count), expect result
	// and expect error check it instead of waiting for the next.
	seq int
	// hints are the catalog's error notes for the template it answered
	// (catalog.Template.ErrorNotes), for explain; nil when none.
	hints map[string]string
}

// setLast records a reply as the last one.
func (c *conn) setLast(raw []byte, seq int) {
	c.last = lastReply{raw: raw, seq: seq}
	c.replies++
}

// fresh reports whether the last reply answers the command just before.
func (c *conn) fresh(seq int) bool { return c.last.raw != nil && c.last.seq == seq }

// errReplyError is an error reply nobody expected: a script fails with it
// unless the next command is an expect that accepts it.
type errReplyError struct{ errFailed }

// Unwrap lets errors.As find the errFailed: its story is printed.
func (e errReplyError) Unwrap() error { return e.errFailed }

func (sh *Shell) cmdExpect(ctx context.Context, args []string) error {
	if len(args) == 0 {
		return errors.New("usage: expect result | error [COND [TYPE]] | xpath EXPR [= VALUE | count N] | stanza [FILTERS] [within D] | nothing [FILTERS] within D (help expect)")
	}
	c := sh.conn
	switch args[0] {
	case "result", "error":
		e, err := parseReplyExpectation(args)
		if err != nil {
			return err
		}
		if sh.refusedLogin != "" && sh.pendingFailure != nil {
			cond := sh.refusedLogin
			sh.refusedLogin, sh.pendingFailure = "", nil
			if e.typ != "error" || e.condition != "" && e.condition != cond {
				return errFailed{fmt.Sprintf("expect %s: not met: the login was refused: %s", strings.Join(args, " "), cond)}
			}
			sh.out.say("as expected: the login was refused (%s)", cond)
			return nil
		}
		switch {
		case sh.pendingFailure != nil:
			// The error reply just before fails the script unless this
			// accepts it.
			return sh.checkAfter(c, e, args)
		case c.fresh(sh.seq) && e.metBy(c.last.raw):
			sh.out.say("as expected")
			return nil
		}
		// Before a request: for the next reply. (Meant for the reply
		// before and not met by it, it still fails: by the next reply,
		// or at the end of the script.)
		c.expect = e
		return nil
	case "xpath":
		expr, want, err := parseXPathArgs(args[1:])
		if err != nil {
			return err
		}
		if c.last.raw == nil {
			return errors.New("expect xpath: no reply yet to look at")
		}
		if err := checkXPath(c.last.raw, expr, want); err != nil {
			return sh.unmet("expect "+strings.Join(args, " "), err.Error(), c.last.raw)
		}
		return nil
	case "same", "differ":
		if len(args) != 1 {
			return errors.New("usage: expect same | expect differ (after compare)")
		}
		if sh.compared == nil {
			return errors.New("expect " + args[0] + ": compare first")
		}
		if sh.compared.same != (args[0] == "same") {
			why := "they are the same"
			if !sh.compared.same {
				why = "they differ:\n" + sh.compared.diff
			}
			return errFailed{fmt.Sprintf("expect %s: not met: %s and %s: %s", args[0], sh.compared.a, sh.compared.b, why)}
		}
		return nil
	case "stanza", "nothing":
		f, err := parseStanzaFilter(args[1:], sh.cfg.timeout(), args[0] == "nothing")
		if err != nil {
			return err
		}
		if !c.live() && c.name == "" {
			return errors.New("expect " + args[0] + ": not connected: it waits on the current session")
		}
		if args[0] == "nothing" {
			if raw, ok := c.inbox.waitFor(ctx, f.match, f.within); ok {
				return sh.unmet("expect "+strings.Join(args, " "), "a stanza came", raw)
			}
			return nil
		}
		raw, ok := c.inbox.waitFor(ctx, f.match, f.within)
		if !ok {
			if ctx.Err() != nil {
				return errors.New("stopped waiting (interrupted)")
			}
			return sh.unmet("expect "+strings.Join(args, " "), fmt.Sprintf("no such stanza came within %v", f.within), nil)
		}
		c.setLast(raw, sh.seq)
		sh.out.stanza(sh.sessions.tag(c)+"expected, and it came: "+describeRaw(raw), raw)
		return nil
	}
	return fmt.Errorf("expect %s: want result, error, xpath, stanza or nothing (help expect)", args[0])
}

// parseReplyExpectation reads expect result | expect error [COND [TYPE]].
func parseReplyExpectation(args []string) (*expectation, error) {
	switch {
	case args[0] == "result" && len(args) == 1:
		return &expectation{typ: "result"}, nil
	case args[0] == "error" && len(args) <= 3:
		e := &expectation{typ: "error"}
		if len(args) > 1 {
			e.condition = args[1]
		}
		if len(args) > 2 {
			switch args[2] {
			case "auth", "cancel", "continue", "modify", "wait":
				e.errType = args[2]
			default:
				return nil, fmt.Errorf("expect error %s %s: the type is auth, cancel, continue, modify or wait", args[1], args[2])
			}
		}
		return e, nil
	}
	return nil, errors.New("usage: expect result | expect error [CONDITION [TYPE]]")
}

// checkAfter checks expect result|error against the reply just
// received: it accepts an error reply the command before failed on, or
// says it does not.
func (sh *Shell) checkAfter(c *conn, e *expectation, args []string) error {
	if c.last.raw == nil {
		return errors.New("expect: no reply yet to look at")
	}
	if !e.metBy(c.last.raw) {
		sh.pendingFailure = nil // the expectation's failure says it all
		typ, cond, errType := replyFacts(c.last.raw)
		got := typ
		if typ == "error" {
			got = "error " + cond + " " + errType
		}
		return sh.unmet("expect "+strings.Join(args, " "), "the reply was "+got, c.last.raw)
	}
	sh.pendingFailure = nil
	sh.out.say("as expected")
	return nil
}

// unmet is the failure of an expectation: what was expected, what came
// instead, and the stanza that came, indented, secrets masked.
func (sh *Shell) unmet(what, why string, raw []byte) error {
	msg := what + ": not met: " + why
	if raw != nil {
		masked := sh.out.secrets.stanza(raw)
		shown := masked
		if doc, err := render.Parse(masked); err == nil {
			if pretty, err := doc.Indent(); err == nil {
				shown = pretty
			}
		}
		msg += "\n  it was:\n    " + strings.ReplaceAll(strings.TrimRight(safeText(string(shown)), "\n"), "\n", "\n    ")
	}
	return errFailed{msg}
}

// parseXPathArgs reads EXPR [= VALUE | count N] into the expression and
// the check of checkXPath.
func parseXPathArgs(args []string) (expr, want string, err error) {
	if len(args) == 0 {
		return "", "", errors.New("usage: expect xpath EXPR [= VALUE | count N]")
	}
	expr, rest := args[0], args[1:]
	switch {
	case len(rest) == 0:
		return expr, "", nil
	case rest[0] == "=":
		return expr, "=" + strings.Join(rest[1:], " "), nil
	case rest[0] == "count" && len(rest) == 2:
		if n, err := strconv.Atoi(rest[1]); err == nil && n >= 0 {
			return expr, "#" + rest[1], nil
		}
	}
	return "", "", fmt.Errorf("expect xpath %s: after the expression, = VALUE or count N (quote an expression with spaces)", strings.Join(args, " "))
}

// stanzaFilter is what expect stanza and expect nothing look for.
type stanzaFilter struct {
	kind, from, typ, xpath string
	bareFrom               bool
	within                 time.Duration
}

func parseStanzaFilter(args []string, timeout time.Duration, needWithin bool) (*stanzaFilter, error) {
	f := &stanzaFilter{within: timeout}
	sawWithin := false
	for i := 0; i < len(args); i++ {
		word := args[i]
		if word == "message" || word == "presence" || word == "iq" {
			f.kind = word
			continue
		}
		if i+1 >= len(args) {
			return nil, fmt.Errorf("expect: %s needs a value", word)
		}
		v := args[i+1]
		i++
		switch word {
		case "from":
			j, err := jid.Parse(v)
			if err != nil {
				return nil, fmt.Errorf("expect: from %q is not a JID: %v", v, err)
			}
			f.from, f.bareFrom = j.String(), j.Resourcepart() == ""
		case "type":
			f.typ = v
		case "xpath":
			if _, _, _, err := xpathValue([]byte("<x/>"), v); err != nil {
				return nil, err
			}
			f.xpath = v
		case "within":
			d, err := time.ParseDuration(v)
			if err != nil || d <= 0 {
				return nil, fmt.Errorf("expect: within %q is not a duration such as 2s", v)
			}
			f.within, sawWithin = d, true
		default:
			return nil, fmt.Errorf("expect: unknown filter %q (message, presence, iq, from JID, type T, xpath EXPR, within DURATION)", word)
		}
	}
	if needWithin && !sawWithin {
		return nil, errors.New("expect nothing: say for how long: within DURATION")
	}
	return f, nil
}

// match reports whether a stanza passes the filter.
func (f *stanzaFilter) match(raw []byte) bool {
	el := rawxml.Element{Raw: raw}
	if f.kind != "" && rootName(raw) != f.kind {
		return false
	}
	if f.typ != "" {
		if t, _ := el.Attr("type"); t != f.typ {
			return false
		}
	}
	if f.from != "" {
		from, _ := el.Attr("from")
		j, err := jid.Parse(from)
		if err != nil {
			return false
		}
		if f.bareFrom {
			j = j.Bare()
		}
		if j.String() != f.from {
			return false
		}
	}
	if f.xpath != "" {
		if _, holds, _, err := xpathValue(raw, f.xpath); err != nil || !holds {
			return false
		}
	}
	return true
}

// rootName is the local name of raw's root element.
func rootName(raw []byte) string {
	els, err := rawxml.Parse(raw)
	if err != nil || len(els) == 0 {
		return ""
	}
	return els[0].Local
}

// attrOf is an attribute of raw's root element.
func attrOf(raw []byte, name string) string {
	v, _ := rawxml.Element{Raw: raw}.Attr(name)
	return v
}

// isCommandLine reports whether a line runs something (not blank, not a
// comment).
func isCommandLine(line string) bool {
	t := strings.TrimSpace(line)
	return t != "" && !strings.HasPrefix(t, "#")
}

// isExpectLine reports whether a line is an expect or a let (which read
// the last reply and leave it fresh), on this session or another.
func isExpectLine(line string) bool {
	t := strings.TrimSpace(line)
	if strings.HasPrefix(t, "@") {
		_, t, _ = strings.Cut(t, " ")
		t = strings.TrimSpace(t)
	}
	word, _, _ := strings.Cut(t, " ")
	return word == "expect" || word == "let"
}

// describeRaw is describe for a stanza's bytes.
func describeRaw(raw []byte) string {
	u := session.WireUnit{}
	u.Raw = raw
	u.Local = rootName(raw)
	return describe(u)
}
