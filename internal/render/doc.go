// Package render turns a stanza into text for a person: indented with etree
// and, on a terminal, highlighted with chroma.
//
// Indent pretty-prints one element without changing what it says: prefixes,
// xmlns declarations, attribute order and mixed content are kept. A
// Highlighter colours XML through chroma's terminal formatters, fed by
// Lexer, an XML lexer for chroma that is about a hundred times faster than
// chroma's own on large replies. ColourFromEnv picks the colour level from
// NO_COLOR, TERM and COLORTERM; whether to colour at all (is the output a
// terminal?) is the caller's decision.
package render
