package repl

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/beevik/etree"

	"xepl/catalog"
	"xepl/internal/forms"
	"xepl/internal/rawxml"
)

func (sh *Shell) cmdRegister(ctx context.Context, args []string) error {
	c := sh.live()
	if c == nil {
		return errors.New("not connected: open a registration stream first (connect --register DOMAIN)")
	}
	if info := c.stream.Info(); !info.Register {
		// XEP-0077 §3.3 and §3.2: once logged in, the account's own
		// stream changes its password or cancels it; a server answers a
		// new registration there with not-allowed or by changing the
		// password, neither of which is what was asked for.
		return fmt.Errorf("nothing sent: %s is logged in, and a new account is registered before login: "+
			"connect --register %s (a stream of its own). On this stream: register.change-password, "+
			"register.cancel, or register.form to see what the server holds", info.JID.Bare(), info.JID.Domain())
	}
	values, err := parseValues(args)
	if err != nil {
		return err
	}
	get, err := c.fromCatalog("register.form", nil)
	if err != nil {
		return err
	}
	reply, err := sh.sendXML(ctx, string(get))
	if err != nil {
		return err
	}
	f, err := forms.Find(reply)
	if err != nil {
		return err
	}
	var filled string
	if f != nil {
		sh.out.say("the server sent a data form (XEP-0004): filling it in")
		if err := sh.fillForm(f, values); err != nil {
			return err
		}
		filled = string(f.Submit())
	} else {
		if f, err = plainRegistrationForm(reply); err != nil {
			return err
		}
		sh.out.say("the server asks for plain fields: %s", fieldNames(f))
		if err := sh.fillForm(f, values); err != nil {
			return err
		}
		filled = plainFields(f)
	}
	set, err := c.fromCatalog("register.submit-fields", catalog.Values{"fields": filled})
	if err != nil {
		return err
	}
	_, err = sh.sendXML(ctx, string(set))
	return err
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

func (sh *Shell) cmdConfigure(ctx context.Context, args []string) error {
	c := sh.live()
	if c == nil {
		return errNotConnected
	}
	positional, rest := splitPositional(args)
	if len(positional) == 0 || len(positional) > 2 {
		return errors.New("usage: configure JID [NODE] [FIELD=VALUE...]")
	}
	values, err := parseValues(rest)
	if err != nil {
		return err
	}
	// A room's form (XEP-0045 §10.2), or a pubsub node's (XEP-0060 §8.2).
	get, set := "muc.config-get", "muc.config-submit"
	where := catalog.Values{"room": positional[0]}
	if len(positional) == 2 {
		get, set = "pubsub.configure-get", "pubsub.configure-submit"
		where = catalog.Values{"service": positional[0], "node": positional[1]}
	}
	request, err := c.fromCatalog(get, where)
	if err != nil {
		return err
	}
	reply, err := sh.sendXML(ctx, string(request))
	if err != nil {
		return err
	}
	f, err := forms.Find(reply)
	switch {
	case err != nil:
		return err
	case f == nil:
		return errors.New("the reply holds no configuration form")
	}
	if err := sh.fillForm(f, values); err != nil {
		return err
	}
	where["form"] = string(f.Submit())
	submit, err := c.fromCatalog(set, where)
	if err != nil {
		return err
	}
	_, err = sh.sendXML(ctx, string(submit))
	return err
}

// fillForm fills a form from values and, on a terminal, by asking; the
// secrets given are masked from then on.
func (sh *Shell) fillForm(f *forms.Form, values map[string]string) error {
	for k, v := range values {
		if fl := f.Field(k); fl != nil && fl.Secret() || rawxml.SecretName(k) {
			sh.secretValue(k, v)
		}
	}
	ask := sh.asker()
	if ask != nil {
		var b strings.Builder
		f.WriteHeader(&b)
		if b.Len() > 0 {
			sh.out.text(b.String())
		}
	}
	if err := f.Fill(values, ask); err != nil {
		return fmt.Errorf("nothing sent: %w", withFormAdvice(err))
	}
	return nil
}

// withFormAdvice says what to do about required fields left without a
// value: the forms engine states the fact, the shell knows the syntax.
func withFormAdvice(err error) error {
	if errors.As(err, new(*forms.MissingError)) {
		return fmt.Errorf("%w; give each as FIELD=VALUE", err)
	}
	return err
}
