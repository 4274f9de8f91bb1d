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
		features = append(features, s.startTLSFeature(tlsCfg))
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

// negotiation follows negotiation on the wire, in both directions: it
// records the features offered and any failure, tells where negotiation
// ends and the stanzas begin, and knows at each moment what the session
// is waiting for, so that a server that goes quiet can be told what it
// failed to send. It also keeps what the dispatcher learns about the
// stream after negotiation. Only the dispatcher touches it; others read
// it once the dispatcher is done (after tap.sync, or Done).
type negotiation struct {
	bindID    string
	register  bool
	wantOpens int // a registration stream is ready at the features after this many stream headers

	opens       int
	phase       phase
	secured     bool // TLS is up (direct TLS, or <proceed/> seen)
	authed      bool // SASL <success/> seen
	ready       bool
	features    [][]byte
	saslFailure []byte
	streamError []byte
	notXMPP     []byte // what the server sent instead of its first stream header
	partial     int    // bytes of a unit the server began and never finished

	serverClosed bool // the server's </stream:stream> arrived
}

// phase is the step of negotiation in progress.
type phase int

const (
	phaseStart     phase = iota // TCP is up; nothing sent yet
	phaseHeader                 // our stream header is out; the server's is awaited
	phaseFeatures               // the server's header is in; its features are awaited
	phaseOurs                   // the server has answered; our move
	phaseStartTLS               // <starttls/> is out; <proceed/> is awaited
	phaseHandshake              // <proceed/> is in; the TLS handshake is under way
	phaseSASL                   // a SASL <auth/> or <response/> is out
	phaseBind                   // the bind request is out
)

func newNegotiation(cfg Config) negotiation {
	n := negotiation{bindID: NewID("bind-"), register: cfg.Register, wantOpens: 2, secured: cfg.DirectTLS}
	if cfg.DirectTLS {
		n.wantOpens = 1
	}
	return n
}

// see records a unit and reports whether it is an incoming one that
// comes after negotiation (and so is a stanza for the user). partial says
// the unit is the unfinished rest of the stream.
func (n *negotiation) see(u WireUnit, partial bool) bool {
	if u.Dir == Out {
		n.seeOut(u)
		return false
	}
	switch {
	case partial:
		if !n.ready {
			n.partial = len(u.Raw)
		}
		return false
	case u.Kind == rawxml.KindStreamOpen:
		n.opens++
	case u.Kind == rawxml.KindWhitespace:
	case n.opens == 0 && n.notXMPP == nil:
		n.notXMPP = u.Raw
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
	n.seeIn(u)
	return false
}

// seeIn moves the phase on for an incoming unit during negotiation.
func (n *negotiation) seeIn(u WireUnit) {
	switch {
	case u.Kind == rawxml.KindStreamOpen:
		n.phase = phaseFeatures
	case u.Kind != rawxml.KindElement:
	case isStream(u, "features"):
		n.phase = phaseOurs
		if n.register && n.opens >= n.wantOpens {
			n.ready = true
		}
	case u.Local == "proceed" && u.Space == nsTLS:
		n.phase, n.secured = phaseHandshake, true
	case u.Local == "success" && u.Space == xeps.NSSASL:
		n.phase, n.authed = phaseOurs, true
	case u.Local == "iq" && u.Attr("id") == n.bindID:
		n.ready = true
	default:
		n.phase = phaseOurs
	}
}

// seeOut moves the phase on for an outgoing unit during negotiation.
func (n *negotiation) seeOut(u WireUnit) {
	switch {
	case n.ready:
	case u.Kind == rawxml.KindStreamOpen:
		n.phase = phaseHeader
	case u.Kind != rawxml.KindElement:
	case u.Local == "starttls":
		n.phase = phaseStartTLS
	case u.Space == xeps.NSSASL && (u.Local == "auth" || u.Local == "response"):
		n.phase = phaseSASL
	case u.Local == "iq" && u.Attr("id") == n.bindID:
		n.phase = phaseBind
	}
}

func isStream(u WireUnit, local string) bool {
	return u.Local == local && (u.Prefix == "stream" || u.Space == xeps.NSEtherxStreams)
}

// offersTLS reports whether the first features the server sent offer
// STARTTLS, and whether any features came at all.
func (n *negotiation) offersTLS() (offered, known bool) {
	if len(n.features) == 0 {
		return false, false
	}
	for _, f := range parseFeatures(n.features[0]) {
		if f.Name == "starttls" && f.Namespace == nsTLS {
			return true, true
		}
	}
	return false, true
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
