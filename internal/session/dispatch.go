package session

import (
	"fmt"

	"mellium.im/xmpp/stanza"

	"xepl/internal/rawxml"
)

// dispatch hands queued units to the observer and to waiting requests,
// and answers the requests the server sends, until the stream ends.
//
// After negotiation this is the whole of the receiving side: mellium's
// Serve is not used. Serve parses every from and to as a JID and ends the
// session on one it cannot parse (a@b@c, a localpart over 1023 bytes, a
// bidi-rule failure), and an iq request with no payload ended it too;
// neutralising such bytes under it would mean rewriting what the user
// sees. The tap already cuts the stream into elements, so the session
// reads the TLS connection itself, pairs replies (pairing.go), answers
// what a client must (answer.go) from the raw bytes, and never parses an
// address to decide whether to go on: no stanza can end the stream.
func (s *Session) dispatch() {
	for {
		e := s.tap.next()
		switch {
		case e.barrier != nil:
			close(e.barrier)
		case e.end:
			s.end(e.err)
			return
		default:
			s.observe(e)
		}
	}
}

func (s *Session) observe(e event) {
	u := e.unit
	// Everything the session and its observer read of an element is the
	// element made standalone (a prefix the server declared on its stream
	// header is declared on the element itself); the wire log takes the
	// declarations out again (rawxml.Unit.Exact).
	u.Unit = u.Unit.Standalone()
	if !s.neg.ready {
		s.neg.see(u, e.partial)
		s.wire(u)
		if s.neg.notXMPP != nil {
			s.raw.Close() // fail now, not at the timeout
		}
		if s.neg.ready {
			<-s.started
		}
		return
	}
	if !s.neg.see(u, e.partial) {
		s.wire(u)
		if u.Dir == In && u.Kind == rawxml.KindStreamClose && !s.neg.serverClosed {
			s.neg.serverClosed = true
			s.serverEnded()
		}
		return
	}
	switch {
	case isStream(u, "error"):
		s.wire(u)
		s.stanza(u)
		s.serverEnded()
	case u.Local != "iq" || u.Space != stanza.NSClient && u.Space != "":
		s.wire(u)
		s.stanza(u)
	default:
		s.iq(u)
	}
}

// iq handles an incoming iq: a reply goes to the request waiting for it,
// a request is answered after it is shown.
func (s *Session) iq(u WireUnit) {
	switch u.Attr("type") {
	case "result", "error":
		if !s.deliver(&u) {
			s.wire(u)
			s.stanza(u)
		}
	case "get", "set":
		answer, note := s.answerFor(u)
		u.Note = note
		s.wire(u)
		s.stanza(u)
		if answer != nil {
			s.writeAnswer(answer)
		}
	default:
		s.wire(u)
		s.stanza(u)
	}
}

func (s *Session) wire(u WireUnit) {
	if s.obs != nil {
		s.obs.Wire(u)
	}
}

func (s *Session) stanza(u WireUnit) {
	if s.obs != nil {
		s.obs.Stanza(u)
	}
}

// deliver hands an iq reply to the Request waiting for it, after letting
// it show the reply in stream order. A reply with a waiting id from
// another sender is marked Spoofed and left to the caller; deliver
// reports whether it took the unit.
func (s *Session) deliver(u *WireUnit) bool {
	id := u.Attr("id")
	from := u.Attr("from")
	s.mu.Lock()
	w, ok := s.pending[id]
	match := ok && s.self.answers(w.to, from)
	if match {
		delete(s.pending, id)
	}
	s.mu.Unlock()
	if !ok {
		return false
	}
	if !match {
		u.Spoofed = true
		u.Note = fmt.Sprintf("possibly spoofed: not taken as the reply to %+q, which went to %s: this comes from %s",
			id, addrText(w.to), addrText(from))
		return false
	}
	if w.legacy != nil && u.Attr("type") == "result" {
		s.loggedInLegacy(*w.legacy)
	}
	s.wire(*u)
	if w.show != nil {
		w.show(Reply{WireUnit: *u, RTT: u.Time.Sub(w.sent)})
	}
	w.ch <- *u
	return true
}

// addrText names an address for a note, quoted: it is the server's text.
func addrText(addr string) string {
	if addr == "" {
		return "the server (no address)"
	}
	return fmt.Sprintf("%+q", addr)
}
