package adhoc_test

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"mellium.im/xmpp/jid"

	"xepl/catalog"
	"xepl/internal/adhoc"
	"xepl/internal/localserver"
	"xepl/internal/rawxml"
	"xepl/internal/servertest"
	"xepl/internal/session"
)

func TestMain(m *testing.M) { servertest.Main(m) }

// listCommands asks to for its commands with the catalog's command.list,
// as the shell does.
func listCommands(ctx context.Context, t *testing.T, s *session.Session, to string) ([]adhoc.Item, error) {
	tm, _ := catalog.Lookup("command.list")
	f, err := tm.Fill(catalog.Values{"to": to}, catalog.Session{JID: s.JID().String()})
	if err != nil {
		t.Fatal(err)
	}
	id := adhoc.RandomID()
	reply, err := s.Request(ctx, rawxml.SetAttr(f.XML, "id", id), id)
	if err != nil {
		return nil, err
	}
	return adhoc.ParseList(reply.Raw)
}

const (
	nodeAddUser      = "http://jabber.org/protocol/admin#add-user"
	nodeDeleteUser   = "http://jabber.org/protocol/admin#delete-user"
	nodeOnlineUsers  = "http://jabber.org/protocol/admin#get-online-users-list"
	nodeRegisteredNo = "http://jabber.org/protocol/admin#get-registered-users-num"
)

// eachServer runs f against a shared throwaway server of every kind.
func eachServer(t *testing.T, f func(t *testing.T, srv *localserver.Server)) {
	for _, kind := range localserver.Kinds {
		t.Run(string(kind), func(t *testing.T) {
			f(t, servertest.Shared(t, kind))
		})
	}
}

// login connects to srv as who and closes the session at the end of the
// test.
func login(t *testing.T, srv *localserver.Server, who, password string) (*session.Session, error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	s, err := session.Connect(ctx, session.Config{
		JID:      jid.MustParse(who),
		Password: password,
		Server:   srv.Addr(),
		RootCAs:  srv.CertPool,
		Timeout:  15 * time.Second,
	})
	if err == nil {
		t.Cleanup(func() { s.Close() })
	}
	return s, err
}

func admin(t *testing.T, srv *localserver.Server) *session.Session {
	t.Helper()
	s, err := login(t, srv, srv.AdminJID, srv.AdminPassword)
	if err != nil {
		t.Fatalf("logging in as the admin: %v", err)
	}
	return s
}

