package session_test

import (
	"bytes"
	"crypto/hmac"
	"crypto/pbkdf2"
	"crypto/rand"
	"crypto/sha1"
	"crypto/tls"
	"encoding/base64"
	"fmt"
	"net"
	"strconv"
	"strings"
	"time"

	"xepl/internal/localserver"
)

// rawClient is the floor the benchmarks compare xepl with: the least a
// client can do to log in and ping, written straight onto the socket.
// TCP, STARTTLS, SCRAM-SHA-1, bind; replies are found by searching the
// bytes read for what ends them, nothing is parsed. Like the session it
// sets TCP_QUICKACK before every read (see quickack_linux.go), so that a
// difference in time is the session's own work, not a delayed ACK.
type rawClient struct {
	tcp  *net.TCPConn
	tls  *tls.Conn
	conn net.Conn // tcp, then tls
	buf  []byte   // read and not yet consumed
	n    int      // pings sent
}

// rawTimeout bounds every step of the raw client.
const rawTimeout = 10 * time.Second

// rawConnect logs in to srv as its admin and binds a resource.
func rawConnect(srv *localserver.Server) (*rawClient, error) {
	c, err := net.DialTimeout("tcp", srv.Addr(), rawTimeout)
	if err != nil {
		return nil, err
	}
	tcp := c.(*net.TCPConn)
	r := &rawClient{tcp: tcp, conn: quickAck{tcp}}
	if err := r.login(srv); err != nil {
		c.Close()
		return nil, err
	}
	return r, nil
}

func (r *rawClient) login(srv *localserver.Server) error {
	r.tcp.SetDeadline(time.Now().Add(rawTimeout))
	if err := r.open(srv.Domain); err != nil {
		return err
	}
	if err := r.send("<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>"); err != nil {
		return err
	}
	if _, err := r.until("<proceed"); err != nil {
		return err
	}
	if _, err := r.until(">"); err != nil {
		return err
	}
	r.tls = tls.Client(quickAck{r.tcp}, &tls.Config{ServerName: srv.Domain, RootCAs: srv.CertPool})
	if err := r.tls.Handshake(); err != nil {
		return err
	}
	r.conn, r.buf = r.tls, nil
	if err := r.open(srv.Domain); err != nil {
		return err
	}
	user := strings.SplitN(srv.AdminJID, "@", 2)[0]
	if err := r.scramSHA1(user, srv.AdminPassword); err != nil {
		return err
	}
	r.buf = nil
	if err := r.open(srv.Domain); err != nil {
		return err
	}
	if err := r.send("<iq type='set' id='bind'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'><resource>raw</resource></bind></iq>"); err != nil {
		return err
	}
	if _, err := r.until("</iq>"); err != nil {
		return err
	}
	r.tcp.SetDeadline(time.Time{})
	return nil
}

// open sends a stream header and reads up to the end of the features.
func (r *rawClient) open(domain string) error {
	err := r.send("<?xml version='1.0'?><stream:stream to='" + domain +
		"' version='1.0' xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'>")
	if err != nil {
		return err
	}
	_, err = r.until("</stream:features>")
	return err
}

// scramSHA1 runs SCRAM-SHA-1 (RFC 5802) without channel binding and
// checks the server's signature.
func (r *rawClient) scramSHA1(user, password string) error {
	nonce := base64.RawStdEncoding.EncodeToString(randomBytes(18))
	first := "n=" + user + ",r=" + nonce
	if err := r.send("<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='SCRAM-SHA-1'>" +
		base64.StdEncoding.EncodeToString([]byte("n,,"+first)) + "</auth>"); err != nil {
		return err
	}
	challenge, err := r.saslPayload("</challenge>")
	if err != nil {
		return err
	}
	attrs := scramAttrs(challenge)
	salt, err := base64.StdEncoding.DecodeString(attrs["s"])
	if err != nil {
		return err
	}
	iter, err := strconv.Atoi(attrs["i"])
	if err != nil || !strings.HasPrefix(attrs["r"], nonce) {
		return fmt.Errorf("bad SCRAM challenge %q", challenge)
	}
	salted, err := pbkdf2.Key(sha1.New, password, salt, iter, sha1.Size)
	if err != nil {
		return err
	}
	final := "c=" + base64.StdEncoding.EncodeToString([]byte("n,,")) + ",r=" + attrs["r"]
	authMessage := first + "," + string(challenge) + "," + final
	clientKey := hmacSHA1(salted, "Client Key")
	stored := sha1.Sum(clientKey)
	proof := hmacSHA1(stored[:], authMessage)
	for i := range proof {
		proof[i] ^= clientKey[i]
	}
	if err := r.send("<response xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>" +
		base64.StdEncoding.EncodeToString([]byte(final+",p="+base64.StdEncoding.EncodeToString(proof))) +
		"</response>"); err != nil {
		return err
	}
	success, err := r.saslPayload("</success>")
	if err != nil {
		return err
	}
	want := "v=" + base64.StdEncoding.EncodeToString(hmacSHA1(hmacSHA1(salted, "Server Key"), authMessage))
	if string(success) != want {
		return fmt.Errorf("bad server signature %q", success)
	}
	return nil
}

