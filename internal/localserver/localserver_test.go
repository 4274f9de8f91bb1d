package localserver_test

import (
	"bytes"
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"os"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"xepl/internal/localserver"
	"xepl/internal/servertest"
)

// start starts a server of kind for one test and stops it at the end.
func start(t *testing.T, kind localserver.Kind) *localserver.Server {
	t.Helper()
	servertest.Require(t, kind)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	begin := time.Now()
	s, err := localserver.Start(ctx, kind)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%s %s started in %v (ports %d, %d, %d, %d; dir %s)", kind, s.Version,
		time.Since(begin).Round(time.Millisecond), s.Port, s.DirectTLSPort, s.HTTPPort, s.Proxy65Port, s.Dir)
	t.Cleanup(func() {
		if err := s.Stop(); err != nil {
			t.Error(err)
		}
	})
	return s
}

func forEachKind(t *testing.T, f func(t *testing.T, kind localserver.Kind)) {
	for _, kind := range localserver.Kinds {
		t.Run(string(kind), func(t *testing.T) {
			t.Parallel()
			f(t, kind)
		})
	}
}

func TestStartStop(t *testing.T) {
	t.Parallel()
	forEachKind(t, func(t *testing.T, kind localserver.Kind) {
		before := epmds()
		s := start(t, kind)

		if s.Kind != kind || s.Domain != "localhost" || s.Host != "127.0.0.1" || s.AdminJID != "admin@localhost" || s.AdminPassword == "" {
			t.Errorf("unexpected fields: %+v", s)
		}
		if s.Version == "" {
			t.Error("no version")
		}
		if s.Pid() == 0 {
			t.Fatal("no pid")
		}
		if pem, err := os.ReadFile(s.CertFile); err != nil || !bytes.Contains(pem, []byte("BEGIN CERTIFICATE")) {
			t.Errorf("CertFile %s: %v", s.CertFile, err)
		}

		t.Run("starttls features", func(t *testing.T) {
			conn := dial(t, s.Addr())
			f := openStream(t, conn, s.Domain)
			if !strings.Contains(f, "<starttls") || !strings.Contains(f, "<required") {
				t.Errorf("features on %s lack required starttls: %s", s.Addr(), f)
			}
		})
		t.Run("direct tls features", func(t *testing.T) {
			conn := tls.Client(dial(t, s.DirectTLSAddr()), &tls.Config{ServerName: "localhost", RootCAs: s.CertPool})
			if err := conn.Handshake(); err != nil {
				t.Fatal(err)
			}
			f := openStream(t, conn, s.Domain)
			if !strings.Contains(f, "PLAIN") || !strings.Contains(f, "SCRAM-SHA-1") {
				t.Errorf("features on %s lack PLAIN and SCRAM-SHA-1: %s", s.DirectTLSAddr(), f)
			}
		})
		t.Run("https", func(t *testing.T) {
			for _, name := range []string{"upload.localhost", "127.0.0.1"} {
				conn := tls.Client(dial(t, net.JoinHostPort(s.Host, strconv.Itoa(s.HTTPPort))), &tls.Config{ServerName: name, RootCAs: s.CertPool})
				if err := conn.Handshake(); err != nil {
					t.Errorf("TLS as %s: %v", name, err)
				}
				conn.Close()
			}
		})
		t.Run("register and log in", func(t *testing.T) {
			ctx := context.Background()
			if err := login(s, s.AdminJID, s.AdminPassword); err != nil {
				t.Errorf("admin: %v", err)
			}
			if err := s.Register(ctx, "alice", "wonderland"); err != nil {
				t.Fatal(err)
			}
			if err := login(s, "alice@localhost", "wonderland"); err != nil {
				t.Error(err)
			}
			if err := login(s, "alice@localhost", "wrong"); err == nil {
				t.Error("logged in with a wrong password")
			}
			// Registering again resets the password on both servers.
			if err := s.Register(ctx, "alice", "looking-glass"); err != nil {
				t.Fatal(err)
			}
			if err := login(s, "alice@localhost", "looking-glass"); err != nil {
				t.Error(err)
			}
		})
		t.Run("loopback only", func(t *testing.T) {
			addrs := listeningAddrs(t, s.Pid())
			if len(addrs) < 4 {
				t.Errorf("%s listens on %v, want at least the 4 ports", kind, addrs)
			}
			for _, a := range addrs {
				if !strings.HasPrefix(a, "127.0.0.1:") {
					t.Errorf("%s listens on %s", kind, a)
				}
			}
		})
		t.Run("log has no errors", func(t *testing.T) {
			for _, line := range strings.Split(s.LogTail(-1), "\n") {
				if logErrorRE.MatchString(line) {
					t.Errorf("%s logged: %s", kind, line)
				}
			}
			if t.Failed() {
				t.Log(s.LogTail(-1))
			}
		})

		dir, pid := s.Dir, s.Pid()
		begin := time.Now()
		if err := s.Stop(); err != nil {
			t.Fatal(err)
		}
		t.Logf("%s stopped in %v", kind, time.Since(begin).Round(time.Millisecond))
		if s.Running() {
			t.Error("Running after Stop")
		}
		if _, err := os.Stat(dir); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("%s still exists: %v", dir, err)
		}
		if _, err := os.Stat(fmt.Sprintf("/proc/%d", pid)); err == nil {
			t.Errorf("server pid %d still exists", pid)
		}
		if left := processesMentioning(dir); len(left) > 0 {
			t.Errorf("processes left behind: %v", left)
		}
		if after := epmds(); len(after) > len(before) {
			t.Errorf("epmd started: before %v, after %v", before, after)
		}
		if err := s.Stop(); err != nil {
			t.Errorf("second Stop: %v", err)
		}
	})
}

