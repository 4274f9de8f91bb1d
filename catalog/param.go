package catalog

import (
	"fmt"
	"slices"
	"strings"
)

// Parameter types.
const (
	TypeJID      = "jid"      // one JID
	TypeJIDs     = "jids"     // a comma-separated list of JIDs
	TypeText     = "text"     // any text
	TypeTexts    = "texts"    // a comma-separated list of texts
	TypePassword = "password" // a secret: never echoed or logged
	TypeInt      = "int"      // a whole number
	TypeBool     = "bool"     // true or false (also 1/0, yes/no, y/n, on/off: vocab.ParseBool)
	TypeChoice   = "choice"   // one of Choices
	TypeXML      = "xml"      // well-formed XML, inserted as it is
)

// Param is one parameter of a template.
type Param struct {
	// Name is the name used in {{name}} and in name=value arguments.
	Name string
	// Type is one of the Type constants.
	Type string
	// Description says what the value is, in a few words.
	Description string
	// Default is the value used when none is given; it may hold session
	// placeholders such as {domain}.
	Default string
	// Test is the value the catalog tests use; it may also hold {rand}.
	Test string
	// Choices are the allowed values of a TypeChoice parameter.
	Choices []string
	// Required says a value must be given or come from the default.
	Required bool
	// List says the value is a comma-separated list (jids, texts).
	List bool
	// Secret says the value is a password: never echo or log it.
	Secret bool
}

// TypeName returns the type as a template writes it, such as "jid" or
// "choice(get|set)".
func (p Param) TypeName() string {
	if p.Type == TypeChoice {
		return "choice(" + strings.Join(p.Choices, "|") + ")"
	}
	return p.Type
}

// parseParam reads the value of a param line:
// NAME TYPE [required] [default=VALUE] [test=VALUE] -- DESCRIPTION.
func parseParam(s string) (Param, error) {
	var p Param
	ws, err := splitWords(s)
	if err != nil {
		return p, err
	}
	dash := slices.IndexFunc(ws, func(w word) bool { return w.text == "--" })
	if dash < 0 {
		return p, fmt.Errorf("param %q has no \" -- description\"", s)
	}
	p.Description = strings.TrimSpace(s[ws[dash].end:])
	if p.Description == "" {
		return p, fmt.Errorf("param %q has an empty description after --", s)
	}
	ws = ws[:dash]
	if len(ws) < 2 {
		return p, fmt.Errorf("param %q needs a name and a type before --", s)
	}
	p.Name = ws[0].text
	if !isName(p.Name) {
		return p, fmt.Errorf("bad parameter name %q (lower-case letters, digits and -, starting with a letter)", p.Name)
	}
	if err := p.setType(ws[1].text); err != nil {
		return p, err
	}
	seen := map[string]bool{}
	for _, w := range ws[2:] {
		opt, val, hasVal := strings.Cut(w.text, "=")
		if seen[opt] {
			return p, fmt.Errorf("parameter %s: %s given twice", p.Name, opt)
		}
		seen[opt] = true
		switch {
		case opt == "required" && !hasVal:
			p.Required = true
		case opt == "default" && hasVal:
			if err := checkPlaceholders(val, false); err != nil {
				return p, fmt.Errorf("parameter %s: default: %v", p.Name, err)
			}
			p.Default = val
		case opt == "test" && hasVal:
			if err := checkPlaceholders(val, true); err != nil {
				return p, fmt.Errorf("parameter %s: test: %v", p.Name, err)
			}
			p.Test = val
		default:
			return p, fmt.Errorf("parameter %s: unknown option %q (want required, default=VALUE or test=VALUE)", p.Name, w.text)
		}
		if hasVal && val == "" {
			return p, fmt.Errorf("parameter %s: empty %s= (leave it out instead)", p.Name, opt)
		}
	}
	for _, v := range []struct{ opt, val string }{{"default", p.Default}, {"test", p.Test}} {
		if v.val == "" {
			continue
		}
		sample := sampleSession.expand(v.val, "rand")
		if _, err := p.check(sample); err != nil {
			return p, fmt.Errorf("parameter %s: %s=%s: %v", p.Name, v.opt, v.val, err)
		}
	}
	return p, nil
}

// sampleSession is the session Parse checks defaults and test values
// against.
var sampleSession = Session{
	JID:   "tester@example.org/xepl",
	NewID: func() string { return "id1" },
}

// setType sets Type, Choices, List and Secret from a type as written.
func (p *Param) setType(t string) error {
	switch t {
	case TypeJID, TypeText, TypeInt, TypeBool, TypeXML:
	case TypeJIDs, TypeTexts:
		p.List = true
	case TypePassword:
		p.Secret = true
	default:
		inner, ok := strings.CutPrefix(t, "choice(")
		inner, ok2 := strings.CutSuffix(inner, ")")
		if !ok || !ok2 {
			return fmt.Errorf("parameter %s: unknown parameter type %q (want jid, jids, text, texts, password, int, bool, choice(a|b) or xml)", p.Name, t)
		}
		p.Choices = strings.Split(inner, "|")
		if len(p.Choices) < 2 {
			return fmt.Errorf("parameter %s: %s needs at least two choices", p.Name, t)
		}
		for i, c := range p.Choices {
			if c == "" {
				return fmt.Errorf("parameter %s: %s has an empty choice", p.Name, t)
			}
			if slices.Contains(p.Choices[:i], c) {
				return fmt.Errorf("parameter %s: %s lists %q twice", p.Name, t, c)
			}
		}
		t = TypeChoice
	}
	p.Type = t
	return nil
}

// checkPlaceholders checks that v uses only known session placeholders,
// and {rand} only when withRand is set.
func checkPlaceholders(v string, withRand bool) error {
	names, ok := placeholders(v)
	if !ok {
		return fmt.Errorf("%q: braces must hold a session value such as {domain}; a value cannot refer to another parameter", v)
	}
	for _, n := range names {
		if slices.Contains(sessionNames, n) || withRand && n == "rand" {
			continue
		}
		known := "{" + strings.Join(sessionNames, "}, {") + "}"
		if withRand {
			known += ", {rand}"
		} else if n == "rand" {
			return fmt.Errorf("{rand} is only for test values")
		}
		return fmt.Errorf("unknown session value {%s} (known: %s)", n, known)
	}
	return nil
}
