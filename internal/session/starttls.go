package session

import (
	"context"
	"crypto/tls"
	"encoding/xml"
	"errors"
	"fmt"
	"io"

	"mellium.im/xmpp"
)

// nsTLS is the namespace of STARTTLS (RFC 6120 §5).
const nsTLS = "urn:ietf:params:xml:ns:xmpp-tls"

// errTLSRefused is returned when the server answers <starttls/> with
// <failure/>.
var errTLSRefused = errors.New("the server refused to start TLS (it answered <starttls/> with <failure/>)")

// startTLSFeature negotiates STARTTLS (RFC 6120 §5) in place of mellium's
// own, for two reasons: the handshake is done here, bounded by the
// context, so that a server that goes quiet in it cannot hold Connect;
// and the session keeps the *tls.Conn, which it reads and writes itself
// once negotiation is over (see serve). The TLS layer wraps the bare TCP
// connection, below mellium's wire tap, so the tap sees plain text only.
//
// The feature is always taken as required: xepl never logs in in clear.
func (s *Session) startTLSFeature(cfg *tls.Config) xmpp.StreamFeature {
	return xmpp.StreamFeature{
		Name:       xml.Name{Space: nsTLS, Local: "starttls"},
		Prohibited: xmpp.Secure,
		Parse: func(ctx context.Context, d *xml.Decoder, start *xml.StartElement) (bool, interface{}, error) {
			return true, nil, d.Skip()
		},
		Negotiate: func(ctx context.Context, ms *xmpp.Session, _ interface{}) (xmpp.SessionState, io.ReadWriter, error) {
			if _, err := io.WriteString(ms.Conn(), `<starttls xmlns='`+nsTLS+`'/>`); err != nil {
				return 0, nil, err
			}
			if err := readProceed(ms); err != nil {
				return 0, nil, err
			}
			tc := tls.Client(s.raw, cfg)
			if err := tc.HandshakeContext(ctx); err != nil {
				return 0, nil, tlsError(err, s.cfg)
			}
			s.tlsConn = tc
			return xmpp.Secure, tc, nil
		},
	}
}

// readProceed reads the server's answer to <starttls/>.
func readProceed(ms *xmpp.Session) error {
	r := ms.TokenReader()
	defer r.Close()
	d := xml.NewTokenDecoder(r)
	for {
		tok, err := d.Token()
		if err != nil {
			return fmt.Errorf("reading the answer to <starttls/>: %w", err)
		}
		start, ok := tok.(xml.StartElement)
		if !ok {
			continue // white space
		}
		if err := d.Skip(); err != nil {
			return fmt.Errorf("reading the answer to <starttls/>: %w", err)
		}
		switch {
		case start.Name.Space == nsTLS && start.Name.Local == "proceed":
			return nil
		case start.Name.Space == nsTLS && start.Name.Local == "failure":
			return errTLSRefused
		}
		return fmt.Errorf("the server answered <starttls/> with an element %+q in namespace %+q", start.Name.Local, start.Name.Space)
	}
}
