package session_test

import (
	"strings"
	"testing"
	"time"

	"xepl/internal/localserver"
	"xepl/internal/rawxml"
	"xepl/internal/servertest"
	"xepl/internal/session"
)

// hostile is an incoming stanza mellium's Serve would have ended the
// session on, or that needs care, with what the session must answer.
type hostile struct {
	name   string
	stanza string
	// answer is what the session must send back: "" for nothing, else
	// the type of the reply ("result") or its error condition, for the
	// iq id answerID.
	answer, answerID string
}

var longLocal = strings.Repeat("x", 1100)

var hostiles = []hostile{
	{"from with two @", `<message from='a@b@c' to='` + fakeBound + `'><body>hi</body></message>`, "", ""},
	{"to with two @", `<message to='a@b@c' from='` + fakeDomain + `'><body>hi</body></message>`, "", ""},
	{"localpart over 1023 bytes", `<presence from='` + longLocal + `@` + fakeDomain + `/r'/>`, "", ""},
	{"bidi rule failure", "<message from='\u05d0a@" + fakeDomain + "'><body>hi</body></message>", "", ""},
	{"iq get without payload", `<iq type='get' id='x' from='` + fakeDomain + `'/>`, "bad-request", "x"},
	{"iq get with two payloads", `<iq type='get' id='two' from='` + fakeDomain + `'><a xmlns='urn:a'/><b xmlns='urn:b'/></iq>`, "bad-request", "two"},
	{"iq set without id", `<iq type='set' from='` + fakeDomain + `'><query xmlns='jabber:iq:roster'/></iq>`, "", ""},
	{"iq get without id", `<iq type='get'><ping xmlns='urn:xmpp:ping'/></iq>`, "", ""},
	{"unknown request from a bad JID", `<iq type='get' id='unk' from='a@b@c'><q xmlns='urn:example:unknown'/></iq>`, "service-unavailable", "unk"},
	{"ping from a bidi failure", "<iq type='get' id='bidi' from='\u05d0a@" + fakeDomain + "'><ping xmlns='urn:xmpp:ping'/></iq>", "result", "bidi"},
	{"roster push from a stranger", `<iq type='set' id='push' from='evil@` + fakeDomain + `'><query xmlns='jabber:iq:roster'/></iq>`, "service-unavailable", "push"},
	{"a reply nobody asked for, from a bad JID", `<iq type='result' id='nobody-asked' from='a@b@c'/>`, "", ""},
	{"an error without id from a long localpart", `<iq type='error' from='` + longLocal + `@` + fakeDomain + `'/>`, "", ""},
	{"an unknown top-level element", `<foo xmlns='urn:example:foo'/>`, "", ""},
}

// TestHostileStanzas: a server sends a hostile stanza, then a normal
// message and a ping. The session survives, the Observer sees all three,
// a request is answered as RFC 6120 §8 says, and the ping is answered.
// Each stanza gets a session of its own, so that each is proven alone.
func TestHostileStanzas(t *testing.T) {
	for _, h := range hostiles {
		t.Run(h.name, func(t *testing.T) {
			t.Parallel()
			testHostile(t, h)
		})
	}
}

