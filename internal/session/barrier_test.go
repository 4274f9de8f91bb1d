package session_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"xepl/internal/rawxml"
	"xepl/internal/session"
)

// busyBarrier is a server that, asked Close's ping, is still busy with
// what came before it: it sends a message every 300 ms, steps of them
// taking longer in all than the 2 s Close waits for a silent server, and
// answers the ping only after the last.
func busyBarrier(steps int) func(c *fakeConn) error {
	return func(c *fakeConn) error {
		if err := c.login(); err != nil {
			return err
		}
		ping, err := c.nextStanza(func(u session.WireUnit) bool {
			return u.Local == "iq" && strings.HasPrefix(u.Attr("id"), "close-")
		})
		if err != nil {
			return err
		}
		for i := 1; i <= steps; i++ {
			time.Sleep(300 * time.Millisecond)
			if err := c.Send(fmt.Sprintf("<message from='%s' to='%s'><body>busy %d</body></message>", fakeDomain, fakeBound, i)); err != nil {
				return err
			}
		}
		if err := c.Send(`<iq type='result' from='` + fakeDomain + `' id='` + rawxml.EscapeAttr(ping.Attr("id")) + `'/>`); err != nil {
			return err
		}
		return c.Hold() // until our end
	}
}

// TestCloseWaitsForBusyServer checks that Close waits for its ping's
// reply while the server is still sending, even past the 2 s it waits for
// a silent one: a server slow under load is still handling what we sent
// before quitting, and hanging up would lose it.
func TestCloseWaitsForBusyServer(t *testing.T) {
	const steps = 10
	f := newFake(t, busyBarrier(steps))
	rec := newRecorder()
	s, err := session.Connect(context.Background(), f.config(rec, 10*time.Second))
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Send(context.Background(), []byte("<presence/>")); err != nil {
		t.Fatal(err)
	}
	s.Close()
	rec.mu.Lock()
	defer rec.mu.Unlock()
	got := 0
	for _, u := range rec.wire {
		if u.Dir == session.In && u.Local == "message" {
			got++
		}
	}
	if got != steps {
		t.Errorf("read %d of the %d messages the busy server sent before answering the ping", got, steps)
	}
}

// TestCloseGivesUpOnSilentServer checks that Close does not wait the
// session's whole timeout for a server that answers nothing.
func TestCloseGivesUpOnSilentServer(t *testing.T) {
	f := newFake(t, func(c *fakeConn) error {
		if err := c.login(); err != nil {
			return err
		}
		return c.Hold()
	})
	s, err := session.Connect(context.Background(), f.config(nil, 10*time.Second))
	if err != nil {
		t.Fatal(err)
	}
	s.Send(context.Background(), []byte("<presence/>"))
	begin := time.Now()
	s.Close()
	if d := time.Since(begin); d > 5*time.Second {
		t.Errorf("Close took %v on a silent server", d)
	}
}

// slowObserver takes its time over each stanza, as a slow terminal does.
type slowObserver struct {
	*recorder
	each time.Duration
}

func (o slowObserver) Stanza(u session.WireUnit) {
	time.Sleep(o.each)
	o.recorder.Stanza(u)
}

// TestCloseShowsBacklog checks that what the server sent before its end
// is all shown however slowly, even past the 2 s Close waits after ours:
// the time a slow Observer holds the session back is not the server's.
func TestCloseShowsBacklog(t *testing.T) {
	const messages = 3000 // 3 MB: more than the kernel and the TLS layer buffer
	f := newFake(t, func(c *fakeConn) error {
		if err := c.login(); err != nil {
			return err
		}
		if _, err := c.nextStanza(func(u session.WireUnit) bool { return u.Kind == rawxml.KindStreamClose }); err != nil {
			return err
		}
		pad := strings.Repeat("x", 1000)
		for i := 1; i <= messages; i++ {
			if err := c.Send(fmt.Sprintf("<message from='%s' to='%s'><body>late %d %s</body></message>", fakeDomain, fakeBound, i, pad)); err != nil {
				return err
			}
		}
		return c.Send("</stream:stream>")
	})
	rec := newRecorder()
	if got := messagesShownByClose(t, f, slowObserver{rec, time.Millisecond}, rec); got != messages {
		t.Errorf("shown %d of the %d messages the server sent before its end", got, messages)
	}
}

// TestCloseWaitsThroughAPause checks that once the server has sent
// anything after our end, Close waits for its </stream:stream> and not
// only for a pause: a server (or a reader) descheduled under load pauses
// far longer than the quiet Close allows a silent server. CI lost the end
// of TestCloseShowsBacklog's flood that way, on a loaded machine.
//
// The server answers the request 100 ms late, so that Close allows a
// silent server 200 ms (twice the round trip) after our end: the first
// message comes within it even on a loaded machine; the second comes
// 400 ms after the first, past any quiet window.
func TestCloseWaitsThroughAPause(t *testing.T) {
	const rtt, pause = 100 * time.Millisecond, 400 * time.Millisecond
	f := newFake(t, func(c *fakeConn) error {
		if err := c.login(); err != nil {
			return err
		}
		if _, err := c.nextStanza(func(u session.WireUnit) bool { return u.Attr("id") == "p1" }); err != nil {
			return err
		}
		time.Sleep(rtt)
		if err := c.Send("<iq type='result' id='p1'/>"); err != nil {
			return err
		}
		if _, err := c.nextStanza(func(u session.WireUnit) bool { return u.Kind == rawxml.KindStreamClose }); err != nil {
			return err
		}
		for i := 1; i <= 2; i++ {
			if err := c.Send(fmt.Sprintf("<message from='%s' to='%s'><body>late %d</body></message>", fakeDomain, fakeBound, i)); err != nil {
				return err
			}
			time.Sleep(pause)
		}
		return c.Send("</stream:stream>")
	})
	rec := newRecorder()
	if got := messagesShownByClose(t, f, rec, rec); got != 2 {
		t.Errorf("shown %d of the 2 messages the server sent after our end, %v apart", got, pause)
	}
}

// messagesShownByClose connects to f with obs, sends request p1, closes
// the session, and counts the messages rec (obs, or what obs feeds) was
// shown.
func messagesShownByClose(t *testing.T, f *fakeServer, obs session.Observer, rec *recorder) int {
	t.Helper()
	s, err := session.Connect(context.Background(), f.config(obs, 10*time.Second))
	if err != nil {
		t.Fatal(err)
	}
	request(t, s, "p1", `<iq type='get' id='p1' to='%s'><ping xmlns='urn:xmpp:ping'/></iq>`, fakeDomain)
	s.Close()
	rec.mu.Lock()
	defer rec.mu.Unlock()
	got := 0
	for _, u := range rec.stanzas {
		if u.Local == "message" {
			got++
		}
	}
	return got
}
