//go:build linux

package main

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"mellium.im/xmpp/jid"

	"xepl/internal/localserver"
	"xepl/internal/procmem"
	"xepl/internal/servertest"
	"xepl/internal/session"
)

// The backlog test: how many messages, the bound on xepl's peak RSS, and
// how fast its output is read unless XEPL_BACKLOG_RATE (bytes a second)
// says otherwise. The figure is at 300 KB/s (XEPL_BACKLOG_RATE=300000,
// about 90 s a server); CI reads faster, still far slower than the server
// sends, so that the backlog is there all the same.
const (
	backlogMessages = 100_000
	backlogRSSBound = 32 << 20
	backlogRate     = 1_500_000
	backlogMinLeft  = 5_000 // see the end of TestBacklogBoundedMemory
)

// backlogWait bounds each wait of the test.
var backlogWait = 5 * time.Minute

// TestBacklogBoundedMemory is the "Done when" of issue 13's backpressure:
// another account sends alice 100,000 messages much faster than her
// output is read. xepl must stop reading the socket rather than queue the
// backlog, so its peak RSS stays under the bound, and show every message
// exactly once. Halfway through, alice pings the server: the reply sits
// behind the backlog on the stream and must still be paired with the
// request, not shown as a stray arrival (no deadlock between a command
// waiting for its reply and the arrivals ahead of it).
func TestBacklogBoundedMemory(t *testing.T) {
	rate := backlogRate
	if s := os.Getenv("XEPL_BACKLOG_RATE"); s != "" {
		var err error
		if rate, err = strconv.Atoi(s); err != nil || rate <= 0 {
			t.Fatalf("XEPL_BACKLOG_RATE=%q: want bytes a second", s)
		}
	}
	servertest.Each(t, func(t *testing.T, srv *localserver.Server) {
		alice, bob := account(t, srv, "backlog-alice"), account(t, srv, "backlog-bob")
		r := startSlowReader(t, rate, "--jid", alice.jid, "--server", srv.Addr(), "--ca-file", srv.CertFile, "--password-file", alice.pwFile)
		// A reply timeout shorter than the backlog takes to show: the
		// ping's reply is late only because the terminal is slow, which
		// the timeout does not count.
		io.WriteString(r.in, "timeout 3s\n<presence/>\n")
		r.waitFor(t, "presence echoed", func(o *backlogOutput) bool { return o.presence })

		idle := vmHWM(r.cmd.Process.Pid)
		t.Logf("idle, logged in: peak RSS %.1f MB", float64(idle)/(1<<20))
		begin := time.Now()
		stop := make(chan struct{})
		defer close(stop)
		go func() {
			for {
				select {
				case <-stop:
					return
				case <-time.After(2 * time.Second):
				}
				o := r.snapshot()
				t.Logf("%v: %d shown, %d bytes read, peak RSS so far %.1f MB", time.Since(begin).Round(time.Second), o.count, o.bytes, float64(vmHWM(r.cmd.Process.Pid))/(1<<20))
			}
		}()
		sent := flood(t, srv, bob, alice.jid, 0, backlogMessages/2)
		io.WriteString(r.in, "ping.server\n")
		sent += flood(t, srv, bob, alice.jid, sent, backlogMessages-sent)
		produced := time.Since(begin)
		shownWhenSent := r.snapshot().count

		r.waitFor(t, "every message", func(o *backlogOutput) bool { return o.count >= backlogMessages && o.pong })
		consumed := time.Since(begin)
		io.WriteString(r.in, "quit\n")
		r.in.Close()
		status, rss := r.wait(t)
		o := r.snapshot()
		t.Logf("%s: %d messages sent in %v, shown in %v (%d shown when the last was sent); output %d bytes read at %d B/s; peak RSS %.1f MB",
			srv.Kind, sent, produced.Round(time.Millisecond), consumed.Round(time.Millisecond), shownWhenSent, o.bytes, rate, float64(rss)/(1<<20))
		if status != 0 {
			t.Errorf("exit status %d; stderr:\n%s", status, r.stderr.String())
		}
		if rss >= backlogRSSBound {
			t.Errorf("peak RSS %.1f MB, want under %d MB", float64(rss)/(1<<20), backlogRSSBound>>20)
		}
		if o.count != backlogMessages || o.dups != 0 {
			t.Errorf("%d messages shown (%d more than once), want each of %d once", o.count, o.dups, backlogMessages)
		}
		if !o.pong || o.strayResult {
			t.Errorf("the ping's reply: paired %v, shown as a stray arrival %v", o.pong, o.strayResult)
		}
		// What was still to be shown when the last message was sent waited
		// in the kernel's buffers and the server: it must be far more than
		// xepl's own queue holds (512 units), or xepl never had to stop
		// reading. Prosody slows the sender once its socket to us is full,
		// so only 9-21 % were left there in our runs, against 72-86 % on
		// ejabberd.
		if left := backlogMessages - shownWhenSent; left < backlogMinLeft {
			t.Errorf("only %d of %d messages were still to be shown when the last was sent (want at least %d): the output was not the slow side, so nothing was tested", left, backlogMessages, backlogMinLeft)
		}
	})
}

