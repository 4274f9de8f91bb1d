package session

import (
	"context"
	"crypto/tls"
	"encoding/xml"

	"github.com/beevik/etree"
	"mellium.im/xmpp"

	"xepl/internal/rawxml"
	"xepl/xeps"
)

// streamFeatures lists what mellium negotiates: TLS, then either SASL and
// bind, or (for registration) nothing more, with the features a server
// offers before login parsed but not negotiated, so that the session comes
// up ready without authenticating.
func (s *Session) streamFeatures(tlsCfg *tls.Config, mechanism *string) ([]xmpp.StreamFeature, error) {
	var features []xmpp.StreamFeature
	if !s.cfg.DirectTLS {
		features = append(features, xmpp.StartTLS(tlsCfg))
	}
	if s.cfg.Register {
		return append(features,
			informational(xml.Name{Space: xeps.NSSASL, Local: "mechanisms"}),
			informational(xml.Name{Space: xeps.NSRegisterFeature, Local: "register"}),
		), nil
	}
	mechs, err := chooseMechanisms(s.cfg.Mechanism, mechanism)
	if err != nil {
		return nil, err
	}
	return append(features,
		xmpp.SASL("", s.cfg.Password, mechs...),
		bindFeature(s.cfg.JID.Resourcepart(), s.neg.bindID),
	), nil
}

// informational is a feature that is read when offered but never
// negotiated.
func informational(name xml.Name) xmpp.StreamFeature {
	return xmpp.StreamFeature{
		Name:      name,
		Necessary: xmpp.Secure,
		Parse: func(ctx context.Context, d *xml.Decoder, start *xml.StartElement) (bool, interface{}, error) {
			return false, nil, d.Skip()
		},
	}
}

// negotiation follows the incoming side of negotiation on the wire: it
// records the features offered and any failure, and tells where
// negotiation ends and the stanzas begin.
type negotiation struct {
	bindID    string
	register  bool
	wantOpens int // a registration stream is ready at the features after this many stream headers

	opens       int
	ready       bool
	features    [][]byte
	saslFailure []byte
	streamError []byte
}

func newNegotiation(cfg Config) negotiation {
	n := negotiation{bindID: "bind-" + randomID(), register: cfg.Register, wantOpens: 2}
	if cfg.DirectTLS {
		n.wantOpens = 1
	}
	return n
}

// see records an incoming unit and reports whether it comes after
// negotiation (and so is a stanza for the user).
func (n *negotiation) see(u WireUnit) bool {
	switch {
	case u.Kind == rawxml.KindStreamOpen:
		n.opens++
	case u.Kind != rawxml.KindElement:
	case isStream(u, "features"):
		n.features = append(n.features, u.Raw)
	case isStream(u, "error"):
		n.streamError = u.Raw
	case u.Local == "failure" && u.Space == xeps.NSSASL:
		n.saslFailure = u.Raw
	}
	if n.ready {
		return u.Kind == rawxml.KindElement
	}
	switch {
	case n.register && isStream(u, "features") && n.opens >= n.wantOpens:
		n.ready = true
	case !n.register && u.Local == "iq" && u.Attr("id") == n.bindID:
		n.ready = true
	}
	return false
}

func isStream(u WireUnit, local string) bool {
	return u.Local == local && (u.Prefix == "stream" || u.Space == xeps.NSEtherxStreams)
}

// offeredMechanisms lists the SASL mechanisms of the last features seen.
func (n *negotiation) offeredMechanisms() []string {
	for i := len(n.features) - 1; i >= 0; i-- {
		for _, f := range parseFeatures(n.features[i]) {
			if f.Name == "mechanisms" {
				return f.Values
			}
		}
	}
	return nil
}

// Feature is one stream feature a server offered.
type Feature struct {
	Name      string   // local name, e.g. "mechanisms", "register", "sm"
	Namespace string   // e.g. "urn:xmpp:sm:3"
	Required  bool     // it carried <required/>
	Values    []string // the text of its children, e.g. the SASL mechanisms
}

// parseFeatures reads a <stream:features/> element.
func parseFeatures(raw []byte) []Feature {
	doc := etree.NewDocument()
	if err := doc.ReadFromBytes(raw); err != nil || doc.Root() == nil {
		return nil
	}
	var out []Feature
	for _, el := range doc.Root().ChildElements() {
		f := Feature{Name: el.Tag, Namespace: el.NamespaceURI()}
		for _, child := range el.ChildElements() {
			if child.Tag == "required" {
				f.Required = true
			} else if text := child.Text(); text != "" {
				f.Values = append(f.Values, text)
			}
		}
		out = append(out, f)
	}
	return out
}
