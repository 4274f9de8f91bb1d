package fakexmpp

import (
	"crypto/tls"
	"fmt"
	"net"
	"time"

	"xepl/internal/rawxml"
)

// Conn is one client connection as a script sees it: the client's bytes
// split into units, read with Next, and the server's written with Send.
type Conn struct {
	raw     net.Conn
	conn    net.Conn // raw, or TLS over it
	timeout time.Duration
	split   *rawxml.Splitter
	units   []rawxml.Unit // read and split, not yet taken
	buf     [4096]byte
	// Header, when set, is the stream header Open sends instead of the
	// package's Header.
	Header string
}

// NewConn wraps a client's connection; every read and write on it is
// bounded by timeout.
func NewConn(c net.Conn, timeout time.Duration) *Conn {
	fc := &Conn{raw: c, conn: c, timeout: timeout}
	fc.split = rawxml.NewSplitter(func(u rawxml.Unit) { fc.units = append(fc.units, u) })
	return fc
}

// Write writes b as it is (a big reply need not be copied into a string
// first).
func (c *Conn) Write(b []byte) (int, error) {
	c.conn.SetWriteDeadline(time.Now().Add(c.timeout))
	return c.conn.Write(b)
}

// Send writes s as it is.
func (c *Conn) Send(s string) error {
	_, err := c.Write([]byte(s))
	return err
}

// Next returns the client's next unit that is not white space.
func (c *Conn) Next() (rawxml.Unit, error) {
	for {
		for len(c.units) > 0 {
			u := c.units[0]
			c.units = c.units[1:]
			if u.Kind != rawxml.KindWhitespace {
				return u, nil
			}
		}
		c.conn.SetReadDeadline(time.Now().Add(c.timeout))
		n, err := c.conn.Read(c.buf[:])
		c.split.Write(c.buf[:n])
		if err != nil && len(c.units) == 0 {
			return rawxml.Unit{}, err
		}
	}
}

// Expect returns the client's next unit, which must be named local.
func (c *Conn) Expect(local string) (rawxml.Unit, error) {
	u, err := c.Next()
	if err != nil {
		return u, fmt.Errorf("waiting for <%s>: %w", local, err)
	}
	if u.Local != local {
		return u, fmt.Errorf("want <%s>, client sent %.200s", local, u.Raw)
	}
	return u, nil
}

// Open reads the client's stream header and answers with one of its own
// and features.
func (c *Conn) Open(features string) error {
	if _, err := c.Expect("stream"); err != nil {
		return err
	}
	hdr := Header
	if c.Header != "" {
		hdr = c.Header
	}
	return c.Send(hdr + features)
}

// StartTLS takes the client's <starttls/>, proceeds and makes the
// connection TLS with cfg.
func (c *Conn) StartTLS(cfg *tls.Config) error {
	if _, err := c.Expect("starttls"); err != nil {
		return err
	}
	if err := c.Send(`<proceed xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>`); err != nil {
		return err
	}
	return c.Handshake(cfg)
}

// Handshake makes the connection TLS with cfg (after <proceed/>, or at
// once for direct TLS). Nothing the client sent in the clear is read
// after it.
func (c *Conn) Handshake(cfg *tls.Config) error {
	tc := tls.Server(c.raw, cfg)
	tc.SetDeadline(time.Now().Add(c.timeout))
	if err := tc.Handshake(); err != nil {
		return err
	}
	tc.SetDeadline(time.Time{})
	c.conn = tc
	c.split.Flush()
	c.units = nil
	return nil
}

// Auth takes the client's <auth/>, whatever it holds, and succeeds.
func (c *Conn) Auth() error {
	if _, err := c.Expect("auth"); err != nil {
		return err
	}
	return c.Send(`<success xmlns='urn:ietf:params:xml:ns:xmpp-sasl'/>`)
}

// Bind takes the client's bind request and binds it to Bound.
func (c *Conn) Bind() error {
	u, err := c.Expect("iq")
	if err != nil {
		return err
	}
	id, _ := rawxml.Element{Raw: u.Raw}.Attr("id")
	return c.Send(`<iq type='result' id='` + rawxml.EscapeAttr(id) + `'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'><jid>` + Bound + `</jid></bind></iq>`)
}

// Login plays the server's part of a whole STARTTLS, PLAIN and bind
// negotiation, with cfg for TLS.
func (c *Conn) Login(cfg *tls.Config) error {
	steps := []func() error{
		func() error { return c.Open(FeaturesTLS) }, func() error { return c.StartTLS(cfg) },
		func() error { return c.Open(FeaturesSASL) }, c.Auth,
		func() error { return c.Open(FeaturesBind) }, c.Bind,
	}
	for _, step := range steps {
		if err := step(); err != nil {
			return err
		}
	}
	return nil
}

// Hold keeps the connection open and says nothing, without a deadline,
// until the client hangs up or the server is closed, or the client ends
// its stream: then it ends its own.
func (c *Conn) Hold() error {
	for {
		for _, u := range c.units {
			if u.Kind == rawxml.KindStreamClose {
				return c.Send("</stream:stream>")
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
