package adhoc_test

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/beevik/etree"

	"xepl/internal/forms"
	"xepl/internal/rawxml"
	"xepl/internal/session"
)

// request is what the fake server read from one iq.
type request struct {
	raw       string
	id        string
	node      string
	sessionid string
	action    string
	form      *forms.Form
}

// fake is an in-process Requester: handle answers each request.
type fake struct {
	t      *testing.T
	mu     sync.Mutex
	reqs   []request
	handle func(ctx context.Context, req request) (string, error)
}

func (f *fake) Request(ctx context.Context, raw []byte, id string) (session.Reply, error) {
	if _, err := rawxml.Parse(raw); err != nil {
		f.t.Errorf("malformed request %s: %v", raw, err)
	}
	doc := etree.NewDocument()
	if err := doc.ReadFromBytes(raw); err != nil {
		f.t.Fatalf("request %s: %v", raw, err)
	}
	iq := doc.Root()
	if got := iq.SelectAttrValue("id", ""); got != id {
		f.t.Errorf("request id %q, Request called with %q", got, id)
	}
	req := request{raw: string(raw), id: id}
	if cmd := iq.SelectElement("command"); cmd != nil {
		req.node = cmd.SelectAttrValue("node", "")
		req.sessionid = cmd.SelectAttrValue("sessionid", "")
		req.action = cmd.SelectAttrValue("action", "")
		req.form = forms.FindElement(cmd)
	}
	f.mu.Lock()
	f.reqs = append(f.reqs, req)
	f.mu.Unlock()
	reply, err := f.handle(ctx, req)
	if err != nil {
		return session.Reply{}, err
	}
	return session.Reply{WireUnit: session.WireUnit{Unit: rawxml.Unit{Kind: rawxml.KindElement, Raw: []byte(reply)}}}, nil
}

// actions lists "action sessionid" for each request.
func (f *fake) actions() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []string
	for _, r := range f.reqs {
		out = append(out, strings.TrimSpace(r.action+" "+r.sessionid))
	}
	return out
}

func (f *fake) last() request {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.reqs[len(f.reqs)-1]
}

// wizard is a two-stage command: stage 1 asks for "name" (required), stage
// 2 for "color" (a list) and "notes" (text-multi); complete returns a
// table. block, if not zero, is a stage whose submission waits until the
// request's context is done.
type wizard struct {
	sid   string
	stage int
	block int
	// sidLater, if set, is a different sessionid the server puts in its
	// replies after the first.
	sidLater string
}

const wizardNode = "urn:example:wizard"

func (w *wizard) handle(ctx context.Context, req request) (string, error) {
	reply := func(body string) string {
		return fmt.Sprintf(`<iq type='result' from='example.org' id='%s'>%s</iq>`, req.id, body)
	}
	command := func(status, inner string) string {
		sid := w.sid
		if w.sidLater != "" && req.action != "execute" {
			sid = w.sidLater
		}
		return reply(fmt.Sprintf(`<command xmlns='http://jabber.org/protocol/commands' node='%s' sessionid='%s' status='%s'>%s</command>`, wizardNode, sid, status, inner))
	}
	if req.node != wizardNode {
		return fmt.Sprintf(`<iq type='error' from='example.org' id='%s'><error type='cancel'><item-not-found xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/><text xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'>No such command</text></error></iq>`, req.id), nil
	}
	if req.action == "execute" && req.sessionid == "" {
		w.stage = 1
		return command("executing", w.form()), nil
	}
	if req.sessionid != w.sid {
		return fmt.Sprintf(`<iq type='error' id='%s'><error type='modify'><bad-request xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/><bad-sessionid xmlns='http://jabber.org/protocol/commands'/></error></iq>`, req.id), nil
	}
	if w.block == w.stage && req.action != "cancel" {
		<-ctx.Done()
		return "", ctx.Err()
	}
	switch req.action {
	case "cancel":
		w.stage = 0
		return command("canceled", `<note type='info'>Canceled.</note>`), nil
	case "prev":
		w.stage = 1
		return command("executing", w.form()), nil
	case "next", "execute":
		if w.stage != 1 || req.form == nil || req.form.Field("name") == nil {
			return command("executing", `<note type='error'>A name is needed.</note>`+w.form()), nil
		}
		w.stage = 2
		return command("executing", w.form()), nil
	case "complete":
		if w.stage != 2 {
			return command("executing", `<note type='warn'>Not yet.</note>`+w.form()), nil
		}
		color := ""
		if req.form != nil && req.form.Field("color") != nil {
			color = strings.Join(req.form.Field("color").Values, ",")
		}
		return command("completed", `<note>Saved.</note><x xmlns='jabber:x:data' type='result'><title>Saved</title>`+
			`<reported><field var='k' label='Key'/><field var='v' label='Value'/></reported>`+
			`<item><field var='k'><value>color</value></field><field var='v'><value>`+color+`</value></field></item></x>`), nil
	}
	return fmt.Sprintf(`<iq type='error' id='%s'><error type='modify'><bad-request xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/><malformed-action xmlns='http://jabber.org/protocol/commands'/></error></iq>`, req.id), nil
}

func (w *wizard) form() string {
	if w.stage == 1 {
		return `<actions execute='next'><next/></actions>` +
			`<x xmlns='jabber:x:data' type='form'><title>Step 1</title><instructions>Who are you?</instructions>` +
			`<field var='FORM_TYPE' type='hidden'><value>urn:example:wizard</value></field>` +
			`<field var='name' type='text-single' label='Your name'><required/></field></x>`
	}
	return `<actions execute='complete'><prev/><complete/></actions>` +
		`<x xmlns='jabber:x:data' type='form'><title>Step 2</title>` +
		`<field var='color' type='list-single' label='Favourite colour'><option label='Red'><value>red</value></option><option label='Blue'><value>blue</value></option><value>red</value></field>` +
		`<field var='notes' type='text-multi' label='Notes'/></x>`
}

// newWizard returns a fake serving a wizard, and the wizard.
func newWizard(t *testing.T) (*fake, *wizard) {
	w := &wizard{sid: "s1"}
	return &fake{t: t, handle: w.handle}, w
}

// ids makes predictable iq ids.
func ids() func() string {
	n := 0
	return func() string { n++; return fmt.Sprintf("id%d", n) }
}
