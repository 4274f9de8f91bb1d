package localserver

import (
	"context"
	"net"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"xepl/internal/selfsigned"
)

func TestPortConflict(t *testing.T) {
	for _, tt := range []struct {
		log  string
		want bool
	}{
		{"Nov 25 14:25:47 portmanager\terror\tFailed to open server port 5222 on 127.0.0.1, this port is in use by another application", true},
		{"2026-11-25 14:44:11.259450+00:00 [error] Failed to open socket at 127.0.0.1:25223 for ejabberd_c2s: address already in use", true},
		{"reason: eaddrinuse", true},
		{"Nov 25 14:25:47 portmanager\tinfo\tActivated service 'c2s' on [127.0.0.1]:26222", false},
		{"", false},
	} {
		if got := portConflict(tt.log); got != tt.want {
			t.Errorf("portConflict(%q) = %v", tt.log, got)
		}
	}
}

func TestLuaString(t *testing.T) {
	for in, want := range map[string]string{
		`/tmp/x`:          `"/tmp/x"`,
		`a"b\c`:           `"a\"b\\c"`,
		"line\nbreak":     `"line\nbreak"`,
		"admin@localhost": `"admin@localhost"`,
	} {
		if got := luaString(in); got != want {
			t.Errorf("luaString(%q) = %s, want %s", in, got, want)
		}
	}
}

// TestConfigs renders both configurations and checks that every port in
// them is one we allocated (or the advertised-only STUN/TURN 3478) and
// that every path is inside the server's directory.
func TestConfigs(t *testing.T) {
	ports := []int{40001, 40002, 40003, 40004, 40005}
	cert, err := selfsigned.New("localhost")
	if err != nil {
		t.Fatal(err)
	}
	for _, im := range []impl{prosodyImpl{}, ejabberdImpl{}} {
		dir := t.TempDir()
		s := &Server{Dir: dir, Domain: "localhost", MUCDomain: "conference.localhost", PubSubDomain: "pubsub.localhost",
			UploadDomain: "upload.localhost", ProxyDomain: "proxy.localhost", AdminJID: "admin@localhost",
			CertFile: filepath.Join(dir, "cert.pem")}
		if err := im.configure(s, ports[:im.ports()], cert); err != nil {
			t.Fatal(err)
		}
		var text strings.Builder
		entries, _ := os.ReadDir(dir)
		for _, e := range entries {
			if b, err := os.ReadFile(filepath.Join(dir, e.Name())); err == nil {
				text.Write(b)
			}
		}
		cfg := text.String()
		for _, line := range strings.Split(cfg, "\n") {
			if strings.Contains(line, "max_") {
				continue // limits, not ports
			}
			for _, m := range regexp.MustCompile(`\b\d{4,5}\b`).FindAllString(line, -1) {
				if n, _ := strconv.Atoi(m); n != 3478 && (n < 40001 || n > 40005) { // allocated, or advertised STUN/TURN
					t.Errorf("%s: unexpected number %s in the configuration (a fixed port?): %s", im.user(), m, line)
				}
			}
		}
		for _, p := range ports[:im.ports()] {
			if !strings.Contains(cfg, strconv.Itoa(p)) {
				t.Errorf("%s: port %d unused", im.user(), p)
			}
		}
		for _, m := range regexp.MustCompile(`"(/[^"]*)"`).FindAllStringSubmatch(cfg, -1) {
			if !strings.HasPrefix(m[1], dir) {
				t.Errorf("%s: path %s outside the server directory", im.user(), m[1])
			}
		}
		if strings.Contains(cfg, "{{") || strings.Contains(cfg, "<no value>") {
			t.Errorf("%s: template leftovers", im.user())
		}
	}
}

// brokenConfig is a server whose configuration file gets a syntax error.
type brokenConfig struct{ impl }

func (b brokenConfig) configure(s *Server, ports []int, cert *selfsigned.Cert) error {
	if err := b.impl.configure(s, ports, cert); err != nil {
		return err
	}
	f, err := os.OpenFile(s.ConfigFile, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		return err
	}
	defer f.Close()
	_, err = f.WriteString("\nthis is not valid = = {\n")
	return err
}

// TestStartFailure checks that a server that cannot start makes Start
// fail promptly, with its log in the error and nothing left behind.
func TestStartFailure(t *testing.T) {
	for _, kind := range Kinds {
		t.Run(string(kind), func(t *testing.T) {
			t.Parallel()
			requireAvailable(t, kind)
			im, _ := implFor(kind)
			ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
			defer cancel()
			begin := time.Now()
			s, err := start(ctx, kind, brokenConfig{im}, 0)
			if err == nil {
				s.Stop()
				t.Fatal("started with a broken configuration")
			}
			t.Logf("failed in %v: %v", time.Since(begin).Round(time.Millisecond), err)
			if msg := strings.ToLower(err.Error()); !strings.Contains(msg, "server log") || !strings.Contains(msg, "syntax error") {
				t.Errorf("error lacks the server's log: %v", err)
			}
			if _, err := os.Stat(s.Dir); err == nil {
				t.Errorf("%s left behind", s.Dir)
			}
		})
	}
}

// TestPortTaken gives a server a port someone else holds: Start must
// notice and try again with other ports.
func TestPortTaken(t *testing.T) {
	taken, err := net.Listen("tcp", "127.0.0.1:0") // accepts, never answers
	if err != nil {
		t.Fatal(err)
	}
	defer taken.Close()
	takenPort := taken.Addr().(*net.TCPAddr).Port
	var mu sync.Mutex
	calls := 0
	pickPorts = func(n int) ([]int, error) {
		mu.Lock()
		defer mu.Unlock()
		calls++
		ports, err := freePorts(n)
		if calls == 1 && err == nil {
			ports[0] = takenPort
		}
		return ports, err
	}
	defer func() { pickPorts = freePorts }()
	for _, kind := range Kinds {
		requireAvailable(t, kind)
		mu.Lock()
		calls = 0
		mu.Unlock()
		begin := time.Now()
		s, err := Start(context.Background(), kind)
		if err != nil {
			t.Fatalf("%s: %v", kind, err)
		}
		t.Logf("%s started in %v after a taken port", kind, time.Since(begin).Round(time.Millisecond))
		if s.Port == takenPort || calls != 2 {
			t.Errorf("%s: port %d (taken %d) after %d attempts, want 2", kind, s.Port, takenPort, calls)
		}
		if err := s.Stop(); err != nil {
			t.Error(err)
		}
	}
}

// requireAvailable skips a test when kind is not installed, or fails it
// under CI. It stands in for servertest.Require, which imports this
// package and so cannot be imported by its internal tests.
func requireAvailable(t *testing.T, kind Kind) {
	t.Helper()
	ok, why := Available(kind)
	if ok {
		return
	}
	if ci, err := strconv.ParseBool(os.Getenv("CI")); os.Getenv("CI") != "" && (err != nil || ci) {
		t.Fatalf("%s is not available and CI is set: %s", kind, why)
	}
	t.Skip(why)
}
