package session_test

import (
	"context"
	"regexp"
	"sync"
	"testing"
	"time"

	"mellium.im/xmpp/jid"

	"xepl/internal/localserver"
	"xepl/internal/servertest"
	"xepl/internal/session"
)

// stallingObserver holds up its session's dispatcher on the first iq
// request it is shown, until released: the session answers it only then.
type stallingObserver struct {
	*recorder
	once    sync.Once
	arrived chan struct{}
	release chan struct{}
}

func (o *stallingObserver) Stanza(u session.WireUnit) {
	o.recorder.Stanza(u)
	if u.Local == "iq" && u.Attr("type") == "get" {
		o.once.Do(func() {
			close(o.arrived)
			select {
			case <-o.release:
			case <-time.After(20 * time.Second):
			}
		})
	}
}

// TestSpoofedReply: on both real servers, A asks B, who is slow to answer;
// meanwhile C sends A a result with the id of A's request. A does not take
// it as the reply: the Observer gets it marked Spoofed, and A goes on
// waiting for B's answer, which it gets.
func TestSpoofedReply(t *testing.T) {
	servertest.Each(t, func(t *testing.T, srv *localserver.Server) {
		recA := newRecorder()
		a := connect(t, config(srv, recA))
		stall := &stallingObserver{recorder: newRecorder(), arrived: make(chan struct{}), release: make(chan struct{})}
		b := connect(t, account(t, srv, "spoofb", stall))
		release := sync.OnceFunc(func() { close(stall.release) })
		defer release() // before b's Close, which waits for its dispatcher
		c := connect(t, account(t, srv, "spoofc", nil))

		id := session.NewID("slow-")
		type result struct {
			reply session.Reply
			err   error
		}
		done := make(chan result, 1)
		go func() {
			ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
			defer cancel()
			r, err := a.Request(ctx, []byte(`<iq type='get' id='`+id+`' to='`+b.JID().String()+`'><ping xmlns='urn:xmpp:ping'/></iq>`), id)
			done <- result{r, err}
		}()
		select {
		case <-stall.arrived:
		case <-time.After(10 * time.Second):
			t.Fatal("B never got A's request")
		}
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		if err := c.Send(ctx, []byte(`<iq type='result' id='`+id+`' to='`+a.JID().String()+`'/>`)); err != nil {
			t.Fatal(err)
		}
		spoof := waitStanza(t, recA, func(u session.WireUnit) bool { return u.Attr("id") == id })
		if !spoof.Spoofed || spoof.Note == "" {
			t.Errorf("C's result reached the Observer with Spoofed=%v, Note=%q", spoof.Spoofed, spoof.Note)
		}
		if from := jid.MustParse(spoof.Attr("from")); !from.Equal(c.JID()) {
			t.Errorf("the spoof came from %s, want C (%s)", from, c.JID())
		}
		select {
		case r := <-done:
			t.Fatalf("A's request returned on C's spoof: %s %v", r.reply.Raw, r.err)
		default:
		}
		release()
		select {
		case r := <-done:
			if r.err != nil {
				t.Fatalf("A's request: %v", r.err)
			}
			if from := r.reply.Attr("from"); from != b.JID().String() || r.reply.Spoofed {
				t.Errorf("A's reply came from %q (spoofed %v), want B's answer from %s", from, r.reply.Spoofed, b.JID())
			}
		case <-time.After(10 * time.Second):
			t.Fatal("A never got B's answer")
		}
	})
}

// account registers a new account on srv and configures a login to it.
func account(t *testing.T, srv *localserver.Server, prefix string, obs session.Observer) session.Config {
	t.Helper()
	user, password := randomName(prefix), randomName("pw")
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := srv.Register(ctx, user, password); err != nil {
		t.Fatal(err)
	}
	cfg := config(srv, obs)
	cfg.JID, cfg.Password = jid.MustParse(user+"@"+srv.Domain), password
	return cfg
}

