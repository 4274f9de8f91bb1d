package session

import (
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"strings"

	"github.com/beevik/etree"
)

// ErrNotConnected is returned when sending on a session whose stream has
// ended.
var ErrNotConnected = errors.New("not connected")

// StreamError is a stream-level error sent by the server (RFC 6120 §4.9):
// the stream is over after it.
type StreamError struct {
	Condition string
	Text      string
}

func (e *StreamError) Error() string {
	return withText("stream error: "+e.Condition, e.Text)
}

// SASLError is the server's refusal to authenticate (RFC 6120 §6.5).
type SASLError struct {
	Mechanism string
	Condition string
	Text      string
}

func (e *SASLError) Error() string {
	return withText(fmt.Sprintf("authentication failed (%s): %s", e.Mechanism, e.Condition), e.Text)
}

// CertificateError says the server's certificate could not be verified.
// It states the fact only: what the user can do about it (skip the check,
// or name the CA) depends on how they connect, and the caller says it.
type CertificateError struct {
	Domain string
	Err    error
}

func (e *CertificateError) Error() string {
	return fmt.Sprintf("the TLS certificate of %s could not be verified: %v", e.Domain, e.Err)
}

func (e *CertificateError) Unwrap() error { return e.Err }

// tlsError turns a handshake error into a CertificateError when it is one.
// One that is already a CertificateError is left as it is: the STARTTLS
// step makes one, and the negotiation's end passes it through here again.
func tlsError(err error, cfg Config) error {
	if errors.As(err, new(*CertificateError)) {
		return err
	}
	var verify *tls.CertificateVerificationError
	var unknown x509.UnknownAuthorityError
	var host x509.HostnameError
	var invalid x509.CertificateInvalidError
	switch {
	case errors.As(err, &verify):
		return &CertificateError{Domain: cfg.JID.Domainpart(), Err: verify.Err}
	case errors.As(err, &unknown), errors.As(err, &host), errors.As(err, &invalid):
		return &CertificateError{Domain: cfg.JID.Domainpart(), Err: err}
	}
	var plain tls.RecordHeaderError
	if cfg.DirectTLS && errors.As(err, &plain) {
		// What came first was not a TLS record: a server that speaks XMPP
		// in the clear first, as on a STARTTLS port.
		return fmt.Errorf("TLS handshake failed: %w; this port does not speak TLS at once: if it is a STARTTLS port (often 5222), connect without --direct-tls", err)
	}
	return fmt.Errorf("TLS handshake failed: %w", err)
}

func withText(s, text string) string {
	if text == "" {
		return s
	}
	return s + " (" + text + ")"
}

// ParseStreamError reads a <stream:error/> element.
func ParseStreamError(raw []byte) *StreamError {
	cond, text := conditionOf(raw)
	return &StreamError{Condition: cond, Text: text}
}

// conditionOf reads a stream error or a SASL failure: the condition is the
// first child element that is not <text>, the text is <text>'s content.
func conditionOf(raw []byte) (condition, text string) {
	doc := etree.NewDocument()
	if err := doc.ReadFromBytes(raw); err != nil || doc.Root() == nil {
		return "undefined-condition", ""
	}
	for _, child := range doc.Root().ChildElements() {
		if child.Tag == "text" {
			text = strings.TrimSpace(child.Text())
		} else if condition == "" {
			condition = child.Tag
		}
	}
	if condition == "" {
		condition = "undefined-condition"
	}
	return condition, text
}
