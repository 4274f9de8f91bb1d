package session_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"xepl/internal/fakexmpp"
	"xepl/internal/session"
)

// silentAfter plays the server's part of a login up to a step and then
// says nothing more.
func silentAfter(steps ...func(c *fakeConn) error) func(c *fakeConn) error {
	return func(c *fakeConn) error {
		for _, step := range steps {
			if err := step(c); err != nil {
				return err
			}
		}
		return c.Hold()
	}
}

// The steps of a login, for silentAfter.
var (
	readHeader  = func(c *fakeConn) error { _, err := c.Expect("stream"); return err }
	sendHeader  = func(c *fakeConn) error { return c.Send(fakexmpp.Header) }
	openTLS     = func(c *fakeConn) error { return c.Open(fakexmpp.FeaturesTLS) }
	openSASL    = func(c *fakeConn) error { return c.Open(fakexmpp.FeaturesSASL) }
	openBind    = func(c *fakeConn) error { return c.Open(fakexmpp.FeaturesBind) }
	readTLS     = func(c *fakeConn) error { _, err := c.Expect("starttls"); return err }
	sendProceed = func(c *fakeConn) error { return c.Send(`<proceed xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>`) }
	startTLS    = (*fakeConn).startTLS
	handshake   = (*fakeConn).handshake
	readAuth    = func(c *fakeConn) error { _, err := c.Expect("auth"); return err }
	auth        = (*fakeConn).Auth
	readBind    = func(c *fakeConn) error { _, err := c.Expect("iq"); return err }
)

// TestConnectBounded: whatever the server does once TCP is up, Connect
// returns within its timeout and says what it was waiting for.
func TestConnectBounded(t *testing.T) {
	const timeout = 700 * time.Millisecond
	within := " within 700ms"
	tests := []struct {
		name   string
		direct bool
		script func(c *fakeConn) error
		want   string
		more   string // also wanted, after want
	}{
		{"silent before the stream header", false, silentAfter(),
			"no stream header from the server" + within, ""},
		{"silent before the features", false, silentAfter(readHeader, sendHeader),
			"no stream features from the server" + within + " (it answered the stream header, then went quiet)", ""},
		{"silent after starttls", false, silentAfter(openTLS, readTLS),
			"no answer to <starttls/> from the server" + within, ""},
		{"silent in the STARTTLS handshake", false, silentAfter(openTLS, readTLS, sendProceed),
			"no TLS handshake from the server" + within, ""},
		{"silent before the header after TLS", false, silentAfter(openTLS, startTLS),
			"no stream header from the server" + within, ""},
		{"silent before the features after TLS", false, silentAfter(openTLS, startTLS, readHeader, sendHeader),
			"no stream features from the server" + within, ""},
		{"silent before the SASL answer", false, silentAfter(openTLS, startTLS, openSASL, readAuth),
			"no answer to the SASL authentication (PLAIN) from the server" + within, ""},
		{"silent before the header after SASL", false, silentAfter(openTLS, startTLS, openSASL, auth),
			"no stream header from the server" + within, ""},
		{"silent before the bind answer", false, silentAfter(openTLS, startTLS, openSASL, auth, openBind, readBind),
			"no answer to the resource bind request from the server" + within, ""},
		{"silent in the direct TLS handshake", true, silentAfter(),
			"no TLS handshake from the server" + within, ""},
		{"silent before the header after direct TLS", true, silentAfter(handshake),
			"no stream header from the server" + within, ""},
		{"a drip of one byte at a time", false, drip,
			"no stream header from the server" + within + " (the server sent the first ", " bytes of one and never finished it)"},
		{"an HTTP server", false, banner("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n"),
			`the server does not speak XMPP: it began with "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n"`, ""},
		{"an SSH server", false, banner("SSH-2.0-OpenSSH_9.2p1\r\n"),
			`the server does not speak XMPP: it began with "SSH-2.0-OpenSSH_9.2p1\r\n"`, ""},
		{"an HTTP server that answers and hangs up", false, func(c *fakeConn) error {
			if err := readHeader(c); err != nil {
				return err
			}
			return c.Send("HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n")
		}, `the server does not speak XMPP: it began with "HTTP/1.1 400 Bad Request\r\n`, ""},
		{"a server that hangs up at once", false, func(*fakeConn) error { return nil },
			"the server closed the connection while xepl waited for the stream header from the server", ""},
		{"a server that hangs up at starttls", false, func(c *fakeConn) error { return errors.Join(openTLS(c), readTLS(c)) },
			"the server closed the connection while xepl waited for the answer to <starttls/> from the server", ""},
		{"a server that hangs up in the handshake", false, func(c *fakeConn) error { return errors.Join(openTLS(c), readTLS(c), sendProceed(c)) },
			"the server closed the connection while xepl waited for the TLS handshake from the server", ""},
		{"no STARTTLS offered", false, silentAfter(openSASL),
			"the server offers no TLS (no <starttls/>): refusing to log in in clear", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			f := newFake(t, tt.script)
			cfg := f.config(nil, timeout)
			cfg.DirectTLS = tt.direct
			begin := time.Now()
			s, err := connectWithin(t, context.Background(), cfg, timeout+5*time.Second)
			elapsed := time.Since(begin)
			if err == nil {
				s.Abort()
				t.Fatal("Connect succeeded")
			}
			t.Log(err)
			if !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), tt.more) {
				t.Errorf("error:\n  %v\nwant it to contain:\n  %s %s", err, tt.want, tt.more)
			}
			if elapsed > timeout+500*time.Millisecond {
				t.Errorf("Connect took %v with a timeout of %v", elapsed, timeout)
			}
		})
	}
}