func testHostile(t *testing.T, h hostile) {
	type seen struct {
		answers []session.WireUnit // what the client sent before the ping's reply
		err     error
	}
	result := make(chan seen, 1)
	f := newFake(t, func(c *fakeConn) error {
		if err := c.login(); err != nil {
			result <- seen{err: err}
			return err
		}
		err := c.Send(h.stanza +
			`<message from='friend@` + fakeDomain + `/x' id='normal'><body>normal</body></message>` +
			`<iq type='get' id='ping-after' from='` + fakeDomain + `'><ping xmlns='urn:xmpp:ping'/></iq>`)
		var got []session.WireUnit
		if err == nil {
			_, err = c.nextStanza(func(u session.WireUnit) bool {
				if u.Attr("id") == "ping-after" {
					return u.Attr("type") == "result"
				}
				got = append(got, u)
				return false
			})
		}
		result <- seen{got, err}
		return c.Hold()
	})
	rec := newRecorder()
	s := connect(t, f.config(rec, 5*time.Second))
	var r seen
	select {
	case r = <-result:
	case <-time.After(10 * time.Second):
		t.Fatalf("the fake server heard no answer to its ping within 10s; the session ended with %v", s.Err())
	}
	if r.err != nil {
		t.Fatalf("the ping after it was not answered: %v; the session ended with %v", r.err, s.Err())
	}
	checkAnswer(t, h, r.answers)
	select {
	case <-s.Done():
		t.Fatalf("the session ended: %v", s.Err())
	default:
	}
	rec.mu.Lock()
	defer rec.mu.Unlock()
	for _, want := range []string{h.stanza, "id='normal'", "id='ping-after'"} {
		if !seenStanza(rec.stanzas, want) {
			t.Errorf("the Observer did not get %.60s", want)
		}
	}
	for _, u := range rec.stanzas {
		_, hasID := rawxml.Element{Raw: u.Raw}.Attr("id")
		if typ := u.Attr("type"); u.Local == "iq" && (typ == "get" || typ == "set") && !hasID && !strings.Contains(u.Note, "not answered") {
			t.Errorf("a request without id came with the note %q, want one that says it was not answered: %s", u.Note, u.Raw)
		}
	}
}

// checkAnswer checks what the client sent back for h.
func checkAnswer(t *testing.T, h hostile, sent []session.WireUnit) {
	t.Helper()
	if h.answer == "" {
		if len(sent) > 0 {
			t.Errorf("%s: want no answer, the client sent %s", h.name, sent[0].Raw)
		}
		return
	}
	if len(sent) != 1 || sent[0].Attr("id") != h.answerID {
		t.Errorf("%s: want one answer with id %q, the client sent %d: %v", h.name, h.answerID, len(sent), sent)
		return
	}
	u := sent[0]
	ok := h.answer == "result" && u.Attr("type") == "result" ||
		u.Attr("type") == "error" && strings.Contains(string(u.Raw), "<"+h.answer+" ")
	if !ok {
		t.Errorf("%s: want %s, the client sent %s", h.name, h.answer, u.Raw)
	}
	if to := u.Attr("to"); !strings.Contains(h.stanza, "from='"+to+"'") {
		t.Errorf("%s: the answer went to %q, not to the request's sender", h.name, to)
	}
}

func seenStanza(units []session.WireUnit, part string) bool {
	for _, u := range units {
		if strings.Contains(string(u.Raw), part) {
			return true
		}
	}
	return false
}

// TestErrorFromBadAddress: on both real servers, a request to an address
// that is not a JID gets an error back *from* that address; the session
// takes it as the reply and goes on.
func TestErrorFromBadAddress(t *testing.T) {
	servertest.Each(t, func(t *testing.T, srv *localserver.Server) {
		rec := newRecorder()
		s := connect(t, config(srv, rec))
		typ, raw := request(t, s, "bad", `<iq type='get' id='bad' to='a@b@c'><query xmlns='http://jabber.org/protocol/disco#info'/></iq>`)
		if typ != "error" || !strings.Contains(raw, "from='a@b@c'") && !strings.Contains(raw, `from="a@b@c"`) {
			t.Errorf("disco#info of a@b@c: %s %s, want an error from a@b@c", typ, raw)
		}
		if typ, raw := request(t, s, "after", `<iq type='get' id='after' to='%s'><ping xmlns='urn:xmpp:ping'/></iq>`, srv.Domain); typ != "result" {
			t.Errorf("ping after the bad address: %s", raw)
		}
		select {
		case <-s.Done():
			t.Fatalf("the session ended: %v", s.Err())
		default:
		}
	})
}
