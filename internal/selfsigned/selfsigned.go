// Package selfsigned makes the throwaway TLS certificates of xepl's own
// servers: the real ones localserver starts for --local and the tests,
// and the fakes of internal/fakexmpp. One maker, so that every server a
// client is pointed at is trusted the same way.
package selfsigned

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"errors"
	"fmt"
	"math/big"
	"net"
	"time"
)

// Cert is a certificate that is its own CA, in the forms its users need.
type Cert struct {
	TLS    tls.Certificate // for a tls.Config of a server, Leaf set
	PEM    []byte          // the certificate, for a --ca-file or a server's config
	KeyPEM []byte          // the PKCS #8 private key
	Pool   *x509.CertPool  // trusts this certificate alone, for a client
}

// New makes an ECDSA P-256 certificate for the DNS names (the first is
// also its common name) and the loopback addresses, valid from a day ago
// for a year: a clock a little wrong, or a long test run, does not
// outlive it. It signs itself, so a client that trusts Pool needs no
// other root.
func New(dnsNames ...string) (*Cert, error) {
	if len(dnsNames) == 0 {
		return nil, errors.New("selfsigned: no name to make a certificate for")
	}
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, fmt.Errorf("selfsigned: generate key: %w", err)
	}
	serial, err := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 127))
	if err != nil {
		return nil, fmt.Errorf("selfsigned: certificate serial: %w", err)
	}
	now := time.Now()
	tmpl := &x509.Certificate{
		SerialNumber:          serial,
		Subject:               pkix.Name{CommonName: dnsNames[0], Organization: []string{"xepl throwaway server"}},
		NotBefore:             now.Add(-24 * time.Hour),
		NotAfter:              now.Add(365 * 24 * time.Hour),
		KeyUsage:              x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth, x509.ExtKeyUsageClientAuth},
		BasicConstraintsValid: true,
		IsCA:                  true,
		DNSNames:              dnsNames,
		IPAddresses:           []net.IP{net.IPv4(127, 0, 0, 1), net.IPv6loopback},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		return nil, fmt.Errorf("selfsigned: create certificate: %w", err)
	}
	parsed, err := x509.ParseCertificate(der)
	if err != nil {
		return nil, fmt.Errorf("selfsigned: parse certificate: %w", err)
	}
	keyDER, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		return nil, fmt.Errorf("selfsigned: marshal key: %w", err)
	}
	pool := x509.NewCertPool()
	pool.AddCert(parsed)
	return &Cert{
		TLS:    tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key, Leaf: parsed},
		PEM:    pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}),
		KeyPEM: pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: keyDER}),
		Pool:   pool,
	}, nil
}
