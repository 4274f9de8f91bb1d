//go:build linux

package main

import (
	"fmt"
	"strings"
	"testing"

	"xepl/internal/localserver"
	"xepl/internal/servertest"
)

// quitBurst is how many messages the script sends itself before quit.
const quitBurst = 50

// TestQuitShowsWhatCameBefore: a script sends itself messages and quits
// at once, without waiting for them. Every one the server sends back
// before it ends the stream is shown: quit does not hang up on stanzas in
// flight.
func TestQuitShowsWhatCameBefore(t *testing.T) {
	servertest.Each(t, func(t *testing.T, srv *localserver.Server) {
		var b strings.Builder
		for i := 1; i <= quitBurst; i++ {
			fmt.Fprintf(&b, "<message to='${jid}' type='chat'><body>before quit %d.</body></message>\n", i)
		}
		b.WriteString("quit\n")
		status, stdout, stderr := runXepl(t, b.String(), asAdmin(t, srv)...)
		if status != 0 {
			t.Fatalf("exit status %d\n%s%s", status, stdout, stderr)
		}
		for i := 1; i <= quitBurst; i++ {
			if n := strings.Count(stdout, fmt.Sprintf("before quit %d.", i)); n != 2 {
				t.Errorf("message %d shown %d times, want twice (sent and received)", i, n)
			}
		}
	})
}
