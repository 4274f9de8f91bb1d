package main

import (
	"bytes"
	"context"
	"crypto/x509"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"mellium.im/xmpp/jid"

	"xepl/internal/fakexmpp"
	"xepl/internal/session"
)

// TestFakeRoster: xepl's session logs in to the fake and gets the big
// roster, whole, as its reply.
func TestFakeRoster(t *testing.T) {
	certFile := filepath.Join(t.TempDir(), "cert.pem")
	f, err := startFake(certFile, 1<<20)
	if err != nil {
		t.Fatal(err)
	}
	defer f.stop()
	pemBytes, err := os.ReadFile(certFile)
	if err != nil {
		t.Fatal(err)
	}
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM(pemBytes) {
		t.Fatalf("no certificate in %s", certFile)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	s, err := session.Connect(ctx, session.Config{
		JID: jid.MustParse("user@" + fakexmpp.Domain), Password: "pw", Server: f.addr(),
		RootCAs: pool, Mechanism: "PLAIN", Timeout: 10 * time.Second,
	})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	reply, err := s.Request(ctx, []byte(`<iq type='get' id='r'><query xmlns='jabber:iq:roster'/></iq>`), "r")
	if err != nil {
		t.Fatal(err)
	}
	if len(reply.Raw) < 1<<20 || !bytes.HasSuffix(reply.Raw, []byte("</query></iq>")) || reply.Attr("type") != "result" {
		t.Errorf("the reply has %d bytes, type %q; want a result of more than 1 MiB", len(reply.Raw), reply.Attr("type"))
	}
	other, err := s.Request(ctx, []byte(`<iq type='get' id='v'><query xmlns='jabber:iq:version'/></iq>`), "v")
	if err != nil {
		t.Fatal(err)
	}
	if want := `<iq type='result' id='v'/>`; string(other.Raw) != want {
		t.Errorf("another iq got %s, want %s", other.Raw, want)
	}
}

// TestPeakRSSLimit: a measured process that hangs is killed at the limit
// and its figure refused.
func TestPeakRSSLimit(t *testing.T) {
	start := time.Now()
	_, err := peakRSS(command{name: "sleeper", args: []string{"sleep", "60"}}, 0, 300*time.Millisecond)
	if err == nil || !strings.Contains(err.Error(), "still running after 300ms") {
		t.Errorf("peakRSS returned %v, want it killed after 300ms", err)
	}
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("peakRSS took %v", d)
	}
}