func word() string {
	b := make([]byte, 4)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// wire records what a Runner shows.
type wire struct {
	mu    sync.Mutex
	units []shownUnit
}

type shownUnit struct {
	label string
	raw   string
}

func (w *wire) show(label string, raw []byte) {
	w.mu.Lock()
	w.units = append(w.units, shownUnit{label, string(raw)})
	w.mu.Unlock()
}

func (w *wire) sent() []string {
	w.mu.Lock()
	defer w.mu.Unlock()
	var out []string
	for _, u := range w.units {
		if u.label == "sent" {
			out = append(out, u.raw)
		}
	}
	return out
}

// checkSessionID checks that every request after the first carries the
// sessionid of the first reply.
func checkSessionID(t *testing.T, w *wire) {
	t.Helper()
	w.mu.Lock()
	defer w.mu.Unlock()
	if len(w.units) < 2 || w.units[1].label != "received" {
		t.Fatalf("shown %v", w.units)
	}
	first, err := adhoc.ParseResponse([]byte(w.units[1].raw))
	if err != nil || first.SessionID == "" {
		t.Fatalf("the first reply has no sessionid: %v", err)
	}
	for _, u := range w.units[2:] {
		if u.label == "sent" && !strings.Contains(u.raw, "sessionid='"+first.SessionID+"'") {
			t.Errorf("a request without the sessionid %q: %s", first.SessionID, u.raw)
		}
	}
}

func TestLiveList(t *testing.T) {
	eachServer(t, func(t *testing.T, srv *localserver.Server) {
		s := admin(t, srv)
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		items, err := listCommands(ctx, t, s, srv.Domain)
		if err != nil {
			t.Fatal(err)
		}
		nodes := map[string]bool{}
		for _, it := range items {
			nodes[it.Node] = true
			if it.JID != srv.Domain || it.Name == "" {
				t.Errorf("item %+v", it)
			}
		}
		for _, n := range []string{nodeAddUser, nodeDeleteUser, nodeOnlineUsers} {
			if !nodes[n] {
				t.Errorf("%s not offered", n)
			}
		}
		t.Logf("%d commands offered", len(items))
	})
}

// TestLiveAddDeleteUser adds an account with the admin command, logs in
// with it, deletes it, and sees the login fail.
func TestLiveAddDeleteUser(t *testing.T) {
	eachServer(t, func(t *testing.T, srv *localserver.Server) {
		s := admin(t, srv)
		user := "adhoc-" + word() + "@" + srv.Domain
		password := "pw " + word() + " <&>"
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()

		var w wire
		var out bytes.Buffer
		rn := &adhoc.Runner{R: s, Out: &out, Show: w.show}
		resp, err := rn.Run(ctx, srv.Domain, nodeAddUser, map[string]string{
			"accountjid": user, "password": password, "password-verify": password,
		})
		if err != nil {
			t.Fatal(err)
		}
		if resp.Error != nil || resp.Status != adhoc.StatusCompleted {
			t.Fatalf("add-user: %+v, error %v\n%s", resp, resp.Error, resp.Raw)
		}
		t.Logf("add-user said: %q", out.String())
		checkSessionID(t, &w)
		if n := len(w.sent()); n != 2 {
			t.Errorf("%d requests, want execute and complete", n)
		}

		if _, err := login(t, srv, user, password); err != nil {
			t.Fatalf("logging in as the new user: %v", err)
		}

		w = wire{}
		out.Reset()
		rn.Show = w.show
		resp, err = rn.Run(ctx, srv.Domain, nodeDeleteUser, map[string]string{"accountjids": user})
		if err != nil {
			t.Fatal(err)
		}
		if resp.Error != nil || resp.Status != adhoc.StatusCompleted {
			t.Fatalf("delete-user: %+v, error %v\n%s", resp, resp.Error, resp.Raw)
		}
		t.Logf("delete-user said: %q", out.String())
		checkSessionID(t, &w)

		_, err = login(t, srv, user, password)
		var se *session.SASLError
		if !errors.As(err, &se) || se.Condition != "not-authorized" {
			t.Fatalf("logging in as the deleted user: %v, want a SASL not-authorized", err)
		}
	})
}

// TestLiveResults runs the commands that answer with lists and numbers,
// where the server offers them, and prints what they show.
func TestLiveResults(t *testing.T) {
	eachServer(t, func(t *testing.T, srv *localserver.Server) {
		s := admin(t, srv)
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		items, err := listCommands(ctx, t, s, srv.Domain)
		if err != nil {
			t.Fatal(err)
		}
		offered := map[string]bool{}
		for _, it := range items {
			offered[it.Node] = true
		}
		for _, node := range []string{nodeOnlineUsers, nodeRegisteredNo} {
			if !offered[node] {
				t.Logf("%s does not offer %s", srv.Kind, node)
				continue
			}
			var out bytes.Buffer
			resp, err := (&adhoc.Runner{R: s, Out: &out}).Run(ctx, srv.Domain, node, nil)
			if err != nil {
				t.Fatalf("%s: %v", node, err)
			}
			if resp.Error != nil || resp.Status != adhoc.StatusCompleted || resp.Form == nil {
				t.Fatalf("%s: %+v\n%s", node, resp, resp.Raw)
			}
			t.Logf("%s:\n%s", node, out.String())
			switch node {
			case nodeOnlineUsers:
				if !strings.Contains(out.String(), "admin@localhost") {
					t.Errorf("the admin is not among the online users:\n%s", out.String())
				}
			case nodeRegisteredNo:
				if !strings.Contains(out.String(), "Number of registered users: ") {
					t.Errorf("no number:\n%s", out.String())
				}
			}
		}
	})
}

// TestLiveSessionID walks a command stage by stage with Session and shows
// that the server ties the stages together by the sessionid.
func TestLiveSessionID(t *testing.T) {
	eachServer(t, func(t *testing.T, srv *localserver.Server) {
		s := admin(t, srv)
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		var w wire
		r := recording{s, &w}
		sess, first, err := adhoc.Execute(ctx, r, srv.Domain, nodeOnlineUsers, nil)
		if err != nil {
			t.Fatal(err)
		}
		switch srv.Kind {
		case localserver.Prosody:
			// Prosody asks how many users to list, offering next and
			// complete (the default), and completes with next as well.
			if first.Status != adhoc.StatusExecuting || first.Form == nil || sess.DefaultAction() != adhoc.ActionComplete {
				t.Fatalf("first reply %+v", first)
			}
			if err := first.Form.Set("details", "yes"); err != nil {
				t.Fatal(err)
			}
			resp, err := sess.Next(ctx, first.Form)
			if err != nil {
				t.Fatal(err)
			}
			if resp.Status != adhoc.StatusCompleted || resp.SessionID != first.SessionID {
				t.Fatalf("second reply %+v", resp)
			}
			checkSessionID(t, &w)

			// Prosody keeps a state per sessionid: a cancel for a session
			// it does not know starts the command over (the form again),
			// while a cancel with the session's own sessionid cancels it.
			w = wire{}
			sess, first, err = adhoc.Execute(ctx, r, srv.Domain, nodeOnlineUsers, nil)
			if err != nil || first.Status != adhoc.StatusExecuting {
				t.Fatalf("execute: %+v, %v", first, err)
			}
			resp, err = sendRaw(ctx, s, adhoc.ActionXML(srv.Domain, nodeOnlineUsers, "no-such-session", "cancel", "bogus1", nil), "bogus1")
			if err != nil {
				t.Fatal(err)
			}
			if resp.Status != adhoc.StatusExecuting || resp.Form == nil {
				t.Errorf("a cancel with an unknown sessionid: %+v", resp)
			}
			resp, err = sess.Cancel(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if resp.Status != adhoc.StatusCanceled {
				t.Errorf("a cancel with the session's sessionid: %+v", resp)
			}
			checkSessionID(t, &w)
		case localserver.Ejabberd:
			// ejabberd completes at once and keeps no state: a cancel for a
			// session it never opened is answered "canceled".
			if first.Status != adhoc.StatusCompleted || first.SessionID == "" {
				t.Fatalf("first reply %+v", first)
			}
			resp, err := sendRaw(ctx, s, adhoc.ActionXML(srv.Domain, nodeDeleteUser, "no-such-session", "cancel", "bogus2", nil), "bogus2")
			if err != nil {
				t.Fatal(err)
			}
			if resp.Status != adhoc.StatusCanceled {
				t.Errorf("a cancel with an unknown sessionid: %+v", resp)
			}
		}
	})
}

// TestLiveCancelOnInterrupt interrupts a run while it asks for a field,
// as Ctrl-C does, and checks that the server hears cancel for the session.
func TestLiveCancelOnInterrupt(t *testing.T) {
	eachServer(t, func(t *testing.T, srv *localserver.Server) {
		s := admin(t, srv)
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		var w wire
		ask := &answers{onAsk: func() error {
			cancel() // Ctrl-C while the question is on the screen
			<-ctx.Done()
			return ctx.Err()
		}}
		resp, err := (&adhoc.Runner{R: s, Ask: ask, Show: w.show}).Run(ctx, srv.Domain, nodeAddUser, nil)
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("Run = %v", err)
		}
		if len(ask.prompts) != 1 || !strings.Contains(ask.prompts[0], "accountjid") {
			t.Errorf("prompts %q", ask.prompts)
		}
		sent := w.sent()
		if len(sent) != 2 || !strings.Contains(sent[1], "action='cancel'") {
			t.Fatalf("sent %q", sent)
		}
		checkSessionID(t, &w)
		if resp == nil || resp.Status != adhoc.StatusCanceled {
			t.Errorf("the server's answer to cancel: %+v", resp)
		}
	})
}

// TestLiveBadValues gives a typo and a missing field: both are refused
// before the form is submitted, and the command is canceled.
func TestLiveBadValues(t *testing.T) {
	eachServer(t, func(t *testing.T, srv *localserver.Server) {
		s := admin(t, srv)
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		for _, tt := range []struct {
			values map[string]string
			err    string
		}{
			{map[string]string{"acountjids": "x@localhost"}, `no field "acountjids" in this form; did you mean "accountjids"?`},
			{nil, "a required field has no value: "},
		} {
			var w wire
			resp, err := (&adhoc.Runner{R: s, Show: w.show}).Run(ctx, srv.Domain, nodeDeleteUser, tt.values)
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Fatalf("Run = %v, want %q", err, tt.err)
			}
			sent := w.sent()
			if len(sent) != 2 || !strings.Contains(sent[1], "action='cancel'") || strings.Contains(sent[1], "<x ") {
				t.Errorf("sent %q", sent)
			}
			checkSessionID(t, &w)
			if resp == nil || resp.Status != adhoc.StatusCanceled {
				t.Errorf("last reply %+v", resp)
			}
		}
	})
}

