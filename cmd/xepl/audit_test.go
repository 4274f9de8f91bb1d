//go:build linux

package main

import (
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"xepl/internal/localserver"
	"xepl/internal/servertest"
)

// secret returns a password no other text contains by chance.
func secret(t *testing.T, name string) string {
	b := make([]byte, 5)
	rand.Read(b)
	return name + "-" + hex.EncodeToString(b) + "-Zq"
}

// expect waits for re in what xepl printed after the last expectation
// met, and moves past it.
func (x *xepl) expect(t *testing.T, re string) {
	t.Helper()
	r := regexp.MustCompile(re)
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		out := x.output()
		if loc := r.FindStringIndex(out[x.mark:]); loc != nil {
			x.mark += loc[1]
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	tail := x.output()[x.mark:]
	if len(tail) > 300 {
		tail = tail[len(tail)-300:]
	}
	t.Fatalf("xepl never printed %q; after the last expectation it printed, ending with %q", re, tail)
}

// typeLine types a line and Enter, as a person would.
func (x *xepl) typeLine(s string) {
	x.in.Write([]byte(s + "\r"))
}

// answerUntilPrompt presses Enter at every question (keeping each
// current value) until the shell's prompt comes back.
func (x *xepl) answerUntilPrompt(t *testing.T, prompt string) {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		time.Sleep(300 * time.Millisecond)
		out := x.output()
		tail := out[x.mark:]
		if i := strings.LastIndex(tail, "\n"); i >= 0 {
			tail = tail[i+1:]
		}
		tail = strings.NewReplacer("\r", "", "\b", "").Replace(ansi.ReplaceAllString(tail, ""))
		switch {
		case strings.HasSuffix(strings.TrimSpace(tail), strings.TrimSpace(prompt)):
			x.mark = len(out)
			return
		case strings.HasSuffix(strings.TrimRight(tail, " "), ":"):
			x.in.Write([]byte("\r"))
		}
	}
	tail := x.output()[x.mark:]
	if len(tail) > 600 {
		tail = tail[len(tail)-600:]
	}
	t.Fatalf("the prompt %q never came back; the output ends with %q", prompt, tail)
}

// askedFor matches a question about what (a regexp) waiting for its
// answer at the end of the output, the line editor's escapes after it.
func askedFor(what string) string {
	return `(?i)` + what + `[^\n]*:(\x1b\[[0-9;?]*[A-Za-z]|[\r\x08 ])*$`
}

var ansi = regexp.MustCompile(`\x1b\[[0-9;?]*[A-Za-z]`)

