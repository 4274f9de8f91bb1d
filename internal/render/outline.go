package render

import (
	"errors"
	"strings"

	"github.com/alecthomas/chroma/v2"
)

// outlineMin is the size from which ParseOutline parses an outline:
// anything smaller is parsed whole, as Parse would, since the outline
// would save nothing worth its difference.
const outlineMin = 64 << 10

// ParseOutline parses what notes on a stanza need when its XML is not
// shown (verbose off): the root element's start tag and those of its
// children named error, whole, with the root's end tag. The rest of a big
// reply (a roster's ten thousand items) is only walked by the lexer,
// which allocates nothing, instead of being parsed into a tree that
// nobody would look at. Raw smaller than 64 KB, a stream tag, and
// anything whose outline cannot be told, are parsed whole.
//
// What the outline skips is not checked: a stanza malformed there is
// outlined as if it were not (what a server sends is checked as the
// stream is split into stanzas, and what is not well-formed is never
// shown as a stanza). The Document's Root is the outline; its Indent is
// an error, since the outline is not what the stanza says.
func ParseOutline(raw []byte) (*Document, error) {
	if len(raw) < outlineMin {
		return Parse(raw)
	}
	o, ok := outline(string(raw))
	if !ok {
		return Parse(raw)
	}
	d, err := Parse([]byte(o))
	if err != nil || d.doc == nil {
		return Parse(raw)
	}
	d.outline = true
	return d, nil
}

// errOutline is Indent's error for an outline.
var errOutline = errors.New("render: an outline is not the whole stanza: Parse it to indent it")

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
				if depth == 0 {
					b.WriteString(src[tagStart:end])
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
