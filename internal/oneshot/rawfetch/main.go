// Command rawfetch is the floor for the peak memory of fetching one big
// reply: a Go program that logs in and asks for the roster with bytes
// written straight onto a crypto/tls socket, keeps the whole reply in
// memory, as any program that holds a reply must, writes it to its
// standard output and exits. It parses nothing: it reads until the
// markers it waits for appear (for the reply, its id and then the first
// </iq> after it, which roster items never contain).
//
//	rawfetch HOST:PORT CA-FILE
//
// It is the baseline of oneshot -bigreply and knows only that fake
// server's login (STARTTLS, PLAIN, bind as user@localhost).
package main

import (
	"bytes"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"time"
)

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: rawfetch HOST:PORT CA-FILE")
		os.Exit(2)
	}
	if err := fetch(os.Args[1], os.Args[2], os.Stdout, ioTimeout); err != nil {
		fmt.Fprintln(os.Stderr, "rawfetch:", err)
		os.Exit(1)
	}
}

// ioTimeout bounds each read, write and the TLS handshake: a fake that
// hangs fails the measurement instead of holding it forever.
const ioTimeout = 30 * time.Second

const header = `<?xml version='1.0'?><stream:stream to='localhost' version='1.0' xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'>`

// conn reads a stream into one buffer that only grows, so that the
// reply, once read, is in it whole. Each read and write is bounded by
// timeout.
type conn struct {
	c       net.Conn
	buf     bytes.Buffer
	timeout time.Duration
}

// until reads until marker appears after offset from, and returns where
// it ends.
func (c *conn) until(from int, marker string) (int, error) {
	for {
		if i := bytes.Index(c.buf.Bytes()[from:], []byte(marker)); i >= 0 {
			return from + i + len(marker), nil
		}
		// Search only the new bytes next time, less what could hold
		// the start of a marker cut in two.
		from = max(from, c.buf.Len()-len(marker))
		c.buf.Grow(64 << 10)
		b := c.buf.AvailableBuffer()[:64<<10]
		c.c.SetReadDeadline(time.Now().Add(c.timeout))
		n, err := c.c.Read(b)
		c.buf.Write(b[:n])
		if err != nil {
			if n > 0 {
				continue
			}
			return 0, fmt.Errorf("waiting for %s: %w", marker, err)
		}
	}
}

// say writes s and resets the buffer, when what was read so far is no
// longer needed.
func (c *conn) say(s string) error {
	c.buf.Reset()
	c.c.SetWriteDeadline(time.Now().Add(c.timeout))
	_, err := io.WriteString(c.c, s)
	return err
}

func fetch(addr, caFile string, out io.Writer, timeout time.Duration) error {
	pemBytes, err := os.ReadFile(caFile)
	if err != nil {
		return err
	}
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM(pemBytes) {
		return errors.New("no certificate in " + caFile)
	}
	tcp, err := net.DialTimeout("tcp", addr, timeout)
	if err != nil {
		return err
	}
	defer tcp.Close()
	c := &conn{c: tcp, timeout: timeout}
	steps := []struct{ say, want string }{
		{header, "</stream:features>"},
		{`<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>`, "<proceed"},
	}
	if err := c.run(steps); err != nil {
		return err
	}
	tc := tls.Client(tcp, &tls.Config{ServerName: "localhost", RootCAs: pool})
	tc.SetDeadline(time.Now().Add(timeout))
	if err := tc.Handshake(); err != nil {
		return err
	}
	c.c = tc
	// "\x00user\x00pw", base64.
	steps = []struct{ say, want string }{
		{header, "</stream:features>"},
		{`<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>AHVzZXIAcHc=</auth>`, "<success"},
		{header, "</stream:features>"},
		{`<iq type='set' id='b1'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/></iq>`, "</iq>"},
		{`<iq type='get' id='r1'><query xmlns='jabber:iq:roster'/></iq>`, "id='r1'"},
	}
	if err := c.run(steps); err != nil {
		return err
	}
	start := bytes.Index(c.buf.Bytes(), []byte("<iq "))
	end, err := c.until(0, "</iq>")
	if err != nil {
		return err
	}
	if start < 0 || start > end {
		start = 0
	}
	if _, err := out.Write(c.buf.Bytes()[start:end]); err != nil {
		return err
	}
	return c.run([]struct{ say, want string }{{"</stream:stream>", "</stream:stream>"}})
}

// run says each step's words and waits for its answer.
func (c *conn) run(steps []struct{ say, want string }) error {
	for _, s := range steps {
		if err := c.say(s.say); err != nil {
			return err
		}
		if _, err := c.until(0, s.want); err != nil {
			return err
		}
	}
	return nil
}
