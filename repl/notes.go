package repl

import (
	"fmt"

	"github.com/beevik/etree"

	"xepl/internal/stanza"
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
// condition means and what to try next (the advice in hints, by
// condition, where given: what the error means in answer to a given
// template). root is the stanza, parsed once by the printer; nil gives no
// notes.
func notesFor(root *etree.Element, errorsOnly bool, hints map[string]string) []string {
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
	if root.SelectElement("error") != nil {
		notes = append(notes, stanzaErrorNotes(stanza.FromElement(root), hints)...)
	}
	return notes
}

// stanzaErrorNotes explains an error's condition, its application
// condition, and how a legacy code was read.
func stanzaErrorNotes(e *stanza.Error, hints map[string]string) []string {
	var notes []string
	if e.Code != 0 {
		if c, _, ok := xeps.LegacyCode(e.Code); ok && c == e.Condition {
			notes = append(notes, fmt.Sprintf("legacy error code %d: an old server's way of saying %s [XEP-0086 §3]", e.Code, c))
		}
	}
	if c, ok := xeps.StanzaCondition(e.Condition); ok {
		if h, ok := hints[c.Name]; ok {
			c.Hint = h
		}
		notes = append(notes, explain(c))
	}
	if e.App != "" {
		if c, ok := xeps.AppCondition(e.AppNS, e.App); ok {
			notes = append(notes, explain(c))
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