// drip sends a stream header one byte every 50ms until the client hangs
// up: no single read ever waits long, and the header is never done.
func drip(c *fakeConn) error {
	for i := 0; ; i = (i + 1) % len(fakexmpp.Header[:20]) {
		if err := c.Send(fakexmpp.Header[i : i+1]); err != nil {
			return nil
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// banner sends what another kind of server says first, and then waits.
func banner(text string) func(c *fakeConn) error {
	return func(c *fakeConn) error {
		if err := c.Send(text); err != nil {
			return err
		}
		return c.Hold()
	}
}

// TestConnectCancelled: cancelling the context (the shell's Ctrl-C) stops
// Connect at once, and the error says so and what it was waiting for.
func TestConnectCancelled(t *testing.T) {
	f := newFake(t, silentAfter(readHeader, sendHeader))
	cfg := f.config(nil, 30*time.Second)
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(200*time.Millisecond, cancel)
	begin := time.Now()
	s, err := connectWithin(t, ctx, cfg, 5*time.Second)
	if err == nil {
		s.Abort()
		t.Fatal("Connect succeeded")
	}
	if elapsed := time.Since(begin); elapsed > time.Second {
		t.Errorf("Connect took %v after being cancelled at 200ms", elapsed)
	}
	if !errors.Is(err, context.Canceled) || !strings.Contains(err.Error(), "stream features") {
		t.Errorf("error = %v, want context.Canceled and the step it was waiting for", err)
	}
}

// connectWithin runs Connect, failing the test if it has not returned
// after limit (the Connect goroutine is then left behind).
func connectWithin(t *testing.T, ctx context.Context, cfg session.Config, limit time.Duration) (*session.Session, error) {
	t.Helper()
	type result struct {
		s   *session.Session
		err error
	}
	done := make(chan result, 1)
	go func() {
		s, err := session.Connect(ctx, cfg)
		done <- result{s, err}
	}()
	select {
	case r := <-done:
		return r.s, r.err
	case <-time.After(limit):
		t.Fatalf("Connect had not returned after %v", limit)
		return nil, nil
	}
}
