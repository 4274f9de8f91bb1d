package repl

import (
	"context"
	"sync"
	"time"
)

// inboxLimit and inboxBytes bound a session's inbox: a busy stream (or a
// hostile one sending large stanzas) keeps only its latest stanzas for
// expect stanza, within a few megabytes; one larger than that is not kept.
const (
	inboxLimit = 256
	inboxBytes = 8 << 20
)

// inbox keeps the stanzas a session received that no request waited for
// (messages, presence, pushes), until expect stanza takes one: a stanza
// that arrived before the expect line counts too. The session's observer
// adds from its goroutine; the shell takes from its own.
type inbox struct {
	mu      sync.Mutex
	items   [][]byte
	size    int           // the bytes in items
	arrived chan struct{} // closed when a stanza is added, then replaced
}

func (b *inbox) add(raw []byte) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if len(raw) > inboxBytes {
		return
	}
	for len(b.items) > 0 && (len(b.items) == inboxLimit || b.size+len(raw) > inboxBytes) {
		b.size -= len(b.items[0])
		b.items = b.items[1:]
	}
	b.items = append(b.items, raw)
	b.size += len(raw)
	if b.arrived != nil {
		close(b.arrived)
		b.arrived = nil
	}
}

// take removes and returns the oldest stanza that matches, and a channel
// closed when another arrives.
func (b *inbox) take(match func([]byte) bool) ([]byte, bool, <-chan struct{}) {
	b.mu.Lock()
	defer b.mu.Unlock()
	for i, raw := range b.items {
		if match(raw) {
			b.items = append(b.items[:i:i], b.items[i+1:]...)
			b.size -= len(raw)
			return raw, true, nil
		}
	}
	if b.arrived == nil {
		b.arrived = make(chan struct{})
	}
	return nil, false, b.arrived
}

// waitFor takes the oldest matching stanza, waiting up to within for one
// to arrive; false when none came (or ctx ended).
func (b *inbox) waitFor(ctx context.Context, match func([]byte) bool, within time.Duration) ([]byte, bool) {
	timer := time.NewTimer(within)
	defer timer.Stop()
	for {
		raw, ok, arrived := b.take(match)
		if ok {
			return raw, true
		}
		select {
		case <-arrived:
		case <-timer.C:
			return nil, false
		case <-ctx.Done():
			return nil, false
		}
	}
}
