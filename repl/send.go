package repl

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"

	"mellium.im/xmpp/jid"

	"xepl/internal/rawxml"
	"xepl/internal/session"
	"xepl/internal/stanza"
)

// typeXML collects the lines of an XML element being typed and sends it
// when it is complete.
func (sh *Shell) typeXML(ctx context.Context, line string) error {
	sh.pendingXML = append(sh.pendingXML, line)
	src := strings.Join(sh.pendingXML, "\n")
	plain, comments, commentOpen := rawxml.StripComments([]byte(src))
	if comments > 0 && !commentOpen && len(bytes.TrimSpace(plain)) == 0 {
		sh.pendingXML = nil
		sh.out.say("only a comment: nothing to send")
		return nil
	}
	if _, err := rawxml.Parse(plain); commentOpen || errors.Is(err, rawxml.ErrIncomplete) {
		return nil
	}
	sh.pendingXML = nil
	sh.rememberXML(src)
	_, err := sh.sendXML(ctx, src)
	return err
}

// rememberXML keeps XML typed or edited in the history, on one line, its
// secrets masked by position and their echoes.
func (sh *Shell) rememberXML(src string) {
	flat := strings.Join(strings.Fields(src), " ")
	sh.remember(sh.atPrefix + string(sh.out.secrets.stanza([]byte(flat))))
}

// sendXML checks src, then sends each element in it: an iq get or set
// waits for its reply. It returns the reply to the last request, nil when
// no reply was awaited.
//
// Comments are taken out first, with a word: the XEPs' examples carry
// them, and RFC 6120 §11.1 forbids them on a stream.
func (sh *Shell) sendXML(ctx context.Context, src string) ([]byte, error) {
	plain, comments, _ := rawxml.StripComments([]byte(src))
	if comments > 0 {
		// Checked with the comments blanked, so that an error's line and
		// column are those of what was typed.
		if _, err := rawxml.Parse(rawxml.BlankComments([]byte(src))); err != nil {
			return nil, fmt.Errorf("not sent: %w", err)
		}
	}
	els, err := rawxml.Parse(plain)
	if err != nil {
		return nil, fmt.Errorf("not sent: %w", err)
	}
	if holdsMaskedSecret(src) {
		return nil, fmt.Errorf("not sent: the XML holds %s where a secret goes (a line recalled from the history, which never keeps secrets): type the secret itself", rawxml.Mask)
	}
	if err := checkAddresses(els); err != nil {
		return nil, fmt.Errorf("not sent: %w", err)
	}
	c := sh.live()
	if c == nil {
		return nil, errors.New("not connected, nothing sent: connect first (help connect)")
	}
	if comments == 1 {
		sh.out.say("1 comment taken out before sending: RFC 6120 §11.1 forbids comments on a stream")
	} else if comments > 1 {
		sh.out.say("%d comments taken out before sending: RFC 6120 §11.1 forbids comments on a stream", comments)
	}
	return sh.sendElements(ctx, c, els)
}

// sendElements sends checked elements in order, stopping at the first
// that fails, and returns the reply to the last request (nil when no
// reply was awaited).
func (sh *Shell) sendElements(ctx context.Context, c *conn, els []rawxml.Element) ([]byte, error) {
	var last []byte
	for _, el := range els {
		reply, err := sh.sendElement(ctx, c, el)
		if err != nil {
			return reply, err
		}
		if reply != nil {
			last = reply
		}
	}
	return last, nil
}

// sendElement sends one element, shown as it goes; for an iq get or set
// it waits for the reply, shows it and returns it. A reply that fails the
// command (an error nobody expected) is returned with an errFailed.
func (sh *Shell) sendElement(ctx context.Context, c *conn, el rawxml.Element) ([]byte, error) {
	raw := el.Raw
	typ, _ := el.Attr("type")
	isRequest := el.Local == "iq" && (typ == "get" || typ == "set")
	id, hasID := el.Attr("id")
	if el.Local == "iq" && !hasID {
		id = c.newID()
		raw = rawxml.SetAttr(raw, "id", id)
	}
	sh.out.stanza(sh.sessions.tag(c)+sentLabel(el, typ), raw)
	sh.lastSent, sh.lastSentWhy = raw, ""
	if !isRequest {
		wctx, cancel := sh.waitContext(ctx)
		defer cancel()
		return nil, c.stream.Send(wctx, raw)
	}
	// The reply is printed by the session as it arrives, so that it comes
	// on screen before anything the server sent after it.
	exp := c.takeExpectation()
	hints := c.errorNotes
	var (
		mu      sync.Mutex
		failure error
	)
	cancels := cancelsRegistration(raw, c.ownAddress)
	show := func(r session.Reply) {
		if cancels && r.Attr("type") == "result" {
			// Here, in stream order: the stream's end may follow at once,
			// before the request returns.
			c.removed.Store(true)
		}
		err := sh.printReply(r, exp, hints, sh.sessions.tag(c))
		mu.Lock()
		failure = err
		mu.Unlock()
	}
	// The timeout does not count the time a slow terminal held the
	// session back (RequestShowWithin).
	reply, err := c.stream.RequestShowWithin(ctx, sh.cfg.timeout(), raw, id, show)
	if err != nil {
		return nil, sh.waitError(id, err)
	}
	c.setLast(reply.Raw, sh.seq)
	c.last.hints = hints

	mu.Lock()
	defer mu.Unlock()
	return reply.Raw, failure
}

