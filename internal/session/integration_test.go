package session_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"mellium.im/xmpp/jid"

	"xepl/internal/localserver"
	"xepl/internal/servertest"
	"xepl/internal/session"
)

func TestMain(m *testing.M) { servertest.Main(m) }

// recorder is an Observer that keeps what it is told.
type recorder struct {
	mu      sync.Mutex
	wire    []session.WireUnit
	stanzas []session.WireUnit
	ended   chan error
}

func newRecorder() *recorder { return &recorder{ended: make(chan error, 1)} }

func (r *recorder) Wire(u session.WireUnit) {
	r.mu.Lock()
	r.wire = append(r.wire, u)
	r.mu.Unlock()
}

func (r *recorder) Stanza(u session.WireUnit) {
	r.mu.Lock()
	r.stanzas = append(r.stanzas, u)
	r.mu.Unlock()
}

func (r *recorder) Ended(err error) { r.ended <- err }

func (r *recorder) endedWithin(t *testing.T, d time.Duration) error {
	t.Helper()
	select {
	case err := <-r.ended:
		return err
	case <-time.After(d):
		t.Fatalf("the session did not report its end within %v", d)
		return nil
	}
}

// config logs in as the admin of srv.
func config(srv *localserver.Server, obs session.Observer) session.Config {
	return session.Config{
		JID:      jid.MustParse(srv.AdminJID),
		Password: srv.AdminPassword,
		Server:   srv.Addr(),
		RootCAs:  srv.CertPool,
		Timeout:  10 * time.Second,
		Observer: obs,
	}
}

