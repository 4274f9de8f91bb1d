package adhoc_test

import (
	"context"
	"errors"
	"os"
	"reflect"
	"strings"
	"testing"

	"xepl/internal/adhoc"
	"xepl/internal/forms"
	"xepl/internal/stanza"
	"xepl/xeps"
)

func TestXML(t *testing.T) {
	tests := []struct{ got, want string }{
		{string(adhoc.ExecuteXML("localhost", "http://jabber.org/protocol/admin#add-user", "a1")),
			`<iq type='set' to='localhost' id='a1'><command xmlns='http://jabber.org/protocol/commands' node='http://jabber.org/protocol/admin#add-user' action='execute'/></iq>`},
		{string(adhoc.ExecuteXML("", "ping", "a2")),
			`<iq type='set' id='a2'><command xmlns='http://jabber.org/protocol/commands' node='ping' action='execute'/></iq>`},
		{string(adhoc.ActionXML("localhost", "n", "2026-11-25T15:04:28.376464Z", "cancel", "a3", nil)),
			`<iq type='set' to='localhost' id='a3'><command xmlns='http://jabber.org/protocol/commands' node='n' sessionid='2026-11-25T15:04:28.376464Z' action='cancel'/></iq>`},
		{string(adhoc.ActionXML("x@y/'r'", "a&b", "s<1>", "complete", "a4", forms.Cancel())),
			`<iq type='set' to='x@y/&apos;r&apos;' id='a4'><command xmlns='http://jabber.org/protocol/commands' node='a&amp;b' sessionid='s&lt;1>' action='complete'><x xmlns='jabber:x:data' type='cancel'/></command></iq>`},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("got  %s\nwant %s", tt.got, tt.want)
		}
	}
}

func readFixture(t *testing.T, name string) []byte {
	t.Helper()
	raw, err := os.ReadFile("testdata/" + name + ".xml")
	if err != nil {
		t.Fatal(err)
	}
	return raw
}

func TestParseResponse(t *testing.T) {
	tests := []struct {
		name string
		raw  string // or a fixture name
		want adhoc.Response
		form string // the form's title, if one is expected
	}{
		{name: "prosody-add-user", want: adhoc.Response{
			Node: "http://jabber.org/protocol/admin#add-user", Status: "executing",
			Actions: []string{"next", "complete"}, Default: "complete"}, form: "Adding a User"},
		{name: "ejabberd-add-user", want: adhoc.Response{
			Node: "http://jabber.org/protocol/admin#add-user", Status: "executing",
			Actions: []string{"complete"}, Default: "complete"}, form: "Add User"},
		{name: "ejabberd-registered-users-num", want: adhoc.Response{
			Node: "http://jabber.org/protocol/admin#get-registered-users-num", Status: "completed"}, form: ""},
		{name: "prosody-unknown-node", want: adhoc.Response{
			Error: &stanza.Error{Type: "cancel", Condition: "service-unavailable"}}},
		{name: "ejabberd-unknown-node", want: adhoc.Response{
			Node:  "nonexistent",
			Error: &stanza.Error{Type: "cancel", Condition: "item-not-found", Text: "No hook has processed this command"}}},
		{name: "notes, and an execute that is not offered",
			raw: `<iq type='result' id='x'><c:command xmlns:c='http://jabber.org/protocol/commands' node='ping' sessionid='1' status='completed'>` +
				`<c:note>Pong</c:note><c:note type='warn'> careful </c:note><c:note type='error'/>` +
				`<c:actions execute='next'><c:complete/><c:complete/><c:execute/><c:frobnicate/></c:actions></c:command></iq>`,
			want: adhoc.Response{Node: "ping", SessionID: "1", Status: "completed",
				Notes:   []adhoc.Note{{"info", "Pong"}, {"warn", "careful"}, {"error", ""}},
				Actions: []string{"complete"}, Default: "next"}},
		{name: "an application error condition",
			raw:  `<iq type='error' id='x'><error type='modify'><bad-request xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/><bad-sessionid xmlns='http://jabber.org/protocol/commands'/></error></iq>`,
			want: adhoc.Response{Error: &stanza.Error{Type: "modify", Condition: "bad-request", App: "bad-sessionid", AppNS: xeps.NSCommands}}},
		{name: "an error without a condition",
			raw:  `<iq type='error' id='x'/>`,
			want: adhoc.Response{Error: &stanza.Error{Condition: "undefined-condition"}}},
		{name: "a result without a command",
			raw:  `<iq type='result' id='x'/>`,
			want: adhoc.Response{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			raw := []byte(tt.raw)
			if tt.raw == "" {
				raw = readFixture(t, tt.name)
			}
			r, err := adhoc.ParseResponse(raw)
			if err != nil {
				t.Fatal(err)
			}
			if string(r.Raw) != string(raw) {
				t.Error("Raw is not the reply")
			}
			if tt.form != "" || strings.HasSuffix(tt.name, "-num") {
				if r.Form == nil || r.Form.Title != tt.form {
					t.Errorf("form %+v, want one titled %q", r.Form, tt.form)
				}
			} else if r.Form != nil {
				t.Errorf("a form: %+v", r.Form)
			}
			got := *r
			got.Raw, got.Form, got.SessionID = nil, nil, sessionIDIf(tt.want.SessionID, r.SessionID)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got  %+v (error %+v)\nwant %+v (error %+v)", got, got.Error, tt.want, tt.want.Error)
			}
		})
	}
}

