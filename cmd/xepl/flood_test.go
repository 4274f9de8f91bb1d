//go:build linux

package main

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"xepl/internal/localserver"
	"xepl/internal/servertest"
)

// floodSize is how many presences bob sends alice.
const floodSize = 300

// TestFiltersInAPresenceFlood: bob floods alice with directed presence
// and sends one message amid it. With presence hidden, alice's screen
// shows the message and none of the flood, says how many were hidden,
// and the capture holds every one of them: log all lists them, log
// (which the live filters narrow) does not, find and find xpath find one
// among them, log save writes them all.
func TestFiltersInAPresenceFlood(t *testing.T) {
	servertest.Each(t, func(t *testing.T, srv *localserver.Server) {
		dir := t.TempDir()
		saved := filepath.Join(dir, "capture.jsonl")
		var b strings.Builder
		b.WriteString("account new alice\n@alice <presence/>\naccount new bob\n@bob <presence/>\n@alice filter hide presence\n")
		for i := 1; i <= floodSize; i++ {
			fmt.Fprintf(&b, "@bob <presence to='${alice.jid}'><status>flood-%d</status></presence>\n", i)
		}
		b.WriteString("@bob <message to='${alice.jid}' type='chat'><body>through the flood</body></message>\n")
		b.WriteString("@alice expect stanza message from ${bob.bare} within 10s\n")
		b.WriteString("@bob sync\n@alice sync\n")
		fmt.Fprintf(&b, "log all %d in presence from ${bob.bare}\n", 2*floodSize)
		b.WriteString("log in presence from ${bob.bare}\n")
		// One word, not "flood 300": find matches words anywhere in the
		// XML, and one of the two random resources holds 300 about one run
		// in 25 (ejabberd makes them of 23 digits): every presence matched.
		fmt.Fprintf(&b, "find flood-%d\n", floodSize)
		b.WriteString("find xpath //status[.='flood-7']\n")
		b.WriteString("log save " + saved + " --jsonl\n")
		script := filepath.Join(dir, "flood.xepl")
		if err := os.WriteFile(script, []byte(b.String()), 0o600); err != nil {
			t.Fatal(err)
		}
		status, stdout, stderr := runXepl(t, "", append(asAdmin(t, srv), "-f", script)...)
		if status != 0 {
			t.Fatalf("exit status %d\n%s%s", status, stdout, stderr)
		}
		defer func() {
			if t.Failed() {
				t.Logf("xepl printed:\n%s", stdout)
			}
		}()
		if !strings.Contains(stdout, "[alice] ← message chat from ") || !strings.Contains(stdout, "through the flood") {
			t.Error("the message amid the flood was not shown")
		}
		if n := strings.Count(stdout, "[alice] ← presence"); n > 2 {
			t.Errorf("%d of bob's presences were shown to alice through the filter", n)
		}
		hidden := 0
		for _, m := range regexp.MustCompile(`\((\d+) hidden by the filters`).FindAllStringSubmatch(stdout, -1) {
			var n int
			fmt.Sscan(m[1], &n)
			hidden += n
		}
		if hidden < floodSize {
			t.Errorf("%d said hidden, want at least %d", hidden, floodSize)
		}
		// Every one of the flood, and bob's presence to his own
		// resources' peers at most: at least the flood, and little more.
		listed := regexp.MustCompile(`(?m)^ +\d+ \S+ ← alice presence from `).FindAllString(stdout, -1)
		if len(listed) < floodSize || len(listed) > floodSize+3 {
			t.Errorf("log all listed %d presences to alice, want the %d of the flood", len(listed), floodSize)
		}
		if !regexp.MustCompile(`0 listed of \d+ captured .*; \d+ more hidden by the filters`).MatchString(stdout) {
			t.Error("log without all did not say the filters hid the flood")
		}
		if !regexp.MustCompile(`(?m)^[12] found; log show N prints one$`).MatchString(stdout) {
			t.Error("find did not find the one presence (sent and received) among the flood")
		}
		b2, err := os.ReadFile(saved)
		if err != nil {
			t.Fatal(err)
		}
		if n := strings.Count(string(b2), `flood-`); n < 2*floodSize {
			t.Errorf("the saved capture holds %d flood presences, want %d (sent and received)", n, 2*floodSize)
		}
	})
}
