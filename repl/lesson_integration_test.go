package repl

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"

	"xepl/catalog"
	"xepl/internal/localserver"
	"xepl/internal/servertest"
)

// lessonShell is a script shell logged in as srv's admin, reading input.
func lessonShell(t *testing.T, srv *localserver.Server, input string, out *syncBuffer) *Shell {
	t.Helper()
	pw := filepath.Join(t.TempDir(), "admin-password")
	if err := os.WriteFile(pw, []byte(srv.AdminPassword+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	sh, err := newShell(Config{
		Connect: ConnectOptions{JID: srv.AdminJID, Server: srv.Addr(), CAFile: srv.CertFile, PasswordFile: pw},
		Timeout: 10e9, Input: strings.NewReader(input), ScriptName: "lessons.xepl",
		Stdout: out, Getenv: func(string) string { return "" },
	})
	if err != nil {
		t.Fatal(err)
	}
	return sh
}

// TestLessonsLive runs every lesson as a script on both servers: each
// passes; each step's heading, text and lines are shown, and its
// expectations met; no password of the run shows; and the shell is
// given back as it was (no lesson session, account or variable left).
func TestLessonsLive(t *testing.T) {
	servertest.Each(t, func(t *testing.T, srv *localserver.Server) {
		for _, l := range catalog.Lessons() {
			t.Run(l.Name, func(t *testing.T) {
				var mu sync.Mutex
				var passwords []string
				var out syncBuffer
				sh := lessonShell(t, srv, "lesson "+l.Name+"\n", &out)
				sh.cfg.accountMade = func(_, pw string) { mu.Lock(); passwords = append(passwords, pw); mu.Unlock() }
				status := sh.run(context.Background())
				got := out.String()
				if status != 0 {
					t.Fatalf("exit status %d\n%s", status, got)
				}
				checkLessonOutput(t, l, got)
				// A lesson that passes shows no error: what it makes happen on
				// purpose (a refusal, an account deleted with its stream) is
				// told as expected.
				if m := regexp.MustCompile(`(?m)^error: .*`).FindString(got); m != "" {
					t.Errorf("a lesson that passed shows an error: %s", m)
				}
				for _, pw := range append(append(passwords, srv.AdminPassword), sh.out.secrets.list()...) {
					if strings.Contains(got, pw) {
						t.Errorf("a password shows in the output: %q", pw)
					}
				}
				if lessonMentions(l, "password") && len(sh.out.secrets.list()) < 2 {
					t.Errorf("the run knew only %d secrets: the lesson's passwords were not taken for secrets", len(sh.out.secrets.list()))
				}
				if n := len(sh.sessions.all()); n != 1 || len(sh.accounts) != 0 || sh.vars["user"] != "" || sh.vars["home"] != "" {
					t.Errorf("left behind: %d sessions, %d accounts, vars %v", n, len(sh.accounts), sh.vars)
				}
			})
		}
	})
}

// checkLessonOutput checks that every step of l was shown in order, with
// its text and its lines, and that each met its expectations.
func checkLessonOutput(t *testing.T, l *catalog.Lesson, got string) {
	t.Helper()
	if want := fmt.Sprintf("lesson %s: done, all %d steps passed", l.Name, len(l.Steps)); !strings.Contains(got, want) {
		t.Errorf("the output lacks %q", want)
	}
	rest := got
	for i, s := range l.Steps {
		head := fmt.Sprintf("[%d/%d] %s\n%s\n", i+1, len(l.Steps), s.Title, s.Text)
		at := strings.Index(rest, head)
		if at < 0 {
			t.Errorf("step %d's heading and text are not shown (in order):\n%s", i+1, head)
			return
		}
		rest = rest[at+len(head):]
		part := rest
		if i+1 < len(l.Steps) {
			part, _, _ = strings.Cut(rest, fmt.Sprintf("[%d/%d] ", i+2, len(l.Steps)))
		}
		for _, line := range s.Lines {
			if !strings.Contains(part, "> "+line.Text+"\n") {
				t.Errorf("step %d: the line %q is not shown", i+1, line.Text)
			}
		}
		if !shownReply.MatchString(part) {
			t.Errorf("step %d: no reply was shown:\n%s", i+1, part)
		}
	}
}

// shownReply is how a reply shows: a stanza received, one expect stanza
// waited for, or the disco command's reading of one.
var shownReply = regexp.MustCompile(`(?m)^((\[[^]]+\] )?← |(\[[^]]+\] )?expected, and it came: |features \([0-9]+\):$)`)

// lessonMentions reports whether a line of l holds word.
func lessonMentions(l *catalog.Lesson, word string) bool {
	for _, line := range slicesOf(l) {
		if strings.Contains(line.Text, word) {
			return true
		}
	}
	return false
}

// TestLessonStoppedLive: a registration stopped after it registered its
// user (q at the pause) undoes it: the name is free again. And a lesson
// that needs an admin says so to a user who is not one.
func TestLessonStoppedLive(t *testing.T) {
	srv := servertest.Shared(t, localserver.Prosody)
	var out syncBuffer
	sh := lessonShell(t, srv, "", &out)
	p := &pauser{answers: []string{"", "q"}}
	sh.lines = p
	ctx := context.Background()
	if err := sh.connect(ctx, sh.cfg.Connect); err != nil {
		t.Fatal(err)
	}
	l, _ := catalog.LookupLesson("registration")
	if err := sh.runLesson(ctx, l); err != nil {
		t.Fatalf("%v\n%s", err, out.String())
	}
	got := out.String()
	m := regexp.MustCompile(`<username>(u[a-z0-9]+)</username>`).FindStringSubmatch(got)
	if m == nil || !strings.Contains(got, "lesson registration: stopped after step 2 of 6") || strings.Contains(got, "[3/6]") {
		t.Fatalf("the lesson did not stop after registering:\n%s", got)
	}
	if !strings.Contains(got, "undoing what its steps made") || strings.Contains(got, "the cleanup stopped there") {
		t.Errorf("the cleanup did not run through:\n%s", got)
	}
	// The name is free: registering it again works (and is undone).
	pw := "check-" + m[1]
	check := fmt.Sprintf(`connect --as check --register %[1]s
register.submit username=%[2]s password=$pw
expect result
connect --as again --password-var pw %[2]s@%[1]s
register.cancel
expect result
`, srv.Domain, m[1])
	var out2 syncBuffer
	sh2 := lessonShell(t, srv, check, &out2)
	sh2.vars["pw"] = pw
	if status := sh2.run(ctx); status != 0 {
		t.Errorf("the lesson's user %s was left behind:\n%s", m[1], out2.String())
	}
}

// TestLessonNeedsAdminLive: the admin lesson, run by a user who is not
// the admin, says what to do and runs nothing.
func TestLessonNeedsAdminLive(t *testing.T) {
	srv := servertest.Shared(t, localserver.Prosody)
	var out syncBuffer
	sh := lessonShell(t, srv, "account new plain\nlesson admin\n", &out)
	status := sh.run(context.Background())
	got := out.String()
	want := "lessons.xepl:2: error: lesson admin needs the server's admin, and xepl-"
	if status != 1 || !strings.Contains(got, want) || !strings.Contains(got, "xepl --local prosody, then lesson admin") || strings.Contains(got, "[1/") {
		t.Errorf("exit status %d; want the admin's advice and no step:\n%s", status, got)
	}
}