// sessionIDIf keeps a sessionid only when the test expects one (the
// captured fixtures have random ones).
func sessionIDIf(want, got string) string {
	if want == "" {
		return ""
	}
	return got
}

func TestParseResponseRefuses(t *testing.T) {
	for raw, want := range map[string]string{
		``:                        "empty reply",
		`<iq`:                     "the reply is not well-formed XML: ",
		`<message/>`:              "the reply is <message>, not an <iq>",
		`<iq type='set' id='x'/>`: `the reply is an iq of type "set", not result or error`,
	} {
		if _, err := adhoc.ParseResponse([]byte(raw)); err == nil || !strings.HasPrefix(err.Error(), want) {
			t.Errorf("ParseResponse(%q) = %v, want %q", raw, err, want)
		}
	}
}

func TestParseList(t *testing.T) {
	for _, tt := range []struct {
		name  string
		count int
		first adhoc.Item
	}{
		{"prosody-commands", 21, adhoc.Item{JID: "localhost", Node: "http://jabber.org/protocol/admin#add-user", Name: "Add User"}},
		{"ejabberd-commands", 30, adhoc.Item{JID: "localhost", Node: "http://jabber.org/protocol/admin#announce", Name: "Send announcement to all online users"}},
	} {
		items, err := adhoc.ParseList(readFixture(t, tt.name))
		if err != nil {
			t.Fatal(err)
		}
		if len(items) != tt.count || items[0] != tt.first {
			t.Errorf("%s: %d items, first %+v", tt.name, len(items), items[0])
		}
	}
	_, err := adhoc.ParseList(readFixture(t, "prosody-unknown-node"))
	var se *stanza.Error
	if !errors.As(err, &se) || se.Condition != "service-unavailable" {
		t.Errorf("an error reply: %v", err)
	}
	if _, err := adhoc.ParseList([]byte(`<iq type='result' id='x'/>`)); err == nil {
		t.Error("a reply without <query/> accepted")
	}
}

func TestSessionKeepsSessionID(t *testing.T) {
	for _, later := range []string{"", "s2"} {
		f, w := newWizard(t)
		w.sidLater = later // a server that changes its mind is not followed
		ctx := context.Background()
		s, resp, err := adhoc.Execute(ctx, f, "example.org", wizardNode, ids())
		if err != nil {
			t.Fatal(err)
		}
		if resp.SessionID != "s1" || s.SessionID() != "s1" || s.Node() != wizardNode || s.To() != "example.org" {
			t.Fatalf("first reply %+v", resp)
		}
		resp.Form.Set("name", "Ann")
		if resp, err = s.Next(ctx, resp.Form); err != nil || resp.Form.Title != "Step 2" {
			t.Fatalf("Next: %+v, %v", resp, err)
		}
		if resp, err = s.Prev(ctx); err != nil || resp.Form.Title != "Step 1" {
			t.Fatalf("Prev: %+v, %v", resp, err)
		}
		resp.Form.Set("name", "Ann")
		if resp, err = s.Next(ctx, resp.Form); err != nil || resp.Form.Title != "Step 2" {
			t.Fatalf("Next: %+v, %v", resp, err)
		}
		resp.Form.Set("color", "Blue")
		if resp, err = s.Complete(ctx, resp.Form); err != nil || resp.Status != "completed" {
			t.Fatalf("Complete: %+v, %v", resp, err)
		}
		if want := []string{"execute", "next s1", "prev s1", "next s1", "complete s1"}; !reflect.DeepEqual(f.actions(), want) {
			t.Errorf("requests %q, want %q", f.actions(), want)
		}
		if got := resp.Form.Items[0][1].Values; !reflect.DeepEqual(got, []string{"blue"}) {
			t.Errorf("the submitted colour came back as %q", got)
		}
		if !s.Done() || s.Allowed() != nil || s.DefaultAction() != "" || s.Last() != resp {
			t.Errorf("after completion: done %v, allowed %q, default %q", s.Done(), s.Allowed(), s.DefaultAction())
		}
		if _, err := s.Cancel(ctx); err == nil || !strings.Contains(err.Error(), "is over (completed)") {
			t.Errorf("Cancel after the end: %v", err)
		}
		if len(f.reqs) != 5 {
			t.Errorf("a request was sent after the end")
		}
	}
}

