package session

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net"
	"sync"
	"time"

	"mellium.im/xmpp"
	"mellium.im/xmpp/jid"
)

// Session is one connected XMPP stream.
type Session struct {
	cfg  Config
	ms   *xmpp.Session
	conn net.Conn
	tap  *tap
	obs  Observer
	info Info

	// neg is written only by the dispatcher; others read it after tap.sync.
	neg negotiation

	mu      sync.Mutex
	pending map[string]*waiter
	closing bool
	endErr  error
	done    chan struct{}
}

// Reply is the answer to a Request.
type Reply struct {
	WireUnit
	// RTT is the time from sending the request to reading its reply.
	RTT time.Duration
}

// Connect dials and negotiates a stream as cfg says. It returns when the
// session is ready (bound, or open for registration) or with an error
// that says what failed: *CertificateError, *SASLError, *StreamError, or a
// network error.
func Connect(ctx context.Context, cfg Config) (*Session, error) {
	if err := checkConfig(cfg); err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(ctx, cfg.timeout())
	defer cancel()
	begin := time.Now()

	tlsCfg := tlsConfig(cfg)
	conn, dialled, err := dial(ctx, cfg, tlsCfg)
	if err != nil {
		return nil, err
	}
	s := &Session{
		cfg:     cfg,
		conn:    conn,
		tap:     newTap(),
		obs:     cfg.Observer,
		pending: make(map[string]*waiter),
		done:    make(chan struct{}),
		neg:     newNegotiation(cfg),
	}
	go s.dispatch()

	var mechanism string
	features, err := s.streamFeatures(tlsCfg, &mechanism)
	if err != nil {
		conn.Close()
		s.tap.finish(err)
		return nil, err
	}
	ms, err := xmpp.NewSession(ctx, cfg.JID.Domain(), cfg.JID, conn, 0,
		xmpp.NewNegotiator(func(*xmpp.Session, *xmpp.StreamConfig) xmpp.StreamConfig {
			return xmpp.StreamConfig{Features: features, TeeIn: inWriter{s.tap}, TeeOut: outWriter{s.tap}}
		}))
	if err != nil {
		conn.Close()
		s.tap.finish(err)
		<-s.done
		return nil, s.negotiationError(ctx, err, mechanism)
	}
	s.ms = ms
	s.tap.sync()
	if !s.neg.ready {
		ms.Close()
		conn.Close()
		s.tap.finish(nil)
		return nil, errors.New("negotiation finished but its last element was never seen on the wire")
	}
	s.info = newInfo(cfg, dialled, ms, mechanism, s.neg.features, time.Since(begin))
	go s.serve()
	return s, nil
}

func checkConfig(cfg Config) error {
	switch {
	case cfg.JID.Domainpart() == "":
		return errors.New("no JID to connect as")
	case !cfg.Register && cfg.JID.Localpart() == "":
		return fmt.Errorf("%s is a server, not an account", cfg.JID)
	}
	return nil
}

// serve reads the stream until it ends.
func (s *Session) serve() {
	err := s.ms.Serve(answerer())
	s.conn.Close()
	s.tap.finish(err)
}

// dispatch hands queued units to the observer and to waiting requests.
func (s *Session) dispatch() {
	for {
		e := s.tap.next()
		switch {
		case e.barrier != nil:
			close(e.barrier)
		case e.end:
			s.end(e.err)
			return
		default:
			s.observe(e.unit)
		}
	}
}

func (s *Session) observe(u WireUnit) {
	if s.obs != nil {
		s.obs.Wire(u)
	}
	if u.Dir != In {
		return
	}
	if !s.neg.see(u) {
		return
	}
	if s.deliver(u) {
		return
	}
	if s.obs != nil {
		s.obs.Stanza(u)
	}
}

// waiter is a Request waiting for its reply.
type waiter struct {
	ch   chan WireUnit
	sent time.Time
	show func(Reply)
}

// deliver hands an iq reply to the Request waiting for it, after letting
// it show the reply in stream order.
func (s *Session) deliver(u WireUnit) bool {
	if u.Local != "iq" {
		return false
	}
	if typ := u.Attr("type"); typ != "result" && typ != "error" {
		return false
	}
	id := u.Attr("id")
	s.mu.Lock()
	w, ok := s.pending[id]
	delete(s.pending, id)
	s.mu.Unlock()
	if !ok {
		return false
	}
	if w.show != nil {
		w.show(Reply{WireUnit: u, RTT: u.Time.Sub(w.sent)})
	}
	w.ch <- u
	return true
}

// end records why the stream ended and wakes everyone waiting.
func (s *Session) end(serveErr error) {
	s.mu.Lock()
	err := s.endError(serveErr)
	s.endErr = err
	s.pending = nil
	s.mu.Unlock()
	// The observer hears of the end before Done is closed, so that once
	// Close returns no callback is still running.
	if s.obs != nil && s.neg.ready {
		s.obs.Ended(err)
	}
	close(s.done)
}

