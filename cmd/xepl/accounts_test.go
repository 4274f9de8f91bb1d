//go:build linux

package main

import (
	"context"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"xepl/internal/localserver"
	"xepl/internal/servertest"
)

// configured is a user registered on srv and a configuration file naming
// it three times: al (password_file, presence = true), pc (a
// password_command, no presence) and bad (a password_command that fails).
type configured struct {
	jid, password, config string
}

func configure(t *testing.T, srv *localserver.Server) configured {
	t.Helper()
	user := "cf" + hex.EncodeToString([]byte(secret(t, "")))[:8]
	c := configured{jid: user + "@" + srv.Domain, password: secret(t, "pw")}
	if err := srv.Register(context.Background(), user, c.password); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	pwFile := filepath.Join(dir, "al.pw")
	if err := os.WriteFile(pwFile, []byte(c.password+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	c.config = filepath.Join(dir, "config.toml")
	conf := fmt.Sprintf(`[accounts.al]
jid = %[1]q
server = %[2]q
ca_file = %[3]q
password_file = "al.pw"
presence = true

[accounts.pc]
jid = %[1]q
server = %[2]q
ca_file = %[3]q
password_command = "cat %[4]s"

[accounts.bad]
jid = %[1]q
server = %[2]q
ca_file = %[3]q
password_command = "echo the vault is locked >&2; exit 3"
`, c.jid, srv.Addr(), srv.CertFile, pwFile)
	if err := os.WriteFile(c.config, []byte(conf), 0o600); err != nil {
		t.Fatal(err)
	}
	return c
}

// TestAccountLogin: xepl -a NAME logs in as the account of the file, and
// with presence = true sends presence.available instead of saying the
// account is not yet available; a failing password command is a clear
// error with what the command said.
func TestAccountLogin(t *testing.T) {
	servertest.Each(t, func(t *testing.T, srv *localserver.Server) {
		c := configure(t, srv)
		status, out, errOut := runXepl(t, "status\n", "--config", c.config, "-a", "al")
		if status != 0 {
			t.Fatalf("xepl -a al: exit status %d\n%s%s", status, out, errOut)
		}
		for _, want := range []string{"logged in with", "as " + c.jid + "/", "→ sent presence"} {
			if !strings.Contains(out, want) {
				t.Errorf("xepl -a al does not say %q:\n%s", want, out)
			}
		}
		if strings.Contains(out, "not yet available") {
			t.Errorf("presence = true, and still the note that the account is not available:\n%s", out)
		}

		// The password from a command; --account spelt out.
		status, out, errOut = runXepl(t, "", "--config", c.config, "--account", "pc", "--sasl", "PLAIN", "--wire")
		if status != 0 {
			t.Fatalf("xepl --account pc: exit status %d\n%s%s", status, out, errOut)
		}
		if !strings.Contains(out, "logged in with PLAIN as "+c.jid) || !strings.Contains(out, "not yet available") {
			t.Errorf("xepl --account pc:\n%s", out)
		}
		noPassword(t, "xepl --account pc", out+errOut, c)

		status, out, errOut = runXepl(t, "", "--config", c.config, "-a", "bad")
		want := `password_command "echo the vault is locked >&2; exit 3" failed: exit status 3; it said:` + "\n    the vault is locked"
		if status != 1 || !strings.Contains(errOut, want) {
			t.Errorf("xepl -a bad: exit status %d, want 1 and an error saying\n%s\n; it printed\n%s%s", status, want, out, errOut)
		}
	})
}

// TestAccountPresence: connect NAME of an account with presence = true
// makes it available: a message another session sends to its bare JID
// arrives, without the script sending presence. Without presence, the
// same message does not arrive (the server keeps it offline).
func TestAccountPresence(t *testing.T) {
	servertest.Each(t, func(t *testing.T, srv *localserver.Server) {
		c := configure(t, srv)
		script := func(account string) string {
			return "connect " + account + "\n" +
				"account new bob\n" +
				"<message to='" + c.jid + "' type='chat'><body>hello " + account + "</body></message>\n" +
				"use " + account + "\n" +
				"expect stanza message from ${bob.bare} type chat within 3s\n"
		}
		status, out, errOut := runXepl(t, script("al"), "--config", c.config)
		if status != 0 || !strings.Contains(out, "hello al") {
			t.Errorf("connect al (presence = true): exit status %d, the message should arrive:\n%s%s", status, out, errOut)
		}
		status, out, errOut = runXepl(t, script("pc"), "--config", c.config)
		if status != 1 || !strings.Contains(out+errOut, "expect stanza") {
			t.Errorf("connect pc (no presence): exit status %d, the message should not arrive:\n%s%s", status, out, errOut)
		}
	})
}

// TestPasswordCommandSecret runs an account whose password comes from a
// password_command on a pseudo-terminal, logging in with PLAIN and the
// wire log on, recording a transcript and a log, reconnecting, listing
// the accounts: the password is nowhere on the terminal, in the history,
// the transcript or the log, in clear, base64, hex or as PLAIN.
func TestPasswordCommandSecret(t *testing.T) {
	servertest.Each(t, func(t *testing.T, srv *localserver.Server) {
		c := configure(t, srv)
		x := startXepl(t, true, "--config", c.config, "-a", "pc", "--sasl", "PLAIN", "--wire")
		prompt := c.jid + "> "
		x.expect(t, `logged in with PLAIN`)
		x.answerUntilPrompt(t, prompt)
		x.typeLine("record ~/session.md")
		x.expect(t, `recording to`)
		x.typeLine("log to ~/session.log")
		x.expect(t, `logging everything shown`)
		x.typeLine("accounts")
		x.expect(t, `command cat`)
		x.typeLine("reconnect")
		x.expect(t, `logged in with PLAIN`)
		x.answerUntilPrompt(t, prompt)
		x.typeLine("connect pc") // the password command runs again
		x.expect(t, `logged in with`)
		x.answerUntilPrompt(t, prompt)
		x.typeLine("quit")
		x.cmd.Wait()
		written := map[string]string{"the terminal": x.output()}
		filepath.WalkDir(x.home, func(path string, e fs.DirEntry, err error) error {
			if err == nil && !e.IsDir() {
				b, _ := os.ReadFile(path)
				written[path] = string(b)
			}
			return nil
		})
		for _, f := range []string{"session.md", "session.log", ".local/state/xepl/history"} {
			if _, ok := written[filepath.Join(x.home, f)]; !ok {
				t.Errorf("%s was not written", f)
			}
		}
		for what, text := range written {
			noPassword(t, what, text, c)
		}
		if t.Failed() {
			t.Logf("the terminal showed:\n%s", ansi.ReplaceAllString(x.output(), ""))
		}
	})
}

// noPassword fails the test if text holds the account's password in any
// form.
func noPassword(t *testing.T, what, text string, c configured) {
	t.Helper()
	user, _, _ := strings.Cut(c.jid, "@")
	for form, s := range map[string]string{
		"in clear":  c.password,
		"in base64": base64.StdEncoding.EncodeToString([]byte(c.password)),
		"in hex":    hex.EncodeToString([]byte(c.password)),
		"as PLAIN":  base64.StdEncoding.EncodeToString([]byte("\x00" + user + "\x00" + c.password)),
	} {
		if strings.Contains(text, s) {
			t.Errorf("%s holds the password %s", what, form)
		}
	}
}
