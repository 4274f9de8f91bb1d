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
// reply (a roster's ten thousand items) is only walked by the lexer,
// which allocates nothing, instead of being parsed into a tree that
// nobody would look at. Raw smaller than 64 KB, a stream tag, and
// anything whose outline cannot be told, are parsed whole.
//
// Its Indent parses the stanza whole.
//
// What the outline skips is not checked: a stanza malformed there is
// outlined as if it were not (what a server sends is checked as the
// stream is split into stanzas, and what is not well-formed is never
// shown as a stanza). The Document's Root is the outline.
func ParseOutline(raw []byte) (*Document, error) {
	if len(raw) < outlineMin {
		return Parse(raw)
	}
	return parseOutline(raw, string(raw))
}

// ParseToShow is ParseOutline for a stanza that is to be indented too: a
// stanza of the common shape of a big reply (see quick.go) is read once,
// without etree, for both its outline and its indentation. (With
// ParseOutline, a big reply's Indent parses it whole.)
func ParseToShow(raw []byte) (*Document, error) {
	if len(raw) < outlineMin {
		return Parse(raw)
	}
	src := string(raw)
	if t, ok := quickRead(src); ok {
		return &Document{doc: t.outline(), size: len(raw), quick: t}, nil
	}
	return parseOutline(raw, src)
}

// parseOutline is ParseOutline of raw, 64 KB or more, as src.
func parseOutline(raw []byte, src string) (*Document, error) {
	o, ok := outline(src)
	if !ok {
		return Parse(raw)
	}
	d, err := Parse([]byte(o))
	if err != nil || d.doc == nil {
		return Parse(raw)
	}
	d.whole = src
	return d, nil
}

// indentWhole indents the stanza an outline was made of.
func indentWhole(src string) ([]byte, error) {
	d, err := Parse([]byte(src))
	if err != nil {
		return nil, err
	}
	return d.Indent()
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
