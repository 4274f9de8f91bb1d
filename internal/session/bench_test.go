package session_test

import (
	"context"
	"crypto/tls"
	"fmt"
	"net"
	"testing"

	"mellium.im/sasl"
	"mellium.im/xmpp"
	"mellium.im/xmpp/jid"
	"mellium.im/xmpp/ping"

	"xepl/internal/localserver"
	"xepl/internal/servertest"
	"xepl/internal/session"
)

// The benchmarks compare xepl's session with mellium's own client on the
// same server in the same run: connect (TCP, STARTTLS, SCRAM-SHA-1, bind)
// and one iq ping round trip. Run with
//
//	go test ./internal/session -run '^$' -bench .
func eachServerB(b *testing.B, f func(b *testing.B, srv *localserver.Server)) {
	for _, kind := range localserver.Kinds {
		b.Run(string(kind), func(b *testing.B) { f(b, servertest.Shared(b, kind)) })
	}
}

// melliumConnect is the baseline: mellium's bare dial and negotiation.
func melliumConnect(ctx context.Context, srv *localserver.Server) (*xmpp.Session, net.Conn, error) {
	conn, err := net.Dial("tcp", srv.Addr())
	if err != nil {
		return nil, nil, err
	}
	s, err := xmpp.NewClientSession(ctx, jid.MustParse(srv.AdminJID), conn,
		xmpp.StartTLS(&tls.Config{ServerName: srv.Domain, RootCAs: srv.CertPool}),
		xmpp.SASL("", srv.AdminPassword, sasl.ScramSha1),
		xmpp.BindResource(),
	)
	if err != nil {
		conn.Close()
	}
	return s, conn, err
}

func BenchmarkConnect(b *testing.B) {
	eachServerB(b, func(b *testing.B, srv *localserver.Server) {
		ctx := context.Background()
		b.Run("mellium", func(b *testing.B) {
			for b.Loop() {
				s, conn, err := melliumConnect(ctx, srv)
				if err != nil {
					b.Fatal(err)
				}
				s.Close()
				conn.Close()
			}
		})
		b.Run("xepl", func(b *testing.B) {
			cfg := config(srv, nil)
			cfg.Mechanism = "SCRAM-SHA-1"
			for b.Loop() {
				s, err := session.Connect(ctx, cfg)
				if err != nil {
					b.Fatal(err)
				}
				s.Abort()
			}
		})
	})
}

func BenchmarkPing(b *testing.B) {
	eachServerB(b, func(b *testing.B, srv *localserver.Server) {
		ctx := context.Background()
		domain := jid.MustParse(srv.Domain)
		b.Run("mellium", func(b *testing.B) {
			s, conn, err := melliumConnect(ctx, srv)
			if err != nil {
				b.Fatal(err)
			}
			defer conn.Close()
			go s.Serve(nil)
			for b.Loop() {
				if err := ping.Send(ctx, s, domain); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run("xepl", func(b *testing.B) {
			s, err := session.Connect(ctx, config(srv, nil))
			if err != nil {
				b.Fatal(err)
			}
			defer s.Abort()
			n := 0
			for b.Loop() {
				n++
				id := fmt.Sprintf("b%d", n)
				raw := []byte(`<iq type='get' id='` + id + `' to='` + srv.Domain + `'><ping xmlns='urn:xmpp:ping'/></iq>`)
				if _, err := s.Request(ctx, raw, id); err != nil {
					b.Fatal(err)
				}
			}
		})
	})
}
