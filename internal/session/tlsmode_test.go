package session_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"mellium.im/xmpp/jid"

	"xepl/internal/localserver"
	"xepl/internal/servertest"
	"xepl/internal/session"
)

// TestWrongTLSMode: connecting in the wrong TLS mode (STARTTLS to a
// direct TLS port, direct TLS to a STARTTLS port) fails at once, and
// the error says which flag to toggle, on both servers.
func TestWrongTLSMode(t *testing.T) {
	servertest.Each(t, func(t *testing.T, srv *localserver.Server) {
		for _, tc := range []struct {
			name   string
			direct bool
			addr   string
			hint   string
		}{
			{"STARTTLS to the direct TLS port", false, srv.DirectTLSAddr(), "--direct-tls"},
			{"direct TLS to the STARTTLS port", true, srv.Addr(), "without --direct-tls"},
		} {
			t.Run(tc.name, func(t *testing.T) {
				cfg := config(srv, nil)
				cfg.JID = jid.MustParse(srv.AdminJID)
				cfg.DirectTLS = tc.direct
				cfg.Server = tc.addr
				cfg.Timeout = 5 * time.Second
				start := time.Now()
				s, err := session.Connect(context.Background(), cfg)
				if err == nil {
					s.Close()
					t.Fatal("connected in the wrong TLS mode")
				}
				t.Logf("%v (after %v)", err, time.Since(start).Round(time.Millisecond))
				if !strings.Contains(err.Error(), tc.hint) {
					t.Errorf("the error does not suggest %s: %v", tc.hint, err)
				}
				if time.Since(start) > 4*time.Second {
					t.Errorf("it took %v to fail, want at once", time.Since(start))
				}
			})
		}
	})
}