// logErrorRE matches error lines of Prosody ("\terror\t") and ejabberd
// ("[error]", "[critical]") logs.
var logErrorRE = regexp.MustCompile(`\terror\t|\[(error|critical)\]`)

func TestTwoAtOnce(t *testing.T) {
	t.Parallel()
	forEachKind(t, func(t *testing.T, kind localserver.Kind) {
		servertest.Require(t, kind)
		var (
			wg      sync.WaitGroup
			servers [2]*localserver.Server
			errs    [2]error
		)
		for i := range servers {
			wg.Go(func() {
				ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
				defer cancel()
				servers[i], errs[i] = localserver.Start(ctx, kind)
			})
		}
		wg.Wait()
		for i, s := range servers {
			if errs[i] != nil {
				t.Error(errs[i])
				continue
			}
			t.Cleanup(func() {
				if err := s.Stop(); err != nil {
					t.Error(err)
				}
			})
		}
		if t.Failed() {
			return
		}
		a, b := servers[0], servers[1]
		if a.Port == b.Port || a.Dir == b.Dir || a.Pid() == b.Pid() {
			t.Fatalf("servers share a port, dir or pid: %d/%d %s/%s %d/%d", a.Port, b.Port, a.Dir, b.Dir, a.Pid(), b.Pid())
		}
		for _, s := range servers {
			if !strings.Contains(openStream(t, dial(t, s.Addr()), s.Domain), "starttls") {
				t.Errorf("%s: no starttls", s.Addr())
			}
		}
		// An account made on one is not on the other.
		if err := a.Register(context.Background(), "bob", "builder"); err != nil {
			t.Fatal(err)
		}
		if err := login(b, "bob@localhost", "builder"); err == nil {
			t.Error("bob exists on the second server too")
		}
	})
}

func TestKill(t *testing.T) {
	t.Parallel()
	forEachKind(t, func(t *testing.T, kind localserver.Kind) {
		s := start(t, kind)
		conn := dial(t, s.Addr())
		openStream(t, conn, s.Domain)
		dir := s.Dir
		begin := time.Now()
		if err := s.Kill(); err != nil {
			t.Fatal(err)
		}
		t.Logf("%s killed in %v", kind, time.Since(begin).Round(time.Millisecond))
		if s.Running() {
			t.Error("Running after Kill")
		}
		conn.SetReadDeadline(time.Now().Add(5 * time.Second))
		if _, err := conn.Read(make([]byte, 1)); err == nil || errors.Is(err, os.ErrDeadlineExceeded) {
			t.Errorf("read after Kill: %v, want EOF or reset", err)
		}
		if left := processesMentioning(dir); len(left) > 0 {
			t.Errorf("processes left behind: %v", left)
		}
		if err := s.Register(context.Background(), "carol", "x"); err == nil {
			t.Error("Register on a killed server worked")
		}
		if err := s.Stop(); err != nil {
			t.Error(err)
		}
	})
}

func TestStartUnknownKind(t *testing.T) {
	_, err := localserver.Start(context.Background(), "openfire")
	if err == nil || !strings.Contains(err.Error(), "unknown server kind") {
		t.Errorf("got %v", err)
	}
	if ok, why := localserver.Available("openfire"); ok || why == "" {
		t.Errorf("Available(openfire) = %v, %q", ok, why)
	}
}
