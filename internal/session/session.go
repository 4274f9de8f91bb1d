package session

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"mellium.im/xmpp"
	"mellium.im/xmpp/jid"
)

// Session is one connected XMPP stream.
//
// mellium negotiates it (STARTTLS, SASL, bind); from then on the session
// reads and writes the TLS connection itself (see serve and dispatch).
type Session struct {
	cfg     Config
	raw     net.Conn  // the TCP connection
	tlsConn *tls.Conn // TLS over raw: set by dial or the STARTTLS feature
	conn    net.Conn  // tlsConn once negotiation is over: all I/O after Connect
	tap     *tap
	obs     Observer
	info    Info       // under infoMu once Connect has returned
	infoMu  sync.Mutex // a XEP-0078 login changes info (legacyauth.go)
	self    addresses  // who we are, to pair replies and check pushes

	// started is closed by Connect once conn and self are set, and the
	// dispatcher waits for it before it handles any stanza.
	started chan struct{}

	// neg is written only by the dispatcher; others read it after tap.sync
	// or once done is closed.
	neg negotiation

	// endWait is how the reader waits for the server's end after ours, and
	// closeBy when it stops waiting whatever comes (Unix nanoseconds).
	endWait endWait
	closeBy atomic.Int64
	// closeHeld is how long the Observer had held the session back when
	// our end was sent (see closeDeadline).
	closeHeld atomic.Int64
	// lastRead is when the server last sent anything (Unix nanoseconds).
	lastRead atomic.Int64

	wmu     sync.Mutex // serialises writes after negotiation
	outDone bool       // our </stream:stream> is written (under wmu)
	writes  uint64     // how many writes were made (under wmu)

	// settled is the number of the last write whose reply has come, and
	// settledRTT that reply's round trip (under mu): when no write came
	// after it, the reply is the barrier Close would ping for.
	settled    uint64
	settledRTT time.Duration

	mu       sync.Mutex
	pending  map[string]*waiter
	closing  bool
	writeErr error // a write that failed and broke the connection
	endErr   error
	done     chan struct{}
}

// Reply is the answer to a Request.
type Reply struct {
	WireUnit
	// RTT is the time from sending the request to reading its reply.
	RTT time.Duration
}

// Connect dials and negotiates a stream as cfg says. It returns when the
// session is ready (bound, or open for registration) or with an error
// that says what failed: *CertificateError, *SASLError, *StreamError,
// *StalledError (nothing came within cfg.Timeout, or ctx was cancelled),
// or a network error.
//
// Connect never waits longer than cfg.Timeout, whatever the server does:
// when ctx ends the connection is closed, which ends whatever read, write
// or TLS handshake is under way. Closing is final, where a deadline is
// not: mellium sets and clears deadlines of its own during negotiation.
func Connect(ctx context.Context, cfg Config) (*Session, error) {
	if err := checkConfig(cfg); err != nil {
		return nil, err
	}
	timeout := cfg.timeout()
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	begin := time.Now()

	tlsCfg := tlsConfig(cfg)
	raw, tc, dialled, err := dial(ctx, cfg, tlsCfg, timeout)
	if err != nil {
		return nil, err
	}
	s := &Session{
		cfg:     cfg,
		raw:     raw,
		tlsConn: tc,
		tap:     newTap(),
		obs:     cfg.Observer,
		started: make(chan struct{}),
		pending: make(map[string]*waiter),
		done:    make(chan struct{}),
		neg:     newNegotiation(cfg),
	}
	watching := context.AfterFunc(ctx, func() { raw.Close() })
	go s.dispatch()

	ms, mechanism, err := s.negotiate(ctx, tlsCfg)
	if err == nil && !watching() {
		err = ctx.Err() // the connection was closed as negotiation ended
	}
	if err == nil && s.tlsConn == nil {
		err = errors.New("negotiation finished without TLS")
	}
	if err != nil {
		watching()
		raw.Close()
		close(s.started)
		s.tap.finish(err)
		<-s.done
		return nil, s.negotiationError(ctx, err, mechanism)
	}
	s.conn = s.tlsConn
	s.self = newAddresses(ms.LocalAddr())
	close(s.started)
	s.tap.sync()
	if !s.neg.ready {
		raw.Close()
		s.tap.finish(nil)
		<-s.done
		return nil, errors.New("negotiation finished but its last element was never seen on the wire")
	}
	s.info = newInfo(cfg, dialled, ms, mechanism, s.neg.features, time.Since(begin))
	go s.serve()
	return s, nil
}

