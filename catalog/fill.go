package catalog

import (
	"errors"
	"fmt"
	"strings"
)

// Filled is a template filled with values, ready to send.
type Filled struct {
	// Template is the template filled.
	Template *Template
	// Values holds the resolved value of every parameter that has one,
	// in canonical form (see Fill); parameters without a value are
	// absent. It holds "sessionid" when one was given.
	Values Values
	// XML is the rendered XML. In a command template without a
	// sessionid value it holds {{sessionid}} where the id goes; render
	// again with Template.Render once the id is known.
	XML []byte
}

// Fill resolves args, the raw values a user gave (NAME=VALUE words the shell read), against
// the template and the session, validates them and renders the XML.
//
// Each parameter takes the given value, else its default with session
// values expanded, else has none. A value given as empty counts as given:
// it overrides the default. Values are checked by type and made canonical:
// a JID must be valid and is trimmed; jids and texts are split at commas,
// trimmed, and joined again with ","; an int must be a whole number; a
// bool is written true or false (1/0, yes/no, y/n and on/off are read too,
// in any case: the words of internal/vocab, as data-form answers); a
// choice must be one of the declared ones (in any case); xml must be
// well-formed; text and passwords are kept exactly, but may hold only
// characters XML can carry. In a command template, args may also hold
// "sessionid".
//
// A value that does not fit, or a name the template does not have, is a
// *ValueError (the first one, in declaration order). Required parameters
// left without a value are a *MissingError that names them all.
func (t *Template) Fill(args Values, s Session) (Filled, error) {
	v, err := t.resolve(args, s)
	if err != nil {
		return Filled{}, err
	}
	xml, err := t.Render(v)
	if err != nil {
		return Filled{}, err
	}
	return Filled{Template: t, Values: v, XML: xml}, nil
}

// resolve does Fill's work up to rendering: it returns the resolved,
// validated values.
func (t *Template) resolve(args Values, s Session) (Values, error) {
	args, err := t.jidAlias(args)
	if err != nil {
		return nil, err
	}
	for _, name := range args.Names() {
		if _, ok := t.Param(name); ok || name == SessionIDParam && t.Kind == KindCommand {
			continue
		}
		return nil, &ValueError{Template: t, Param: Param{Name: name}, Value: args[name],
			Err: fmt.Errorf("no parameter %q (it has %s)", name, t.paramList())}
	}
	v := make(Values, len(t.Params)+1)
	if id, ok := args[SessionIDParam]; ok && t.Kind == KindCommand {
		sp := Param{Name: SessionIDParam, Type: TypeText}
		c, err := sp.check(id)
		if err != nil {
			return nil, &ValueError{Template: t, Param: sp, Value: id, Err: err}
		}
		v[SessionIDParam] = c
	}
	var missing []Param
	for _, p := range t.Params {
		raw, given := args[p.Name]
		if !given && p.Default != "" {
			raw = s.expand(p.Default, "")
		}
		if raw == "" {
			if p.Required {
				missing = append(missing, p)
			}
			continue
		}
		c, err := p.check(raw)
		if err != nil {
			return nil, &ValueError{Template: t, Param: p, Value: raw, Err: err}
		}
		if c == "" { // a list of nothing but commas and spaces
			if p.Required {
				missing = append(missing, p)
			}
			continue
		}
		v[p.Name] = c
	}
	if len(missing) > 0 {
		return nil, &MissingError{Template: t, Params: missing}
	}
	return v, nil
}

// TestValues returns the raw values the catalog tests fill the template
// with: each parameter's test value, else its default, with session values
// expanded ({rand} the same word throughout, see Session.Rand). Parameters
// with neither are left out.
func (t *Template) TestValues(s Session) Values {
	rnd := s.rand()
	v := make(Values, len(t.Params))
	for _, p := range t.Params {
		val := p.Test
		if val == "" {
			val = p.Default
		}
		if val != "" {
			v[p.Name] = s.expand(val, rnd)
		}
	}
	return v
}

// paramList lists the template's parameter names for messages.
func (t *Template) paramList() string {
	if len(t.Params) == 0 {
		return "no parameters"
	}
	return paramNames(t.Params)
}

// paramNames joins the names of ps with commas.
func paramNames(ps []Param) string {
	names := make([]string, len(ps))
	for i, p := range ps {
		names[i] = p.Name
	}
	return strings.Join(names, ", ")
}

// Canonical returns args as Fill reads them, under the names of the
// template's parameters (jid= given for a jids list becomes jids=).
func (t *Template) Canonical(args Values) (Values, error) { return t.jidAlias(args) }

// jidAlias lets jid= fill a template that takes a list, jids=, with one
// JID: the admin commands take one account or several, and a person
// asking about one account writes jid= whichever the template is.
func (t *Template) jidAlias(args Values) (Values, error) {
	one, ok := args["jid"]
	if !ok {
		return args, nil
	}
	if _, has := t.Param("jid"); has {
		return args, nil
	}
	list, has := t.Param("jids")
	if !has {
		return args, nil
	}
	if _, both := args["jids"]; both {
		return nil, &ValueError{Template: t, Param: list, Value: one,
			Err: errors.New("give jid= (one JID) or jids= (a list), not both")}
	}
	v := make(Values, len(args))
	for k, x := range args {
		if k != "jid" {
			v[k] = x
		}
	}
	v["jids"] = one
	return v, nil
}
