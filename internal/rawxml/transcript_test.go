package rawxml_test

import (
	"strings"

	"xepl/internal/rawxml"
)

// Namespaces used in the transcripts.
const (
	nsStreams = "http://etherx.jabber.org/streams"
	nsClient  = "jabber:client"
	nsTLS     = "urn:ietf:params:xml:ns:xmpp-tls"
	nsSASL    = "urn:ietf:params:xml:ns:xmpp-sasl"
)

// unit builds an expected unit.
func unit(k rawxml.Kind, raw, local, prefix, space string) rawxml.Unit {
	return rawxml.Unit{Kind: k, Raw: []byte(raw), Local: local, Prefix: prefix, Space: space}
}

func ws(raw string) rawxml.Unit   { return unit(rawxml.KindWhitespace, raw, "", "", "") }
func junk(raw string) rawxml.Unit { return unit(rawxml.KindJunk, raw, "", "", "") }

// elem is an Element unit of a stream whose default namespace is
// jabber:client unless the root declares another.
func elem(raw, local, prefix, space string) rawxml.Unit {
	return unit(rawxml.KindElement, raw, local, prefix, space)
}

const serverHeader = "<stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' " +
	"id='%s' from='example.org' to='juliet@example.org' version='1.0' xml:lang='en'>"

// serverSession is what a server sends to a client from connection to
// close: STARTTLS, SCRAM, bind, some traffic, a keepalive, a stream error.
var serverSession = []rawxml.Unit{
	unit(rawxml.KindStreamOpen, "<?xml version='1.0'?>\n"+strings.Replace(serverHeader, "%s", "s1", 1), "stream", "stream", nsStreams),
	ws("\n"),
	elem("<stream:features><starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'><required/></starttls></stream:features>",
		"features", "stream", nsStreams),
	elem("<proceed xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>", "proceed", "", nsTLS),
	unit(rawxml.KindStreamOpen, "<?xml version='1.0'?>"+strings.Replace(serverHeader, "%s", "s2", 1), "stream", "stream", nsStreams),
	elem("<stream:features><mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>"+
		"<mechanism>SCRAM-SHA-1</mechanism><mechanism>PLAIN</mechanism></mechanisms></stream:features>",
		"features", "stream", nsStreams),
	elem("<challenge xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>"+
		"cj1meWtvK2QybGJiRmdPTlJ2OXFreGRhd0wzcnZjTkhZSlksMVRTWjZQdGUwaUllQ3c9PSxpPTQwOTY=</challenge>",
		"challenge", "", nsSASL),
	elem("<success xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>dj1ybUY5cHFWOFM3c3VBb1pXamE0ZEpSa0ZzS1E9</success>",
		"success", "", nsSASL),
	// The restart after SASL comes without a declaration.
	unit(rawxml.KindStreamOpen, strings.Replace(serverHeader, "%s", "s3", 1), "stream", "stream", nsStreams),
	elem("<stream:features><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/><sm xmlns='urn:xmpp:sm:3'/></stream:features>",
		"features", "stream", nsStreams),
	elem("<iq type='result' id='b1'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'>"+
		"<jid>juliet@example.org/balcony</jid></bind></iq>", "iq", "", nsClient),
	ws("\r\n"),
	elem("<presence from='romeo@example.net/orchard' id='p>1' to=\"juliet@example.org/balcony\">"+
		"<show>away</show><status>I'll be &gt; back &#x1F319;</status>"+
		"<c xmlns='http://jabber.org/protocol/caps' hash='sha-1' node='https://example.net' ver='QgayPKawpkPSDYmwT/WM94uAlu0='/>"+
		"</presence>", "presence", "", nsClient),
	elem("<message from='romeo@example.net/orchard' type='chat' id='m1'>"+
		"<body>Art thou not Romeo, and a Montague? 1 &lt; 2 — “quoted” 'x' > 😀</body>"+
		"<html xmlns='http://jabber.org/protocol/xhtml-im'><body xmlns='http://www.w3.org/1999/xhtml'>"+
		"<p style='font-weight:bold'>Neither, fair saint</p></body></html></message>", "message", "", nsClient),
	ws(" \n \n"), // keepalive
	elem("<message type='chat' id='m2'><body><![CDATA[</message> <iq> is > fine ]] ]>]]></body></message>",
		"message", "", nsClient),
	elem("<iq type='get' id='ping1' from='example.org'><ping xmlns='urn:xmpp:ping'/></iq>", "iq", "", nsClient),
	ws(" "),
	elem("<stream:error><conflict xmlns='urn:ietf:params:xml:ns:xmpp-streams'/>"+
		"<text xmlns='urn:ietf:params:xml:ns:xmpp-streams' xml:lang='en'>Replaced by new connection</text></stream:error>",
		"error", "stream", nsStreams),
	unit(rawxml.KindStreamClose, "</stream:stream>", "stream", "stream", nsStreams),
}

const clientHeader = "<stream:stream to='example.org' xmlns='jabber:client' " +
	"xmlns:stream='http://etherx.jabber.org/streams' version='1.0'>"

// clientSession is the client's side of a session.
var clientSession = []rawxml.Unit{
	unit(rawxml.KindStreamOpen, "<?xml version='1.0'?>"+clientHeader, "stream", "stream", nsStreams),
	elem("<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>", "starttls", "", nsTLS),
	unit(rawxml.KindStreamOpen, "<?xml version='1.0'?>\n"+clientHeader, "stream", "stream", nsStreams),
	elem("<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>AGp1bGlldAByMG0zMG15cjBtMzA=</auth>",
		"auth", "", nsSASL),
	unit(rawxml.KindStreamOpen, clientHeader, "stream", "stream", nsStreams),
	elem("<iq type='set' id='bind_1'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'><resource>balcony</resource></bind></iq>",
		"iq", "", nsClient),
	elem("<presence/>", "presence", "", nsClient),
	elem("<message to='romeo@example.net' type='chat' xml:lang='en'><body>Wherefore art thou, Romeo?</body></message>",
		"message", "", nsClient),
	ws("\n"),
	elem("<iq type='result' id='ping1' to='example.org'/>", "iq", "", nsClient),
	ws("\t \n"),
	unit(rawxml.KindStreamClose, "</stream:stream>", "stream", "stream", nsStreams),
}

// concat joins the Raw bytes of units.
func concat(units []rawxml.Unit) []byte {
	var b []byte
	for _, u := range units {
		b = append(b, u.Raw...)
	}
	return b
}

// split feeds input to a new Splitter in the given chunks (the last chunk
// runs to the end), flushes it, and returns the units.
func split(input []byte, sizes ...int) []rawxml.Unit {
	var got []rawxml.Unit
	s := rawxml.NewSplitter(func(u rawxml.Unit) { got = append(got, u) })
	for _, n := range sizes {
		n = min(n, len(input))
		s.Write(input[:n])
		input = input[n:]
	}
	s.Write(input)
	s.Flush()
	return got
}

// mergeJunk joins adjacent Junk units, which a Splitter may emit in pieces
// depending on how its input was chunked.
func mergeJunk(units []rawxml.Unit) []rawxml.Unit {
	var out []rawxml.Unit
	for _, u := range units {
		if n := len(out); n > 0 && u.Kind == rawxml.KindJunk && out[n-1].Kind == rawxml.KindJunk {
			out[n-1].Raw = append(append([]byte(nil), out[n-1].Raw...), u.Raw...)
			continue
		}
		out = append(out, u)
	}
	return out
}
