package repl

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"path/filepath"
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
			pw, pw2 := filepath.Join(t.TempDir(), "pw"), filepath.Join(t.TempDir(), "pw2")
			writeFile(t, pw, doomed.AdminPassword)
			writeFile(t, pw2, other.AdminPassword)
			lines := []string{
				fmt.Sprintf("connect --server %s --ca-file %s --password-file %s %s", doomed.Addr(), doomed.CertFile, pw, doomed.AdminJID),
				"status",
				fmt.Sprintf("connect --server %s --ca-file %s --password-file %s %s", other.Addr(), other.CertFile, pw2, other.AdminJID),
				fmt.Sprintf("<iq type='get' to='%s'><ping xmlns='urn:xmpp:ping'/></iq>", other.Domain),
			}
			var want transcript
			for _, l := range lines {
				want.steps = append(want.steps, step{input: l})
			}
			p := &player{want: want}
			p.before = func(done []step) {
				if len(done) == 1 { // connected to the doomed server
					if err := doomed.Kill(); err != nil {
						t.Fatal(err)
					}
					p.out.waitFor(t, "the stream has ended: connection lost")
				}
			}
			got := p.play(t, Config{})
			if out := got.steps[1].output; out != "not connected\n" {
				t.Errorf("status after the server died: %q", out)
			}
			if out := got.steps[2].output; !strings.Contains(out, "logged in with") {
				t.Errorf("connecting elsewhere afterwards:\n%s", out)
			}
			if out := got.steps[3].output; !strings.Contains(out, "← result in") {
				t.Errorf("no ping reply after reconnecting:\n%s", out)
			}
		})
	}
}

// TestScriptFailsWhenConnectionLost: a script whose connection breaks
// stops there and exits 1, though no command of its own failed.
func TestScriptFailsWhenConnectionLost(t *testing.T) {
	doomed := servertest.Own(t, localserver.Prosody)
	pw := filepath.Join(t.TempDir(), "pw")
	writeFile(t, pw, doomed.AdminPassword)
	in, typing := io.Pipe()
	var out syncBuffer
	status := make(chan int, 1)
	go func() {
		status <- Run(context.Background(), Config{Input: in, Stdout: &out, Stderr: &out, Getenv: func(string) string { return "" }})
	}()
	fmt.Fprintf(typing, "connect --server %s --ca-file %s --password-file %s %s\n", doomed.Addr(), doomed.CertFile, pw, doomed.AdminJID)
	out.waitFor(t, "logged in with")
	if err := doomed.Kill(); err != nil {
		t.Fatal(err)
	}
	out.waitFor(t, "the stream has ended: connection lost")
	fmt.Fprintln(typing, "help")
	typing.Close()
	select {
	case s := <-status:
		if s != 1 {
			t.Errorf("exit status %d, want 1; output:\n%s", s, out.String())
		}
		if strings.Contains(out.String(), "Connection:") {
			t.Errorf("the script went on after losing its connection:\n%s", out.String())
		}
	case <-time.After(30 * time.Second):
		t.Fatalf("the script did not end; output:\n%s", out.String())
	}
}

// askingLines types commands and answers questions, like a person at a
// terminal; answer is called for each question.
type askingLines struct {
	player
	answer  func(prompt string) (string, error)
	prompts []string
}

func (a *askingLines) Asks() bool { return true }

func (a *askingLines) ReadLine(ctx context.Context, prompt string) (string, error) {
	if a.answer != nil && len(a.got.steps) > 0 && prompt != "" && !strings.HasSuffix(prompt, "> ") {
		a.prompts = append(a.prompts, prompt)
		return a.answer(prompt)
	}
	return a.player.ReadLine(ctx, prompt)
}

func (a *askingLines) ReadSecret(prompt string) (string, error) {
	a.prompts = append(a.prompts, prompt)
	return a.answer(prompt)
}

// runAtTerminal runs a shell on a's lines as if a person were at the
// prompt (questions asked, a failed command not the end), until they end.
func (a *askingLines) runAtTerminal(t *testing.T) {
	t.Helper()
	sh, err := newShell(Config{Stdout: a.out, Stderr: a.out, Input: strings.NewReader(""), Getenv: func(string) string { return "" }})
	if err != nil {
		t.Fatal(err)
	}
	sh.lines = a
	sh.interactive = true
	sh.run(context.Background())
}

// TestQuestionsStopWhenStreamEnds: when the stream ends while a form is
// being filled in, the remaining questions are not asked.
func TestQuestionsStopWhenStreamEnds(t *testing.T) {
	doomed := servertest.Own(t, localserver.Prosody)
	pw := filepath.Join(t.TempDir(), "pw")
	writeFile(t, pw, doomed.AdminPassword)
	a := &askingLines{}
	a.want.steps = []step{
		{input: fmt.Sprintf("connect --server %s --ca-file %s --password-file %s %s", doomed.Addr(), doomed.CertFile, pw, doomed.AdminJID)},
		{input: "run add-user"},
	}
	a.out = &syncBuffer{}
	a.answer = func(prompt string) (string, error) {
		if err := doomed.Kill(); err != nil {
			t.Fatal(err)
		}
		a.out.waitFor(t, "the stream has ended")
		return "bob@localhost", nil
	}
	a.runAtTerminal(t)
	if len(a.prompts) != 1 {
		t.Errorf("questions asked after the stream ended: %q\n%s", a.prompts, a.out.String())
	}
}