// printReply prints a reply with its notes (an error's advice from hints
// where given) and how it compares with exp, and says whether it fails
// the command.
func (sh *Shell) printReply(r session.Reply, exp *expectation, hints map[string]string, tag string) error {
	typ := r.Attr("type")
	label := fmt.Sprintf("%s← %s in %s", tag, typ, ms(r.RTT))
	if from := r.Attr("from"); from != "" {
		label += " from " + from
	}
	var cond string
	if typ == "error" {
		e := errorOf(sh.out.secrets.stanza(r.Raw)) // its text may echo a secret
		cond = e.Condition
		label += ": " + e.Error()
	}
	verdict, err := judge(exp, typ, cond)
	var notes []string
	if verdict != "" {
		notes = append(notes, verdict)
	}
	sh.out.stanzaHinted(label, r.Raw, hints, notes...)
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
		return "", errReplyError{errFailed{"the server answered with an error: " + cond + " (expect error " + cond + " on the next line accepts it)"}}
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

// errorOf reads the error of a stanza; undefined-condition when it has
// none that can be read.
func errorOf(raw []byte) *stanza.Error {
	if e := stanza.ErrorOf(raw); e != nil {
		return e
	}
	return &stanza.Error{Condition: "undefined-condition"}
}

// quietRequest sends one iq, given without an id, and returns its reply
// without printing either: for the shell's own questions to the server.
// A reply of type error is returned as it is.
func (sh *Shell) quietRequest(ctx context.Context, c *conn, iq []byte) ([]byte, error) {
	if !c.live() {
		return nil, errNotConnected
	}
	ctx, cancel := sh.waitContext(ctx)
	defer cancel()
	id := c.newID()
	reply, err := c.stream.Request(ctx, rawxml.SetAttr(iq, "id", id), id)
	if err != nil {
		return nil, sh.waitError(id, err)
	}
	return reply.Raw, nil
}

// waitError says in words why the reply to id did not come.
func (sh *Shell) waitError(id string, err error) error {
	switch {
	case errors.Is(err, context.DeadlineExceeded):
		return fmt.Errorf("no reply to %q within %v (a late reply will still be shown)", id, sh.cfg.timeout())
	case errors.Is(err, context.Canceled):
		return fmt.Errorf("stopped waiting for the reply to %q (still connected; a late reply will be shown)", id)
	}
	return fmt.Errorf("no reply to %q: %v", id, sh.maskServerText(err))
}

// checkAddresses refuses a stanza whose to or from is not a valid JID
// (RFC 7622): a server would only answer jid-malformed, or worse, answer
// from the bad address.
func checkAddresses(els []rawxml.Element) error {
	for _, el := range els {
		for _, name := range []string{"to", "from"} {
			if v, ok := el.Attr(name); ok {
				if err := checkJID(v); err != nil {
					return fmt.Errorf("%s='%s' %v", name, v, err)
				}
			}
		}
	}
	return nil
}

// checkJID says why a typed address is not a valid JID.
func checkJID(s string) error {
	if _, err := jid.Parse(s); err != nil {
		return fmt.Errorf("is not a valid JID: %v", err)
	}
	return nil
}

// holdsMaskedSecret reports whether a secret element of src (a password,
// a SASL payload, a private field) holds the mask: a line recalled from
// the history.
func holdsMaskedSecret(src string) bool {
	if !strings.Contains(src, rawxml.Mask) {
		return false
	}
	// Each mask stands in for a byte that XML cannot hold; Redact masks
	// secret contents afresh, so a marker that is gone was in one.
	marked := strings.ReplaceAll(src, rawxml.Mask, "\x01")
	redacted := string(rawxml.Redact([]byte(marked)))
	return strings.Count(redacted, "\x01") < strings.Count(marked, "\x01")
}
