package repl

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"text/tabwriter"

	"mellium.im/xmpp/jid"
)

// sessionSet holds the shell's named sessions, in the order they were
// opened. The shell's current connection (Shell.conn) is one of them once
// anything is connected. The observers of the sessions read the set from
// their own goroutines (to say which session a stanza came on), so it is
// guarded.
type sessionSet struct {
	mu      sync.Mutex
	list    []*conn
	current *conn
}

// find returns the session called name.
func (s *sessionSet) find(name string) *conn {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, c := range s.list {
		if c.name == name {
			return c
		}
	}
	return nil
}

// put adds c, or puts it in the place of old.
func (s *sessionSet) put(c, old *conn) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i, x := range s.list {
		if x == old {
			s.list[i] = c
			return
		}
	}
	s.list = append(s.list, c)
}

// remove takes c out of the set (a lesson's sessions, once it ends).
func (s *sessionSet) remove(c *conn) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.list = slices.DeleteFunc(s.list, func(x *conn) bool { return x == c })
}

func (s *sessionSet) all() []*conn {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]*conn(nil), s.list...)
}

func (s *sessionSet) setCurrent(c *conn) {
	s.mu.Lock()
	s.current = c
	s.mu.Unlock()
}

// isCurrent reports whether c is the current session.
func (s *sessionSet) isCurrent(c *conn) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.current == c
}

// tag is what output about c begins with when more than one session is
// open ("[alice] "), so that it says where it came from; "" otherwise.
func (s *sessionSet) tag(c *conn) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	live := 0
	for _, x := range s.list {
		if x.live() {
			live++
		}
	}
	if live < 2 || c == nil || c.name == "" {
		return ""
	}
	return "[" + safeText(c.name) + "] "
}

// slot decides where a new connection as opts goes: the session it
// replaces (nil to add one) and its name. --as names it: an open
// session of that name is replaced, a new name adds one. Without --as the
// current session is replaced, and the new one is named after its JID,
// made unique among the others.
func (sh *Shell) slot(opts ConnectOptions) (replaces *conn, name string, err error) {
	if opts.As != "" {
		if !isSessionName(opts.As) {
			return nil, "", fmt.Errorf("connect --as %q: a session name is letters, digits, - and _", opts.As)
		}
		return sh.sessions.find(opts.As), opts.As, nil
	}
	if sh.conn.name != "" {
		replaces = sh.conn
	}
	base := defaultSessionName(opts)
	name = base
	for n := 2; ; n++ {
		if other := sh.sessions.find(name); other == nil || other == replaces {
			return replaces, name, nil
		}
		name = fmt.Sprintf("%s-%d", base, n)
	}
}

// defaultSessionName is a session's name when --as gives none: the
// account's name (connect NAME), else the JID's local part, or its domain
// for a registration stream (or a JID without one).
func defaultSessionName(opts ConnectOptions) string {
	if opts.Account != "" && isSessionName(opts.Account) {
		return opts.Account
	}
	j, err := jid.Parse(opts.JID)
	if err != nil {
		return "session"
	}
	name := j.Localpart()
	if opts.Register || name == "" {
		name = j.Domainpart()
	}
	var b strings.Builder
	for _, r := range name {
		if isSessionRune(r) {
			b.WriteRune(r)
		} else {
			b.WriteRune('_')
		}
	}
	return b.String()
}

func isSessionName(s string) bool {
	if s == "" || len(s) > 64 {
		return false
	}
	for _, r := range s {
		if !isSessionRune(r) {
			return false
		}
	}
	return true
}

func isSessionRune(r rune) bool {
	return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_' || r == '.'
}

// makeCurrent makes c the shell's current session.
func (sh *Shell) makeCurrent(c *conn) {
	sh.conn = c
	sh.sessions.setCurrent(c)
}

func (sh *Shell) cmdUse(ctx context.Context, args []string) error {
	if len(args) != 1 {
		return errors.New("use NAME: switch to session NAME (sessions lists them)")
	}
	c := sh.sessions.find(args[0])
	if c == nil {
		return fmt.Errorf("no session %q: %s", args[0], sh.sessionNames())
	}
	sh.makeCurrent(c)
	if !c.live() {
		sh.out.say("session %s is not connected (reconnect opens it again)", c.name)
	}
	return nil
}

// sessionNames lists the sessions, for an error.
func (sh *Shell) sessionNames() string {
	all := sh.sessions.all()
	if len(all) == 0 {
		return "no session is open (connect first)"
	}
	names := make([]string, len(all))
	for i, c := range all {
		names[i] = c.name
	}
	return "the sessions are " + strings.Join(names, ", ")
}

func (sh *Shell) cmdSessions(ctx context.Context, args []string) error {
	all := sh.sessions.all()
	if len(all) == 0 {
		sh.out.say("no sessions: connect opens one")
		return nil
	}
	var b strings.Builder
	tw := tabwriter.NewWriter(&b, 0, 4, 2, ' ', 0)
	for _, c := range all {
		mark := " "
		if c == sh.conn {
			mark = "*"
		}
		state := "ended"
		what := c.opts.JID
		if c.live() {
			info := c.stream.Info()
			what = info.JID.String()
			state = "logged in"
			if info.Register {
				state = "registration stream"
			}
		}
		fmt.Fprintf(tw, "%s %s\t%s\t%s\n", mark, c.name, what, state)
	}
	tw.Flush()
	sh.out.text(b.String())
	return nil
}

// runOn runs one command line on session name, then comes back to the
// current one: @NAME COMMAND...
func (sh *Shell) runOn(ctx context.Context, name, line string) error {
	if name == "" {
		return errors.New("@NAME COMMAND...: run one command on session NAME (sessions lists them)")
	}
	c := sh.sessions.find(name)
	if c == nil {
		return fmt.Errorf("@%s: no such session: %s", name, sh.sessionNames())
	}
	if strings.TrimSpace(line) == "" {
		return fmt.Errorf("@%s: which command? (@%s COMMAND...)", name, name)
	}
	back := sh.conn
	sh.makeCurrent(c)
	defer func() {
		// A connect inside (@bob connect ...) may have replaced c: come
		// back to the session that was current, if it is still there.
		if sh.conn == c && back != c && (back.name == "" || sh.sessions.find(back.name) == back) {
			sh.makeCurrent(back)
		}
	}()
	sh.atPrefix = "@" + name + " "
	defer func() { sh.atPrefix = "" }()
	return sh.execute(ctx, line)
}
