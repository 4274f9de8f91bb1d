package repl

import (
	"fmt"
	"strings"
	"time"

	"xepl/repl/session"
)

// observer shows what the session reports: the raw wire when asked, and
// every stanza no command was waiting for.
type observer struct{ sh *Shell }

func (o observer) Wire(u session.WireUnit) {
	if o.sh.out.wire.Load() {
		o.sh.out.wireUnit(u)
	}
}

func (o observer) Stanza(u session.WireUnit) {
	o.sh.out.stanza("← "+describe(u), u.Raw, notesFor(u.Raw)...)
}

func (o observer) Ended(err error) {
	if err != nil {
		o.sh.out.fail(fmt.Errorf("the stream has ended: %v\n  the shell is still here: type reconnect to connect again", err))
	}
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
	if u.Local == "iq" {
		if t := u.Attr("type"); t == "get" || t == "set" {
			b.WriteString(" (xepl answers: ping and disco#info as a client, anything else service-unavailable)")
		}
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
