package repl

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/beevik/etree"

	"xepl/internal/forms"
	"xepl/internal/rawxml"
)

func init() {
	register(
		&command{
			names: []string{"register"},
			group: groupCommands,
			usage: "[FIELD=VALUE...]",
			help: `Register an account (XEP-0077) by filling in the server's form.
On a registration stream (connect --register DOMAIN): asks the server for
its registration form and fills it, from FIELD=VALUE (username=...,
password=...) and, on a terminal, by asking for what is missing (the
password without echo). A server that sends a data form (XEP-0004) gets
it filled and submitted; one that sends plain fields gets those. Every
stanza is shown. Logged in, the same form updates your registration.`,
			run: runRegister,
		},
		&command{
			names: []string{"configure"},
			group: groupCommands,
			usage: "JID [NODE] [FIELD=VALUE...]",
			help: `Configure a chat room (XEP-0045) or a pubsub node (XEP-0060) with its form.
Without NODE, JID is a room you own: its muc#owner configuration form is
fetched, filled and submitted. With NODE, JID is a pubsub service (or
your own account, for PEP) and NODE the node to configure. Values come
from FIELD=VALUE (muc#roomconfig_roomname=..., pubsub#title=...) and, on
a terminal, from questions for what is still missing.`,
			run: runConfigure,
		},
	)
}

func runRegister(sh *Shell, ctx context.Context, args []string) error {
	s := sh.live()
	if s == nil {
		return errors.New("not connected: open a registration stream first (connect --register DOMAIN)")
	}
	values, err := formValues(args)
	if err != nil {
		return err
	}
	domain := sh.serverOf(s)
	get := fmt.Sprintf("<iq type='get' to='%s'><query xmlns='jabber:iq:register'/></iq>", rawxml.EscapeAttr(domain))
	if err := sh.sendXML(ctx, get); err != nil {
		return err
	}
	reply := sh.lastReply
	f, err := forms.Find(reply)
	if err != nil {
		return err
	}
	wrap := func(payload string) string {
		return fmt.Sprintf("<iq type='set' to='%s'><query xmlns='jabber:iq:register'>%s</query></iq>", rawxml.EscapeAttr(domain), payload)
	}
	if f != nil {
		sh.out.say("the server sent a data form (XEP-0004): filling it in")
		if err := sh.fillForm(f, values); err != nil {
			return err
		}
		return sh.sendXML(ctx, wrap(string(f.Submit())))
	}
	f, err = plainRegistrationForm(reply)
	if err != nil {
		return err
	}
	sh.out.say("the server asks for plain fields: %s", fieldNames(f))
	if err := sh.fillForm(f, values); err != nil {
		return err
	}
	return sh.sendXML(ctx, wrap(plainFields(f)))
}

// plainRegistrationForm turns the plain fields of a XEP-0077 form
// (username, password, email...) into a form, so that the same engine
// fills them.
func plainRegistrationForm(reply []byte) (*forms.Form, error) {
	doc := etree.NewDocument()
	if err := doc.ReadFromBytes(reply); err != nil {
		return nil, err
	}
	q := doc.FindElement("//query")
	if q == nil {
		return nil, errors.New("the reply holds no registration form")
	}
	f := &forms.Form{Type: "form"}
	for _, el := range q.ChildElements() {
		switch el.Tag {
		case "instructions":
			f.Instructions = append(f.Instructions, strings.TrimSpace(el.Text()))
			continue
		case "registered", "x", "remove":
			continue
		}
		fl := &forms.Field{Var: el.Tag, Type: "text-single", Label: el.Tag}
		if el.Tag == "password" {
			fl.Type = "text-private"
		}
		fl.Required = el.Tag == "username" || el.Tag == "password"
		if v := strings.TrimSpace(el.Text()); v != "" {
			fl.Values = []string{v}
		}
		f.Fields = append(f.Fields, fl)
	}
	if len(f.Fields) == 0 {
		return nil, errors.New("the registration form asks for nothing")
	}
	return f, nil
}

// plainFields writes the filled plain fields back as XEP-0077 elements.
func plainFields(f *forms.Form) string {
	var b strings.Builder
	for _, fl := range f.Fields {
		if len(fl.Values) == 0 {
			continue
		}
		fmt.Fprintf(&b, "<%s>%s</%s>", fl.Var, rawxml.EscapeText(strings.Join(fl.Values, "\n")), fl.Var)
	}
	return b.String()
}

func fieldNames(f *forms.Form) string {
	names := make([]string, 0, len(f.Fields))
	for _, fl := range f.Fields {
		names = append(names, fl.Var)
	}
	return strings.Join(names, ", ")
}

func runConfigure(sh *Shell, ctx context.Context, args []string) error {
	s := sh.live()
	if s == nil {
		return errNotConnected
	}
	var positional []string
	for len(args) > 0 && !strings.Contains(args[0], "=") {
		positional, args = append(positional, args[0]), args[1:]
	}
	if len(positional) == 0 || len(positional) > 2 {
		return errors.New("usage: configure JID [NODE] [FIELD=VALUE...]")
	}
	values, err := formValues(args)
	if err != nil {
		return err
	}
	to := rawxml.EscapeAttr(positional[0])
	get := fmt.Sprintf("<iq type='get' to='%s'><query xmlns='http://jabber.org/protocol/muc#owner'/></iq>", to)
	wrap := func(x string) string {
		return fmt.Sprintf("<iq type='set' to='%s'><query xmlns='http://jabber.org/protocol/muc#owner'>%s</query></iq>", to, x)
	}
	if len(positional) == 2 {
		node := rawxml.EscapeAttr(positional[1])
		get = fmt.Sprintf("<iq type='get' to='%s'><pubsub xmlns='http://jabber.org/protocol/pubsub#owner'><configure node='%s'/></pubsub></iq>", to, node)
		wrap = func(x string) string {
			return fmt.Sprintf("<iq type='set' to='%s'><pubsub xmlns='http://jabber.org/protocol/pubsub#owner'><configure node='%s'>%s</configure></pubsub></iq>", to, node, x)
		}
	}
	if err := sh.sendXML(ctx, get); err != nil {
		return err
	}
	f, err := forms.Find(sh.lastReply)
	switch {
	case err != nil:
		return err
	case f == nil:
		return errors.New("the reply holds no configuration form")
	}
	if err := sh.fillForm(f, values); err != nil {
		return err
	}
	return sh.sendXML(ctx, wrap(string(f.Submit())))
}

// formValues reads FIELD=VALUE words.
func formValues(args []string) (map[string]string, error) {
	values := map[string]string{}
	for _, a := range args {
		k, v, ok := strings.Cut(a, "=")
		if !ok || k == "" {
			return nil, fmt.Errorf("%q is not FIELD=VALUE", a)
		}
		values[k] = v
	}
	return values, nil
}

// fillForm fills a form from values and, on a terminal, by asking; the
// secrets given are masked from then on.
func (sh *Shell) fillForm(f *forms.Form, values map[string]string) error {
	for k, v := range values {
		if fl := f.Field(k); fl != nil && fl.Secret() || rawxml.SecretName(k) {
			sh.out.secrets.add(v)
		}
	}
	var ask forms.Asker
	if sh.cfg.Interactive {
		ask = shellAsker{sh}
		var b strings.Builder
		f.WriteHeader(&b)
		if b.Len() > 0 {
			sh.out.text(b.String())
		}
	}
	if err := f.Fill(values, ask); err != nil {
		return fmt.Errorf("nothing sent: %v", err)
	}
	return nil
}