// backlogAccount is an account registered for the test.
type backlogAccount struct {
	jid, password, pwFile string
}

func account(t *testing.T, srv *localserver.Server, user string) backlogAccount {
	t.Helper()
	a := backlogAccount{jid: user + "@" + srv.Domain, password: "pw-" + user}
	if err := srv.Register(context.Background(), user, a.password); err != nil {
		t.Fatal(err)
	}
	a.pwFile = filepath.Join(t.TempDir(), user+"-password")
	if err := os.WriteFile(a.pwFile, []byte(a.password+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	return a
}

// flood logs in as from and sends to n headline messages, numbered from
// first on (each server's run numbers its own from 0), and returns n once
// the last is written to the socket.
func flood(t *testing.T, srv *localserver.Server, from backlogAccount, to string, first, n int) int {
	t.Helper()
	s, err := session.Connect(context.Background(), session.Config{
		JID: jid.MustParse(from.jid), Password: from.password, Server: srv.Addr(), RootCAs: srv.CertPool,
	})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	var b []byte
	for i := range n {
		k := first + i
		b = fmt.Appendf(b, "<message to='%s' type='headline' id='f%d'><body>flood %06d: a line of chat of an ordinary length.</body></message>", to, k, k)
		if len(b) > 32<<10 || i == n-1 {
			if err := s.Send(ctx, b); err != nil {
				t.Fatalf("sending message %d: %v", k, err)
			}
			b = b[:0]
		}
	}
	return n
}

// slowReader is a running xepl whose output is read at a set rate, as a
// slow terminal would, and counted as it is read.
type slowReader struct {
	cmd    *exec.Cmd
	in     io.WriteCloser
	stderr bytes.Buffer
	peak   atomic.Int64 // the process's peak RSS so far (watchPeak)
	mu     sync.Mutex
	out    backlogOutput
	done   chan struct{} // closed when the output ends
}

// backlogOutput is what the reader counted.
type backlogOutput struct {
	count, dups int
	seen        []bool
	bytes       int64
	presence    bool     // alice's own presence came back
	pong        bool     // the ping's reply, paired
	strayResult bool     // an iq result shown as an arrival no one asked for
	tail        []string // the last lines read, for a failure's message
}

var (
	floodLine  = regexp.MustCompile(`flood (\d{6}):`)
	pongLine   = regexp.MustCompile(`^← result in [0-9.]+ ms`)
	strayLine  = regexp.MustCompile(`^← iq result`)
	presenceRe = regexp.MustCompile(`^← presence`)
)

func startSlowReader(t *testing.T, rate int, args ...string) *slowReader {
	t.Helper()
	bin := os.Getenv("XEPL_BACKLOG_BIN") // another build, to compare
	if bin == "" {
		// The xepl binary itself: the test binary would add the testing
		// package and every test's code to the RSS measured.
		bin = filepath.Join(t.TempDir(), "xepl")
		if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
			t.Fatalf("go build: %v\n%s", err, out)
		}
	}
	return startSlowCommand(t, rate, exec.Command(bin, args...))
}

// startSlowCommand starts cmd, a client that prints the messages it
// gets, with its output read at rate bytes a second.
func startSlowCommand(t *testing.T, rate int, cmd *exec.Cmd) *slowReader {
	t.Helper()
	cmd.Env = append(os.Environ(), "XEPL_RUN_MAIN=1", "HOME="+t.TempDir(), "XDG_STATE_HOME=", "TERM=dumb")
	reportRaces(t, cmd)
	r := &slowReader{cmd: cmd, done: make(chan struct{})}
	r.out.seen = make([]bool, backlogMessages)
	cmd.Stderr = &r.stderr
	in, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill() })
	r.in = in
	go r.watchPeak(cmd.Process.Pid)
	go r.read(&throttled{r: out, rate: rate, begin: time.Now()})
	return r
}

