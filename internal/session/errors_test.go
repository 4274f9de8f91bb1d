package session

import (
	"crypto/x509"
	"testing"
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
