package session

import (
	"sync"
	"sync/atomic"
	"time"

	"xepl/internal/rawxml"
)

// event is one entry of the tap's queue.
type event struct {
	unit WireUnit
	// partial marks the bytes of an unfinished unit, flushed when the
	// stream ended: what the server had begun to send and never finished.
	partial bool
	end     bool
	err     error
	barrier chan struct{}
}

// incoming reports whether e is a unit read from the server.
func (e event) incoming() bool { return e.unit.Kind != 0 && e.unit.Dir == In }

// maxQueued and maxQueuedUnits bound the incoming units queued for the
// dispatcher, in bytes and in number. Past either the reading side waits,
// so that a server sending faster than the Observer consumes fills the TCP
// window instead of our memory: the queue holds at most this much plus
// one unit, whatever the input size.
// Outgoing units are never held back: they are written by the session
// itself, the dispatcher among others, which must never wait on its own
// queue.
const (
	maxQueued      = 256 << 10
	maxQueuedUnits = 512
)

// tap splits both directions of the stream into units and queues them for
// the dispatcher. The splitters give each unit its own copy of its bytes,
// and the queue hands that copy on: a unit is held once, never copied
// again.
type tap struct {
	mu      sync.Mutex
	wake    chan struct{} // the dispatcher waits on it for events
	room    chan struct{} // the reading side waits on it for room
	queue   []event
	head    int // queue[head:] is pending
	inBytes int // bytes of incoming units in the queue
	inUnits int // and their number
	closed  bool

	in, out     *rawxml.Splitter
	inMu, outMu sync.Mutex
	flushing    bool // set by finish: units emitted now are partial

	// held is how long the reading side has waited for room in all
	// (nanoseconds), and waitingSince when its current wait began (Unix
	// nanoseconds, 0 when it is not waiting): the time the Observer held
	// the session back, which a reply's timeout does not count.
	held, waitingSince atomic.Int64
}

func newTap() *tap {
	t := &tap{wake: make(chan struct{}, 1), room: make(chan struct{}, 1)}
	t.in = rawxml.NewSplitter(func(u rawxml.Unit) { t.push(In, u) })
	t.out = rawxml.NewSplitter(func(u rawxml.Unit) { t.push(Out, u) })
	return t
}

func (t *tap) push(dir Direction, u rawxml.Unit) {
	e := event{unit: WireUnit{Time: time.Now(), Dir: dir, Unit: u}}
	if dir == In {
		e.partial = t.flushing
		t.waitRoom()
	}
	t.enqueue(e)
}

// waitRoom blocks while the incoming units queued exceed maxQueued.
func (t *tap) waitRoom() {
	var began time.Time
	for {
		t.mu.Lock()
		full := (t.inBytes > maxQueued || t.inUnits >= maxQueuedUnits) && !t.closed
		t.mu.Unlock()
		if !full {
			if !began.IsZero() {
				t.held.Add(int64(time.Since(began)))
				t.waitingSince.Store(0)
			}
			return
		}
		if began.IsZero() {
			began = time.Now()
			t.waitingSince.Store(began.UnixNano())
		}
		<-t.room
	}
}

// heldBack returns how long the reading side has waited for room so far,
// the wait it is in, if any, included.
func (t *tap) heldBack() time.Duration {
	d := time.Duration(t.held.Load())
	if since := t.waitingSince.Load(); since != 0 {
		d += time.Since(time.Unix(0, since))
	}
	return d
}

func (t *tap) enqueue(e event) {
	t.mu.Lock()
	if t.closed {
		t.mu.Unlock()
		if e.barrier != nil {
			close(e.barrier)
		}
		return
	}
	if t.head > 0 && t.head >= len(t.queue)/2 {
		// Move what is pending to the front, so that the array is reused
		// rather than grown for ever while the queue is never empty.
		n := copy(t.queue, t.queue[t.head:])
		clear(t.queue[n:])
		t.queue, t.head = t.queue[:n], 0
	}
	t.queue = append(t.queue, e)
	if e.incoming() {
		t.inBytes += len(e.unit.Raw)
		t.inUnits++
	}
	t.mu.Unlock()
	signal(t.wake)
}

// signal wakes whoever waits on c, without blocking.
func signal(c chan struct{}) {
	select {
	case c <- struct{}{}:
	default:
	}
}

// next blocks until an event is queued.
func (t *tap) next() event {
	for {
		t.mu.Lock()
		if t.head < len(t.queue) {
			e := t.queue[t.head]
			t.queue[t.head] = event{}
			t.head++
			if e.incoming() {
				t.inBytes -= len(e.unit.Raw)
				t.inUnits--
			}
			if e.end {
				t.closed = true
			}
			t.mu.Unlock()
			signal(t.room)
			return e
		}
		t.mu.Unlock()
		<-t.wake
	}
}

// sync waits until every event queued so far has been dispatched.
func (t *tap) sync() {
	b := make(chan struct{})
	t.enqueue(event{barrier: b})
	<-b
}

// received feeds bytes read from the server to the in splitter.
func (t *tap) received(p []byte) {
	t.inMu.Lock()
	defer t.inMu.Unlock()
	t.in.Write(p)
}

// sent feeds bytes written to the server to the out splitter.
func (t *tap) sent(p []byte) {
	t.outMu.Lock()
	defer t.outMu.Unlock()
	t.out.Write(p)
}

// inWriter and outWriter are the tee targets given to mellium for the
// negotiation.
type inWriter struct{ t *tap }
type outWriter struct{ t *tap }

func (w inWriter) Write(p []byte) (int, error) {
	w.t.received(p)
	return len(p), nil
}

func (w outWriter) Write(p []byte) (int, error) {
	w.t.sent(p)
	return len(p), nil
}

// finish flushes partial units and queues the end of the stream.
func (t *tap) finish(err error) {
	t.inMu.Lock()
	t.flushing = true
	t.in.Flush()
	t.inMu.Unlock()
	t.outMu.Lock()
	t.out.Flush()
	t.outMu.Unlock()
	t.enqueue(event{end: true, err: err})
}
