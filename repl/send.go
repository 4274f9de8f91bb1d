package repl

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"

	"xepl/internal/adhoc"
	"xepl/internal/rawxml"
	"xepl/internal/session"
)

// typeXML collects the lines of an XML element being typed and sends it
// when it is complete.
func (sh *Shell) typeXML(ctx context.Context, line string) error {
	sh.pendingXML = append(sh.pendingXML, line)
	src := strings.Join(sh.pendingXML, "\n")
	if _, err := rawxml.Parse([]byte(src)); errors.Is(err, rawxml.ErrIncomplete) {
		return nil
	}
	sh.pendingXML = nil
	sh.lines.Remember(sh.historyEntry(strings.Join(strings.Fields(src), " ")))
	return sh.sendXML(ctx, src)
}

// sendXML checks src, then sends each element in it: an iq get or set
// waits for its reply.
func (sh *Shell) sendXML(ctx context.Context, src string) error {
	els, err := rawxml.Parse([]byte(src))
	if err != nil {
		return fmt.Errorf("not sent: %v", err)
	}
	s := sh.live()
	if s == nil {
		return errors.New("not connected, nothing sent: connect first (help connect)")
	}
	for _, el := range els {
		if err := sh.sendElement(ctx, s, el); err != nil {
			return err
		}
	}
	return nil
}

func (sh *Shell) sendElement(ctx context.Context, s *session.Session, el rawxml.Element) error {
	raw := el.Raw
	typ, _ := el.Attr("type")
	isRequest := el.Local == "iq" && (typ == "get" || typ == "set")
	id, hasID := el.Attr("id")
	if el.Local == "iq" && !hasID {
		id = sh.newID()
		raw = rawxml.SetAttr(raw, "id", id)
	}
	sh.out.stanza(sentLabel(el, typ), raw)
	ctx, cancel := sh.waitContext(ctx)
	defer cancel()
	if !isRequest {
		sh.lastSent = outcome{typ: "sent"}
		return s.Send(ctx, raw)
	}
	// The reply is printed by the session as it arrives, so that it comes
	// on screen before anything the server sent after it.
	exp := sh.expect
	sh.expect = nil
	var (
		mu      sync.Mutex
		failure error
	)
	show := func(r session.Reply) {
		err := sh.printReply(r, exp)
		mu.Lock()
		failure = err
		mu.Unlock()
	}
	sh.lastSent = outcome{typ: "none"}
	reply, err := s.RequestShow(ctx, raw, id, show)
	switch {
	case errors.Is(err, context.DeadlineExceeded):
		return fmt.Errorf("no reply to %q within %v (a late reply will still be shown)", id, sh.cfg.timeout())
	case errors.Is(err, context.Canceled):
		return fmt.Errorf("stopped waiting for the reply to %q (still connected; a late reply will be shown)", id)
	case err != nil:
		return fmt.Errorf("no reply to %q: %v", id, err)
	}
	sh.lastSent = outcomeOf(reply.Raw)
	sh.lastReply = reply.Raw
	mu.Lock()
	defer mu.Unlock()
	return failure
}

// outcome is how the last stanza sent fared, for the catalog's live test:
// typ is "result" or "error" for a request, "sent" when no reply is
// awaited, "none" when no reply came.
type outcome struct {
	typ, cond string
	app       string // an application condition, as ns#name
}

func outcomeOf(reply []byte) outcome {
	els, err := rawxml.Parse(reply)
	if err != nil || len(els) == 0 {
		return outcome{typ: "none"}
	}
	typ, _ := els[0].Attr("type")
	if typ != "error" {
		return outcome{typ: typ}
	}
	e := errorOf(reply)
	o := outcome{typ: "error", cond: e.Condition}
	if e.App != "" {
		o.app = e.AppNS + "#" + e.App
	}
	return o
}

// printReply prints a reply with its notes and how it compares with exp,
// and says whether it fails the command.
func (sh *Shell) printReply(r session.Reply, exp *expectation) error {
	typ := r.Attr("type")
	label := fmt.Sprintf("← %s in %s", typ, ms(r.RTT))
	if from := r.Attr("from"); from != "" {
		label += " from " + from
	}
	var cond string
	if typ == "error" {
		e := errorOf(r.Raw)
		cond = e.Condition
		label += ": error " + e.Error()
	}
	verdict, err := judge(exp, typ, cond)
	var notes []string
	if verdict != "" {
		notes = append(notes, verdict)
	}
	sh.out.stanza(label, r.Raw, notes...)
	return err
}

// judge weighs a reply against an expectation: it returns a note to show
// (empty when nothing was expected) and errFailed when the reply fails
// the command.
func judge(exp *expectation, typ, cond string) (string, error) {
	switch {
	case exp != nil && !exp.met(typ, cond):
		return exp.check(typ, cond), errFailed{"the reply was not the one expected"}
	case exp == nil && typ == "error":
		return "", errFailed{"the server answered with an error: " + cond}
	}
	return exp.check(typ, cond), nil
}

// sentLabel names what is being sent: "→ sent iq get to localhost".
func sentLabel(el rawxml.Element, typ string) string {
	s := "→ sent " + el.Local
	if typ != "" {
		s += " " + typ
	}
	if to, ok := el.Attr("to"); ok {
		s += " to " + to
	}
	return s
}

// newID returns a fresh stanza id.
func (sh *Shell) newID() string {
	sh.nextID++
	return fmt.Sprintf("xepl-%d", sh.nextID)
}

// errorOf reads the error of a stanza; undefined-condition when it has
// none that can be read.
func errorOf(raw []byte) *adhoc.StanzaError {
	if e := adhoc.ErrorOf(raw); e != nil {
		return e
	}
	return &adhoc.StanzaError{Condition: "undefined-condition"}
}
