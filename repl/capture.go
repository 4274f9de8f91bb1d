package repl

import (
	"sync"
	"time"

	"xepl/internal/rawxml"
	"xepl/internal/session"
)

// The capture's default bounds: whichever is reached first drops the
// oldest elements. 10,000 elements is a long class; 64 MiB holds a few
// big rosters or MAM pages besides.
const (
	defaultCaptureElements = 10000
	defaultCaptureBytes    = 64 << 20
	// junkKept is how much of bytes that are not XML is kept: enough to
	// see what a hostile or broken peer sent, not all of it.
	junkKept = 4096
)

// captured is one unit of a stream, in or out, as the capture keeps it:
// secrets masked by position (and the echoes of the secrets known when
// it came), standalone (the stream header's prefixes declared on it), so
// that it can be searched and explained long after.
type captured struct {
	n       int // its number, from 1 for the shell's first
	time    time.Time
	dir     session.Direction
	session string // the name of the session it came on
	kind    rawxml.Kind
	prefix  string // stream for stream:features, stream:error
	local   string // message, iq, features...
	raw     []byte
	// cut is how many bytes of junk were not kept.
	cut int
}

// capture is a bounded ring of the elements of every session, from each
// stream's first byte: log, find and explain read it. It is safe for
// concurrent use: each session's dispatcher adds to it while commands
// read it.
//
// The ring is an array that grows up to maxUnits and is then reused in
// place: a flood that never stops costs one array of maxUnits entries and
// the bytes of the units held, nothing that grows or is copied per unit.
type capture struct {
	mu       sync.Mutex
	ring     []captured // ring[head] is the oldest of the held units
	head     int
	held     int
	bytes    int // of the raw of the held units
	next     int // the number the next unit gets
	dropped  int // units let go to stay in bounds
	maxUnits int
	maxBytes int
}

func newCapture() *capture {
	return &capture{next: 1, maxUnits: defaultCaptureElements, maxBytes: defaultCaptureBytes}
}

// add keeps a unit, already masked, and lets the oldest go past the
// bounds. Whitespace (keepalives) is not kept. It returns the unit as
// kept; its n is 0 when it was not kept.
func (c *capture) add(u session.WireUnit, sessionName string, masked []byte) captured {
	if u.Kind == rawxml.KindWhitespace || u.Kind == 0 {
		return captured{}
	}
	e := captured{time: u.Time, dir: u.Dir, session: sessionName, kind: u.Kind, prefix: u.Prefix, local: u.Local, raw: masked}
	if u.Kind == rawxml.KindJunk && len(e.raw) > junkKept {
		e.cut = len(e.raw) - junkKept
		e.raw = e.raw[:junkKept:junkKept]
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	e.n = c.next
	c.next++
	for c.held >= c.maxUnits {
		c.dropOldest()
	}
	if c.held == len(c.ring) {
		c.resize(min(c.maxUnits, max(16, 2*c.held)))
	}
	c.ring[(c.head+c.held)%len(c.ring)] = e
	c.held++
	c.bytes += len(e.raw)
	c.trim()
	return e
}

// at returns the i-th held unit, oldest first.
func (c *capture) at(i int) *captured { return &c.ring[(c.head+i)%len(c.ring)] }

// dropOldest lets the oldest held unit go.
func (c *capture) dropOldest() {
	old := c.at(0)
	c.bytes -= len(old.raw)
	*old = captured{}
	c.head = (c.head + 1) % len(c.ring)
	c.held--
	c.dropped++
}

// trim drops the oldest units while the capture is over its bytes bound,
// keeping the newest whatever its size.
func (c *capture) trim() {
	for c.bytes > c.maxBytes && c.held > 1 {
		c.dropOldest()
	}
}

// resize moves the held units, oldest first, into a new array of n
// entries (n >= held).
func (c *capture) resize(n int) {
	ring := make([]captured, n)
	for i := range c.held {
		ring[i] = *c.at(i)
	}
	c.ring, c.head = ring, 0
}

// setLimits changes the bounds; 0 keeps a bound as it is.
func (c *capture) setLimits(units, bytes int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if units > 0 {
		c.maxUnits = units
	}
	if bytes > 0 {
		c.maxBytes = bytes
	}
	for c.held > c.maxUnits {
		c.dropOldest()
	}
	c.trim()
	if len(c.ring) > c.maxUnits {
		c.resize(c.maxUnits)
	}
}

// limits returns the bounds, what is held and how many units were let go.
func (c *capture) stats() (held, heldBytes, maxUnits, maxBytes, dropped int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.held, c.bytes, c.maxUnits, c.maxBytes, c.dropped
}

// get returns unit number n, if it is still held.
func (c *capture) get(n int) (captured, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.held == 0 {
		return captured{}, false
	}
	i := n - c.at(0).n
	if i < 0 || i >= c.held {
		return captured{}, false
	}
	return *c.at(i), true
}

// all returns a copy of the units held, oldest first; the raw bytes are
// shared, and never changed.
func (c *capture) all() []captured {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := make([]captured, c.held)
	for i := range out {
		out[i] = *c.at(i)
	}
	return out
}

// last returns the number of the newest unit, 0 when none came yet.
func (c *capture) last() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.next - 1
}
