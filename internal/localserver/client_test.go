package localserver_test

import (
	"crypto/tls"
	"encoding/base64"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net"
	"strconv"
	"strings"
	"time"

	"xepl/internal/localserver"
)

// client is a minimal XMPP client for checking what a server offers:
// enough to register, log in, bind and exchange iqs. It is not the
// project's client (internal/session), on purpose: these tests check the
// servers, not the client.
type client struct {
	conn     net.Conn
	dec      *xml.Decoder
	domain   string
	features element
	ids      int
}

// element is any XML element with its attributes and raw content.
type element struct {
	XMLName xml.Name
	Attrs   []xml.Attr `xml:",any,attr"`
	Inner   string     `xml:",innerxml"`
}

func (e element) attr(name string) string {
	for _, a := range e.Attrs {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

func (e element) String() string {
	return fmt.Sprintf("<%s %v>%s", e.XMLName.Local, e.Attrs, e.Inner)
}

// connectTLS opens a stream on s.Addr, upgrades it with STARTTLS
// (verifying the certificate against s.CertPool) and reads the features.
func connectTLS(s *localserver.Server) (*client, error) {
	conn, err := net.DialTimeout("tcp", s.Addr(), 5*time.Second)
	if err != nil {
		return nil, err
	}
	conn.SetDeadline(time.Now().Add(20 * time.Second))
	c := &client{conn: conn, domain: s.Domain}
	if err := c.open(); err != nil {
		conn.Close()
		return nil, err
	}
	c.send("<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>")
	if el, err := c.next(); err != nil || el.XMLName.Local != "proceed" {
		conn.Close()
		return nil, fmt.Errorf("starttls: %v %v", el, err)
	}
	tc := tls.Client(conn, &tls.Config{ServerName: s.Domain, RootCAs: s.CertPool})
	if err := tc.Handshake(); err != nil {
		conn.Close()
		return nil, err
	}
	c.conn = tc
	if err := c.open(); err != nil {
		tc.Close()
		return nil, err
	}
	return c, nil
}

// loginBind connects, authenticates with PLAIN and binds a resource.
func loginBind(s *localserver.Server, user, password string) (*client, error) {
	c, err := connectTLS(s)
	if err != nil {
		return nil, err
	}
	if err := c.login(user, password); err != nil {
		c.close()
		return nil, err
	}
	return c, nil
}

func (c *client) close() {
	c.send("</stream:stream>")
	c.conn.Close()
}

func (c *client) send(s string) {
	io.WriteString(c.conn, s)
}

// open sends a stream header and reads the stream header and features.
func (c *client) open() error {
	c.send("<?xml version='1.0'?><stream:stream to='" + c.domain +
		"' version='1.0' xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'>")
	c.dec = xml.NewDecoder(c.conn)
	for {
		tok, err := c.dec.Token()
		if err != nil {
			return err
		}
		if se, ok := tok.(xml.StartElement); ok {
			if se.Name.Local != "stream" {
				return fmt.Errorf("expected stream, got %s", se.Name.Local)
			}
			break
		}
	}
	f, err := c.next()
	if err != nil {
		return err
	}
	if f.XMLName.Local != "features" {
		return fmt.Errorf("expected features, got %v", f)
	}
	c.features = f
	return nil
}

// next reads the next top-level element of the stream.
func (c *client) next() (element, error) {
	for {
		tok, err := c.dec.Token()
		if err != nil {
			return element{}, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			var el element
			err := c.dec.DecodeElement(&el, &t)
			if err == nil && t.Name.Local == "error" && t.Name.Space == "http://etherx.jabber.org/streams" {
				err = fmt.Errorf("stream error: %s", el.Inner)
			}
			return el, err
		case xml.EndElement:
			return element{}, io.EOF
		}
	}
}

// login authenticates with PLAIN, restarts the stream and binds.
func (c *client) login(user, password string) error {
	c.send("<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>" +
		base64.StdEncoding.EncodeToString([]byte("\x00"+user+"\x00"+password)) + "</auth>")
	el, err := c.next()
	if err != nil {
		return err
	}
	if el.XMLName.Local != "success" {
		return fmt.Errorf("login %s: %v", user, el)
	}
	if err := c.open(); err != nil {
		return err
	}
	res, err := c.iq("set", "", "<bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/>")
	if err != nil {
		return fmt.Errorf("bind: %w", err)
	}
	if !strings.Contains(res.Inner, "<jid") {
		return fmt.Errorf("bind: no jid in %v", res)
	}
	return nil
}

// iq sends an iq and returns its result, or an error for an error reply.
// Other stanzas arriving meanwhile are dropped.
func (c *client) iq(typ, to, payload string) (element, error) {
	c.ids++
	id := "t" + strconv.Itoa(c.ids)
	toAttr := ""
	if to != "" {
		toAttr = " to='" + to + "'"
	}
	c.send("<iq type='" + typ + "' id='" + id + "'" + toAttr + ">" + payload + "</iq>")
	for {
		el, err := c.next()
		if err != nil {
			return el, err
		}
		if el.XMLName.Local != "iq" || el.attr("id") != id {
			continue
		}
		if el.attr("type") == "error" {
			return el, &iqError{el.Inner}
		}
		return el, nil
	}
}

// iqError is an iq of type error.
type iqError struct{ inner string }

func (e *iqError) Error() string { return "iq error: " + e.inner }

func isIQError(err error) bool {
	var e *iqError
	return errors.As(err, &e)
}
