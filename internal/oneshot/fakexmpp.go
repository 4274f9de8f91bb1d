package main

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"math/big"
	"net"
	"os"
	"strconv"
	"sync"
	"time"

	"xepl/internal/rawxml"
)

// fakeXMPP is an XMPP server inside the measuring process, for the one
// thing no real server does: a reply of many megabytes (Prosody and
// ejabberd cap a stanza at 256 KB). It speaks just enough of RFC 6120
// for a client to log in (STARTTLS required, SASL PLAIN accepting
// anything, bind) and answers every roster get with the same big
// roster, every other iq with an empty result, and the client's
// </stream:stream> with its own.
type fakeXMPP struct {
	ln     net.Listener
	tls    *tls.Config
	roster []byte // the items of the big roster, written into each reply
	wg     sync.WaitGroup
}

// fakeDomain is the server's name, the one its certificate is for.
const fakeDomain = "localhost"

// fakeIO bounds each read and write, so that a client that went away
// never holds a connection's goroutine for long.
const fakeIO = 30 * time.Second

// startFake listens on a free loopback port and writes the PEM of a
// freshly made certificate for localhost to certFile, for the clients'
// --ca-file. The roster it serves is about size bytes.
func startFake(certFile string, size int) (*fakeXMPP, error) {
	cert, certPEM, err := selfSigned(fakeDomain)
	if err != nil {
		return nil, err
	}
	if err := os.WriteFile(certFile, certPEM, 0o600); err != nil {
		return nil, err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	f := &fakeXMPP{ln: ln, tls: &tls.Config{Certificates: []tls.Certificate{cert}}, roster: bigRoster(size)}
	f.wg.Add(1)
	go f.accept()
	return f, nil
}

func (f *fakeXMPP) addr() string { return f.ln.Addr().String() }

// stop closes the listener and waits for the connections to end.
func (f *fakeXMPP) stop() {
	f.ln.Close()
	f.wg.Wait()
}

func (f *fakeXMPP) accept() {
	defer f.wg.Done()
	for {
		conn, err := f.ln.Accept()
		if err != nil {
			return
		}
		f.wg.Add(1)
		go func() {
			defer f.wg.Done()
			defer conn.Close()
			c := &fakeConn{raw: conn, conn: conn}
			c.split = rawxml.NewSplitter(func(u rawxml.Unit) { c.units = append(c.units, u) })
			if err := f.serve(c); err != nil && !errors.Is(err, io.EOF) {
				fmt.Fprintln(os.Stderr, "oneshot: fake server:", err)
			}
		}()
	}
}

// bigRoster returns roster items adding up to at least size bytes.
func bigRoster(size int) []byte {
	b := make([]byte, 0, size+128)
	for i := 0; len(b) < size; i++ {
		n := strconv.Itoa(i)
		b = append(b, "<item jid='contact"+n+"@example.org' name='Contact number "+n+"' subscription='both'/>"...)
	}
	return b
}

// The features of the three streams of a login.
const (
	featuresTLS  = `<stream:features><starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'><required/></starttls></stream:features>`
	featuresSASL = `<stream:features><mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><mechanism>PLAIN</mechanism></mechanisms></stream:features>`
	featuresBind = `<stream:features><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/></stream:features>`
	fakeHeader   = `<?xml version='1.0'?><stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' id='fake' from='` + fakeDomain + `' version='1.0'>`
)

// serve plays the server's part of one connection.
func (f *fakeXMPP) serve(c *fakeConn) error {
	if err := c.open(featuresTLS); err != nil {
		return err
	}
	if _, err := c.expect("starttls"); err != nil {
		return err
	}
	if err := c.send(`<proceed xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>`); err != nil {
		return err
	}
	tc := tls.Server(c.raw, f.tls)
	tc.SetDeadline(time.Now().Add(fakeIO))
	if err := tc.Handshake(); err != nil {
		return err
	}
	c.conn = tc
	c.split.Flush() // nothing the client sent in the clear counts after TLS
	c.units = nil
	if err := c.open(featuresSASL); err != nil {
		return err
	}
	if _, err := c.expect("auth"); err != nil {
		return err
	}
	if err := c.send(`<success xmlns='urn:ietf:params:xml:ns:xmpp-sasl'/>`); err != nil {
		return err
	}
	if err := c.open(featuresBind); err != nil {
		return err
	}
	for {
		u, err := c.next()
		if err != nil {
			return err
		}
		if u.Kind == rawxml.KindStreamClose {
			return c.send("</stream:stream>")
		}
		if u.Kind != rawxml.KindElement || u.Local != "iq" {
			continue // presence, messages: nobody to route them to
		}
		typ, id, child := iqInfo(u.Raw)
		if typ != "get" && typ != "set" {
			continue
		}
		qid := rawxml.EscapeAttr(id)
		switch child {
		case "urn:ietf:params:xml:ns:xmpp-bind":
			err = c.send(`<iq type='result' id='` + qid + `'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'><jid>user@` + fakeDomain + `/fake</jid></bind></iq>`)
		case "jabber:iq:roster":
			err = c.sendBig(`<iq type='result' id='`+qid+`' to='user@`+fakeDomain+`/fake'><query xmlns='jabber:iq:roster'>`, f.roster, `</query></iq>`)
		default:
			err = c.send(`<iq type='result' id='` + qid + `'/>`)
		}
		if err != nil {
			return err
		}
	}
}

// iqInfo reads an iq's type and id and the namespace of its first child.
// A stanza it cannot read gives empty strings, answered as "any other iq".
func iqInfo(raw []byte) (typ, id, child string) {
	d := xml.NewDecoder(bytes.NewReader(raw))
	depth := 0
	for {
		tok, err := d.Token()
		if err != nil {
			return typ, id, child
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		depth++
		if depth == 1 {
			for _, a := range se.Attr {
				switch a.Name.Local {
				case "type":
					typ = a.Value
				case "id":
					id = a.Value
				}
			}
			continue
		}
		return typ, id, se.Name.Space
	}
}

// fakeConn is one client connection as the fake sees it.
type fakeConn struct {
	raw   net.Conn
	conn  net.Conn // raw, or TLS over it
	split *rawxml.Splitter
	units []rawxml.Unit // read and split, not yet taken
	buf   [4096]byte
}

func (c *fakeConn) send(s string) error {
	c.conn.SetWriteDeadline(time.Now().Add(fakeIO))
	_, err := io.WriteString(c.conn, s)
	return err
}

// sendBig writes a reply of three parts without joining them: the fake
// must not add a copy of the roster per round to its own memory.
func (c *fakeConn) sendBig(head string, body []byte, tail string) error {
	if err := c.send(head); err != nil {
		return err
	}
	c.conn.SetWriteDeadline(time.Now().Add(fakeIO))
	if _, err := c.conn.Write(body); err != nil {
		return err
	}
	return c.send(tail)
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
		return u, fmt.Errorf("want <%s>, client sent %.200s", local, u.Raw)
	}
	return u, nil
}

// open reads the client's stream header and answers with one of its own
// and the features.
func (c *fakeConn) open(features string) error {
	if _, err := c.expect("stream"); err != nil {
		return err
	}
	return c.send(fakeHeader + features)
}

// selfSigned makes a P-256 certificate for name, valid for a day, and
// returns it with its PEM.
func selfSigned(name string) (tls.Certificate, []byte, error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return tls.Certificate{}, nil, err
	}
	tmpl := &x509.Certificate{
		SerialNumber:          big.NewInt(time.Now().UnixNano()),
		Subject:               pkix.Name{CommonName: name},
		DNSNames:              []string{name},
		NotBefore:             time.Now().Add(-time.Hour),
		NotAfter:              time.Now().Add(24 * time.Hour),
		KeyUsage:              x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		BasicConstraintsValid: true,
		IsCA:                  true,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		return tls.Certificate{}, nil, err
	}
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key},
		pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), nil
}
