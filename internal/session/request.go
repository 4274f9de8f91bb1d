package session

import (
	"context"
	"fmt"
	"time"

	"mellium.im/xmpp/jid"

	"xepl/internal/rawxml"
)

// waiter is a Request waiting for its reply.
type waiter struct {
	ch   chan WireUnit
	to   string // the request's to attribute: only its addressee can answer
	sent time.Time
	show func(Reply)
	// legacy, when set, is who the request logs in as by XEP-0078, once
	// it is answered with a result.
	legacy *jid.JID
}

// Request sends raw, an iq whose id attribute is id, and waits for the
// result or error with that id from the entity the iq was sent to, until
// ctx is done or the stream ends.
func (s *Session) Request(ctx context.Context, raw []byte, id string) (Reply, error) {
	return s.RequestShow(ctx, raw, id, nil)
}

// RequestShow is Request, with show called on the reply before anything
// that arrived after it is given to the Observer: a caller that prints
// the reply in show keeps the order of the stream on screen. show runs on
// the session's dispatching goroutine and must not call the session.
//
// A result or error with the id from anyone but the addressee (see
// addresses.answers) is not the reply: the Observer gets it, marked
// Spoofed, and the request goes on waiting.
func (s *Session) RequestShow(ctx context.Context, raw []byte, id string, show func(Reply)) (Reply, error) {
	return s.RequestShowWithin(ctx, 0, raw, id, show)
}

// RequestShowWithin is RequestShow, giving up on the reply after timeout
// (when it is above zero) but not counting the time the Observer held the
// session back: while a slow terminal shows a backlog, the session stops
// reading the socket (see tap), and a reply behind the backlog is late by
// our doing, not the server's. ctx still ends the wait at once. The
// request's write is bounded by timeout too.
func (s *Session) RequestShowWithin(ctx context.Context, timeout time.Duration, raw []byte, id string, show func(Reply)) (Reply, error) {
	to, _ := rawxml.Element{Raw: raw}.Attr("to")
	w := &waiter{ch: make(chan WireUnit, 1), to: to, show: show}
	if info := s.Info(); info.Register {
		if as, ok := legacyLoginIn(raw, info.JID); ok {
			w.legacy = &as
		}
	}
	s.mu.Lock()
	switch {
	case s.pending == nil:
		s.mu.Unlock()
		return Reply{}, ErrNotConnected
	case s.pending[id] != nil:
		s.mu.Unlock()
		return Reply{}, fmt.Errorf("a request with id %q is already waiting for its reply", id)
	}
	w.sent = time.Now()
	s.pending[id] = w
	s.mu.Unlock()

	wctx := ctx
	if timeout > 0 {
		var cancel context.CancelFunc
		wctx, cancel = context.WithTimeout(ctx, timeout)
		defer cancel()
	}
	n, err := s.sendNumbered(wctx, raw)
	if err != nil {
		s.forget(id)
		return Reply{}, err
	}
	var expired <-chan time.Time
	var timer *time.Timer
	if timeout > 0 {
		timer = time.NewTimer(timeout)
		defer timer.Stop()
		expired = timer.C
	}
	held := s.tap.heldBack()
	for {
		select {
		case u := <-w.ch:
			rtt := u.Time.Sub(w.sent)
			s.settle(n, rtt)
			return Reply{WireUnit: u, RTT: rtt}, nil
		case <-ctx.Done():
			s.forget(id)
			return Reply{}, ctx.Err()
		case <-s.done:
			if err := s.Err(); err != nil {
				return Reply{}, err
			}
			return Reply{}, ErrNotConnected
		case <-expired:
			if now := s.tap.heldBack(); now > held {
				timer.Reset(now - held) // the time we held ourselves back
				held = now
				continue
			}
			s.forget(id)
			return Reply{}, context.DeadlineExceeded
		}
	}
}

func (s *Session) forget(id string) {
	s.mu.Lock()
	delete(s.pending, id)
	s.mu.Unlock()
}
