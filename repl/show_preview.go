package repl

import (
	"errors"
	"strings"

	"xepl/catalog"
)

// preview renders a template for show: a required value that is missing
// appears as its name in capitals (USERNAME, JID), a placeholder that
// still passes the parameter's type check, so that the XML is complete
// and shows where each value goes; a command's session id, which the
// server gives, is SESSIONID, and a probe's password, which it makes up,
// RANDOM.
func preview(t *catalog.Template, values catalog.Values, cs catalog.Session) ([]byte, error) {
	v := catalog.Values{}
	for k, x := range values {
		v[k] = x
	}
	if t.Kind == catalog.KindCommand {
		v[catalog.SessionIDParam] = "SESSIONID"
	}
	if probeMakesPassword(t, v) {
		v["password"] = "RANDOM"
	}
	filled, err := t.Fill(v, cs)
	var missing *catalog.MissingError
	if !errors.As(err, &missing) {
		return filled.XML, err
	}
	for _, p := range missing.Params {
		v[p.Name] = placeholder(p)
	}
	filled, err = t.Fill(v, cs)
	return filled.XML, err
}

// placeholder stands for a missing value in show: the name in capitals,
// or for a type that cannot hold it the first value it can.
func placeholder(p catalog.Param) string {
	switch p.Type {
	case catalog.TypeInt:
		return "0"
	case catalog.TypeBool:
		return "false"
	case catalog.TypeChoice:
		return p.Choices[0]
	case catalog.TypeXML:
		return "<" + strings.ToUpper(p.Name) + "/>"
	}
	return strings.ToUpper(p.Name)
}

// exampleLine is a line ready to type that sends the template: its name
// and a value for each required parameter not given nor given by a
// default, so that show ends with what to do next. A password is left
// as … (typed there, or asked without echo when left out).
func exampleLine(t *catalog.Template, given catalog.Values, cs catalog.Session) string {
	domain := cs.Domain
	if domain == "" {
		domain = "example.org"
	}
	cs.Rand = "1"
	tests := t.TestValues(cs)
	// The required values a default does not give here (nick defaults
	// to one's own name, unknown offline).
	needed := map[string]bool{}
	if _, err := t.Fill(given, cs); err != nil {
		var missing *catalog.MissingError
		if errors.As(err, &missing) {
			for _, p := range missing.Params {
				needed[p.Name] = true
			}
		}
	}
	if canon, err := t.Canonical(given); err == nil {
		given = canon // jid= for a jids list is shown as jids=
	}
	words := []string{t.Name}
	for _, p := range t.Params {
		v, ok := given[p.Name]
		switch {
		case ok && p.Secret:
			v = "…"
		case ok:
		case !needed[p.Name]:
			continue
		default:
			v = exampleValue(p, tests[p.Name], domain)
		}
		words = append(words, p.Name+"="+quoteArg(v))
	}
	return strings.Join(words, " ")
}

// exampleValue is a plausible value of p for exampleLine: a person's
// name and address where one is meant, else the catalog's test value.
func exampleValue(p catalog.Param, test, domain string) string {
	switch {
	case p.Secret:
		return "…"
	case p.Type == catalog.TypeText && (p.Name == "username" || p.Name == "user" || p.Name == "nick"):
		return "alice"
	case (p.Type == catalog.TypeJID || p.Type == catalog.TypeJIDs) && (p.Name == "jid" || p.Name == "jids" || p.Name == "who" || p.Name == "with" || p.Name == "invitee" || p.Name == "owner"):
		return "alice@" + domain
	case test != "":
		return test
	}
	return placeholder(p)
}