// TestSecretsAudit runs a whole session on a pseudo-terminal, on both
// servers, with the wire log on: an account registered through the
// server's form, another in raw XML, a login with the password asked, a
// password change, an admin adding a user with a template and another
// with run, a room given a secret with configure, a line recalled from
// the history and run again, and one recalled and edited to type a
// secret into it; all of it recorded (record, log to) and the capture
// saved (log save, XML and JSON lines). Then every byte written to the terminal and to every
// file xepl wrote is searched for each password, in clear, in base64,
// in hex and as a PLAIN authentication: none may be there.
func TestSecretsAudit(t *testing.T) {
	for _, kind := range localserver.Kinds {
		t.Run(string(kind), func(t *testing.T) {
			srv := servertest.Shared(t, kind)
			adminPW := filepath.Join(t.TempDir(), "admin-password")
			if err := os.WriteFile(adminPW, []byte(srv.AdminPassword+"\n"), 0o600); err != nil {
				t.Fatal(err)
			}
			u := func(name string) string { return name + hex.EncodeToString([]byte(secret(t, "")))[:8] }
			user1, user2, user3, user4, user5 := u("a"), u("b"), u("c"), u("d"), u("e")
			pw := map[string]string{
				"form":     secret(t, "form"),
				"raw":      secret(t, "raw"),
				"changed":  secret(t, "changed"),
				"template": secret(t, "template"),
				"run":      secret(t, "run"),
				"room":     secret(t, "room"),
				"again":    secret(t, "again"),
				"edited":   secret(t, "edited"),
				"admin":    srv.AdminPassword,
			}
			users := map[string]string{"form": user1, "raw": user2, "changed": user1, "template": user3, "run": user4, "again": user3, "edited": user5, "admin": "admin"}
			d := srv.Domain
			conn := " --server " + srv.Addr() + " --ca-file " + srv.CertFile

			x := startXepl(t, true, "--wire", "--register", "--jid", d, "--server", srv.Addr(), "--ca-file", srv.CertFile)
			prompt := d + " [register]> "
			x.expect(t, regexp.QuoteMeta(prompt))
			// A transcript and a log of it all, checked with the rest.
			x.typeLine("record ~/session.md")
			x.expect(t, `recording to`)
			x.typeLine("log to ~/session.log")
			x.expect(t, `logging everything shown`)

			// An account through the server's form, the password asked.
			x.typeLine("register username=" + user1)
			x.expect(t, askedFor("password"))
			x.typeLine(pw["form"])
			x.answerUntilPrompt(t, prompt)

			// Another in raw XML.
			x.typeLine("<iq type='set' to='" + d + "'><query xmlns='jabber:iq:register'><username>" + user2 + "</username><password>" + pw["raw"] + "</password></query></iq>")
			x.expect(t, `← result`)

			// Log in, the password asked; change it.
			x.typeLine("connect" + conn + " " + user1 + "@" + d)
			x.expect(t, `password for `)
			x.typeLine(pw["form"])
			x.expect(t, `logged in with`)
			x.typeLine("register.change-password password=" + pw["changed"])
			x.expect(t, `← result`)

			// The admin adds users: with a template, and with run.
			x.typeLine("connect" + conn + " --password-file " + adminPW + " admin@" + d)
			x.expect(t, `logged in with`)
			aprompt := "admin@" + d + "> "
			x.answerUntilPrompt(t, aprompt)
			x.typeLine("admin.add-user jid=" + user3 + "@" + d + " password=" + pw["template"])
			x.answerUntilPrompt(t, aprompt)
			x.typeLine("run add-user accountjid=" + user4 + "@" + d)
			x.expect(t, askedFor("password"))
			x.typeLine(pw["run"])
			x.expect(t, askedFor("(retype|verify)"))
			x.typeLine(pw["run"])
			x.answerUntilPrompt(t, aprompt)

			// A room with a secret.
			room := "r" + user1 + "@" + srv.MUCDomain
			x.typeLine("<presence to='" + room + "/boss'><x xmlns='http://jabber.org/protocol/muc'/></presence>")
			x.typeLine("sync")
			x.answerUntilPrompt(t, aprompt)
			x.typeLine("configure " + room + " muc#roomconfig_passwordprotectedroom=1 muc#roomconfig_roomsecret=" + pw["room"])
			x.answerUntilPrompt(t, aprompt)

			// The template line recalled: its password is asked again.
			// Up: configure, sync, the presence, run, admin.add-user.
			x.in.Write([]byte(strings.Repeat("\x1b[A", 5) + "\r"))
			x.expect(t, `masked in the history; type it again`)
			x.typeLine(pw["again"])
			x.answerUntilPrompt(t, aprompt)

			// A line recalled and edited: the secret typed into it.
			x.typeLine("admin.add-user jid=" + user5 + "@" + d + " password=x")
			x.answerUntilPrompt(t, aprompt)
			x.in.Write([]byte("\x1b[A"))
			x.in.Write([]byte(strings.Repeat("\x7f", len("********"))))
			x.in.Write([]byte(pw["edited"] + "\r"))
			x.answerUntilPrompt(t, aprompt)

			// The capture, saved both ways.
			x.typeLine("log save ~/capture.jsonl --jsonl")
			x.expect(t, `saved \d+ captured units`)
			x.typeLine("log save ~/capture.xml")
			x.expect(t, `saved \d+ captured units`)

			x.typeLine("quit")
			x.cmd.Wait()
			for _, f := range []string{"session.md", "session.log", "capture.jsonl", "capture.xml"} {
				if _, err := os.Stat(filepath.Join(x.home, f)); err != nil {
					t.Errorf("%s was not written: %v", f, err)
				}
			}

			// Every byte written: the terminal's, and every file's.
			written := map[string]string{"the terminal": x.output()}
			filepath.WalkDir(x.home, func(path string, e fs.DirEntry, err error) error {
				if err == nil && !e.IsDir() {
					b, _ := os.ReadFile(path)
					written[path] = string(b)
				}
				return nil
			})
			if len(written) < 2 {
				t.Errorf("no history file was written under %s", x.home)
			}
			for what, text := range written {
				for name, p := range pw {
					forms := map[string]string{
						"in clear":  p,
						"in base64": base64.StdEncoding.EncodeToString([]byte(p)),
						"in hex":    hex.EncodeToString([]byte(p)),
						"as PLAIN":  base64.StdEncoding.EncodeToString([]byte("\x00" + users[name] + "\x00" + p)),
					}
					for form, s := range forms {
						if strings.Contains(text, s) {
							t.Errorf("%s holds the %s password %s", what, name, form)
						}
					}
				}
			}
			if t.Failed() {
				t.Logf("the terminal showed:\n%s", ansi.ReplaceAllString(x.output(), ""))
			}
		})
	}
}
