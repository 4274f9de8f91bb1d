package session

import (
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net"
	"time"

	"xepl/internal/rawxml"
)

// Time limits of the session's own writes: an answer to the server's
// request, and the end of the stream.
const (
	answerWriteTimeout = 10 * time.Second
	closeTimeout       = 2 * time.Second
)

// closeQuiet is the least time Close waits, after our </stream:stream>,
// for the server to send anything more before hanging up (see Close). It
// is a margin for a server slow to read our end; a reader slow to be
// scheduled is covered otherwise (stillArriving).
const closeQuiet = time.Millisecond

// closeTag ends our stream; mellium's header opens it with this prefix.
var closeTag = []byte("</stream:stream>")

// serve reads the stream after negotiation until the connection fails or
// is closed, feeding the bytes to the tap. mellium read the stream up to
// the end of negotiation, through its tap, and may have read a little
// beyond: those bytes went through the same tap, so nothing is lost or
// seen twice.
func (s *Session) serve() {
	buf := make([]byte, 32<<10)
	var err error
	for err == nil {
		var n int
		n, err = s.conn.Read(buf)
		if n > 0 {
			s.lastRead.Store(time.Now().UnixNano())
			s.tap.received(buf[:n])
		}
		if s.endWait.goOn(s, n, err) {
			err = nil
		}
	}
	s.raw.Close()
	s.tap.finish(err)
}

// stillArriving reports whether err is Close's quiet deadline passing
// while bytes from the server wait in the kernel, unread, and there is
// time left: the server was not quiet, the reader was late.
func (s *Session) stillArriving(err error) bool {
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout() && time.Now().Before(s.closeDeadline()) && unreadBytes(s.raw)
}

// closeDeadline is when Close stops waiting for the server, whatever
// comes: closeTimeout after our end, not counting the time the Observer
// has held the session back since (a slow terminal showing what the
// server sent before its end is not the server being slow).
func (s *Session) closeDeadline() time.Time {
	held := s.tap.heldBack() - time.Duration(s.closeHeld.Load())
	return time.Unix(0, s.closeBy.Load()).Add(held)
}

// write sends b as it is. The tap sees it before it is written, so that
// a reply can never be shown before its request. A write that fails, or
// is cut short by ctx, leaves the stream unusable (part of an element may
// be out, and TLS cannot go on after a write timeout): the connection is
// then closed, and the session ends. last says b ends our stream: nothing
// is written after it.
func (s *Session) write(ctx context.Context, b []byte, last bool) error {
	_, err := s.writeNumbered(ctx, b, last)
	return err
}

// writeNumbered is write, and returns the write's number (see settled).
func (s *Session) writeNumbered(ctx context.Context, b []byte, last bool) (uint64, error) {
	s.wmu.Lock()
	defer s.wmu.Unlock()
	if s.outDone || s.conn == nil {
		return 0, ErrNotConnected
	}
	s.outDone = last
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	s.writes++
	n := s.writes
	s.tap.sent(b)
	d, _ := ctx.Deadline()
	s.conn.SetWriteDeadline(d)
	fired := make(chan struct{})
	stop := context.AfterFunc(ctx, func() {
		s.conn.SetWriteDeadline(time.Unix(1, 0))
		close(fired)
	})
	_, err := s.conn.Write(b)
	if !stop() {
		<-fired
	}
	if err == nil {
		return n, nil
	}
	if ctx.Err() != nil {
		err = ctx.Err()
	}
	err = fmt.Errorf("sending stopped part-way, and the connection is closed: %w", err)
	s.mu.Lock()
	s.writeErr = err
	s.mu.Unlock()
	s.raw.Close()
	return n, err
}

// writeAnswer sends the session's answer to a request of the server's.
func (s *Session) writeAnswer(b []byte) {
	ctx, cancel := context.WithTimeout(context.Background(), answerWriteTimeout)
	defer cancel()
	s.write(ctx, b, false)
}

// closeOutput writes our </stream:stream> unless it is written already.
func (s *Session) closeOutput() {
	ctx, cancel := context.WithTimeout(context.Background(), closeTimeout)
	defer cancel()
	s.write(ctx, closeTag, true)
}

// serverEnded answers the server's end of the stream (its </stream:stream>
// or a stream error) with ours, and closes the connection: nothing may
// follow (RFC 6120 §4.4).
func (s *Session) serverEnded() {
	s.closeOutput()
	s.raw.Close()
}

// Send writes raw, which must be one or more complete elements, to the
// stream as it is.
func (s *Session) Send(ctx context.Context, raw []byte) error {
	_, err := s.sendNumbered(ctx, raw)
	return err
}

// sendNumbered is Send, and returns the write's number (see settled).
func (s *Session) sendNumbered(ctx context.Context, raw []byte) (uint64, error) {
	select {
	case <-s.done:
		return 0, ErrNotConnected
	default:
	}
	return s.writeNumbered(ctx, raw, false)
}

// settle notes that the reply to write number n came after rtt.
func (s *Session) settle(n uint64, rtt time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if n > s.settled {
		s.settled, s.settledRTT = n, rtt
	}
}

// settledNow returns the round trip of the reply to our last write, and
// false if we wrote anything after the last reply came, or nothing yet.
func (s *Session) settledNow() (time.Duration, bool) {
	s.wmu.Lock()
	writes := s.writes
	s.wmu.Unlock()
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.settledRTT, writes > 0 && s.settled == writes
}

