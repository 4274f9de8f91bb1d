package render

import (
	"strings"

	"github.com/alecthomas/chroma/v2"
)

// outlineMin is the size from which ParseOutline parses an outline:
// anything smaller is parsed whole, as Parse would, since the outline
// would save nothing worth its difference.
const outlineMin = 64 << 10

// ParseOutline parses what the notes on a stanza need: the root element's
// start tag, the start tags of its children (for their namespaces), those
// of them named error whole, and the root's end tag. The rest of a big
// reply (a roster's ten thousand items) is only read through, in place,
// instead of being parsed into a tree that nobody would look at. Raw
// smaller than 64 KB, a stream tag, and anything whose outline cannot be
// told, are parsed whole.
//
// A big stanza of the common shape of a big reply (see quick.go) is
// checked as it is outlined, so that its Indent and Show read it once
// more, in place, without a tree; for any other, they parse it whole.
// Either way the Document reads raw, not a copy of it: raw must not
// change while the Document is in use.
//
// What the outline skips is checked only as far as the quick shape goes
// (what a server sends is checked as the stream is split into stanzas,
// and what is not well-formed is never shown as a stanza). The
// Document's Root is the outline.
func ParseOutline(raw []byte) (*Document, error) {
	if len(raw) < outlineMin {
		return Parse(raw)
	}
	if d, ok := parseQuick(raw); ok {
		return d, nil
	}
	// The lexer reads a string: this copy lives only while it reads.
	o, ok := outline(string(raw))
	if !ok {
		return Parse(raw)
	}
	d, err := Parse([]byte(o))
	if err != nil || d.doc == nil {
		return Parse(raw)
	}
	d.whole = raw
	return d, nil
}

// ParseToShow is ParseOutline for a stanza that is to be indented too: a
// big stanza the quick reader declines is parsed whole at once, since
// its Indent would parse it whole again after an outline.
func ParseToShow(raw []byte) (*Document, error) {
	if len(raw) < outlineMin {
		return Parse(raw)
	}
	if d, ok := parseQuick(raw); ok {
		return d, nil
	}
	return Parse(raw)
}

// parseQuick outlines raw of the quick shape, or declines.
func parseQuick(raw []byte) (*Document, bool) {
	p, ok := planQuick(raw)
	if !ok {
		return nil, false
	}
	d, err := Parse(p.outline)
	if err != nil || d.doc == nil {
		return nil, false
	}
	p.outline = nil // parsed: no longer needed
	d.size, d.quick = len(raw), p
	return d, true
}

// outline returns src with the root's content cut down to its error
// children, or false when src is not one element as the lexer reads it
// (unbalanced tags, markup after the root).
func outline(src string) (string, bool) {
	var b strings.Builder
	s := &scanner{src: src}
	depth := 0
	tagStart, closing := 0, false
	keepFrom := -1 // where the error child being kept starts
	for {
		start := s.pos
		tok := s.next()
		switch {
		case tok.Type == chroma.EOFType:
			return "", false
		case tok.Type == chroma.Punctuation && (tok.Value == "<" || tok.Value == "</"):
			tagStart, closing = start, tok.Value == "</"
		case tok.Type == chroma.NameTag:
			if !closing && depth == 1 && keepFrom < 0 && localName(tok.Value) == "error" {
				keepFrom = tagStart
			}
		case tok.Type == chroma.Punctuation && (tok.Value == ">" || tok.Value == "/>"):
			end := s.pos
			if !closing && tok.Value == ">" {
				switch {
				case depth == 0:
					b.WriteString(src[tagStart:end])
				case depth == 1 && keepFrom < 0:
					// Another child: its start tag, emptied, for
					// the namespace it is in.
					b.WriteString(src[tagStart : end-1])
					b.WriteString("/>")
				}
				depth++
				continue
			}
			if closing {
				depth--
			}
			switch {
			case depth < 0:
				return "", false
			case depth == 0:
				// The root's end tag, or the whole root if it is empty.
				b.WriteString(src[tagStart:end])
				return b.String(), strings.TrimSpace(src[end:]) == ""
			case depth == 1 && keepFrom >= 0:
				b.WriteString(src[keepFrom:end])
				keepFrom = -1
			case depth == 1 && !closing:
				b.WriteString(src[tagStart:end]) // an empty child
			}
		}
	}
}

// localName is name without its prefix.
func localName(name string) string {
	if i := strings.LastIndexByte(name, ':'); i >= 0 {
		return name[i+1:]
	}
	return name
}
