// Package render turns a stanza into text for a person: indented with etree
// and, on a terminal, highlighted with chroma.
package render
