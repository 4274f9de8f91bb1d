package main

import (
	"bytes"
	"crypto/tls"
	"errors"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"xepl/internal/fakexmpp"
	"xepl/internal/rawxml"
	"xepl/internal/selfsigned"
)

// fake starts a fakexmpp server running script and returns its address
// and a CA file that trusts it.
func fake(t *testing.T, script func(c *fakexmpp.Conn, cfg *tls.Config) error) (addr, caFile string) {
	t.Helper()
	cert, err := selfsigned.New(fakexmpp.Domain)
	if err != nil {
		t.Fatal(err)
	}
	caFile = filepath.Join(t.TempDir(), "ca.pem")
	if err := os.WriteFile(caFile, cert.PEM, 0o600); err != nil {
		t.Fatal(err)
	}
	cfg := &tls.Config{Certificates: []tls.Certificate{cert.TLS}}
	s, err := fakexmpp.Listen(10*time.Second, func(c *fakexmpp.Conn) error { return script(c, cfg) }, func(err error) {
		if !errors.Is(err, net.ErrClosed) {
			t.Logf("fake: %v", err)
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close(5 * time.Second) })
	return s.Addr(), caFile
}

// TestFetch: rawfetch logs in to the fake as its login goes, and writes
// the roster reply whole.
func TestFetch(t *testing.T) {
	const reply = `<iq type='result' id='r1'><query xmlns='jabber:iq:roster'><item jid='a@example.org'/></query></iq>`
	addr, ca := fake(t, func(c *fakexmpp.Conn, cfg *tls.Config) error {
		if err := c.Login(cfg); err != nil {
			return err
		}
		if _, err := c.Expect("iq"); err != nil {
			return err
		}
		if err := c.Send(reply); err != nil {
			return err
		}
		u, err := c.Next()
		if err != nil {
			return err
		}
		if u.Kind != rawxml.KindStreamClose {
			return errors.New("want the stream's end, got " + string(u.Raw))
		}
		return c.Send("</stream:stream>")
	})
	var out bytes.Buffer
	if err := fetch(addr, ca, &out, 10*time.Second); err != nil {
		t.Fatal(err)
	}
	if out.String() != reply {
		t.Errorf("fetch wrote %q, want %q", out.String(), reply)
	}
}

// TestFetchSilentServer: a fake that stops answering makes fetch fail
// after its timeout, at each step it can hang in.
func TestFetchSilentServer(t *testing.T) {
	for _, tt := range []struct {
		name   string
		script func(c *fakexmpp.Conn, cfg *tls.Config) error
		want   string
	}{
		{"before the features", func(c *fakexmpp.Conn, _ *tls.Config) error { return c.Hold() }, "waiting for </stream:features>"},
		{"in the TLS handshake", func(c *fakexmpp.Conn, _ *tls.Config) error {
			if err := c.Open(fakexmpp.FeaturesTLS); err != nil {
				return err
			}
			if _, err := c.Expect("starttls"); err != nil {
				return err
			}
			if err := c.Send(`<proceed xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>`); err != nil {
				return err
			}
			return c.Hold()
		}, "timeout"},
		{"before the roster", func(c *fakexmpp.Conn, cfg *tls.Config) error {
			if err := c.Login(cfg); err != nil {
				return err
			}
			return c.Hold()
		}, "waiting for id='r1'"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			addr, ca := fake(t, tt.script)
			done := make(chan error, 1)
			go func() { done <- fetch(addr, ca, &bytes.Buffer{}, 200*time.Millisecond) }()
			select {
			case err := <-done:
				if err == nil || !strings.Contains(err.Error(), tt.want) {
					t.Errorf("fetch returned %v, want an error with %q", err, tt.want)
				}
			case <-time.After(10 * time.Second):
				t.Fatal("fetch still waiting 10s after a 200ms timeout")
			}
		})
	}
}
