package session

import (
	"context"
	"encoding/xml"
	"fmt"
	"io"

	"mellium.im/xmpp"
	"mellium.im/xmpp/jid"
	"mellium.im/xmpp/stanza"

	"xepl/xeps"
)

// bindFeature binds a resource (RFC 6120 §7), asking for the given one
// (empty lets the server choose). mellium's own BindResource always asks for
// an empty resource, so this one replaces it. id names the bind request, so
// that the wire tap can tell where negotiation ends.
func bindFeature(resource, id string) xmpp.StreamFeature {
	return xmpp.StreamFeature{
		Name:       xml.Name{Space: xeps.NSBind, Local: "bind"},
		Necessary:  xmpp.Authn,
		Prohibited: xmpp.Ready,
		Parse: func(ctx context.Context, d *xml.Decoder, start *xml.StartElement) (bool, interface{}, error) {
			return true, nil, d.Skip()
		},
		Negotiate: func(ctx context.Context, s *xmpp.Session, _ interface{}) (xmpp.SessionState, io.ReadWriter, error) {
			if err := writeBind(s, resource, id); err != nil {
				return 0, nil, err
			}
			bound, err := readBind(s)
			if err != nil {
				return 0, nil, err
			}
			s.UpdateAddr(bound)
			return xmpp.Ready, nil, nil
		},
	}
}

func writeBind(s *xmpp.Session, resource, id string) error {
	w := s.TokenWriter()
	defer w.Close()
	iq := xml.StartElement{Name: xml.Name{Local: "iq"}, Attr: []xml.Attr{
		{Name: xml.Name{Local: "type"}, Value: "set"},
		{Name: xml.Name{Local: "id"}, Value: id},
	}}
	bind := xml.StartElement{Name: xml.Name{Space: xeps.NSBind, Local: "bind"}}
	toks := []xml.Token{iq, bind}
	if resource != "" {
		res := xml.StartElement{Name: xml.Name{Local: "resource"}}
		toks = append(toks, res, xml.CharData(resource), res.End())
	}
	toks = append(toks, bind.End(), iq.End())
	for _, t := range toks {
		if err := w.EncodeToken(t); err != nil {
			return err
		}
	}
	return w.Flush()
}

// bindReply is the server's answer to a bind request. A struct tag cannot
// name a constant: the namespace of JID is xeps.NSBind written out, and
// TestBindReplyNamespace keeps the two equal.
type bindReply struct {
	Type string        `xml:"type,attr"`
	JID  string        `xml:"urn:ietf:params:xml:ns:xmpp-bind bind>jid"`
	Err  *stanza.Error `xml:"error"`
}

func readBind(s *xmpp.Session) (jid.JID, error) {
	r := s.TokenReader()
	defer r.Close()
	d := xml.NewTokenDecoder(r)
	for {
		tok, err := d.Token()
		if err != nil {
			return jid.JID{}, fmt.Errorf("reading the bind reply: %w", err)
		}
		start, ok := tok.(xml.StartElement)
		if !ok {
			continue // whitespace keepalive
		}
		var reply bindReply
		if err := d.DecodeElement(&reply, &start); err != nil {
			return jid.JID{}, fmt.Errorf("reading the bind reply: %w", err)
		}
		if reply.Type == "error" || reply.Err != nil {
			cond := "undefined-condition"
			if reply.Err != nil {
				cond = string(reply.Err.Condition)
			}
			return jid.JID{}, fmt.Errorf("the server refused to bind a resource: %s", cond)
		}
		return jid.Parse(reply.JID)
	}
}
