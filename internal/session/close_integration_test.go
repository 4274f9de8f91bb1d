package session_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"xepl/internal/localserver"
	"xepl/internal/servertest"
	"xepl/internal/session"
)

// closePings reports whether Close's own ping was written.
func closePings(r *recorder) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, u := range r.wire {
		if id := u.Attr("id"); u.Dir == session.Out && strings.HasPrefix(id, "close-") {
			return true
		}
	}
	return false
}

// TestCloseBarrier checks when Close pings the server before its end:
// not when the last thing written was a request whose reply has come (the
// reply already is the barrier), and when something was written after
// it, whose echo must still be read before the stream ends.
func TestCloseBarrier(t *testing.T) {
	servertest.Each(t, func(t *testing.T, srv *localserver.Server) {
		t.Run("after a reply", func(t *testing.T) {
			rec := newRecorder()
			s, err := session.Connect(context.Background(), config(srv, rec))
			if err != nil {
				t.Fatal(err)
			}
			request(t, s, "p1", `<iq type='get' id='p1' to='%s'><ping xmlns='urn:xmpp:ping'/></iq>`, s.JID().Domainpart())
			s.Close()
			rec.endedWithin(t, 5*time.Second)
			if closePings(rec) {
				t.Error("Close pinged though the last write's reply had come")
			}
		})
		t.Run("after a message", func(t *testing.T) {
			rec := newRecorder()
			s, err := session.Connect(context.Background(), config(srv, rec))
			if err != nil {
				t.Fatal(err)
			}
			request(t, s, "p2", `<iq type='get' id='p2' to='%s'><ping xmlns='urn:xmpp:ping'/></iq>`, s.JID().Domainpart())
			msg := `<message type='chat' id='m1' to='` + s.JID().String() + `'><body>to myself</body></message>`
			if err := s.Send(context.Background(), []byte(msg)); err != nil {
				t.Fatal(err)
			}
			s.Close()
			rec.endedWithin(t, 5*time.Second)
			if !closePings(rec) {
				t.Error("Close did not ping though a message was written after the last reply")
			}
			rec.mu.Lock()
			defer rec.mu.Unlock()
			echoed := false
			for _, u := range rec.wire {
				if id := u.Attr("id"); u.Dir == session.In && id == "m1" {
					echoed = true
				}
			}
			if !echoed {
				t.Error("the message sent to ourselves before Close was not read")
			}
		})
	})
}
