package repl

import (
	"github.com/beevik/etree"

	"xepl/xeps"
)

// Namespaces whose elements need no note: the stanza basics everyone sees.
var plainNamespaces = map[string]bool{
	"jabber:client":                       true,
	"jabber:server":                       true,
	"urn:ietf:params:xml:ns:xmpp-stanzas": true,
	"http://etherx.jabber.org/streams":    true,
	"urn:ietf:params:xml:ns:xmpp-streams": true,
}

// notesFor explains a stanza in a few lines: which specification each
// payload namespace comes from (unless errorsOnly), and what an error
// condition means and what to try next. root is the stanza, parsed once
// by the printer; nil gives no notes.
func notesFor(root *etree.Element, errorsOnly bool) []string {
	if root == nil {
		return nil
	}
	var notes []string
	seen := map[string]bool{}
	for _, child := range root.ChildElements() {
		if child.Tag == "error" {
			continue
		}
		ns := child.NamespaceURI()
		if errorsOnly || ns == "" || plainNamespaces[ns] || seen[ns] {
			continue
		}
		seen[ns] = true
		notes = append(notes, xeps.Describe(ns))
	}
	if root.Space == "stream" && root.Tag == "error" {
		return append(notes, streamErrorNotes(root)...)
	}
	if e := root.SelectElement("error"); e != nil {
		notes = append(notes, stanzaErrorNotes(e)...)
	}
	return notes
}

func stanzaErrorNotes(e *etree.Element) []string {
	var notes []string
	for _, c := range e.ChildElements() {
		ns := c.NamespaceURI()
		switch {
		case c.Tag == "text":
		case ns == xeps.NSStanzas:
			if cond, ok := xeps.StanzaCondition(c.Tag); ok {
				notes = append(notes, explain(cond))
			}
		default:
			if cond, ok := xeps.AppCondition(ns, c.Tag); ok {
				notes = append(notes, explain(cond))
			}
		}
	}
	return notes
}

func streamErrorNotes(e *etree.Element) []string {
	for _, c := range e.ChildElements() {
		if cond, ok := xeps.StreamCondition(c.Tag); ok && c.Tag != "text" {
			return []string{explain(cond)}
		}
	}
	return nil
}

// explain puts a condition in one line: what it means and what to try.
func explain(c xeps.Condition) string {
	s := c.Name + ": " + c.Meaning
	if c.Hint != "" {
		s += " " + c.Hint
	}
	return s + " [" + c.Spec.String() + "]"
}
