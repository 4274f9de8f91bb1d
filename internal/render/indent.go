package render

import (
	"bytes"
	"errors"
	"io"

	"github.com/beevik/etree"

	"xepl/internal/rawxml"
)

// Indent returns the XML in raw pretty-printed for a person: two-space
// indentation and one element per line, with no newline at the end.
//
// Attributes keep their order and their prefixes, and xmlns declarations
// stay where they were written; values are written between double quotes.
// Text is kept. White space between child elements is taken for
// indentation and replaced, when it holds a line break or stands before the
// first child or after the last. An element with mixed content (text beside
// child elements, as in an XHTML-IM body, where even the space in
// "<b>bold</b> <i>italic</i>" is text) is written as it came, without
// indentation inside, because indenting would change its text. The text of
// an element without child elements is written as it is, white space
// included. An element with no content is written <x/>. CDATA
// sections become ordinary, escaped text. Comments and processing
// instructions are kept, one to a line. Elements nested 32 levels deep or
// more are written as they came, so that indentation cannot make the output
// grow out of proportion to the input.
//
// raw is meant to hold one element, but a sequence of elements (and
// comments) is accepted and written one after another. A stream header, the
// <stream:stream ...> start tag sent without its end (optionally after an
// XML declaration), and the lone </stream:stream> end tag are returned
// unchanged: they are known as the wire tap knows them, by
// rawxml.IsStreamTag. Anything else that is not well-formed XML is an
// error, and the caller can show raw as it is. Prefixes are not checked against
// declarations, since a stanza cut from a stream uses the stream's (as
// <stream:features> does).
//
// The output, and the text of any error, is fit for a terminal: it holds
// no character that termsafe forbids. Give Indent XML made safe with
// termsafe, and the output keeps termsafe's forms as they are: a character
// reference that decodes to a forbidden character, such as &#x9B; (CSI) or
// &#x202E; (a right-to-left override), is written as a reference again.
// Given anything else, names, comments and stream tags that hold a
// forbidden character are made safe with termsafe on the way out.
func Indent(raw []byte) ([]byte, error) {
	d, err := Parse(raw)
	if err != nil {
		return nil, err
	}
	return d.Indent()
}

// Document is XML parsed once, for callers that both look into a stanza
// and show it: Root gives the tree, Indent the text Indent would.
type Document struct {
	doc      *etree.Document
	verbatim []byte // a stream header or end tag, shown as it is
	size     int
	whole    []byte     // for an outline (ParseOutline), the stanza, not copied
	quick    *quickPlan // or, for one read quickly, the stanza checked
}

// Parse reads raw as Indent does.
func Parse(raw []byte) (*Document, error) {
	doc := etree.NewDocument()
	doc.ReadSettings.PreserveDuplicateAttrs = true // so that checkDuplicates can reject them
	if err := doc.ReadFromBytes(raw); err != nil {
		if rawxml.IsStreamTag(raw) {
			return &Document{verbatim: bytes.Clone(safeBytes(raw))}, nil
		}
		return nil, &parseError{err}
	}
	return &Document{doc: doc, size: len(raw)}, nil
}

// Root is the first element, or nil for a stream header or end tag.
func (d *Document) Root() *etree.Element {
	if d.doc == nil {
		return nil
	}
	return d.doc.Root()
}

// Indent writes the document as Indent does.
func (d *Document) Indent() ([]byte, error) {
	switch {
	case d.quick != nil:
		return d.quick.indent(), nil
	case d.whole != nil:
		return Indent(d.whole)
	}
	if d.doc == nil {
		return d.verbatim, nil
	}
	p := printer{buf: make([]byte, 0, d.size+d.size/2)}
	if err := p.document(&d.doc.Element); err != nil {
		return nil, err
	}
	return p.buf, nil
}

// parseError is an error of the XML parser, which may quote the input:
// its text is made safe for a terminal (see safe.go).
type parseError struct{ err error }

func (e *parseError) Error() string { return "not well-formed XML: " + safeString(e.err.Error()) }
func (e *parseError) Unwrap() error { return e.err }

// Errors Indent finds that etree lets through.
var (
	errNoElement    = errors.New("no element")
	errTopLevelText = errors.New("not well-formed XML: text outside an element")
)

// document writes the top-level tokens of a parsed document, one to a line.
func (p *printer) document(doc *etree.Element) error {
	elements := 0
	for _, t := range doc.Child {
		switch t := t.(type) {
		case *etree.CharData:
			if !isWhitespace(t.Data) {
				return errTopLevelText
			}
			continue
		case *etree.Element:
			elements++
		}
		if len(p.buf) > 0 {
			p.buf = append(p.buf, '\n')
		}
		if err := p.token(t, 0, true); err != nil {
			return err
		}
	}
	if elements == 0 {
		return errNoElement
	}
	return nil
}

// isWhitespace reports whether s holds only XML white space (or nothing).
func isWhitespace(s string) bool {
	return run(s, isSpace[:], true) == len(s)
}

// Streamed reports whether Show writes the indented text as it is made,
// in pieces, rather than whole: for a big stanza read quickly (see
// ParseOutline).
func (d *Document) Streamed() bool { return d.quick != nil }

// Show writes what Indent returns to w, its wide start tags broken by
// wrap when wrap is not nil, and highlighted by h when h is not nil.
// When Streamed, it is written as it is made, in pieces of about 64 KB,
// so that the indented text of a big reply (half as big again as the
// reply, and several times that highlighted) is never held whole; the
// output is byte for byte what Highlight writes for the whole (wrapped
// whole). On an error of Indent nothing is written.
func (d *Document) Show(w io.Writer, h *Highlighter, wrap *TagWrapper) error {
	var wrapped []byte // one buffer for every piece
	fit := func(b []byte) []byte {
		if wrap == nil {
			return b
		}
		if wrapped == nil { // room for a piece and the breaks made in it
			wrapped = make([]byte, 0, len(b)+len(b)/4)
		}
		wrapped = wrap.Wrap(wrapped[:0], b)
		return wrapped
	}
	put := func(b []byte) error {
		b = fit(b)
		if h == nil {
			_, err := w.Write(b)
			return err
		}
		return h.Highlight(w, b)
	}
	// Chroma's own formatter (used when its escapes could not be read)
	// is given the whole text: it is not known to format pieces alone as
	// it formats the whole.
	switch {
	case d.quick != nil && (h == nil || h.formatter == nil):
		return d.quick.write(put, quickPiece)
	case d.quick != nil && h.escape != nil:
		// Highlight piece by piece, with one buffer for them all.
		var buf []byte
		return d.quick.write(func(b []byte) (err error) {
			buf, err = h.highlight(w, safeBytes(fit(b)), buf)
			return err
		}, quickPiece)
	}
	pretty, err := d.Indent()
	if err != nil {
		return err
	}
	return put(pretty)
}