func connect(t *testing.T, cfg session.Config) *session.Session {
	t.Helper()
	s, err := session.Connect(context.Background(), cfg)
	if err != nil {
		t.Fatalf("connect as %s: %v", cfg.JID, err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// request sends an iq and returns its reply's type and raw bytes.
func request(t *testing.T, s *session.Session, id, format string, a ...any) (string, string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	reply, err := s.Request(ctx, []byte(fmt.Sprintf(format, a...)), id)
	if err != nil {
		t.Fatalf("request %s: %v", id, err)
	}
	if reply.RTT <= 0 {
		t.Errorf("reply %s has no round-trip time", id)
	}
	return reply.Attr("type"), string(reply.Raw)
}

func TestConnect(t *testing.T) {
	servertest.Each(t, func(t *testing.T, srv *localserver.Server) {
		for _, direct := range []bool{false, true} {
			t.Run(fmt.Sprintf("direct-tls=%v", direct), func(t *testing.T) {
				cfg := config(srv, nil)
				cfg.JID = jid.MustParse(srv.AdminJID + "/desk")
				cfg.DirectTLS = direct
				if direct {
					cfg.Server = srv.DirectTLSAddr()
				}
				s := connect(t, cfg)
				info := s.Info()
				if info.JID.String() != srv.AdminJID+"/desk" {
					t.Errorf("bound JID = %s, want the resource asked for: %s/desk", info.JID, srv.AdminJID)
				}
				if info.TLSVersion() != "TLS 1.3" && info.TLSVersion() != "TLS 1.2" {
					t.Errorf("TLS version = %q", info.TLSVersion())
				}
				if !strings.HasPrefix(info.Mechanism, "SCRAM-") {
					t.Errorf("mechanism = %q, want a SCRAM one by preference", info.Mechanism)
				}
				stages := map[string]bool{}
				for _, f := range info.Offered {
					stages[f.Stage] = true
				}
				if stages["before TLS"] == direct || !stages["before login"] || !stages["after login"] {
					t.Errorf("features offered per stage: %v", stages)
				}
			})
		}
	})
}

func TestMechanisms(t *testing.T) {
	servertest.Each(t, func(t *testing.T, srv *localserver.Server) {
		// What each server is configured to offer (see internal/localserver).
		offered := map[localserver.Kind][]string{
			localserver.Prosody:  {"SCRAM-SHA-1", "PLAIN"},
			localserver.Ejabberd: {"SCRAM-SHA-512", "SCRAM-SHA-256", "SCRAM-SHA-1", "PLAIN"},
		}[srv.Kind]
		for _, mech := range []string{"SCRAM-SHA-512", "SCRAM-SHA-256", "SCRAM-SHA-1", "PLAIN"} {
			t.Run(mech, func(t *testing.T) {
				cfg := config(srv, nil)
				cfg.Mechanism = mech
				s, err := session.Connect(context.Background(), cfg)
				want := slices.Contains(offered, mech)
				if want && err != nil {
					t.Fatalf("login with %s: %v", mech, err)
				}
				if !want {
					if err == nil {
						s.Close()
						t.Fatalf("login with %s worked, but the server should not offer it", mech)
					}
					if !strings.Contains(err.Error(), "no SASL mechanism in common") {
						t.Fatalf("login with an unoffered %s: %v", mech, err)
					}
					return
				}
				defer s.Close()
				if got := s.Info().Mechanism; got != mech {
					t.Errorf("mechanism = %s, want %s", got, mech)
				}
			})
		}
	})
}

func TestWrongPassword(t *testing.T) {
	servertest.Each(t, func(t *testing.T, srv *localserver.Server) {
		for _, mech := range []string{"SCRAM-SHA-1", "PLAIN"} {
			cfg := config(srv, nil)
			cfg.Password = "not the password"
			cfg.Mechanism = mech
			_, err := session.Connect(context.Background(), cfg)
			var sasl *session.SASLError
			if !errors.As(err, &sasl) || sasl.Condition != "not-authorized" || sasl.Mechanism != mech {
				t.Errorf("%s with a wrong password: %v, want a SASL not-authorized", mech, err)
			}
		}
	})
}

func TestCertificate(t *testing.T) {
	servertest.Each(t, func(t *testing.T, srv *localserver.Server) {
		for _, direct := range []bool{false, true} {
			cfg := config(srv, nil)
			cfg.RootCAs = nil // the system roots do not know the test CA
			cfg.DirectTLS = direct
			if direct {
				cfg.Server = srv.DirectTLSAddr()
			}
			_, err := session.Connect(context.Background(), cfg)
			var cert *session.CertificateError
			if !errors.As(err, &cert) || !strings.HasPrefix(err.Error(), "the TLS certificate of localhost could not be verified: ") || strings.Contains(err.Error(), "--") {
				t.Errorf("direct=%v: an untrusted certificate gave %v, want a CertificateError that says so and names no flag", direct, err)
			}
			cfg.Insecure = true
			s := connect(t, cfg)
			if !s.Info().Insecure {
				t.Errorf("direct=%v: Info does not say the certificate went unverified", direct)
			}
		}
	})
}

// TestAnswersPingAndDisco: xepl answers the requests every client should.
func TestAnswersPingAndDisco(t *testing.T) {
	servertest.Each(t, func(t *testing.T, srv *localserver.Server) {
		rec := newRecorder()
		s := connect(t, config(srv, rec))
		me := s.JID().String()
		if typ, raw := request(t, s, "self-ping", `<iq type='get' id='self-ping' to='%s'><ping xmlns='urn:xmpp:ping'/></iq>`, me); typ != "result" {
			t.Errorf("ping to ourselves: %s", raw)
		}
		typ, raw := request(t, s, "self-disco", `<iq type='get' id='self-disco' to='%s'><query xmlns='http://jabber.org/protocol/disco#info'/></iq>`, me)
		if typ != "result" || !strings.Contains(raw, "xepl") || !strings.Contains(raw, "urn:xmpp:ping") {
			t.Errorf("disco#info of ourselves: %s", raw)
		}
		typ, raw = request(t, s, "self-version", `<iq type='get' id='self-version' to='%s'><query xmlns='jabber:iq:version'/></iq>`, me)
		if typ != "error" || !strings.Contains(raw, "service-unavailable") {
			t.Errorf("version of ourselves should be service-unavailable: %s", raw)
		}
		// A roster change makes the server push it to us (RFC 6121
		// §2.1.6; Prosody pushes only to resources that asked for the
		// roster), and xepl acknowledges the push with a result.
		request(t, s, "get", `<iq type='get' id='get'><query xmlns='jabber:iq:roster'/></iq>`)
		if typ, raw := request(t, s, "add", `<iq type='set' id='add'><query xmlns='jabber:iq:roster'><item jid='pal@%s'/></query></iq>`, srv.Domain); typ != "result" {
			t.Fatalf("roster add: %s", raw)
		}
		request(t, s, "rm", `<iq type='set' id='rm'><query xmlns='jabber:iq:roster'><item jid='pal@%s' subscription='remove'/></query></iq>`, srv.Domain)
		pushes, acked := map[string]bool{}, 0
		rec.mu.Lock()
		for _, u := range rec.wire {
			if u.Dir == session.In && u.Local == "iq" && u.Attr("type") == "set" && strings.Contains(string(u.Raw), "jabber:iq:roster") {
				pushes[u.Attr("id")] = true
			}
			if u.Dir == session.Out && pushes[u.Attr("id")] && u.Attr("type") == "result" {
				acked++
			}
		}
		rec.mu.Unlock()
		if len(pushes) == 0 || acked == 0 {
			t.Errorf("%d roster pushes, %d acknowledged with a result", len(pushes), acked)
		}
		// The requests that reached us were shown as incoming stanzas.
		rec.mu.Lock()
		n := len(rec.stanzas)
		rec.mu.Unlock()
		if n < 3 {
			t.Errorf("only %d incoming stanzas reported, want the 3 requests", n)
		}
	})
}
