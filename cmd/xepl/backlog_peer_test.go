//go:build linux && peers

package main

import (
	"os/exec"
	"syscall"
	"testing"
	"time"

	"xepl/internal/localserver"
	"xepl/internal/servertest"
)

// TestBacklogPeer is TestBacklogBoundedMemory's baseline: the same
// 100,000 messages into go-sendxmpp -l (Debian's go-sendxmpp, which
// prints every message it gets), its output read at the same rate. It
// checks nothing but that every message is shown, and logs the peak RSS.
// go-sendxmpp prints a line of about 93 bytes a message where xepl
// prints about 270 (the XML, indented), so its output is read at a third
// of xepl's rate (backlogPeerRate), to fall as far behind.
// It is behind the peers build tag, since CI has no go-sendxmpp:
//
//	CI=true go test -tags peers ./cmd/xepl -run TestBacklogPeer -v
func TestBacklogPeer(t *testing.T) {
	const backlogPeerRate = backlogRate / 3
	if _, err := exec.LookPath("go-sendxmpp"); err != nil {
		t.Fatal("go-sendxmpp is not installed: apt-get install go-sendxmpp")
	}
	servertest.Each(t, func(t *testing.T, srv *localserver.Server) {
		alice, bob := account(t, srv, "peer-alice"), account(t, srv, "peer-bob")
		// -n: go-sendxmpp has no flag for a CA file (the server's
		// certificate is the test's own).
		r := startSlowCommand(t, backlogPeerRate, exec.Command("go-sendxmpp", "-l", "-n",
			"-u", alice.jid, "-p", alice.password, "-j", srv.Addr()))
		// It prints nothing once logged in: give it time to log in and
		// send its presence, or the server would drop the headlines.
		time.Sleep(3 * time.Second)
		begin := time.Now()
		sent := flood(t, srv, bob, alice.jid, 0, backlogMessages)
		produced := time.Since(begin)
		shownWhenSent := r.snapshot().count
		r.waitFor(t, "every message", func(o *backlogOutput) bool { return o.count >= backlogMessages })
		consumed := time.Since(begin)
		r.cmd.Process.Signal(syscall.SIGTERM)
		r.in.Close()
		_, rss := r.wait(t)
		o := r.snapshot()
		t.Logf("%s: go-sendxmpp: %d messages sent in %v, shown in %v (%d shown when the last was sent); output %d bytes read at %d B/s; peak RSS %.1f MB",
			srv.Kind, sent, produced.Round(time.Millisecond), consumed.Round(time.Millisecond), shownWhenSent, o.bytes, backlogPeerRate, float64(rss)/(1<<20))
		if o.count != backlogMessages || o.dups != 0 {
			t.Errorf("%d messages shown (%d more than once), want each of %d once", o.count, o.dups, backlogMessages)
		}
	})
}
