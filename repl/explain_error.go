package repl

import (
	"fmt"
	"strings"

	"github.com/beevik/etree"

	"xepl/internal/stanza"
	"xepl/xeps"
)

// errorTypes says what each stanza error type asks of the sender
// (RFC 6120 §8.3.2), in our words.
var errorTypes = map[string]string{
	"auth":     "try again after giving credentials or getting the right",
	"cancel":   "do not try again: it will fail the same way",
	"continue": "a warning only: the request went through",
	"modify":   "try again after changing the request",
	"wait":     "try again later: the problem is passing",
}

// stanzaError explains the <error/> of a stanza: its condition, type,
// application condition and text, and where the two servers xepl is
// tested against answer the same request differently.
func (x *explainer) stanzaError(e *etree.Element) {
	parent := e.Parent()
	er := stanza.FromElement(parent)
	if er == nil {
		x.add("error: no condition given")
		return
	}
	x.add("error: %s", er)
	c, known := xeps.StanzaCondition(er.Condition)
	if !known {
		x.add("  %s: unknown to xepl: not a condition RFC 6120 defines", er.Condition)
	} else {
		x.add("  means: %s", c.Meaning)
		hint := c.Hint
		if h, ok := x.hints[c.Name]; ok {
			hint = h
		}
		x.add("  try: %s", hint)
		x.add("  defined in %s", c.Spec)
	}
	switch t, ok := errorTypes[er.Type]; {
	case er.Type == "":
		x.add("  type: none given (RFC 6120 requires one)")
	case !ok:
		x.add("  type %s: unknown to xepl: not a type RFC 6120 defines", er.Type)
	default:
		usual := ""
		if known && c.DefaultType != "" && c.DefaultType != er.Type {
			usual = fmt.Sprintf(" (%s usually comes with %s)", er.Condition, c.DefaultType)
		}
		x.add("  type %s: %s%s [RFC 6120 §8.3.2]", er.Type, t, usual)
	}
	if er.App != "" {
		if ac, ok := xeps.AppCondition(er.AppNS, er.App); ok {
			x.add("  %s: %s %s [%s]", ac.Name, ac.Meaning, ac.Hint, ac.Spec)
		} else {
			x.add("  %s (%s): unknown to xepl", er.App, er.AppNS)
		}
	}
	if er.Code != 0 {
		if lc, _, ok := xeps.LegacyCode(er.Code); ok {
			x.add("  legacy code %d: an old server's way of saying %s [XEP-0086 §3]", er.Code, lc)
		} else {
			x.add("  legacy code %d: unknown to xepl", er.Code)
		}
	}
	if er.Text != "" {
		x.add("  the server's text: %q", er.Text)
	}
	var payload []string
	for _, ch := range parent.ChildElements() {
		if ch != e {
			payload = append(payload, ch.NamespaceURI())
		}
	}
	for _, d := range xeps.Differences(er.Condition, payload) {
		x.add("  Prosody and ejabberd differ when %s: Prosody answers %s (%s), ejabberd %s (%s) [seen on %s]",
			d.Case, d.Prosody, d.ProsodyType, d.Ejabberd, d.EjabberdType, d.Seen)
	}
}

// streamError explains a stream error: the stream is over.
func (x *explainer) streamError(e *etree.Element) {
	for _, ch := range e.ChildElements() {
		if ch.Tag == "text" {
			x.add("  the server's text: %q", strings.TrimSpace(ch.Text()))
			continue
		}
		c, ok := xeps.StreamCondition(ch.Tag)
		if !ok {
			x.add("stream error %s: unknown to xepl: not a condition RFC 6120 defines", ch.Tag)
			continue
		}
		x.add("stream error: %s (the server has closed the stream)", c.Name)
		x.add("  means: %s", c.Meaning)
		x.add("  try: %s", c.Hint)
		x.add("  defined in %s", c.Spec)
	}
}
