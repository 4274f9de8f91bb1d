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

// TestSendRaw: send --raw puts malformed bytes on the stream after a
// warning; each server ends the stream with not-well-formed, the shell
// says how to go on, and reconnect and a ping work after it. Without
// --raw the same XML is refused with its line and column, and nothing
// is sent.
func TestSendRaw(t *testing.T) {
	servertest.Each(t, func(t *testing.T, srv *localserver.Server) {
		script := filepath.Join(t.TempDir(), "raw.xepl")
		lines := "send <message><body>x</bod></message>\n"
		if err := os.WriteFile(script, []byte(lines), 0o600); err != nil {
			t.Fatal(err)
		}
		status, stdout, stderr := runXepl(t, "", append(asAdmin(t, srv), "-f", script)...)
		if status != 1 || !regexp.MustCompile(`raw\.xepl:1:\d+: error: not sent: `).MatchString(stderr) || strings.Contains(stdout, "→ sent") {
			t.Errorf("malformed XML without --raw: status %d\n%s%s", status, stdout, stderr)
		}

		lines = "send --raw <message><body>x</bod></message>\nreconnect\nping.server\n"
		if err := os.WriteFile(script, []byte(lines), 0o600); err != nil {
			t.Fatal(err)
		}
		status, stdout, stderr = runXepl(t, "", append(asAdmin(t, srv), "-f", script)...)
		if status != 0 {
			t.Fatalf("exit status %d\n%s%s", status, stdout, stderr)
		}
		for _, want := range []string{"warning: sending 32 bytes unchecked", "← stream error", "not-well-formed", "← result in"} {
			if !strings.Contains(stdout, want) {
				t.Errorf("the output lacks %q:\n%s", want, stdout)
			}
		}
		if !strings.Contains(stderr, "the stream has ended: stream error: not-well-formed") || !strings.Contains(stderr, "type reconnect") {
			t.Errorf("the end of the stream was not said with the way on:\n%s", stderr)
		}
	})
}
