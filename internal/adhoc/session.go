package adhoc

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"slices"

	"xepl/internal/forms"
	"xepl/internal/session"
)

// Requester sends an iq and waits for its reply; *session.Session is one.
type Requester interface {
	Request(ctx context.Context, raw []byte, id string) (session.Reply, error)
}

// Session is one run of a command: its address, node and sessionid, and
// the last reply.
type Session struct {
	r     Requester
	newID func() string
	to    string
	node  string
	sid   string
	last  *Response
}

// Execute starts the command node at to and returns the session with the
// first reply. A reply of type error is the Response's Error (the session
// is then Done); the error is for the transport. newID makes iq ids; nil
// means random ones.
func Execute(ctx context.Context, r Requester, to, node string, newID func() string) (*Session, *Response, error) {
	if newID == nil {
		newID = RandomID
	}
	s := &Session{r: r, newID: newID, to: to, node: node}
	resp, err := s.send(ctx, ActionExecute, nil)
	if err != nil {
		return nil, nil, err
	}
	return s, resp, nil
}

// To is the address the command runs at.
func (s *Session) To() string { return s.to }

// Node is the command's node.
func (s *Session) Node() string { return s.node }

// SessionID is the sessionid the server gave in its first reply that had
// one; every request after it carries it.
func (s *Session) SessionID() string { return s.sid }

// Last is the last reply.
func (s *Session) Last() *Response { return s.last }

// Next submits f (if not nil) with action next.
func (s *Session) Next(ctx context.Context, f *forms.Form) (*Response, error) {
	return s.Do(ctx, ActionNext, f)
}

// Prev goes back a stage.
func (s *Session) Prev(ctx context.Context) (*Response, error) {
	return s.Do(ctx, ActionPrev, nil)
}

// Complete submits f (if not nil) with action complete.
func (s *Session) Complete(ctx context.Context, f *forms.Form) (*Response, error) {
	return s.Do(ctx, ActionComplete, f)
}

// Cancel ends the session on the server (action cancel, no form).
func (s *Session) Cancel(ctx context.Context) (*Response, error) {
	return s.Do(ctx, ActionCancel, nil)
}

// Do takes action in the session, with f's Submit inside when f is not
// nil. The action is sent as given, allowed or not (an explorer may want
// to see what the server says), but not once the session is Done.
func (s *Session) Do(ctx context.Context, action string, f *forms.Form) (*Response, error) {
	if s.Done() {
		return nil, fmt.Errorf("the command %s is over (%s)", s.node, s.state())
	}
	var form []byte
	if f != nil {
		form = f.Submit()
	}
	return s.send(ctx, action, form)
}

// send sends one request and records its reply.
func (s *Session) send(ctx context.Context, action string, form []byte) (*Response, error) {
	id := s.newID()
	var raw []byte
	if action == ActionExecute && s.last == nil {
		raw = ExecuteXML(s.to, s.node, id)
	} else {
		raw = ActionXML(s.to, s.node, s.sid, action, id, form)
	}
	reply, err := s.r.Request(ctx, raw, id)
	if err != nil {
		return nil, err
	}
	resp, err := ParseResponse(reply.Raw)
	if err != nil {
		return nil, err
	}
	if s.sid == "" {
		s.sid = resp.SessionID
	}
	s.last = resp
	return resp, nil
}

// Done reports whether the command is over: completed, canceled, or
// answered with an error (or with no <command/> at all).
func (s *Session) Done() bool {
	return s.last != nil && (s.last.Error != nil || s.last.Status != StatusExecuting)
}

func (s *Session) state() string {
	switch {
	case s.last.Error != nil:
		return "error " + s.last.Error.Condition
	case s.last.Status == "":
		return "no status"
	}
	return s.last.Status
}

// Allowed lists what may be done now: the actions offered (prev, next,
// complete), or complete alone when the reply offered none (XEP-0050
// §3.4), and always cancel. Nothing once the session is Done.
func (s *Session) Allowed() []string {
	if s.last == nil || s.Done() {
		return nil
	}
	out := append([]string(nil), s.last.Actions...)
	if len(out) == 0 {
		out = []string{ActionComplete}
	}
	return append(out, ActionCancel)
}

// DefaultAction is the action that "execute" stands for now: the execute
// attribute of <actions/>, which defaults to next; complete when there is
// no <actions/>. A default that is not among the actions offered (a
// server's mistake) gives way to complete if offered, else the first one.
// "" once the session is Done.
func (s *Session) DefaultAction() string {
	if s.last == nil || s.Done() {
		return ""
	}
	acts := s.last.Actions
	if len(acts) == 0 {
		return ActionComplete
	}
	d := s.last.Default
	if d == "" || d == ActionExecute {
		d = ActionNext
	}
	switch {
	case slices.Contains(acts, d):
		return d
	case slices.Contains(acts, ActionComplete):
		return ActionComplete
	}
	return acts[0]
}

// RandomID returns a fresh iq id, such as "adhoc-1f2e3d4c5b6a".
func RandomID() string {
	b := make([]byte, 6)
	rand.Read(b)
	return "adhoc-" + hex.EncodeToString(b)
}
