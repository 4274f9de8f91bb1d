package session_test

import (
	"fmt"
	"runtime"
	"runtime/metrics"
	"sync/atomic"
	"testing"
	"time"

	"xepl/internal/session"
)

// BenchmarkMemory feeds 10 MB of small messages (100,000 of about 100
// bytes) from a fake server through a Session to its Observer, and reports
// the peak heap in use during the run per byte of input
// (peak-heap/input-byte: the target is at most 2). The slow Observer
// takes 20µs a stanza, as a terminal might, so that the server gets ahead
// of it: the session must then make the server wait rather than queue
// what it reads. Run with
//
//	go test ./internal/session -run '^$' -bench Memory -benchtime 3x
func BenchmarkMemory(b *testing.B) {
	input := messages(100_000)
	for _, obs := range []struct {
		name  string
		delay time.Duration
	}{{"fast-observer", 0}, {"slow-observer", 20 * time.Microsecond}} {
		b.Run(obs.name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(input.size)
			var peak uint64
			for b.Loop() {
				peak = max(peak, feed(b, input, obs.delay))
			}
			b.ReportMetric(float64(peak)/float64(input.size), "peak-heap/input-byte")
		})
	}
}

// generated is a stream of count messages, made as it is sent so that the
// benchmark does not hold it: the heap measured is the session's.
type generated struct {
	count int
	size  int64
}

func messages(count int) generated {
	n := 0
	for i := range count {
		n += len(message(nil, i))
	}
	return generated{count: count, size: int64(n + len(endMessage))}
}

const endMessage = "<message id='end'/>"

func message(b []byte, i int) []byte {
	return fmt.Appendf(b, "<message from='friend@%s/x' id='m%06d' type='chat'><body>%040d</body></message>", fakeDomain, i, i)
}

// sendAll sends the stream in writes of about 64 KiB.
func (g generated) sendAll(c *fakeConn) error {
	buf := make([]byte, 0, 70<<10)
	for i := range g.count {
		buf = message(buf, i)
		if len(buf) >= 64<<10 || i == g.count-1 {
			if i == g.count-1 {
				buf = append(buf, endMessage...)
			}
			if _, err := c.Write(buf); err != nil {
				return err
			}
			buf = buf[:0]
		}
	}
	return nil
}

// feed runs one session that receives input, and returns the most heap
// in use above what was in use before it began.
func feed(b *testing.B, input generated, delay time.Duration) uint64 {
	f := newFake(b, func(c *fakeConn) error {
		if err := c.login(); err != nil {
			return err
		}
		if err := input.sendAll(c); err != nil {
			return err
		}
		return c.Hold()
	})
	obs := &countingObserver{delay: delay, end: make(chan struct{})}
	runtime.GC()
	stop := make(chan struct{})
	peak := make(chan uint64)
	go samplePeak(stop, peak)
	s, err := session.Connect(b.Context(), f.config(obs, 5*time.Second))
	if err != nil {
		b.Fatal(err)
	}
	select {
	case <-obs.end:
	case <-time.After(time.Minute):
		b.Fatalf("the Observer got %d stanzas in a minute", obs.stanzas.Load())
	}
	close(stop)
	p := <-peak
	s.Abort()
	f.stop()
	return p
}

// samplePeak samples the heap in use every millisecond until stop, then
// sends the highest figure above the first.
func samplePeak(stop <-chan struct{}, peak chan<- uint64) {
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	read := func() uint64 {
		metrics.Read(sample)
		return sample[0].Value.Uint64()
	}
	base, high := read(), uint64(0)
	tick := time.NewTicker(time.Millisecond)
	defer tick.Stop()
	for {
		select {
		case <-stop:
			high = max(high, read())
			peak <- high - min(base, high)
			return
		case <-tick.C:
			high = max(high, read())
		}
	}
}

// countingObserver counts stanzas, spending delay on each, and closes end
// at the last one.
type countingObserver struct {
	delay   time.Duration
	stanzas atomic.Int64
	end     chan struct{}
}

func (o *countingObserver) Wire(session.WireUnit) {}

func (o *countingObserver) Stanza(u session.WireUnit) {
	o.stanzas.Add(1)
	for begin := time.Now(); time.Since(begin) < o.delay; {
	}
	if u.Attr("id") == "end" {
		close(o.end)
	}
}

func (o *countingObserver) Ended(error) {}
