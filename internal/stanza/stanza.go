// Package stanza reads the error of an XMPP stanza (RFC 6120 §8.3) with
// etree: its type, its defined condition, its text and the
// application-specific condition beside them, which mellium's
// stanza.Error leaves out and which is often the one that says what went
// wrong (bad-sessionid in XEP-0050, for one). It is its own package so
// that every layer that reads replies (ad-hoc commands, the session, the
// shell) reads errors the same way and shows them in the same words.
package stanza

import (
	"strconv"
	"strings"

	"github.com/beevik/etree"

	"xepl/xeps"
)

// Error is the <error/> of a stanza of type error (RFC 6120 §8.3).
type Error struct {
	Type      string // cancel, continue, modify, auth or wait
	Condition string // such as item-not-found; undefined-condition if none was given
	Text      string
	// App and AppNS name an application-specific condition, such as
	// bad-sessionid in XEP-0050's namespace.
	App, AppNS string
	// Code is the legacy error code (<error code='401'/>), when the error
	// had one; an error with a code and no condition element takes its
	// condition (and type) from XEP-0086.
	Code int
}

// Error is the condition, then the type in parentheses, the
// application-specific condition and the text, those that were given:
// "item-not-found (cancel): No such command", or
// "bad-request (modify) bad-sessionid".
func (e *Error) Error() string {
	s := e.Condition
	if e.Type != "" {
		s += " (" + e.Type + ")"
	}
	if e.App != "" {
		s += " " + e.App
	}
	if e.Code != 0 {
		s += " [legacy code " + strconv.Itoa(e.Code) + "]"
	}
	if e.Text != "" {
		s += ": " + e.Text
	}
	return s
}

// ErrorOf reads the <error/> of any stanza in raw. It returns nil when raw
// is not a stanza with an error.
func ErrorOf(raw []byte) *Error {
	doc := etree.NewDocument()
	if doc.ReadFromBytes(raw) != nil || doc.Root() == nil || doc.Root().SelectElement("error") == nil {
		return nil
	}
	return FromElement(doc.Root())
}

// FromElement reads the <error/> child of the stanza el, for a caller that
// has parsed the stanza already and knows it to be of type error: without
// an <error/> (or without a defined condition in it) the condition is
// undefined-condition, so that the result is never nil.
func FromElement(el *etree.Element) *Error {
	e := &Error{Condition: "undefined-condition"}
	errEl := el.SelectElement("error")
	if errEl == nil {
		return e
	}
	e.Type = attrValue(errEl, "type")
	e.Code, _ = strconv.Atoi(attrValue(errEl, "code"))
	cond := ""
	for _, c := range errEl.ChildElements() {
		switch {
		case c.NamespaceURI() == xeps.NSStanzas && c.Tag == "text":
			e.Text = strings.TrimSpace(c.Text())
		case c.NamespaceURI() == xeps.NSStanzas:
			if cond == "" {
				cond = c.Tag
			}
		case e.App == "":
			e.App, e.AppNS = c.Tag, c.NamespaceURI()
		}
	}
	switch {
	case cond != "":
		e.Condition = cond
	case e.Code != 0:
		// An old server: the code alone says what happened (XEP-0086 §3),
		// and the error's own text, if any, says it in words.
		if c, typ, ok := xeps.LegacyCode(e.Code); ok {
			e.Condition = c
			if e.Type == "" {
				e.Type = typ
			}
		}
		if e.Text == "" {
			e.Text = strings.TrimSpace(errEl.Text())
		}
	}
	return e
}

// attrValue returns the unprefixed attribute key of e, or "".
func attrValue(e *etree.Element, key string) string {
	for _, a := range e.Attr {
		if a.Space == "" && a.Key == key {
			return a.Value
		}
	}
	return ""
}
