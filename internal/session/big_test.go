package session_test

import (
	"bytes"
	"context"
	"testing"
	"time"

	"xepl/internal/session"
)

// TestBigReply: a reply bigger than anything a client sends (20 MiB, past
// the 16 MiB the splitter once cut units at) reaches the request waiting
// for it, whole.
func TestBigReply(t *testing.T) {
	const size = 20 << 20
	f := newFake(t, func(c *fakeConn) error {
		if err := c.login(); err != nil {
			return err
		}
		req, err := c.nextStanza(func(u session.WireUnit) bool { return u.Local == "iq" })
		if err != nil {
			return err
		}
		var b bytes.Buffer
		b.WriteString("<iq type='result' id='" + req.Attr("id") + "'><query xmlns='jabber:iq:roster'>")
		for b.Len() < size {
			b.WriteString("<item jid='contact@example.org' subscription='both'/>")
		}
		b.WriteString("</query></iq>")
		if _, err := c.Write(b.Bytes()); err != nil {
			return err
		}
		return c.Hold()
	})
	s := connect(t, f.config(nil, 5*time.Second))
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	reply, err := s.Request(ctx, []byte(`<iq type='get' id='roster'><query xmlns='jabber:iq:roster'/></iq>`), "roster")
	if err != nil {
		t.Fatal(err)
	}
	if len(reply.Raw) < size || !bytes.HasSuffix(reply.Raw, []byte("</query></iq>")) {
		t.Errorf("the reply has %d bytes, ending %q; want more than %d, whole", len(reply.Raw), reply.Raw[max(0, len(reply.Raw)-20):], size)
	}
}
