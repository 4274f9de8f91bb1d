package session

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"

	"mellium.im/xmpp/jid"

	"xepl/internal/rawxml"
	"xepl/xeps"
)

// Namespaces of the requests the session answers itself.
const (
	nsPing      = "urn:xmpp:ping"
	nsDiscoInfo = "http://jabber.org/protocol/disco#info"
	nsStanzas   = "urn:ietf:params:xml:ns:xmpp-stanzas"
)

// discoInfo is what xepl says it is (XEP-0030): a console client that
// answers disco#info and ping.
const discoInfo = `<query xmlns='` + nsDiscoInfo + `'>` +
	`<identity category='client' type='console' name='xepl'/>` +
	`<feature var='` + nsDiscoInfo + `'/>` +
	`<feature var='` + nsPing + `'/>` +
	`</query>`

// payload is what an iq request holds.
type payload struct {
	count int      // child elements of the iq
	name  xml.Name // the first one's
	node  string   // its node attribute (disco)
}

// readPayload reads the child elements of the iq in raw.
func readPayload(raw []byte) (payload, error) {
	var p payload
	d := xml.NewDecoder(bytes.NewReader(raw))
	depth := 0
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return p, nil
		}
		if err != nil {
			return p, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			if depth != 2 {
				continue
			}
			p.count++
			if p.count == 1 {
				p.name = t.Name
				for _, a := range t.Attr {
					if a.Name.Space == "" && a.Name.Local == "node" {
						p.node = a.Value
					}
				}
			}
		case xml.EndElement:
			depth--
		}
	}
}

// answerFor decides what the session says to an incoming iq get or set,
// and notes what is unusual about it. RFC 6120 §8.2.3 asks exactly one
// result or error for every request, with its id: ping (XEP-0199) and
// disco#info (XEP-0030) are answered, a roster push from the account's
// server acknowledged (RFC 6121 §2.1.6), a request with no payload or
// more than one gets bad-request, anything else service-unavailable. A
// request with no id cannot be answered (the id is required, §8.1.3, and
// an answer with an invented one would answer nothing): it is shown,
// with a note, and left alone.
//
// The answer goes to the request's from as written, even one that is not
// a JID: the server routed it, and the server can say what it makes of
// the answer.
func (s *Session) answerFor(u WireUnit) (answer []byte, note string) {
	typ := u.Attr("type")
	id, ok := rawxml.Element{Raw: u.Raw}.Attr("id")
	if !ok {
		return nil, fmt.Sprintf("not answered: an iq %s must have an id (RFC 6120 §8.1.3)", typ)
	}
	from := u.Attr("from")
	answer, note = s.decide(typ, id, from, u.Raw)
	if from == "" {
		return answer, note
	}
	if _, err := jid.Parse(from); err != nil {
		bad := fmt.Sprintf("its from is not a valid JID (%v)", err)
		if note == "" {
			return answer, bad
		}
		return answer, bad + "; " + note
	}
	return answer, note
}

// decide is answerFor for a request that has an id. The note says what
// xepl answered, for the user.
func (s *Session) decide(typ, id, from string, raw []byte) (answer []byte, note string) {
	p, err := readPayload(raw)
	switch {
	case err != nil:
		return errorIQ(id, from, "modify", "bad-request"), "answered bad-request: it is not well-formed XML"
	case p.count != 1:
		return errorIQ(id, from, "modify", "bad-request"),
			fmt.Sprintf("answered bad-request: an iq %s must hold exactly one payload element, it holds %d (RFC 6120 §8.2.3)", typ, p.count)
	case typ == "get" && p.name.Space == nsPing && p.name.Local == "ping":
		return resultIQ(id, from, ""), "xepl answers it"
	case typ == "get" && p.name.Space == nsDiscoInfo && p.name.Local == "query" && p.node == "":
		return resultIQ(id, from, discoInfo), "xepl answers it"
	case typ == "get" && p.name.Space == nsDiscoInfo && p.name.Local == "query":
		return errorIQ(id, from, "cancel", "item-not-found"), "answered item-not-found: xepl has no disco nodes"
	case typ == "set" && p.name.Space == xeps.NSRoster && p.name.Local == "query":
		if !s.self.isAccount(from) {
			return errorIQ(id, from, "cancel", "service-unavailable"),
				"answered service-unavailable: a roster push must come from the account itself (RFC 6121 §2.1.6)"
		}
		return resultIQ(id, from, ""), "a roster push: xepl acknowledges it"
	}
	return errorIQ(id, from, "cancel", "service-unavailable"), "xepl answers service-unavailable"
}

// resultIQ is a result for the request id from from, holding payload.
func resultIQ(id, from, payload string) []byte {
	b := iqStart("result", id, from)
	if payload == "" {
		return append(b[:len(b)-1], "/>"...)
	}
	b = append(b, payload...)
	return append(b, "</iq>"...)
}

// errorIQ is an error of the given type and condition for the request id
// from from (RFC 6120 §8.3). The request is not echoed: it is a
// stranger's bytes.
func errorIQ(id, from, typ, condition string) []byte {
	b := iqStart("error", id, from)
	b = append(b, "<error type='"+typ+"'><"+condition+" xmlns='"+nsStanzas+"'/></error></iq>"...)
	return b
}

func iqStart(typ, id, from string) []byte {
	b := append([]byte("<iq type='"+typ+"' id="), rawxml.AppendQuotedAttr(nil, id, '\'')...)
	if from != "" {
		b = append(b, " to="...)
		b = rawxml.AppendQuotedAttr(b, from, '\'')
	}
	return append(b, '>')
}
