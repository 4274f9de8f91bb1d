//go:build linux

package main

import (
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"xepl/internal/localserver"
	"xepl/internal/servertest"
)

// TestLocalSecondTerminal: xepl --local with no server's name and a
// pinned port starts Prosody there, fits its banner in 80 columns, and
// prints a command and a config entry that a second terminal pastes as
// they are to log in beside it.
func TestLocalSecondTerminal(t *testing.T) {
	servertest.Require(t, localserver.Prosody)
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := strconv.Itoa(l.Addr().(*net.TCPAddr).Port)
	l.Close()
	x := startXepl(t, true, "--local", "--local-port", port)
	x.expect(t, `admin@localhost> `)
	out := strings.ReplaceAll(ansi.ReplaceAllString(x.output(), ""), "\r", "")
	if !strings.Contains(out, "prosody 0.12") || !strings.Contains(out, "STARTTLS on 127.0.0.1:"+port+",") {
		t.Fatalf("--local --local-port %s did not start Prosody on that port:\n%s", port, out)
	}

	// The program is go run's here (a test binary is built where go run
	// builds): the second terminal runs this binary, with the rest as
	// printed.
	command := regexp.MustCompile(`(?m)^  (.+?)( --jid admin@localhost --server 127\.0\.0\.1:` + port + ` \\\n(?:    .*\\\n)*    .*)$`).FindStringSubmatch(out)
	if command == nil {
		t.Fatalf("no command for a second terminal:\n%s", out)
	}
	entry := regexp.MustCompile(`(?m)^  \[accounts\.local\]\n(?:  \w+ = .*\n)+`).FindString(out)
	if entry == "" {
		t.Fatalf("no config entry for a second terminal:\n%s", out)
	}
	for _, line := range strings.Split(out[:strings.Index(out, "In a second terminal")], "\n") {
		if n := utf8.RuneCountInString(line); n > 80 {
			t.Errorf("a banner line of %d columns: %q", n, line)
		}
	}

	second := func(name, shellCommand string) {
		t.Helper()
		c := exec.Command("sh", "-c", shellCommand)
		c.Env = append(os.Environ(), "XEPL_RUN_MAIN=1", "HOME="+t.TempDir(), "XDG_STATE_HOME=")
		c.Stdin = strings.NewReader("ping.server\nquit\n")
		got, err := c.CombinedOutput()
		if err != nil || !strings.Contains(string(got), "← result in") {
			t.Errorf("the %s, pasted into a second terminal: %v\n%s", name, err, got)
		}
	}
	second("command", strconv.Quote(os.Args[0])+command[2])
	config := filepath.Join(t.TempDir(), "config.toml")
	if err := os.WriteFile(config, []byte(entry), 0o600); err != nil {
		t.Fatal(err)
	}
	second("config entry", strconv.Quote(os.Args[0])+" --config "+strconv.Quote(config)+" -a local")
	x.typeLine("quit")
	x.cmd.Wait()
}