func (s *Session) endError(serveErr error) error {
	switch {
	case s.neg.streamError != nil:
		return ParseStreamError(s.neg.streamError)
	case s.closing:
		return nil
	case serveErr == nil:
		return errors.New("the server closed the stream")
	case cutOff(serveErr):
		return errors.New("connection lost: the server closed the connection without closing the stream")
	}
	return fmt.Errorf("connection lost: %w", serveErr)
}

// cutOff reports whether the stream stopped in the middle, as when the
// server dies: the XML decoder then reports an unexpected EOF.
func cutOff(err error) bool {
	var syntax *xml.SyntaxError
	return errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) ||
		errors.As(err, &syntax) && syntax.Msg == "unexpected EOF"
}

// negotiationError explains why Connect failed, from what the tap saw.
func (s *Session) negotiationError(ctx context.Context, err error, mechanism string) error {
	switch {
	case s.neg.streamError != nil:
		return ParseStreamError(s.neg.streamError)
	case s.neg.saslFailure != nil:
		cond, text := conditionOf(s.neg.saslFailure)
		return &SASLError{Mechanism: mechanism, Condition: cond, Text: text}
	case ctx.Err() != nil:
		return fmt.Errorf("no answer from the server within %v: %w", s.cfg.timeout(), err)
	}
	if mechanism == "" && !s.cfg.Register && s.neg.offeredMechanisms() != nil {
		return fmt.Errorf("no SASL mechanism in common: the server offers %v", s.neg.offeredMechanisms())
	}
	if cerr := tlsError(err, s.cfg); errors.As(cerr, new(*CertificateError)) {
		return cerr
	}
	return fmt.Errorf("negotiation failed: %w", err)
}

// Info describes the session as negotiated.
func (s *Session) Info() Info { return s.info }

// JID is the bound address (the domain for a registration stream).
func (s *Session) JID() jid.JID { return s.info.JID }

// Done is closed when the stream has ended.
func (s *Session) Done() <-chan struct{} { return s.done }

// Err says why the stream ended; nil while it runs or after Close.
func (s *Session) Err() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.endErr
}

// Send writes raw, which must be one or more complete elements, to the
// stream as it is.
func (s *Session) Send(ctx context.Context, raw []byte) error {
	select {
	case <-s.done:
		return ErrNotConnected
	default:
	}
	w := s.ms.TokenWriter()
	defer w.Close()
	if s.ms.State()&xmpp.OutputStreamClosed != 0 {
		return ErrNotConnected
	}
	if d, ok := ctx.Deadline(); ok {
		s.conn.SetWriteDeadline(d)
		defer s.conn.SetWriteDeadline(time.Time{})
	}
	if _, err := s.ms.Conn().Write(raw); err != nil {
		return fmt.Errorf("sending: %w", err)
	}
	return nil
}

// Request sends raw, an iq whose id attribute is id, and waits for the
// result or error with that id, until ctx is done or the stream ends.
func (s *Session) Request(ctx context.Context, raw []byte, id string) (Reply, error) {
	return s.RequestShow(ctx, raw, id, nil)
}

// RequestShow is Request, with show called on the reply before anything
// that arrived after it is given to the Observer: a caller that prints
// the reply in show keeps the order of the stream on screen. show runs on
// the session's dispatching goroutine and must not call the session.
func (s *Session) RequestShow(ctx context.Context, raw []byte, id string, show func(Reply)) (Reply, error) {
	w := &waiter{ch: make(chan WireUnit, 1), show: show}
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

	if err := s.Send(ctx, raw); err != nil {
		s.forget(id)
		return Reply{}, err
	}
	select {
	case u := <-w.ch:
		return Reply{WireUnit: u, RTT: u.Time.Sub(w.sent)}, nil
	case <-ctx.Done():
		s.forget(id)
		return Reply{}, ctx.Err()
	case <-s.done:
		if err := s.Err(); err != nil {
			return Reply{}, err
		}
		return Reply{}, ErrNotConnected
	}
}

func (s *Session) forget(id string) {
	s.mu.Lock()
	delete(s.pending, id)
	s.mu.Unlock()
}

// Close ends the stream politely: it sends </stream:stream>, waits briefly
// for the server's, and closes the connection.
func (s *Session) Close() error {
	s.mu.Lock()
	s.closing = true
	s.mu.Unlock()
	s.conn.SetReadDeadline(time.Now().Add(2 * time.Second))
	s.conn.SetWriteDeadline(time.Now().Add(2 * time.Second))
	s.ms.Close()
	select {
	case <-s.done:
	case <-time.After(3 * time.Second):
		s.conn.Close()
		<-s.done
	}
	return nil
}

// Abort drops the connection at once, without closing the stream.
func (s *Session) Abort() {
	s.mu.Lock()
	s.closing = true
	s.mu.Unlock()
	s.conn.Close()
	<-s.done
}

// randomID returns a hard-to-guess id for internal requests.
func randomID() string {
	b := make([]byte, 8)
	rand.Read(b)
	return hex.EncodeToString(b)
}
