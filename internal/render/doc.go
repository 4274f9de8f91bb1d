// Package render turns a stanza into text for a person: indented with etree
// and, on a terminal, highlighted with chroma.
//
// Indent pretty-prints one element without changing what it says: prefixes,
// xmlns declarations, attribute order and mixed content are kept. A
// Highlighter colours XML as chroma's terminal formatters do, byte for
// byte, with the tokens of Lexer (an XML lexer for chroma about a hundred
// times faster than chroma's own on large replies): it reads from the
// formatter the escape of each token type once, then writes the tokens
// itself, an order of magnitude faster than the formatter. ColourFromEnv picks the colour level from
// NO_COLOR, TERM and COLORTERM; whether to colour at all (is the output a
// terminal?) is the caller's decision.
//
// Nothing render returns or writes can drive a terminal: its output holds
// no character that xepl/internal/termsafe forbids, other than the colour
// escapes a Highlighter writes itself, whatever the input. Make text safe
// with termsafe before rendering it; render never escapes termsafe's forms
// a second time. The Lexer alone passes its input through as it is, since
// its tokens must add up to the input.
package render
