package main

import (
	"bytes"
	"crypto/tls"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"time"

	"xepl/internal/fakexmpp"
	"xepl/internal/rawxml"
	"xepl/internal/selfsigned"
)

// fakeXMPP is an XMPP server inside the measuring process, for the one
// thing no real server does: a reply of many megabytes (Prosody and
// ejabberd cap a stanza at 256 KB). It logs a client in (fakexmpp: STARTTLS
// required, SASL PLAIN accepting anything, bind) and answers every roster
// get with the same big roster, every other iq with an empty result, and
// the client's </stream:stream> with its own.
type fakeXMPP struct {
	srv    *fakexmpp.Server
	tls    *tls.Config
	roster []byte // the items of the big roster, written into each reply
}

// fakeIO bounds each read and write, so that a client that went away
// never holds a connection's goroutine for long.
const fakeIO = 30 * time.Second

// startFake listens on a free loopback port and writes the PEM of a
// freshly made certificate for fakexmpp.Domain to certFile, for the
// clients' --ca-file. The roster it serves is about size bytes.
func startFake(certFile string, size int) (*fakeXMPP, error) {
	cert, err := selfsigned.New(fakexmpp.Domain)
	if err != nil {
		return nil, err
	}
	if err := os.WriteFile(certFile, cert.PEM, 0o600); err != nil {
		return nil, err
	}
	f := &fakeXMPP{tls: &tls.Config{Certificates: []tls.Certificate{cert.TLS}}, roster: bigRoster(size)}
	f.srv, err = fakexmpp.Listen(fakeIO, f.serve, func(err error) {
		if !errors.Is(err, io.EOF) {
			fmt.Fprintln(os.Stderr, "oneshot: fake server:", err)
		}
	})
	if err != nil {
		return nil, err
	}
	return f, nil
}

func (f *fakeXMPP) addr() string { return f.srv.Addr() }

// stop closes the listener and the connections, and waits for their
// scripts (each bounded by fakeIO) to end.
func (f *fakeXMPP) stop() { f.srv.Close(2 * fakeIO) }

// bigRoster returns roster items adding up to at least size bytes.
func bigRoster(size int) []byte {
	b := make([]byte, 0, size+128)
	for i := 0; len(b) < size; i++ {
		n := strconv.Itoa(i)
		b = append(b, "<item jid='contact"+n+"@example.org' name='Contact number "+n+"' subscription='both'/>"...)
	}
	return b
}

// serve plays the server's part of one connection: the login, then the
// client's iqs until it ends its stream.
func (f *fakeXMPP) serve(c *fakexmpp.Conn) error {
	if err := c.Login(f.tls); err != nil {
		return err
	}
	for {
		u, err := c.Next()
		if err != nil {
			return err
		}
		if u.Kind == rawxml.KindStreamClose {
			return c.Send("</stream:stream>")
		}
		if u.Kind != rawxml.KindElement || u.Local != "iq" {
			continue // presence, messages: nobody to route them to
		}
		typ, id, child := iqInfo(u.Raw)
		if typ != "get" && typ != "set" {
			continue
		}
		qid := rawxml.EscapeAttr(id)
		if child == "jabber:iq:roster" {
			err = sendBig(c, `<iq type='result' id='`+qid+`' to='`+fakexmpp.Bound+`'><query xmlns='jabber:iq:roster'>`, f.roster, `</query></iq>`)
		} else {
			err = c.Send(`<iq type='result' id='` + qid + `'/>`)
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

// sendBig writes a reply of three parts without joining them: the fake
// must not add a copy of the roster per round to its own memory.
func sendBig(c *fakexmpp.Conn, head string, body []byte, tail string) error {
	if err := c.Send(head); err != nil {
		return err
	}
	if _, err := c.Write(body); err != nil {
		return err
	}
	return c.Send(tail)
}
