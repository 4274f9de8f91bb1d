package session_test

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"strings"
	"testing"
	"time"

	"mellium.im/xmpp/jid"

	"xepl/internal/localserver"
	"xepl/internal/servertest"
	"xepl/internal/session"
)

func randomName(prefix string) string {
	b := make([]byte, 4)
	rand.Read(b)
	return prefix + hex.EncodeToString(b)
}

// TestRegistrationLifecycle registers an account before logging in, logs
// in with it, uses it, cancels it, and finds it gone: all over raw XML.
func TestRegistrationLifecycle(t *testing.T) {
	servertest.Each(t, func(t *testing.T, srv *localserver.Server) {
		user, password := randomName("reg"), "secret-"+randomName("")
		domain := jid.MustParse(srv.Domain)

		pre := connect(t, session.Config{JID: domain, Register: true, Server: srv.Addr(), RootCAs: srv.CertPool, Timeout: 10 * time.Second})
		if !pre.Info().Register || pre.Info().Mechanism != "" {
			t.Fatalf("a registration stream should not log in: %+v", pre.Info())
		}
		typ, raw := request(t, pre, "form", `<iq type='get' id='form' to='%s'><query xmlns='jabber:iq:register'/></iq>`, srv.Domain)
		if typ != "result" || !strings.Contains(raw, "<password") {
			t.Fatalf("registration form: %s %s", typ, raw)
		}
		set := `<iq type='set' id='%s' to='` + srv.Domain + `'><query xmlns='jabber:iq:register'><username>` + user + `</username><password>` + password + `</password></query></iq>`
		if typ, raw := request(t, pre, "reg1", set, "reg1"); typ != "result" {
			t.Fatalf("register %s: %s", user, raw)
		}
		typ, raw = request(t, pre, "reg2", set, "reg2")
		if typ != "error" || !strings.Contains(raw, "<conflict") {
			t.Fatalf("registering %s again: %s %s, want a conflict error", user, typ, raw)
		}
		pre.Close()

		login := session.Config{JID: jid.MustParse(user + "@" + srv.Domain), Password: password, Server: srv.Addr(), RootCAs: srv.CertPool, Timeout: 10 * time.Second}
		rec := newRecorder()
		login.Observer = rec
		s := connect(t, login)
		if typ, raw := request(t, s, "p1", `<iq type='get' id='p1' to='%s'><ping xmlns='urn:xmpp:ping'/></iq>`, srv.Domain); typ != "result" {
			t.Errorf("ping: %s", raw)
		}
		typ, raw = request(t, s, "d1", `<iq type='get' id='d1' to='%s'><query xmlns='http://jabber.org/protocol/disco#info'/></iq>`, srv.Domain)
		if typ != "result" || !strings.Contains(raw, `var="urn:xmpp:ping"`) && !strings.Contains(raw, `var='urn:xmpp:ping'`) {
			t.Errorf("disco#info of the server should list urn:xmpp:ping: %s", raw)
		}
		if typ, raw := request(t, s, "rm", `<iq type='set' id='rm'><query xmlns='jabber:iq:register'><remove/></query></iq>`); typ != "result" {
			t.Fatalf("cancel the registration: %s", raw)
		}
		// Both servers end the stream of a removed account.
		var streamErr *session.StreamError
		if err := rec.endedWithin(t, 10*time.Second); !errors.As(err, &streamErr) {
			t.Errorf("after <remove/> the stream ended with %v, want a stream error", err)
		}
		if _, err := s.Request(context.Background(), []byte(`<iq type='get' id='late'><ping xmlns='urn:xmpp:ping'/></iq>`), "late"); err == nil {
			t.Errorf("a request on an ended stream succeeded")
		}

		_, err := session.Connect(context.Background(), login)
		var sasl *session.SASLError
		if !errors.As(err, &sasl) || sasl.Condition != "not-authorized" {
			t.Errorf("logging in to a removed account: %v, want SASL not-authorized", err)
		}
	})
}

// TestServerKilled kills the server under a session: the end is reported,
// nothing waits forever, and requests fail at once.
func TestServerKilled(t *testing.T) {
	for _, kind := range localserver.Kinds {
		t.Run(string(kind), func(t *testing.T) {
			srv := servertest.Own(t, kind)
			rec := newRecorder()
			s := connect(t, config(srv, rec))
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			defer cancel()
			done := make(chan error, 1)
			go func() {
				// A request in flight when the server dies.
				_, err := s.Request(ctx, []byte(`<iq type='get' id='slow' to='nobody@`+srv.Domain+`/x'><ping xmlns='urn:xmpp:ping'/></iq>`), "slow")
				done <- err
			}()
			if err := srv.Kill(); err != nil {
				t.Fatal(err)
			}
			if err := rec.endedWithin(t, 10*time.Second); err == nil || !strings.Contains(err.Error(), "connection lost") {
				t.Errorf("the end of a killed server's stream was reported as %v, want a lost connection", err)
			}
			select {
			case <-done:
			case <-time.After(10 * time.Second):
				t.Fatalf("a request stayed waiting after the connection died")
			}
			if _, err := s.Request(ctx, []byte(`<iq type='get' id='after'/>`), "after"); !errors.Is(err, session.ErrNotConnected) {
				t.Errorf("request after the end: %v, want ErrNotConnected", err)
			}
		})
	}
}