// read counts what xepl prints, line by line.
func (r *slowReader) read(src io.Reader) {
	defer close(r.done)
	sc := bufio.NewScanner(src)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() {
		line := strings.TrimLeft(sc.Text(), " ")
		r.mu.Lock()
		o := &r.out
		o.bytes += int64(len(sc.Bytes()) + 1)
		if o.tail = append(o.tail, sc.Text()); len(o.tail) > 20 {
			o.tail = o.tail[1:]
		}
		if m := floodLine.FindStringSubmatch(line); m != nil {
			i, _ := strconv.Atoi(m[1])
			if i < len(o.seen) && o.seen[i] {
				o.dups++
			} else if i < len(o.seen) {
				o.seen[i] = true
				o.count++
			}
		}
		o.presence = o.presence || presenceRe.MatchString(line)
		o.pong = o.pong || pongLine.MatchString(line)
		o.strayResult = o.strayResult || strayLine.MatchString(line)
		r.mu.Unlock()
	}
}

func (r *slowReader) snapshot() backlogOutput {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.out
}

// waitFor waits until ok holds of the output, failing if the output ends
// first or after backlogWait.
func (r *slowReader) waitFor(t *testing.T, what string, ok func(*backlogOutput) bool) {
	t.Helper()
	deadline := time.Now().Add(backlogWait)
	for time.Now().Before(deadline) {
		o := r.snapshot()
		if ok(&o) {
			return
		}
		select {
		case <-r.done:
			o := r.snapshot()
			if ok(&o) {
				return
			}
			t.Fatalf("xepl's output ended before %s (%d messages shown); stderr:\n%s", what, o.count, r.stderr.String())
		case <-time.After(50 * time.Millisecond):
		}
	}
	o := r.snapshot()
	t.Fatalf("no %s within %v (%d messages shown); the last lines:\n%s\nstderr:\n%s", what, backlogWait, o.count, strings.Join(o.tail, "\n"), r.stderr.String())
}

// wait waits for xepl to exit and returns its status and peak RSS, as
// watchPeak last read it.
func (r *slowReader) wait(t *testing.T) (int, int64) {
	t.Helper()
	exited := make(chan error, 1)
	go func() { <-r.done; exited <- r.cmd.Wait() }()
	select {
	case <-exited:
	case <-time.After(30 * time.Second):
		t.Fatal("xepl still runs 30 s after quit") // the cleanup kills it
	}
	return r.cmd.ProcessState.ExitCode(), r.peak.Load()
}

// watchPeak keeps the peak RSS of process pid in r.peak, read every 10 ms
// until the process has exited (a zombie has none). See procmem for why
// not the child's rusage.
func (r *slowReader) watchPeak(pid int) {
	for {
		hwm, ok := procmem.Peak(pid)
		if !ok {
			return
		}
		if hwm > r.peak.Load() {
			r.peak.Store(hwm)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// vmHWM is the peak RSS of pid so far, 0 if it cannot be read.
func vmHWM(pid int) int64 {
	v, _ := procmem.Peak(pid)
	return v
}

// throttled reads from r at most rate bytes a second on average.
type throttled struct {
	r     io.Reader
	rate  int
	begin time.Time
	total int64
}

func (t *throttled) Read(p []byte) (int, error) {
	if len(p) > 4096 {
		p = p[:4096]
	}
	due := t.begin.Add(time.Duration(float64(t.total) / float64(t.rate) * float64(time.Second)))
	if d := time.Until(due); d > 0 {
		time.Sleep(d)
	}
	n, err := t.r.Read(p)
	t.total += int64(n)
	return n, err
}
