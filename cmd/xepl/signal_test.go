//go:build linux

package main

import (
	"bufio"
	"io"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/creack/pty"

	"xepl/internal/localserver"
	"xepl/internal/servertest"
)

// TestMain lets the test binary stand in for xepl: started with
// XEPL_RUN_MAIN=1 it runs main, so that the tests can signal a real
// process. Otherwise it runs the tests and then stops the servers they
// shared, removing their directories (keys, accounts).
func TestMain(m *testing.M) {
	if os.Getenv("XEPL_RUN_MAIN") == "1" {
		main()
	}
	servertest.Main(m)
}

// xepl is a running xepl process and everything it printed.
type xepl struct {
	cmd  *exec.Cmd
	in   io.WriteCloser
	home string // its HOME, where it keeps its history
	mu   sync.Mutex
	out  strings.Builder
	mark int // how much of out expectations have read
}

// startXepl starts xepl with args, its output in one buffer; tty runs it
// on a pseudo-terminal, as a person would.
func startXepl(t *testing.T, tty bool, args ...string) *xepl {
	t.Helper()
	return startXeplIn(t, t.TempDir(), tty, args...)
}

// startXeplIn is startXepl with home as its HOME: a second run finds
// what the first kept.
func startXeplIn(t *testing.T, home string, tty bool, args ...string) *xepl {
	t.Helper()
	cmd := exec.Command(os.Args[0], args...)
	x := &xepl{cmd: cmd, home: home}
	cmd.Env = append(os.Environ(), "XEPL_RUN_MAIN=1", "HOME="+x.home, "XDG_STATE_HOME=", "TERM=xterm")
	reportRaces(t, cmd)
	var out io.Reader
	if tty {
		f, err := pty.StartWithSize(cmd, &pty.Winsize{Rows: 40, Cols: 80})
		if err != nil {
			t.Fatal(err)
		}
		x.in, out = f, f
	} else {
		in, err := cmd.StdinPipe()
		if err != nil {
			t.Fatal(err)
		}
		r, w := io.Pipe()
		cmd.Stdout, cmd.Stderr = w, w
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		x.in, out = in, r
	}
	go func() {
		br := bufio.NewReader(out)
		buf := make([]byte, 4096)
		for {
			n, err := br.Read(buf)
			x.mu.Lock()
			x.out.Write(buf[:n])
			x.mu.Unlock()
			if err != nil {
				return
			}
		}
	}()
	t.Cleanup(func() { cmd.Process.Kill() })
	return x
}

func (x *xepl) output() string {
	x.mu.Lock()
	defer x.mu.Unlock()
	return x.out.String()
}

// waitFor waits until the output matches re, and returns the match.
func (x *xepl) waitFor(t *testing.T, re string) []string {
	t.Helper()
	r := regexp.MustCompile(re)
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		if m := r.FindStringSubmatch(x.output()); m != nil {
			return m
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("xepl never printed %q; it printed:\n%s", re, x.output())
	return nil
}

// exitAfter sends sig and returns the exit status, failing if xepl takes
// more than a few seconds to go.
func (x *xepl) exitAfter(t *testing.T, sig syscall.Signal) int {
	t.Helper()
	if err := x.cmd.Process.Signal(sig); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- x.cmd.Wait() }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatalf("xepl still runs 10 s after %v; it printed:\n%s", sig, x.output())
	}
	return x.cmd.ProcessState.ExitCode()
}

// TestSignalEndsScript: a script waiting for its next line ends at once
// on SIGTERM (143), SIGINT (130) and SIGHUP (129).
func TestSignalEndsScript(t *testing.T) {
	for sig, want := range map[syscall.Signal]int{syscall.SIGTERM: 143, syscall.SIGINT: 130, syscall.SIGHUP: 129} {
		t.Run(sig.String(), func(t *testing.T) {
			x := startXepl(t, false)
			io.WriteString(x.in, "status\n")
			x.waitFor(t, "not connected")
			if got := x.exitAfter(t, sig); got != want {
				t.Errorf("exit status %d, want %d; output:\n%s", got, want, x.output())
			}
			if !strings.Contains(x.output(), "stopped by") {
				t.Errorf("xepl did not say why it stopped:\n%s", x.output())
			}
		})
	}
}

// TestSignalStopsLocalServer: however xepl is stopped, the throwaway
// server of --local is stopped and its directory (the admin's password,
// the TLS key) removed: in a script, and on a terminal.
func TestSignalStopsLocalServer(t *testing.T) {
	servertest.Require(t, localserver.Prosody)
	for _, tc := range []struct {
		name string
		tty  bool
		sig  syscall.Signal
	}{
		{"script SIGTERM", false, syscall.SIGTERM},
		{"terminal SIGTERM", true, syscall.SIGTERM},
		{"terminal SIGHUP", true, syscall.SIGHUP},
	} {
		t.Run(tc.name, func(t *testing.T) {
			x := startXepl(t, tc.tty, "--local", "prosody")
			dir := x.waitFor(t, `, for this session only, in (\S+)`)[1]
			x.waitFor(t, "logged in with")
			if _, err := os.Stat(dir); err != nil {
				t.Fatalf("the server's directory: %v", err)
			}
			x.exitAfter(t, tc.sig)
			if tc.tty {
				x.checkEchoing(t, tc.sig.String())
			}
			if _, err := os.Stat(dir); !os.IsNotExist(err) {
				t.Errorf("%s is still there after %v (%v)", dir, tc.sig, err)
			}
		})
	}
}
