package session

import (
	"sync"
	"sync/atomic"
	"time"
)

// endWait is how the reader waits for the server's end once Close has
// sent ours (see Close, step 3). Close arms it before our end is
// written, so that whatever the server sends once it has read our end
// finds it armed, however soon that reader runs; and the reader and Close
// both set the read deadline under its lock, so that neither puts back a
// deadline the other has just moved (a quiet deadline of a millisecond
// set over the reader's "wait for the end" would cut the end short).
//
// quiet is read without the lock first: the reader asks after every read
// of the session, and only Close's last reads need the lock.
type endWait struct {
	mu    sync.Mutex
	quiet atomic.Int64 // how long a silence ends the wait (ns); 0: not armed
	heard bool         // bytes came after our end (under mu)
}

// arm is called by Close before it writes our end.
func (w *endWait) arm(quiet time.Duration) { w.quiet.Store(int64(quiet)) }

// startQuiet is called by Close once our end is written: unless the
// server has already sent something, the reader waits for its silence.
func (w *endWait) startQuiet(s *Session) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if !w.heard {
		s.conn.SetReadDeadline(earlier(time.Now().Add(time.Duration(w.quiet.Load())), s.closeDeadline()))
	}
}

// goOn is called by the reader after each read; it reports whether to
// read on past Close's deadline. While the server is still sending, the reader waits
// on; once it has sent anything, for its </stream:stream> (a pause is not
// its end), never past closeDeadline.
func (w *endWait) goOn(s *Session, n int, err error) bool {
	if w.quiet.Load() == 0 {
		return false
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if !((n > 0 && err == nil) || s.stillArriving(err)) {
		return false
	}
	w.heard = w.heard || n > 0
	deadline := s.closeDeadline()
	if !w.heard {
		deadline = earlier(time.Now().Add(time.Duration(w.quiet.Load())), deadline)
	}
	s.conn.SetReadDeadline(deadline)
	return true
}
