package session

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// StalledError says that Connect gave up: the server did not send what
// was awaited within the timeout, or the wait was cancelled. It unwraps to
// context.DeadlineExceeded or context.Canceled.
type StalledError struct {
	// Waiting names what was awaited, as in "stream features from the
	// server".
	Waiting string
	// Detail says more about what the server did, or is empty.
	Detail string
	// Timeout is the limit Connect had.
	Timeout time.Duration
	// Err is the context's error.
	Err error
}

func (e *StalledError) Error() string {
	var s string
	if errors.Is(e.Err, context.Canceled) {
		s = "connecting stopped (cancelled) while waiting for the " + e.Waiting
	} else {
		s = fmt.Sprintf("no %s within %v", e.Waiting, e.Timeout)
	}
	return withText(s, e.Detail)
}

func (e *StalledError) Unwrap() error { return e.Err }

// stalled says what Connect was waiting for when ctx ended, from what the
// dispatcher saw on the wire. mechanism is the SASL mechanism chosen, if
// any.
func (n *negotiation) stalled(ctx context.Context, timeout time.Duration, mechanism string) *StalledError {
	e := &StalledError{Timeout: timeout, Err: ctx.Err()}
	e.Waiting, e.Detail = n.waiting(mechanism)
	return e
}

// hungUp says the server closed the connection in the middle of
// negotiation, and what xepl was waiting for then.
func (n *negotiation) hungUp(mechanism string) error {
	waiting, _ := n.waiting(mechanism)
	return errors.New("the server closed the connection while xepl waited for the " + waiting)
}

// waiting names what the session is waiting for in the current phase,
// and says what the server did before.
func (n *negotiation) waiting(mechanism string) (waiting, detail string) {
	e := &StalledError{}
	switch n.phase {
	case phaseStart, phaseHeader:
		e.Waiting = "stream header from the server"
		switch {
		case n.authed:
			e.Detail = "it accepted the login, then did not answer our new stream header"
		case n.opens > 0:
			e.Detail = "after TLS it did not answer our new stream header"
		case n.secured:
			e.Detail = "the TLS handshake worked, then it did not answer our stream header"
		default:
			e.Detail = "the connection is up, but it did not answer our stream header"
		}
	case phaseFeatures:
		e.Waiting = "stream features from the server"
		e.Detail = "it answered the stream header, then went quiet"
	case phaseStartTLS:
		e.Waiting = "answer to <starttls/> from the server"
		e.Detail = "it offered STARTTLS, then went quiet"
	case phaseHandshake:
		e.Waiting = "TLS handshake from the server"
		e.Detail = "it said <proceed/>, then did not complete the handshake"
	case phaseSASL:
		e.Waiting = fmt.Sprintf("answer to the SASL authentication (%s) from the server", mechanism)
	case phaseBind:
		e.Waiting = "answer to the resource bind request from the server"
		e.Detail = "it accepted the login, then went quiet"
	default:
		e.Waiting = "end of negotiation"
		e.Detail = "the server's last answer left xepl waiting"
	}
	if n.partial > 0 {
		what := "an element"
		if n.phase == phaseStart || n.phase == phaseHeader {
			what = "one"
		}
		e.Detail = fmt.Sprintf("the server sent the first %d bytes of %s and never finished it", n.partial, what)
	}
	return e.Waiting, e.Detail
}

// handshakeStalled is the StalledError of a direct TLS handshake that did
// not finish.
func handshakeStalled(ctx context.Context, timeout time.Duration) *StalledError {
	return &StalledError{
		Waiting: "TLS handshake from the server",
		Detail:  "the TCP connection is up, but the server did not complete a TLS handshake",
		Timeout: timeout,
		Err:     ctx.Err(),
	}
}

// notXMPPError says the server answered with something that is not an
// XMPP stream, quoting the start of it (escaped: they are a stranger's
// bytes).
func notXMPPError(first []byte) error {
	const max = 64
	more := ""
	if len(first) > max {
		first, more = first[:max], "…"
	}
	return fmt.Errorf("the server does not speak XMPP: it began with %+q%s", first, more)
}

// isTLSRecord reports whether b starts like a TLS record (a handshake or
// an alert, TLS 1.0 to 1.3 record versions): a server that speaks TLS at
// once, answering a plain stream header.
func isTLSRecord(b []byte) bool {
	return len(b) >= 3 && (b[0] == 0x15 || b[0] == 0x16) && b[1] == 0x03 && b[2] <= 0x04
}
