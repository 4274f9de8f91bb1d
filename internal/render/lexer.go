package render

import (
	"strings"

	"github.com/alecthomas/chroma/v2"
)

// Lexer is a chroma.Lexer for XML, written for speed on large stanzas: it
// walks the input once, never backtracks, allocates nothing per token and
// never fails. The values of the tokens it emits, concatenated, are the input
// byte for byte, whatever the input (malformed XML and invalid UTF-8
// included); a token never splits a multi-byte UTF-8 sequence.
//
// Token types: NameTag for element names (with their prefix), NameAttribute
// for attribute names, LiteralString for attribute values (with their
// quotes), KeywordNamespace for xmlns and xmlns:p attribute names and
// NameNamespace for their values, Punctuation for < </ > /> and =, Text for
// character data and the white space inside tags, NameEntity for &...;
// references, Comment for comments, and CommentPreproc for <?...?>,
// <!...> and the <![CDATA[ and ]]> markers (the CDATA content is Text).
//
// A Lexer is safe for concurrent use, except that SetAnalyser must not be
// called while it is in use.
type Lexer struct {
	config   chroma.Config
	analyser func(text string) float32
}

// NewLexer returns an XML lexer for chroma formatters.
func NewLexer() *Lexer {
	return &Lexer{config: chroma.Config{
		Name:      "XML (xepl)",
		Aliases:   []string{"xepl-xml"},
		MimeTypes: []string{"application/xml", "text/xml"},
	}}
}

// Config describes the lexer to chroma.
func (l *Lexer) Config() *chroma.Config { return &l.config }

// Tokenise returns an iterator over the tokens of text. It never returns an
// error. The options are ignored: tokenising always starts outside markup,
// and line endings are left alone (chroma's EnsureLF would rewrite them),
// so that the tokens add up to text exactly.
func (l *Lexer) Tokenise(_ *chroma.TokeniseOptions, text string) (chroma.Iterator, error) {
	s := &scanner{src: text}
	return s.next, nil
}

// SetRegistry does nothing: the lexer delegates to no other lexer.
func (l *Lexer) SetRegistry(*chroma.LexerRegistry) chroma.Lexer { return l }

// SetAnalyser replaces the function AnalyseText uses.
func (l *Lexer) SetAnalyser(analyser func(text string) float32) chroma.Lexer {
	l.analyser = analyser
	return l
}

// AnalyseText scores how likely text is to be XML: 1 for an XML
// declaration, 0.5 for text that opens with a tag, 0 otherwise, unless
// SetAnalyser supplied another function.
func (l *Lexer) AnalyseText(text string) float32 {
	if l.analyser != nil {
		return l.analyser(text)
	}
	text = strings.TrimLeft(text, " \t\r\n")
	switch {
	case strings.HasPrefix(text, "<?xml"):
		return 1
	case len(text) > 1 && text[0] == '<' && !isDelim[text[1]]:
		return 0.5
	}
	return 0
}