// Close ends the stream politely, without losing what the server sent
// before its end, and closes the connection.
//
// RFC 6120 §4.4: after our </stream:stream> a client SHOULD wait for the
// server's, and MAY close after a reasonable time. Prosody answers at
// once; ejabberd (23.01) only after 100 ms of a timer of its own: once it
// has read our end it takes the session out of its tables and re-routes
// whatever still reaches the session (ejabberd_c2s:bounce_message_queue,
// `after 100`), and writes nothing to us but its </stream:stream> after.
// So Close
//
//  1. on a logged-in stream first pings the server and waits for the
//     reply. A server handles a stream in order, so what it had for us
//     when it read the ping (replies, our own messages echoed, pushes)
//     comes ahead of the reply and is read and shown. Without it,
//     ejabberd drops what it routes to us after it read our end, however
//     long we wait for its </stream:stream>. When the last thing we
//     wrote was a request whose reply has come, that reply already is
//     such a barrier, and Close does not ping again. It waits for the
//     reply while the server keeps sending, up to the session's timeout,
//     and for 2 s (closeTimeout) of silence.
//  2. sends </stream:stream>;
//  3. reads until the server's </stream:stream>, or, while nothing has
//     come after our end, until the server has been quiet for closeQuiet
//     or twice the ping's round trip, whichever is longer: anything the
//     server wrote before it read our end reaches us within a round trip.
//     Quiet means no byte came and none waits in the kernel unread, so a
//     reader that was scheduled late does not cut the wait short. Once
//     anything has come, the server is still at work for us, and a pause
//     (a server or a reader descheduled under load) is not its end: Close
//     then waits for its </stream:stream>. It never waits longer than
//     closeTimeout after our end, not counting the time a slow Observer
//     held the session back (closeDeadline).
func (s *Session) Close() error {
	s.mu.Lock()
	s.closing = true
	s.mu.Unlock()
	quiet := closeQuiet
	if rtt, ok := s.settledNow(); ok {
		quiet = max(quiet, 2*rtt) // the last reply is the barrier
	} else if !s.Info().Register {
		if rtt, ok := s.barrier(); ok {
			quiet = max(quiet, 2*rtt)
		}
	}
	s.closeHeld.Store(int64(s.tap.heldBack()))
	s.closeBy.Store(time.Now().Add(closeTimeout).UnixNano())
	s.endWait.arm(quiet)
	s.closeOutput()
	s.endWait.startQuiet(s)
	// The reader ends the stream by closeDeadline; this is the guard
	// against a reader that cannot, a second later.
	guard := time.NewTimer(closeTimeout + time.Second)
	defer guard.Stop()
	for {
		select {
		case <-s.done:
			return nil
		case <-guard.C:
			if left := time.Until(s.closeDeadline().Add(time.Second)); left > 0 {
				guard.Reset(left)
				continue
			}
			s.raw.Close()
			<-s.done
			return nil
		}
	}
}

func earlier(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}

// barrier pings the server and waits for its reply (or error); it returns
// the round trip, and false if no reply came. It waits as long as the
// server keeps sending, up to the session's timeout: a server slow under
// load is still handling what we sent before the ping, and hanging up
// would lose it (its echoes, or the stanzas themselves). It gives up once
// the server has sent nothing for closeTimeout.
func (s *Session) barrier() (time.Duration, bool) {
	ctx, cancel := context.WithTimeout(context.Background(), s.cfg.timeout())
	defer cancel()
	answered := make(chan struct{})
	defer close(answered)
	go s.cancelWhenSilent(cancel, answered)
	id := NewID("close-")
	raw := []byte("<iq type='get' id='" + id + "' to='" + rawxml.EscapeAttr(s.JID().Domainpart()) +
		"'><ping xmlns='urn:xmpp:ping'/></iq>")
	r, err := s.Request(ctx, raw, id)
	if err != nil {
		return 0, false
	}
	return r.RTT, true
}

// cancelWhenSilent calls cancel once the server has sent nothing for
// closeTimeout, unless done is closed first.
func (s *Session) cancelWhenSilent(cancel func(), done <-chan struct{}) {
	t := time.NewTimer(closeTimeout)
	defer t.Stop()
	for {
		select {
		case <-done:
			return
		case <-t.C:
			idle := time.Since(time.Unix(0, s.lastRead.Load()))
			if s.tap.waitingSince.Load() != 0 {
				idle = 0 // the server has sent; it is we who wait
			}
			if idle >= closeTimeout {
				cancel()
				return
			}
			t.Reset(closeTimeout - idle)
		}
	}
}

// Abort drops the connection at once, without closing the stream.
func (s *Session) Abort() {
	s.mu.Lock()
	s.closing = true
	s.mu.Unlock()
	s.raw.Close()
	<-s.done
}

// end records why the stream ended and wakes everyone waiting.
func (s *Session) end(readErr error) {
	s.mu.Lock()
	err := s.endError(readErr)
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

// endError says why the stream ended; s.mu is held.
func (s *Session) endError(readErr error) error {
	switch {
	case s.neg.streamError != nil:
		return ParseStreamError(s.neg.streamError)
	case s.closing:
		return nil
	case s.neg.serverClosed:
		return errors.New("the server closed the stream")
	case cutOff(readErr):
		return errors.New("connection lost: the server closed the connection without closing the stream")
	case s.writeErr != nil:
		return fmt.Errorf("connection lost: %w", s.writeErr)
	}
	return fmt.Errorf("connection lost: %w", readErr)
}

// cutOff reports whether the stream stopped in the middle, as when the
// server dies: the connection reports an unexpected EOF.
func cutOff(err error) bool {
	var syntax *xml.SyntaxError
	return errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) ||
		errors.As(err, &syntax) && syntax.Msg == "unexpected EOF"
}
