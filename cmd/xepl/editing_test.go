//go:build linux

package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"xepl/internal/localserver"
	"xepl/internal/servertest"
)

// fakeEditor writes an editor that replaces the file it is given with
// text, and keeps a copy of what it was given in seen.
func fakeEditor(t *testing.T, text, seen string) string {
	t.Helper()
	dir := t.TempDir()
	src := filepath.Join(dir, "text")
	if err := os.WriteFile(src, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	ed := filepath.Join(dir, "editor")
	script := "#!/bin/sh\ncp \"$1\" '" + seen + "'\ncp '" + src + "' \"$1\"\n"
	if err := os.WriteFile(ed, []byte(script), 0o700); err != nil {
		t.Fatal(err)
	}
	return ed
}

// TestEditingOnATerminal, on a pseudo-terminal against each server:
// edit sends what a fake $EDITOR saved, and refuses a malformed file
// with its line and column, opening it again as it was left; again
// resends the last stanza with a fresh id; Ctrl-R finds a line in the
// history; Tab completes an ad-hoc command's node and a field of its
// form; Ctrl-D leaves with the terminal as it was.
func TestEditingOnATerminal(t *testing.T) {
	servertest.Each(t, func(t *testing.T, srv *localserver.Server) {
		dir := t.TempDir()
		seen := filepath.Join(dir, "seen")
		ping := "<iq type='get' to='" + srv.Domain + "'><ping xmlns='urn:xmpp:ping'/></iq>\n"
		t.Setenv("VISUAL", "")
		t.Setenv("EDITOR", fakeEditor(t, ping, seen))
		x := startXepl(t, true, asAdmin(t, srv)...)
		prompt := regexp.QuoteMeta("admin@" + srv.Domain + "> ")
		x.expect(t, prompt)

		x.typeLine("edit new")
		x.expect(t, `← result in`)
		x.expect(t, prompt)
		if b, _ := os.ReadFile(seen); !strings.Contains(string(b), "Write the stanza here") {
			t.Errorf("edit new gave the editor %q", b)
		}

		// again: the same ping, another id.
		x.typeLine("again")
		x.expect(t, `← result in`)
		x.expect(t, prompt)
		sent := regexp.MustCompile(`<iq type="get" to="[^"]+" id="([^"]+)">`).FindAllStringSubmatch(ansi.ReplaceAllString(x.output(), ""), -1)
		if len(sent) != 2 || sent[0][1] == sent[1][1] {
			t.Errorf("again did not resend the ping with a fresh id: %v", sent)
		}

		// A malformed file: refused where it is wrong, kept for the next edit.
		t.Setenv("EDITOR", "") // the process keeps the editor it started with
		x.typeLine("edit")     // the last stanza sent, which the fake editor replaces by ping again
		x.expect(t, `← result in`)
		x.expect(t, prompt)

		// Ctrl-R: a reverse search of the history runs a line again.
		x.typeLine("ping.server")
		x.expect(t, `← result in`)
		x.expect(t, prompt)
		x.in.Write([]byte("\x12ping.se"))
		x.expect(t, `ping\.server`)
		x.in.Write([]byte("\r"))
		x.expect(t, `← result in`)
		x.expect(t, prompt)

		// Tab completes a command's node, then a field of its form.
		x.typeLine("commands")
		x.expect(t, `add-user`)
		x.expect(t, prompt)
		x.in.Write([]byte("run http://jabber.org/protocol/admin#add-u\t"))
		x.expect(t, `admin#add-user `)
		x.in.Write([]byte("acc\t"))
		x.expect(t, `accountjid=`)
		x.in.Write([]byte("\x15")) // Ctrl-U: the line is dropped
		x.in.Write([]byte("\x04")) // Ctrl-D on an empty line
		x.cmd.Wait()
		if code := x.cmd.ProcessState.ExitCode(); code != 0 {
			t.Errorf("Ctrl-D: exit status %d", code)
		}
		x.checkEchoing(t, "Ctrl-D")
	})
}

// TestEditRefusesMalformed: what the editor saved is checked like typed
// XML: refused with its line and column, nothing sent, and the next edit
// opens it as it was left.
func TestEditRefusesMalformed(t *testing.T) {
	srv := servertest.Shared(t, localserver.Prosody)
	dir := t.TempDir()
	seen := filepath.Join(dir, "seen")
	bad := "<iq type='get'>\n  <ping xmlns='urn:xmpp:ping'>\n</iq>\n"
	t.Setenv("VISUAL", fakeEditor(t, bad, seen))
	x := startXepl(t, true, asAdmin(t, srv)...)
	prompt := regexp.QuoteMeta("admin@" + srv.Domain + "> ")
	x.expect(t, prompt)
	x.typeLine("edit ping.server")
	x.expect(t, `not sent: .*line 3, column \d+`)
	x.expect(t, `edit opens it again`)
	x.expect(t, prompt)
	if b, _ := os.ReadFile(seen); !strings.Contains(string(b), "urn:xmpp:ping") {
		t.Errorf("edit ping.server gave the editor %q", b)
	}
	x.typeLine("edit")
	x.expect(t, `not sent: `)
	if b, _ := os.ReadFile(seen); string(b) != strings.TrimRight(bad, "\n") {
		t.Errorf("the second edit opened %q, not what the first left", b)
	}
	if strings.Contains(x.output(), "→ sent") {
		t.Error("a malformed stanza was sent")
	}
	x.typeLine("quit")
	x.cmd.Wait()
}

// TestHistoryPerAccount: what is typed while logged in comes back with
// Up when that account logs in again, and not offline, nor as another.
func TestHistoryPerAccount(t *testing.T) {
	srv := servertest.Shared(t, localserver.Prosody)
	home := t.TempDir()
	prompt := regexp.QuoteMeta("admin@" + srv.Domain + "> ")
	x := startXeplIn(t, home, true, asAdmin(t, srv)...)
	x.expect(t, prompt)
	x.typeLine("ping.server")
	x.expect(t, `← result in`)
	x.expect(t, prompt)
	x.typeLine("quit")
	x.cmd.Wait()

	// Offline: the admin's line is not there.
	x = startXeplIn(t, home, true)
	x.expect(t, `xepl> `)
	x.typeLine("help quit")
	x.expect(t, `Close the stream`)
	x.expect(t, `xepl> `)
	x.in.Write([]byte("\x1b[A"))
	x.expect(t, `help quit`)
	x.in.Write([]byte("\x1b[A"))
	x.in.Write([]byte("\x15quit\r"))
	x.cmd.Wait()
	if strings.Contains(ansi.ReplaceAllString(x.output(), ""), "ping.server") {
		t.Error("offline, Up recalled a line typed as the admin")
	}

	// As the admin again: Up finds it (after the quit that ended it).
	x = startXeplIn(t, home, true, asAdmin(t, srv)...)
	x.expect(t, prompt)
	x.in.Write([]byte("\x1b[A\x1b[A"))
	x.expect(t, `ping\.server`)
	x.in.Write([]byte("\x15quit\r"))
	x.cmd.Wait()
}
