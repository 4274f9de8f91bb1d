package session_test

import (
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"strings"
	"sync"
	"testing"
	"time"

	"mellium.im/xmpp/jid"

	"xepl/internal/rawxml"
	"xepl/internal/session"
)

// fakeServer is an XMPP server inside the test process, for what no real
// server does: going silent at a chosen step of negotiation, or sending
// hostile bytes. It accepts connections on a loopback port and runs a
// script on each in a goroutine of its own. The end of the test closes
// the listener and every connection, and waits (boundedly) for the
// scripts.
type fakeServer struct {
	t     testing.TB
	ln    net.Listener
	wg    sync.WaitGroup
	mu    sync.Mutex
	conns []net.Conn
}

// fakeIO bounds every single read and write of a script, so that a script
// never waits forever on a client that went away.
const fakeIO = 10 * time.Second

func newFake(t testing.TB, script func(c *fakeConn) error) *fakeServer {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	f := &fakeServer{t: t, ln: ln}
	f.wg.Add(1)
	go f.accept(script)
	t.Cleanup(f.stop)
	return f
}

func (f *fakeServer) accept(script func(c *fakeConn) error) {
	defer f.wg.Done()
	for {
		conn, err := f.ln.Accept()
		if err != nil {
			return
		}
		f.mu.Lock()
		f.conns = append(f.conns, conn)
		f.mu.Unlock()
		f.wg.Add(1)
		go func() {
			defer f.wg.Done()
			defer conn.Close()
			c := &fakeConn{raw: conn, conn: conn}
			c.split = rawxml.NewSplitter(func(u rawxml.Unit) { c.units = append(c.units, u) })
			if err := script(c); err != nil && !errors.Is(err, net.ErrClosed) {
				f.t.Logf("fake server script: %v", err)
			}
		}()
	}
}

func (f *fakeServer) stop() {
	f.ln.Close()
	f.mu.Lock()
	for _, c := range f.conns {
		c.Close()
	}
	f.mu.Unlock()
	done := make(chan struct{})
	go func() { f.wg.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		f.t.Errorf("fake server scripts still running 5s after the test")
	}
}

// config logs in to the fake server as user@localhost with PLAIN, the one
// mechanism the fake speaks.
func (f *fakeServer) config(obs session.Observer, timeout time.Duration) session.Config {
	_, pool := fakeCert()
	return session.Config{
		JID:       jid.MustParse("user@" + fakeDomain),
		Password:  "pw",
		Server:    f.ln.Addr().String(),
		RootCAs:   pool,
		Mechanism: "PLAIN",
		Timeout:   timeout,
		Observer:  obs,
	}
}

// fakeConn is one client connection as a script sees it.
type fakeConn struct {
	raw   net.Conn
	conn  net.Conn // raw, or TLS over it
	split *rawxml.Splitter
	units []rawxml.Unit // read and split, not yet taken
	buf   [4096]byte
	// header, when set, is the stream header the fake sends instead of
	// fakeHeader.
	header string
}

// The features of the three streams of a login.
const (
	featuresTLS  = `<stream:features><starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'><required/></starttls></stream:features>`
	featuresSASL = `<stream:features><mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><mechanism>PLAIN</mechanism></mechanisms></stream:features>`
	featuresBind = `<stream:features><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/></stream:features>`
	fakeHeader   = `<?xml version='1.0'?><stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' id='fake' from='` + fakeDomain + `' version='1.0'>`
	// fakeBound is the address the fake binds.
	fakeBound = "user@" + fakeDomain + "/fake"
)

func (c *fakeConn) send(s string) error {
	c.conn.SetWriteDeadline(time.Now().Add(fakeIO))
	_, err := c.conn.Write([]byte(s))
	return err
}

