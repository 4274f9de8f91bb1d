package repl

import (
	"bytes"
	"context"
	"testing"
	"time"
)

// TestInboxBounded: the inbox keeps the newest stanzas within its count
// and its bytes, and takes the oldest that matches.
func TestInboxBounded(t *testing.T) {
	var b inbox
	big := bytes.Repeat([]byte("x"), inboxBytes/4+1)
	for i := 0; i < 10; i++ {
		b.add(big)
	}
	if b.size > inboxBytes || len(b.items) != 3 {
		t.Errorf("after 10 stanzas of a quarter of the bound: %d kept, %d bytes (bound %d)", len(b.items), b.size, inboxBytes)
	}
	b.add(bytes.Repeat([]byte("y"), inboxBytes+1))
	if len(b.items) != 3 {
		t.Errorf("a stanza over the bound was kept")
	}
	for i := 0; i < inboxLimit+10; i++ {
		b.add([]byte{byte(i)})
	}
	if len(b.items) != inboxLimit {
		t.Errorf("%d stanzas kept, bound %d", len(b.items), inboxLimit)
	}
	raw, ok := b.waitFor(context.Background(), func(r []byte) bool { return len(r) == 1 }, time.Millisecond)
	if !ok || raw[0] != 10 || b.size != inboxLimit-1 {
		t.Errorf("took %v %v, size %d; want the oldest kept, byte 10", raw, ok, b.size)
	}
}