// saslPayload reads up to end and decodes the base64 text before it.
func (r *rawClient) saslPayload(end string) ([]byte, error) {
	b, err := r.until(end)
	if err != nil {
		return nil, err
	}
	if bytes.Contains(b, []byte("<failure")) {
		return nil, fmt.Errorf("SASL failed: %s", b)
	}
	b = b[:len(b)-len(end)]
	b = b[bytes.LastIndexByte(b, '>')+1:]
	return base64.StdEncoding.DecodeString(string(b))
}

func scramAttrs(b []byte) map[string]string {
	m := map[string]string{}
	for _, kv := range strings.Split(string(b), ",") {
		if k, v, ok := strings.Cut(kv, "="); ok {
			m[k] = v
		}
	}
	return m
}

func hmacSHA1(key []byte, msg string) []byte {
	h := hmac.New(sha1.New, key)
	h.Write([]byte(msg))
	return h.Sum(nil)
}

func randomBytes(n int) []byte {
	b := make([]byte, n)
	rand.Read(b)
	return b
}

// ping sends an iq ping to domain and waits for its reply.
func (r *rawClient) ping(domain string) error {
	r.n++
	id := "p" + strconv.Itoa(r.n)
	if err := r.send("<iq type='get' id='" + id + "' to='" + domain + "'><ping xmlns='urn:xmpp:ping'/></iq>"); err != nil {
		return err
	}
	for {
		b, err := r.until(">")
		if err != nil {
			return err
		}
		if bytes.Contains(b, []byte("id='"+id+"'")) || bytes.Contains(b, []byte(`id="`+id+`"`)) {
			if bytes.HasSuffix(b, []byte("/>")) {
				return nil
			}
			_, err := r.until("</iq>")
			return err
		}
	}
}

func (r *rawClient) send(s string) error {
	_, err := r.conn.Write([]byte(s))
	return err
}

// until reads until the bytes not yet consumed hold marker, consumes
// them up to its end, and returns what it consumed.
func (r *rawClient) until(marker string) ([]byte, error) {
	chunk := make([]byte, 16<<10)
	for {
		if i := bytes.Index(r.buf, []byte(marker)); i >= 0 {
			out := r.buf[:i+len(marker)]
			r.buf = r.buf[i+len(marker):]
			return out, nil
		}
		n, err := r.conn.Read(chunk)
		r.buf = append(r.buf, chunk[:n]...)
		if err != nil {
			if i := bytes.Index(r.buf, []byte(marker)); i >= 0 {
				continue
			}
			return nil, fmt.Errorf("reading up to %q: %w (read %q)", marker, err, r.buf)
		}
	}
}

// closeStream sends </stream:stream>, reads until the server's, and
// closes the connection.
func (r *rawClient) closeStream() error {
	defer r.tcp.Close()
	r.tcp.SetDeadline(time.Now().Add(rawTimeout))
	if err := r.send("</stream:stream>"); err != nil {
		return err
	}
	_, err := r.until("</stream:stream>")
	return err
}

// Close drops the connection without closing the stream.
func (r *rawClient) Close() error { return r.tcp.Close() }

// quickAck sets TCP_QUICKACK before every read, as the session does.
type quickAck struct{ *net.TCPConn }

func (c quickAck) Read(p []byte) (int, error) {
	if raw, err := c.SyscallConn(); err == nil {
		raw.Control(func(fd uintptr) {
			setQuickAck(fd)
		})
	}
	return c.TCPConn.Read(p)
}