// next returns the client's next unit that is not white space.
func (c *fakeConn) next() (rawxml.Unit, error) {
	for {
		for len(c.units) > 0 {
			u := c.units[0]
			c.units = c.units[1:]
			if u.Kind != rawxml.KindWhitespace {
				return u, nil
			}
		}
		c.conn.SetReadDeadline(time.Now().Add(fakeIO))
		n, err := c.conn.Read(c.buf[:])
		c.split.Write(c.buf[:n])
		if err != nil && len(c.units) == 0 {
			return rawxml.Unit{}, err
		}
	}
}

// expect returns the client's next unit, which must be named local.
func (c *fakeConn) expect(local string) (rawxml.Unit, error) {
	u, err := c.next()
	if err != nil {
		return u, fmt.Errorf("waiting for <%s>: %w", local, err)
	}
	if u.Local != local {
		return u, fmt.Errorf("want <%s>, client sent %s", local, u.Raw)
	}
	return u, nil
}

// open reads the client's stream header and answers with one of its own
// and features.
func (c *fakeConn) open(features string) error {
	if _, err := c.expect("stream"); err != nil {
		return err
	}
	hdr := fakeHeader
	if c.header != "" {
		hdr = c.header
	}
	return c.send(hdr + features)
}

func (c *fakeConn) startTLS() error {
	if _, err := c.expect("starttls"); err != nil {
		return err
	}
	if err := c.send(`<proceed xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>`); err != nil {
		return err
	}
	return c.handshake()
}

// handshake makes the connection TLS (after <proceed/>, or at once for
// direct TLS).
func (c *fakeConn) handshake() error {
	cert, _ := fakeCert()
	tc := tls.Server(c.raw, &tls.Config{Certificates: []tls.Certificate{cert}, NextProtos: []string{"xmpp-client"}})
	tc.SetDeadline(time.Now().Add(fakeIO))
	if err := tc.Handshake(); err != nil {
		return err
	}
	tc.SetDeadline(time.Time{})
	c.conn = tc
	c.split.Flush()
	return nil
}

func (c *fakeConn) auth() error {
	if _, err := c.expect("auth"); err != nil {
		return err
	}
	return c.send(`<success xmlns='urn:ietf:params:xml:ns:xmpp-sasl'/>`)
}

func (c *fakeConn) bind() error {
	u, err := c.expect("iq")
	if err != nil {
		return err
	}
	id := session.WireUnit{Unit: u}.Attr("id")
	return c.send(`<iq type='result' id='` + id + `'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'><jid>` + fakeBound + `</jid></bind></iq>`)
}

// login plays the server's part of a whole STARTTLS, PLAIN and bind
// negotiation.
func (c *fakeConn) login() error {
	steps := []func() error{
		func() error { return c.open(featuresTLS) }, c.startTLS,
		func() error { return c.open(featuresSASL) }, c.auth,
		func() error { return c.open(featuresBind) }, c.bind,
	}
	for _, step := range steps {
		if err := step(); err != nil {
			return err
		}
	}
	return nil
}

// hold keeps the connection open and says nothing until the client hangs
// up or the test ends (which closes the connection), or the client ends
// its stream: then the fake ends its own.
func (c *fakeConn) hold() error {
	for {
		for _, u := range c.units {
			if u.Kind == rawxml.KindStreamClose {
				return c.send("</stream:stream>")
			}
		}
		c.units = c.units[:0]
		c.conn.SetReadDeadline(time.Time{})
		n, err := c.conn.Read(c.buf[:])
		if err != nil {
			return nil
		}
		c.split.Write(c.buf[:n])
	}
}

// answerPings reads the client's stanzas until one satisfies stop,
// answering its pings on the way; it returns that stanza.
func (c *fakeConn) nextStanza(stop func(session.WireUnit) bool) (session.WireUnit, error) {
	for {
		u, err := c.next()
		if err != nil {
			return session.WireUnit{}, err
		}
		w := session.WireUnit{Unit: u}
		if stop(w) {
			return w, nil
		}
		if w.Local == "iq" && w.Attr("type") == "get" && strings.Contains(string(w.Raw), "urn:xmpp:ping") {
			c.send(`<iq type='result' id='` + rawxml.EscapeAttr(w.Attr("id")) + `'/>`)
		}
	}
}
