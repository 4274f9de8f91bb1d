package render

import (
	"bytes"
	"encoding/xml"
	"io"
)

// nsStreams is the namespace of the XMPP stream element (RFC 6120).
const nsStreams = "http://etherx.jabber.org/streams"

// isStreamTag reports whether raw is a lone stream header or stream end:
// optionally an XML declaration, then either a start tag of the stream
// element without its end, or its end tag alone, and nothing else but white
// space. The start tag must bind its prefix (or the default namespace, when
// it has none) to the streams namespace; the end tag, having no
// declarations, is known by its local name.
func isStreamTag(raw []byte) bool {
	d := xml.NewDecoder(bytes.NewReader(raw))
	seen, first := false, true
	for {
		tok, err := d.RawToken()
		if err == io.EOF {
			return seen
		}
		if err != nil {
			return false
		}
		switch t := tok.(type) {
		case xml.ProcInst:
			if !first || t.Target != "xml" {
				return false
			}
		case xml.CharData:
			if !isWhitespace(string(t)) {
				return false
			}
		case xml.StartElement:
			if seen || t.Name.Local != "stream" || declared(t, t.Name.Space) != nsStreams {
				return false
			}
			seen = true
		case xml.EndElement:
			if seen || t.Name.Local != "stream" {
				return false
			}
			seen = true
		default:
			return false
		}
		first = false
	}
}

// declared returns the namespace that start binds to prefix ("" for the
// default namespace), or "" if start does not declare it.
func declared(start xml.StartElement, prefix string) string {
	for _, a := range start.Attr {
		if (prefix == "" && a.Name.Space == "" && a.Name.Local == "xmlns") ||
			(prefix != "" && a.Name.Space == "xmlns" && a.Name.Local == prefix) {
			return a.Value
		}
	}
	return ""
}
