package session

import (
	"crypto/x509"
	"strings"
	"testing"

	"mellium.im/xmpp/jid"
)

// TestCertificateErrorText checks that a CertificateError states the fact
// alone, on one line: the advice (which flags to use) is the shell's.
func TestCertificateErrorText(t *testing.T) {
	e := &CertificateError{Domain: "example.org", Err: x509.UnknownAuthorityError{}}
	want := "the TLS certificate of example.org could not be verified: x509: certificate signed by unknown authority"
	if got := e.Error(); got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
}

// TestTLSErrorOnce: a certificate error that passes through tlsError
// twice (the STARTTLS step, then the negotiation's end) says so once.
func TestTLSErrorOnce(t *testing.T) {
	cfg := Config{JID: jid.MustParse("me@example.org")}
	once := tlsError(x509.UnknownAuthorityError{}, cfg)
	twice := tlsError(once, cfg)
	if twice.Error() != once.Error() {
		t.Errorf("tlsError twice: %q, once: %q", twice, once)
	}
	if n := strings.Count(twice.Error(), "could not be verified"); n != 1 {
		t.Errorf("%q says it %d times", twice, n)
	}
}
