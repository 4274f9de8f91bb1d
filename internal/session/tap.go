package session

import (
	"bytes"
	"sync"
	"time"

	"xepl/internal/rawxml"
)

// Direction says which way a unit crossed the wire.
type Direction int

// The two directions.
const (
	In Direction = iota
	Out
)

func (d Direction) String() string {
	if d == Out {
		return "out"
	}
	return "in"
}

// WireUnit is one piece of the stream as it crossed the wire: a stream
// header, a top-level element, whitespace, the stream's end, or bytes that
// made no sense. Raw is exactly what was sent or received, secrets included.
type WireUnit struct {
	Time time.Time
	Dir  Direction
	rawxml.Unit
}

// Attr returns an attribute of the unit's root tag.
func (u WireUnit) Attr(name string) string {
	v, _ := rawxml.Element{Raw: u.Raw}.Attr(name)
	return v
}

// Observer is told what happens on a session. Its methods are called from
// one goroutine, in the order things happened; they must not block for long
// and must not call the session's Request.
type Observer interface {
	// Wire gets every unit in both directions, from the first byte of
	// negotiation (after TLS is up, the decrypted bytes).
	Wire(WireUnit)
	// Stanza gets every incoming top-level element after negotiation that
	// no Request was waiting for: pushes, messages, presence, late replies,
	// stream errors.
	Stanza(WireUnit)
	// Ended is called once when the stream is over: err is nil when the
	// user closed it.
	Ended(err error)
}

// event is one entry of the tap's queue.
type event struct {
	unit    WireUnit
	end     bool
	err     error
	barrier chan struct{}
}

// tap splits both directions of the stream into units and queues them, so
// that the reading goroutine never waits for the observer.
type tap struct {
	mu     sync.Mutex
	wake   chan struct{}
	queue  []event
	in     *rawxml.Splitter
	out    *rawxml.Splitter
	inMu   sync.Mutex
	outMu  sync.Mutex
	closed bool
}

func newTap() *tap {
	t := &tap{wake: make(chan struct{}, 1)}
	t.in = rawxml.NewSplitter(func(u rawxml.Unit) { t.push(In, u) })
	t.out = rawxml.NewSplitter(func(u rawxml.Unit) { t.push(Out, u) })
	return t
}

func (t *tap) push(dir Direction, u rawxml.Unit) {
	u.Raw = bytes.Clone(u.Raw)
	t.enqueue(event{unit: WireUnit{Time: time.Now(), Dir: dir, Unit: u}})
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
	t.queue = append(t.queue, e)
	t.mu.Unlock()
	select {
	case t.wake <- struct{}{}:
	default:
	}
}

// next blocks until an event is queued.
func (t *tap) next() event {
	for {
		t.mu.Lock()
		if len(t.queue) > 0 {
			e := t.queue[0]
			t.queue[0] = event{}
			t.queue = t.queue[1:]
			if e.end {
				t.closed = true
			}
			t.mu.Unlock()
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

// inWriter and outWriter are the tee targets given to mellium.
type inWriter struct{ t *tap }
type outWriter struct{ t *tap }

func (w inWriter) Write(p []byte) (int, error) {
	w.t.inMu.Lock()
	defer w.t.inMu.Unlock()
	w.t.in.Write(p)
	return len(p), nil
}

func (w outWriter) Write(p []byte) (int, error) {
	w.t.outMu.Lock()
	defer w.t.outMu.Unlock()
	w.t.out.Write(p)
	return len(p), nil
}

// finish flushes partial units and queues the end of the stream.
func (t *tap) finish(err error) {
	t.inMu.Lock()
	t.in.Flush()
	t.inMu.Unlock()
	t.outMu.Lock()
	t.out.Flush()
	t.outMu.Unlock()
	t.enqueue(event{end: true, err: err})
}