func TestExecuteErrors(t *testing.T) {
	f, _ := newWizard(t)
	s, resp, err := adhoc.Execute(context.Background(), f, "example.org", "urn:example:nothing", nil)
	if err != nil {
		t.Fatal(err)
	}
	if resp.Error == nil || resp.Error.Condition != "item-not-found" || resp.Error.Text != "No such command" {
		t.Errorf("error %+v", resp.Error)
	}
	if !s.Done() || s.Allowed() != nil {
		t.Error("a session answered with an error is not over")
	}
	// A transport error is a Go error.
	broken := &fake{t: t, handle: func(context.Context, request) (string, error) { return "", errors.New("connection lost") }}
	if _, _, err := adhoc.Execute(context.Background(), broken, "example.org", "x", nil); err == nil || err.Error() != "connection lost" {
		t.Errorf("Execute over a broken stream: %v", err)
	}
	junk := &fake{t: t, handle: func(context.Context, request) (string, error) { return "<message/>", nil }}
	if _, _, err := adhoc.Execute(context.Background(), junk, "example.org", "x", nil); err == nil {
		t.Error("Execute accepted a reply that is not an iq")
	}
}

func TestAllowed(t *testing.T) {
	tests := []struct {
		name    string
		inner   string // inside <command status='executing'>
		status  string
		allowed []string
		def     string
	}{
		{"no actions: complete", ``, "executing", []string{"complete", "cancel"}, "complete"},
		{"ejabberd: complete only", `<actions execute='complete'><complete/></actions>`, "executing", []string{"complete", "cancel"}, "complete"},
		{"prosody: next and complete, complete by default", `<actions execute='complete'><next/><complete/></actions>`, "executing", []string{"next", "complete", "cancel"}, "complete"},
		{"no execute attribute: next", `<actions><prev/><next/><complete/></actions>`, "executing", []string{"prev", "next", "complete", "cancel"}, "next"},
		{"execute not offered: complete", `<actions execute='next'><prev/><complete/></actions>`, "executing", []string{"prev", "complete", "cancel"}, "complete"},
		{"execute not offered, no complete: the first", `<actions execute='complete'><prev/><next/></actions>`, "executing", []string{"prev", "next", "cancel"}, "prev"},
		{"completed: nothing", `<actions><next/></actions>`, "completed", nil, ""},
		{"canceled: nothing", ``, "canceled", nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := &fake{t: t, handle: func(_ context.Context, req request) (string, error) {
				return `<iq type='result' id='` + req.id + `'><command xmlns='http://jabber.org/protocol/commands' node='n' sessionid='x' status='` + tt.status + `'>` + tt.inner + `</command></iq>`, nil
			}}
			s, _, err := adhoc.Execute(context.Background(), f, "", "n", nil)
			if err != nil {
				t.Fatal(err)
			}
			if got := s.Allowed(); !reflect.DeepEqual(got, tt.allowed) {
				t.Errorf("Allowed() = %q, want %q", got, tt.allowed)
			}
			if got := s.DefaultAction(); got != tt.def {
				t.Errorf("DefaultAction() = %q, want %q", got, tt.def)
			}
		})
	}
}
