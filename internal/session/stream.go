package session

import (
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"time"
)

// Time limits of the session's own writes: an answer to the server's
// request, and the end of the stream.
const (
	answerWriteTimeout = 10 * time.Second
	closeTimeout       = 2 * time.Second
)

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
			s.tap.received(buf[:n])
		}
	}
	s.raw.Close()
	s.tap.finish(err)
}

// write sends b as it is. The tap sees it before it is written, so that
// a reply can never be shown before its request. A write that fails, or
// is cut short by ctx, leaves the stream unusable (part of an element may
// be out, and TLS cannot go on after a write timeout): the connection is
// then closed, and the session ends. last says b ends our stream: nothing
// is written after it.
func (s *Session) write(ctx context.Context, b []byte, last bool) error {
	s.wmu.Lock()
	defer s.wmu.Unlock()
	if s.outDone || s.conn == nil {
		return ErrNotConnected
	}
	s.outDone = last
	if err := ctx.Err(); err != nil {
		return err
	}
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
		return nil
	}
	if ctx.Err() != nil {
		err = ctx.Err()
	}
	err = fmt.Errorf("sending stopped part-way, and the connection is closed: %w", err)
	s.mu.Lock()
	s.writeErr = err
	s.mu.Unlock()
	s.raw.Close()
	return err
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
	select {
	case <-s.done:
		return ErrNotConnected
	default:
	}
	return s.write(ctx, raw, false)
}

// Close ends the stream politely: it sends </stream:stream>, waits briefly
// for the server's, and closes the connection.
func (s *Session) Close() error {
	s.mu.Lock()
	s.closing = true
	s.mu.Unlock()
	s.closeOutput()
	s.conn.SetReadDeadline(time.Now().Add(closeTimeout))
	select {
	case <-s.done:
	case <-time.After(closeTimeout + time.Second):
		s.raw.Close()
		<-s.done
	}
	return nil
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
