package adhoc

import (
	"strings"

	"xepl/internal/rawxml"
	"xepl/xeps"
)

// The actions of XEP-0050 §3.4.
const (
	ActionExecute  = "execute"
	ActionNext     = "next"
	ActionPrev     = "prev"
	ActionComplete = "complete"
	ActionCancel   = "cancel"
)

// The statuses of a command.
const (
	StatusExecuting = "executing"
	StatusCompleted = "completed"
	StatusCanceled  = "canceled"
)

// ExecuteXML is the iq that starts the command node at to (omitted when
// empty: one's own account).
func ExecuteXML(to, node, id string) []byte {
	return ActionXML(to, node, "", ActionExecute, id, nil)
}

// ActionXML is the iq that takes action (next, prev, complete, cancel or
// execute) in the command session sessionid of node at to, with form (a
// submitted data form, or nil) inside the <command/>. Empty to, sessionid
// and action are left out.
func ActionXML(to, node, sessionid, action, id string, form []byte) []byte {
	var b strings.Builder
	b.WriteString("<iq type='set'")
	attr(&b, "to", to)
	attr(&b, "id", id)
	b.WriteString("><command xmlns='" + xeps.NSCommands + "'")
	b.WriteString(" node='" + rawxml.EscapeAttr(node) + "'")
	attr(&b, "sessionid", sessionid)
	attr(&b, "action", action)
	if len(form) == 0 {
		b.WriteString("/></iq>")
		return []byte(b.String())
	}
	b.WriteString(">")
	b.Write(form)
	b.WriteString("</command></iq>")
	return []byte(b.String())
}

// attr writes ` name='value'` unless value is empty.
func attr(b *strings.Builder, name, value string) {
	if value == "" {
		return
	}
	b.WriteString(" " + name + "='" + rawxml.EscapeAttr(value) + "'")
}