// waitStanza waits for the Observer to get a stanza that satisfies ok.
func waitStanza(t *testing.T, rec *recorder, ok func(session.WireUnit) bool) session.WireUnit {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		rec.mu.Lock()
		for _, u := range rec.stanzas {
			if ok(u) {
				rec.mu.Unlock()
				return u
			}
		}
		rec.mu.Unlock()
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatal("the Observer did not get the stanza within 10s")
	return session.WireUnit{}
}

// TestNewID: ids keep their prefix and add at least 12 random hex digits.
func TestNewID(t *testing.T) {
	hex := regexp.MustCompile(`^ping-[0-9a-f]{12,}$`)
	seen := map[string]bool{}
	for i := 0; i < 1000; i++ {
		id := session.NewID("ping-")
		if !hex.MatchString(id) || seen[id] {
			t.Fatalf("NewID: %q (draw %d)", id, i)
		}
		seen[id] = true
	}
	if a, b := session.NewID(""), session.NewID(""); a == b {
		t.Errorf("two ids alike: %s", a)
	}
}

// TestRepliesPairedBySender: a fake server answers a request first from
// the wrong senders, then from the right one. Only the right one is the
// reply; the others reach the Observer marked Spoofed.
func TestRepliesPairedBySender(t *testing.T) {
	tests := []struct {
		name   string
		to     string   // the request's to; "" for none
		spoofs []string // from attributes (a value of "-" means none)
		from   string   // the real reply's from
	}{
		{"no to", "", []string{"evil@" + fakeDomain, "user@" + fakeDomain + "/other", "user@" + fakeDomain + "x"}, "-"},
		{"no to, from the bare JID", "", []string{"evil@" + fakeDomain + "/fake"}, "USER@" + fakeDomain},
		{"to the server", fakeDomain, []string{"user@" + fakeDomain, "evil." + fakeDomain}, "LocalHost"},
		{"to a full JID", "peer@" + fakeDomain + "/r", []string{"peer@" + fakeDomain, "peer@" + fakeDomain + "/R", fakeDomain, "-"}, "Peer@" + fakeDomain + "/r"},
		{"to a bare JID", "peer@" + fakeDomain, []string{"peer@" + fakeDomain + "/r", "-"}, "peer@" + fakeDomain},
		{"to a bad address", "a@b@c", []string{"a@b", "-"}, "a@b@c"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			f := newFake(t, func(c *fakeConn) error {
				if err := c.login(); err != nil {
					return err
				}
				req, err := c.nextStanza(func(u session.WireUnit) bool { return u.Local == "iq" })
				if err != nil {
					return err
				}
				id := req.Attr("id")
				var out string
				for _, from := range append(tt.spoofs, tt.from) {
					attr := ""
					if from != "-" {
						attr = " from='" + from + "'"
					}
					out += "<iq type='result' id='" + id + "'" + attr + "/>"
				}
				if err := c.Send(out); err != nil {
					return err
				}
				return c.Hold()
			})
			rec := newRecorder()
			s := connect(t, f.config(rec, 5*time.Second))
			id := session.NewID("q-")
			to := ""
			if tt.to != "" {
				to = " to='" + tt.to + "'"
			}
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			defer cancel()
			reply, err := s.Request(ctx, []byte("<iq type='get' id='"+id+"'"+to+"><ping xmlns='urn:xmpp:ping'/></iq>"), id)
			if err != nil {
				t.Fatal(err)
			}
			want := tt.from
			if want == "-" {
				want = ""
			}
			if got := reply.Attr("from"); got != want || reply.Spoofed {
				t.Errorf("the reply came from %q (spoofed %v), want the last one, from %q", got, reply.Spoofed, want)
			}
			rec.mu.Lock()
			defer rec.mu.Unlock()
			if len(rec.stanzas) != len(tt.spoofs) {
				t.Fatalf("the Observer got %d stanzas, want the %d spoofs", len(rec.stanzas), len(tt.spoofs))
			}
			for i, u := range rec.stanzas {
				if !u.Spoofed || u.Note == "" {
					t.Errorf("spoof %d (%s) reached the Observer with Spoofed=%v, Note=%q", i, u.Raw, u.Spoofed, u.Note)
				}
			}
		})
	}
}