// negotiate runs mellium's negotiation on the connection and returns its
// session and the SASL mechanism chosen.
func (s *Session) negotiate(ctx context.Context, tlsCfg *tls.Config) (*xmpp.Session, string, error) {
	var mechanism string
	features, err := s.streamFeatures(tlsCfg, &mechanism)
	if err != nil {
		return nil, "", err
	}
	var rw net.Conn = s.raw
	var state xmpp.SessionState
	if s.tlsConn != nil {
		rw, state = s.tlsConn, xmpp.Secure
	}
	ms, err := xmpp.NewSession(ctx, s.cfg.JID.Domain(), s.cfg.JID, rw, state,
		xmpp.NewNegotiator(func(*xmpp.Session, *xmpp.StreamConfig) xmpp.StreamConfig {
			return xmpp.StreamConfig{Features: features, TeeIn: inWriter{s.tap}, TeeOut: outWriter{s.tap}}
		}))
	return ms, mechanism, err
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

// errNoTLS is the refusal to go on with a server that offers no STARTTLS.
var errNoTLS = errors.New("the server offers no TLS (no <starttls/>): refusing to log in in clear")

// negotiationError explains why Connect failed, from what the dispatcher
// saw on the wire.
func (s *Session) negotiationError(ctx context.Context, err error, mechanism string) error {
	n := &s.neg
	if n.streamError != nil {
		return ParseStreamError(n.streamError)
	}
	if n.notXMPP != nil {
		if !s.cfg.DirectTLS && isTLSRecord(n.notXMPP) {
			return fmt.Errorf("%w: a TLS record; this port expects TLS at once: connect with --direct-tls", notXMPPError(n.notXMPP))
		}
		return notXMPPError(n.notXMPP)
	}
	if offered, known := n.offersTLS(); !s.cfg.DirectTLS && s.tlsConn == nil && known && !offered {
		return errNoTLS
	}
	switch {
	case n.saslFailure != nil:
		cond, text := conditionOf(n.saslFailure)
		return &SASLError{Mechanism: mechanism, Condition: cond, Text: text}
	case errors.Is(err, errTLSRefused):
		return err
	case ctx.Err() != nil:
		return n.stalled(ctx, s.cfg.timeout(), mechanism)
	case cutOff(err), errors.Is(err, syscall.ECONNRESET):
		if !s.cfg.DirectTLS && n.opens == 0 && !n.secured {
			// Not a byte of XMPP before the server hung up on our stream
			// header: what a direct TLS port does with plain text.
			return fmt.Errorf("%w; if this port expects TLS at once (direct TLS, XEP-0368, often 5223), connect with --direct-tls", n.hungUp(mechanism))
		}
		return n.hungUp(mechanism)
	}
	if mechanism == "" && !s.cfg.Register && n.offeredMechanisms() != nil {
		return fmt.Errorf("no SASL mechanism in common: the server offers %v", n.offeredMechanisms())
	}
	if cerr := tlsError(err, s.cfg); errors.As(cerr, new(*CertificateError)) {
		return cerr
	}
	return fmt.Errorf("negotiation failed: %w", err)
}

// Info describes the session as negotiated.
func (s *Session) Info() Info {
	s.infoMu.Lock()
	defer s.infoMu.Unlock()
	return s.info
}

// JID is the bound address (the domain for a registration stream).
func (s *Session) JID() jid.JID { return s.Info().JID }

// Done is closed when the stream has ended.
func (s *Session) Done() <-chan struct{} { return s.done }

// Err says why the stream ended; nil while it runs or after Close.
func (s *Session) Err() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.endErr
}
