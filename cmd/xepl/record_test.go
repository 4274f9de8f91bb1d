//go:build linux

package main

import (
	"encoding/base64"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"xepl/internal/localserver"
	"xepl/internal/servertest"
)

// recordScript registers an account, is refused the same name, logs in,
// changes the password, meets an error and has it explained, and
// deletes the account: a lesson's worth, recorded with --record.
const recordScript = `register.form
register.submit username=$user password=$password
register.submit username=$user password=$password
expect error conflict
connect --server $addr --ca-file $ca --password-var password $user@$domain
register.change-password password=$newpassword
<iq type='get' to='$domain'><query xmlns='urn:example:no-such-thing'/></iq>
expect error
explain
register.cancel
`

// TestRecordTranscript records that script on each server and reads the
// Markdown back: every command is there as typed, in the order typed,
// every stanza sent with its reply after it in an xml block, the error
// with its explanation, and no password in any form.
func TestRecordTranscript(t *testing.T) {
	servertest.Each(t, func(t *testing.T, srv *localserver.Server) {
		dir := t.TempDir()
		script := filepath.Join(dir, "class.xepl")
		if err := os.WriteFile(script, []byte(recordScript), 0o600); err != nil {
			t.Fatal(err)
		}
		md := filepath.Join(dir, "class.md")
		user := "rec" + strings.ToLower(secret(t, "")[1:9])
		pw, newPW := secret(t, "first"), secret(t, "second")
		status, stdout, stderr := runXepl(t, "", "--register", "--jid", srv.Domain, "--server", srv.Addr(), "--ca-file", srv.CertFile,
			"--record", md, "-f", script,
			"-v", "user="+user, "-v", "password="+pw, "-v", "newpassword="+newPW,
			"-v", "addr="+srv.Addr(), "-v", "ca="+srv.CertFile, "-v", "domain="+srv.Domain)
		if status != 0 {
			t.Fatalf("exit status %d\n%s%s", status, stdout, stderr)
		}
		b, err := os.ReadFile(md)
		if err != nil {
			t.Fatal(err)
		}
		text := string(b)
		defer func() {
			if t.Failed() {
				t.Logf("the transcript:\n%s", text)
			}
		}()

		// Every command, as the history keeps it (variables as typed,
		// secrets masked), in order.
		at := 0
		for _, line := range strings.Split(strings.TrimSpace(recordScript), "\n") {
			if strings.HasPrefix(line, "<") {
				continue // XML is recorded as what was sent
			}
			want := "> " + strings.ReplaceAll(line, "password=$password", "password=********")
			want = strings.ReplaceAll(want, "password=$newpassword", "password=********")
			i := strings.Index(text[at:], want+"\n```")
			if i < 0 {
				t.Errorf("the transcript lacks the command %q after byte %d", want, at)
				continue
			}
			at += i
		}
		// What was sent, and each reply, in xml blocks.
		sent := strings.Count(text, "→ sent iq")
		replies := len(regexp.MustCompile(`(?m)^← (result|error) in [0-9.]+ ms`).FindAllString(text, -1))
		if sent < 6 || replies != sent {
			t.Errorf("%d iq sent and %d replies recorded with their round-trip times", sent, replies)
		}
		if n := strings.Count(text, "```xml\n"); n < 2*sent {
			t.Errorf("%d xml blocks for %d requests and their replies", n, sent)
		}
		for _, want := range []string{"conflict", "XEP-0077", "urn:example:no-such-thing", "explain", "means: "} {
			if !strings.Contains(text, want) {
				t.Errorf("the transcript does not mention %s", want)
			}
		}
		// No password, in any form a stream carries one.
		for _, p := range []string{pw, newPW} {
			for _, form := range []string{p, base64.StdEncoding.EncodeToString([]byte(p)), base64.StdEncoding.EncodeToString([]byte("\x00" + user + "\x00" + p))} {
				if strings.Contains(text, form) || strings.Contains(stdout+stderr, form) {
					t.Errorf("a password shows in the transcript or on screen")
				}
			}
		}
	})
}
