package repl

import (
	"bytes"
	"io"
	"os"
	"runtime"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/creack/pty"

	"xepl/internal/render"
)

// BenchmarkShowBigReply shows a 1 MB and a 10 MB roster reply as the
// shell does on an 80-column 256-colour terminal (masked, made safe,
// parsed, indented, its wide start tags broken, highlighted, noted,
// written), and, with verbose off, as one line. The baseline, timed in
// alternate rounds, is io.Copy of the same rendering into the same
// pseudo-terminal, drained by another goroutine: what cat of that
// rendering costs. It reports the medians and
// xepl/io.Copy, and alloc/in, the bytes allocated to show the reply for
// each byte of it: what showing it adds to the memory of a program that
// holds it. It fails on no time.
func BenchmarkShowBigReply(b *testing.B) {
	if benchColumns == 0 {
		b.Log("XEPL_BENCH_COLUMNS=0: as if not on a terminal, nothing wrapped")
	}
	for _, size := range []int{1 << 20, 10 << 20} {
		raw := benchRoster(size)
		for _, terse := range []bool{false, true} {
			name := strconv.Itoa(size>>20) + "MB"
			if terse {
				name += "/verbose-off"
			}
			b.Run(name, func(b *testing.B) {
				w := drainedTerminal(b)
				columns := func() int { return benchColumns }
				p := &printer{out: w, err: w, hl: render.NewHighlighter("", render.Colours256), width: columns}
				p.terse.Store(terse)
				// What the shell shows, for the baseline to copy.
				var rendered bytes.Buffer
				shown := &printer{out: &rendered, err: &rendered, hl: p.hl, width: columns}
				shown.terse.Store(terse)
				shown.stanza("← reply", raw)
				var ours, copies []time.Duration
				var allocated uint64
				var before, after runtime.MemStats
				b.SetBytes(int64(len(raw)))
				for b.Loop() {
					runtime.ReadMemStats(&before)
					start := time.Now()
					p.stanza("← reply", raw)
					ours = append(ours, time.Since(start))
					runtime.ReadMemStats(&after)
					allocated += after.TotalAlloc - before.TotalAlloc
					start = time.Now()
					if _, err := io.Copy(w, bytes.NewReader(rendered.Bytes())); err != nil {
						b.Fatal(err)
					}
					copies = append(copies, time.Since(start))
				}
				o, c := medianOf(ours), medianOf(copies)
				b.ReportMetric(float64(o.Microseconds())/1e3, "xepl-ms")
				b.ReportMetric(float64(c.Microseconds())/1e3, "copy-ms")
				b.ReportMetric(float64(o)/float64(c), "xepl/copy")
				b.ReportMetric(float64(rendered.Len())/float64(len(raw)), "out/in")
				b.ReportMetric(float64(allocated)/float64(len(ours))/float64(len(raw)), "alloc/in")
			})
		}
	}
}

// benchColumns is the terminal's width in BenchmarkShowBigReply: 80, or
// XEPL_BENCH_COLUMNS (0 to time it without wrapping).
var benchColumns = func() int {
	if n, err := strconv.Atoi(os.Getenv("XEPL_BENCH_COLUMNS")); err == nil {
		return n
	}
	return 80
}()

// drainedTerminal is the terminal end of a pseudo-terminal whose other
// end a goroutine reads to the end, as a terminal emulator would (less
// the drawing), closed with the benchmark; or, where no pseudo-terminal
// can be opened, the write end of a pipe read alike.
func drainedTerminal(b *testing.B) *os.File {
	r, w, err := pty.Open()
	if err != nil {
		b.Logf("no pseudo-terminal (%v): writing to a pipe", err)
		if r, w, err = os.Pipe(); err != nil {
			b.Fatal(err)
		}
	}
	done := make(chan struct{})
	go func() { io.Copy(io.Discard, r); close(done) }()
	b.Cleanup(func() { w.Close(); <-done; r.Close() })
	return w
}

// medianOf is the median of ds.
func medianOf(ds []time.Duration) time.Duration {
	ds = slices.Clone(ds)
	slices.Sort(ds)
	return ds[len(ds)/2]
}

// benchRoster is a roster result (RFC 6121) of at least size bytes on
// one line, as a server sends it.
func benchRoster(size int) []byte {
	subs := []string{"both", "to", "from", "none"}
	var b bytes.Buffer
	b.WriteString(`<iq xmlns='jabber:client' type='result' id='roster-1' to='juliet@example.com/balcony'><query xmlns='jabber:iq:roster' ver='ver14'>`)
	for i := 0; b.Len() < size; i++ {
		n := strconv.Itoa(i)
		b.WriteString(`<item jid='contact` + n + `@example.net' name='Contact ` + n + ` &amp; Søn' subscription='` + subs[i%len(subs)] + `'>`)
		if i%3 == 0 {
			b.WriteString(`<group>Friends</group>`)
		}
		b.WriteString(`</item>`)
	}
	b.WriteString(`</query></iq>`)
	return b.Bytes()
}
