package repl

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"strings"
	"sync"
	"testing"
	"time"

	"xepl/internal/localserver"
	"xepl/internal/servertest"
)

// syncBuffer is an output the test can read while the shell writes.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// waitFor waits until the output contains want.
func (s *syncBuffer) waitFor(t *testing.T, want string) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for !strings.Contains(s.String(), want) {
		if time.Now().After(deadline) {
			t.Fatalf("output never showed %q; output:\n%s", want, s.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// TestShellSurvivesServerDeath kills the server under a connected shell:
// the end is reported, the shell goes on, and connects again elsewhere.
func TestShellSurvivesServerDeath(t *testing.T) {
	for _, kind := range localserver.Kinds {
		t.Run(string(kind), func(t *testing.T) {
			doomed := servertest.Own(t, kind)
			other := servertest.Shared(t, kind)
			in, typing := io.Pipe()
			var out syncBuffer
			status := make(chan int, 1)
			go func() {
				status <- Run(context.Background(), Config{Input: in, Stdout: &out, Stderr: &out,
					Interactive: false, Getenv: func(string) string { return "" }})
			}()
			// Interactive-like use over a pipe: a script would stop at the
			// first failure, so only commands that succeed are typed until
			// the end.
			pw := fmt.Sprintf("%s/pw", t.TempDir())
			writeFile(t, pw, doomed.AdminPassword)
			fmt.Fprintf(typing, "connect --server %s --ca-file %s --password-file %s %s\n", doomed.Addr(), doomed.CertFile, pw, doomed.AdminJID)
			out.waitFor(t, "logged in with")
			if err := doomed.Kill(); err != nil {
				t.Fatal(err)
			}
			out.waitFor(t, "the stream has ended: connection lost")
			fmt.Fprintln(typing, "status")
			out.waitFor(t, "not connected")

			pw2 := fmt.Sprintf("%s/pw2", t.TempDir())
			writeFile(t, pw2, other.AdminPassword)
			fmt.Fprintf(typing, "connect --server %s --ca-file %s --password-file %s %s\n", other.Addr(), other.CertFile, pw2, other.AdminJID)
			fmt.Fprintf(typing, "<iq type='get' to='%s'><ping xmlns='urn:xmpp:ping'/></iq>\n", other.Domain)
			typing.Close()
			select {
			case s := <-status:
				if s != 0 {
					t.Errorf("exit status %d; output:\n%s", s, out.String())
				}
			case <-time.After(30 * time.Second):
				t.Fatalf("the shell did not finish; output:\n%s", out.String())
			}
			if n := strings.Count(out.String(), "logged in with"); n != 2 {
				t.Errorf("logged in %d times, want 2; output:\n%s", n, out.String())
			}
			if !strings.Contains(out.String(), "← result in") {
				t.Errorf("no ping reply after reconnecting; output:\n%s", out.String())
			}
		})
	}
}
