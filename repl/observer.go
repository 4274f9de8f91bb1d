package repl

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"xepl/internal/rawxml"
	"xepl/internal/session"
)

// observer shows what the session reports: the raw wire when asked, and
// every stanza no command was waiting for.
type observer struct {
	sh *Shell
	c  *conn // the connection whose session reports
}

// Wire keeps every unit in the capture, and shows it in the wire log
// when that is on and the live filters let it.
func (o observer) Wire(u session.WireUnit) {
	e := o.sh.keep(u, o.c)
	o.c.lastKept = e
	if !o.sh.out.wire.Load() {
		return
	}
	// An arrival is counted by Stanza, which comes next; the rest here.
	arrival := u.Dir == session.In && u.Kind == rawxml.KindElement
	if o.sh.filters.showsOrCounts(e, !arrival) {
		o.sh.out.wireUnit(u)
	} else if !arrival {
		o.sh.hiddenLater()
	}
}

func (o observer) Stanza(u session.WireUnit) {
	if o.c.deleting.Load() {
		return // the account is being removed: what its stream gets now is no news
	}
	// Wire has kept it just before (the dispatcher calls Wire, then
	// Stanza, for each unit).
	if e := o.c.lastKept; e.n != 0 && !u.Spoofed && !o.sh.filters.showsOrCounts(e, true) {
		o.c.inboxOrAnswer(u)
		o.sh.hiddenLater()
		return
	}
	label := o.sh.sessions.tag(o.c) + "← " + describe(u)
	if u.Spoofed {
		label = o.sh.sessions.tag(o.c) + "← POSSIBLE SPOOF: " + describe(u)
	}
	o.sh.out.stanza(label, u.Raw)
	o.c.inboxOrAnswer(u)
}

// inboxOrAnswer gives an arrival to whoever may wait for it: a nonza
// answer to the template that asked, a stanza to expect stanza.
func (c *conn) inboxOrAnswer(u session.WireUnit) {
	if isNonza(u) {
		c.answered(u.Raw)
	} else if u.Kind == rawxml.KindElement && u.Prefix != "stream" {
		c.inbox.add(u.Raw)
	}
}

// isNonza reports whether u is a top-level element that is not a stanza
// (RFC 6120 §8) nor a stream error: an answer such as XEP-0198's
// <enabled/>.
func isNonza(u session.WireUnit) bool {
	switch {
	case u.Kind != rawxml.KindElement, u.Prefix == "stream":
		return false
	case u.Local == "message", u.Local == "presence", u.Local == "iq":
		return false
	}
	return true
}

func (o observer) Ended(err error) {
	if err == nil || o.c.deleting.Load() {
		return
	}
	if o.c.removed.Load() {
		o.sh.out.say("%sthe server ended the stream, as it does once the account is deleted (%v)", o.sh.sessions.tag(o.c), o.sh.maskServerText(err))
		o.redrawPrompt()
		return
	}
	if connectionLost(err) {
		o.sh.lost.Store(true)
	}
	o.sh.out.fail(fmt.Errorf("%sthe stream has ended: %v\n  the shell is still here: type reconnect to connect again", o.sh.sessions.tag(o.c), o.sh.maskServerText(err)))
	o.redrawPrompt()
}

// redrawPrompt draws the prompt anew once the current session's stream
// has ended: it named the account, and must not go on doing so until
// Enter. The shell waits at the prompt, so its state holds still. (Done
// is closed only after Ended returns: the prompt is said here.)
func (o observer) redrawPrompt() {
	if tl := o.sh.term; tl != nil && o.sh.out.atPrompt.Load() && o.sh.sessions.isCurrent(o.c) {
		prompt := "xepl> "
		if len(o.sh.pendingXML) > 0 {
			prompt = "...> "
		}
		tl.redraw(prompt)
	}
}

// connectionLost reports whether a stream ended because the connection
// broke, rather than because the server ended it (a stream error, or a
// closing tag): a script that loses its connection has failed.
func connectionLost(err error) bool {
	var se *session.StreamError
	return err != nil && !errors.As(err, &se) && strings.HasPrefix(err.Error(), "connection lost")
}

// describe names an element in a few words: its kind, type and sender.
func describe(u session.WireUnit) string {
	name := u.Local
	if u.Prefix == "stream" {
		name = "stream " + u.Local
	}
	var b strings.Builder
	b.WriteString(name)
	if t := u.Attr("type"); t != "" {
		b.WriteString(" " + t)
	}
	if from := u.Attr("from"); from != "" {
		b.WriteString(" from " + from)
	}
	// What the session made of it: what xepl answered a request, why a
	// reply was not taken as one (a possible spoof).
	if u.Note != "" {
		b.WriteString(" (" + u.Note + ")")
	}
	return b.String()
}

// ms formats a duration in milliseconds with a useful precision.
func ms(d time.Duration) string {
	f := float64(d) / float64(time.Millisecond)
	switch {
	case f < 10:
		return fmt.Sprintf("%.2f ms", f)
	case f < 100:
		return fmt.Sprintf("%.1f ms", f)
	}
	return fmt.Sprintf("%.0f ms", f)
}
