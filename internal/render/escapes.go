package render

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/alecthomas/chroma/v2"
)

// lexerTypes are the token types Lexer emits (see its doc comment). An
// array, so that escapeTable's length is its own.
var lexerTypes = [...]chroma.TokenType{
	chroma.NameTag, chroma.NameAttribute, chroma.LiteralString,
	chroma.KeywordNamespace, chroma.NameNamespace, chroma.Punctuation,
	chroma.Text, chroma.NameEntity, chroma.Comment, chroma.CommentPreproc,
}

// escapeTable holds an escape for each of lexerTypes, in that order.
type escapeTable [len(lexerTypes)]string

// of returns the escape of token type t: a switch, which the compiler
// turns into a few comparisons, is several times faster than a map
// lookup per token.
func (e *escapeTable) of(t chroma.TokenType) string {
	switch t {
	case chroma.NameTag:
		return e[0]
	case chroma.NameAttribute:
		return e[1]
	case chroma.LiteralString:
		return e[2]
	case chroma.KeywordNamespace:
		return e[3]
	case chroma.NameNamespace:
		return e[4]
	case chroma.Punctuation:
		return e[5]
	case chroma.Text:
		return e[6]
	case chroma.NameEntity:
		return e[7]
	case chroma.Comment:
		return e[8]
	case chroma.CommentPreproc:
		return e[9]
	}
	return ""
}

// ansiReset is what chroma's terminal formatters write after a coloured
// run of text.
const ansiReset = "\x1b[0m"

// escapes asks formatter how it colours each of lexerTypes with style:
// it formats one probe token of each type and reads the escape written
// before each. The Highlighter then writes tokens itself with these
// escapes, as chroma's terminal formatters would (see appendToken), in a
// tenth of their time: they look each token's colour up through the
// style, split its text with a regexp and write each piece with
// fmt.Fprint. Asking the formatter, rather than working out the escapes
// again, keeps its choice of the nearest palette colour exactly.
func escapes(formatter chroma.Formatter, style *chroma.Style) (*escapeTable, error) {
	const probe = "\x00" // never in a token of ours: the input is made safe first
	toks := make([]chroma.Token, len(lexerTypes))
	for i, t := range lexerTypes {
		toks[i] = chroma.Token{Type: t, Value: probe}
	}
	var b bytes.Buffer
	if err := formatter.Format(&b, style, chroma.Literator(toks...)); err != nil {
		return nil, err
	}
	// Each probe is written as ESC probe RESET, or as the probe alone when
	// its type has no colour: between two probes stand the first's reset
	// and the second's escape.
	parts := strings.Split(b.String(), probe)
	if len(parts) != len(lexerTypes)+1 {
		return nil, fmt.Errorf("render: the formatter wrote %d probes for %d", len(parts)-1, len(lexerTypes))
	}
	out := new(escapeTable)
	prev := ""
	for i, part := range parts {
		if prev != "" {
			var ok bool
			if part, ok = strings.CutPrefix(part, ansiReset); !ok {
				return nil, fmt.Errorf("render: the formatter wrote no reset after %q", prev)
			}
		}
		if i == len(lexerTypes) {
			if part != "" {
				return nil, fmt.Errorf("render: the formatter wrote %q at the end", part)
			}
			break
		}
		if strings.ContainsAny(part, "\r\n") {
			return nil, fmt.Errorf("render: the formatter wrote a line break in an escape: %q", part)
		}
		out[i] = part
		prev = part
	}
	return out, nil
}

// appendToken appends text coloured with esc as chroma's terminal
// formatters write it: nothing added when esc is empty; otherwise each
// line between line breaks (\n or \r\n) is written between esc and a
// reset, the break after the reset, so that colour is never left on
// across a line break and an empty line gets no escape.
func appendToken(dst []byte, esc, text string) []byte {
	if esc == "" {
		return append(dst, text...)
	}
	for {
		i := strings.IndexByte(text, '\n')
		if i < 0 {
			break
		}
		line, brk := text[:i], text[i:i+1]
		if i > 0 && text[i-1] == '\r' {
			line, brk = text[:i-1], text[i-1:i+1]
		}
		dst = append(dst, esc...)
		dst = append(dst, line...)
		dst = append(dst, ansiReset...)
		dst = append(dst, brk...)
		text = text[i+1:]
	}
	if text != "" {
		dst = append(dst, esc...)
		dst = append(dst, text...)
		dst = append(dst, ansiReset...)
	}
	return dst
}
