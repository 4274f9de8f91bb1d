package session_test

import (
	"crypto/tls"
	"errors"
	"net"
	"strings"
	"sync"
	"testing"
	"time"

	"mellium.im/xmpp/jid"

	"xepl/internal/fakexmpp"
	"xepl/internal/rawxml"
	"xepl/internal/selfsigned"
	"xepl/internal/session"
)

// fakeServer is an XMPP server inside the test process (fakexmpp), for
// what no real server does: going silent at a chosen step of
// negotiation, or sending hostile bytes. The end of the test closes the
// listener and every connection, and waits (boundedly) for the scripts.
type fakeServer struct {
	*fakexmpp.Server
	t testing.TB
}

// fakeIO bounds every single read and write of a script, so that a script
// never waits forever on a client that went away.
const fakeIO = 10 * time.Second

// fakeDomain and fakeBound are the fake's domain and the address it
// binds.
const (
	fakeDomain = fakexmpp.Domain
	fakeBound  = fakexmpp.Bound
)

// fakeCert is the fake servers' certificate, made once per test binary.
var fakeCert = sync.OnceValue(func() *selfsigned.Cert {
	c, err := selfsigned.New(fakeDomain)
	if err != nil {
		panic(err)
	}
	return c
})

// fakeTLS is the fakes' TLS configuration, which also speaks direct TLS
// (XEP-0368).
func fakeTLS() *tls.Config {
	return &tls.Config{Certificates: []tls.Certificate{fakeCert().TLS}, NextProtos: []string{"xmpp-client"}}
}

func newFake(t testing.TB, script func(c *fakeConn) error) *fakeServer {
	t.Helper()
	s, err := fakexmpp.Listen(fakeIO, func(c *fakexmpp.Conn) error { return script(&fakeConn{c}) }, func(err error) {
		if !errors.Is(err, net.ErrClosed) {
			t.Logf("fake server script: %v", err)
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	f := &fakeServer{Server: s, t: t}
	t.Cleanup(f.stop)
	return f
}

// stop closes the server, and fails the test if a script outlives it.
func (f *fakeServer) stop() {
	if !f.Close(5 * time.Second) {
		f.t.Errorf("fake server scripts still running 5s after the test")
	}
}

// config logs in to the fake server as user@localhost with PLAIN, the one
// mechanism the fake speaks.
func (f *fakeServer) config(obs session.Observer, timeout time.Duration) session.Config {
	return session.Config{
		JID:       jid.MustParse("user@" + fakeDomain),
		Password:  "pw",
		Server:    f.Addr(),
		RootCAs:   fakeCert().Pool,
		Mechanism: "PLAIN",
		Timeout:   timeout,
		Observer:  obs,
	}
}

// fakeConn is one client connection as a script sees it.
type fakeConn struct{ *fakexmpp.Conn }

func (c *fakeConn) startTLS() error  { return c.StartTLS(fakeTLS()) }
func (c *fakeConn) handshake() error { return c.Handshake(fakeTLS()) }
func (c *fakeConn) login() error     { return c.Login(fakeTLS()) }

// nextStanza reads the client's stanzas until one satisfies stop,
// answering its pings on the way; it returns that stanza.
func (c *fakeConn) nextStanza(stop func(session.WireUnit) bool) (session.WireUnit, error) {
	for {
		u, err := c.Next()
		if err != nil {
			return session.WireUnit{}, err
		}
		w := session.WireUnit{Unit: u}
		if stop(w) {
			return w, nil
		}
		if w.Local == "iq" && w.Attr("type") == "get" && strings.Contains(string(w.Raw), "urn:xmpp:ping") {
			c.Send(`<iq type='result' id='` + rawxml.EscapeAttr(w.Attr("id")) + `'/>`)
		}
	}
}