// TestLiveUnknownCommand: the server's error is the Response's Error.
func TestLiveUnknownCommand(t *testing.T) {
	want := map[localserver.Kind][2]string{
		// for a node nobody has, and for one under the admin# prefix
		localserver.Prosody:  {"service-unavailable", "service-unavailable"},
		localserver.Ejabberd: {"item-not-found", "service-unavailable"},
	}
	eachServer(t, func(t *testing.T, srv *localserver.Server) {
		s := admin(t, srv)
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		for i, node := range []string{"urn:xepl:test:no-such-command", "http://jabber.org/protocol/admin#no-such-command"} {
			resp, err := (&adhoc.Runner{R: s}).Run(ctx, srv.Domain, node, nil)
			if err != nil {
				t.Fatal(err)
			}
			if resp.Error == nil || resp.Error.Condition != want[srv.Kind][i] || resp.Error.Type != "cancel" {
				t.Errorf("%s: error %+v, want %s\n%s", node, resp.Error, want[srv.Kind][i], resp.Raw)
			}
		}
	})
}

// recording is a Requester that shows what goes through it.
type recording struct {
	r adhoc.Requester
	w *wire
}

func (r recording) Request(ctx context.Context, raw []byte, id string) (session.Reply, error) {
	r.w.show("sent", raw)
	reply, err := r.r.Request(ctx, raw, id)
	if err == nil {
		r.w.show("received", reply.Raw)
	}
	return reply, err
}

func sendRaw(ctx context.Context, s *session.Session, raw []byte, id string) (*adhoc.Response, error) {
	reply, err := s.Request(ctx, raw, id)
	if err != nil {
		return nil, err
	}
	return adhoc.ParseResponse(reply.Raw)
}
