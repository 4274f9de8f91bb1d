package selfsigned_test

import (
	"crypto/tls"
	"crypto/x509"
	"encoding/pem"
	"net"
	"testing"
	"time"

	"xepl/internal/selfsigned"
)

func TestNew(t *testing.T) {
	names := []string{"localhost", "conference.localhost", "pubsub.localhost", "upload.localhost", "proxy.localhost"}
	c, err := selfsigned.New(names...)
	if err != nil {
		t.Fatal(err)
	}
	block, _ := pem.Decode(c.PEM)
	if block == nil || block.Type != "CERTIFICATE" {
		t.Fatalf("bad certificate PEM: %s", c.PEM)
	}
	cert, err := x509.ParseCertificate(block.Bytes)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	if d := now.Sub(cert.NotBefore); d < 23*time.Hour || d > 25*time.Hour {
		t.Errorf("NotBefore %v is not a day back", cert.NotBefore)
	}
	if d := cert.NotAfter.Sub(now); d < 364*24*time.Hour || d > 366*24*time.Hour {
		t.Errorf("NotAfter %v is not a year on", cert.NotAfter)
	}
	for _, name := range append(names, "127.0.0.1") {
		if _, err := cert.Verify(x509.VerifyOptions{DNSName: name, Roots: c.Pool}); err != nil {
			t.Errorf("verify as %s: %v", name, err)
		}
	}
	if _, err := cert.Verify(x509.VerifyOptions{DNSName: "example.com", Roots: c.Pool}); err == nil {
		t.Error("certificate verifies for example.com")
	}
	if key, _ := pem.Decode(c.KeyPEM); key == nil || key.Type != "PRIVATE KEY" {
		t.Errorf("bad key PEM")
	}
	if c.TLS.Leaf == nil || !c.TLS.Leaf.Equal(cert) {
		t.Errorf("TLS.Leaf is not the certificate of PEM")
	}
}

// TestServes checks the three forms belong together: a server with TLS
// is trusted by a client with Pool.
func TestServes(t *testing.T) {
	c, err := selfsigned.New("localhost")
	if err != nil {
		t.Fatal(err)
	}
	ln, err := tls.Listen("tcp", "127.0.0.1:0", &tls.Config{Certificates: []tls.Certificate{c.TLS}})
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	go func() {
		conn, err := ln.Accept()
		if err == nil {
			conn.(*tls.Conn).Handshake()
			conn.Close()
		}
	}()
	d := tls.Dialer{NetDialer: &net.Dialer{Timeout: 10 * time.Second}, Config: &tls.Config{ServerName: "localhost", RootCAs: c.Pool}}
	conn, err := d.Dial("tcp", ln.Addr().String())
	if err != nil {
		t.Fatalf("a client trusting Pool: %v", err)
	}
	conn.Close()
}

func TestNoName(t *testing.T) {
	if _, err := selfsigned.New(); err == nil {
		t.Error("New() made a certificate for no name")
	}
}
