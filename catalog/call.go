package catalog

import (
	"fmt"
	"strings"
)

// Call is a before or after line: another template to run, with
// arguments, for the live test.
type Call struct {
	// Name is the template to run.
	Name string
	// Args are its arguments as name=value words, quotes removed. A value
	// may refer to the calling template's values as {{name}} and to
	// session values such as {domain} or {rand}.
	Args []string
	// Captures take values for the calling template from the called
	// one's reply (a before line ending in "=> param=element@attr").
	Captures []Capture
}

// Capture takes a value from a reply: the attribute Attr of the first
// element named Element, into the calling template's parameter Param.
type Capture struct {
	Param, Element, Attr string
}

func (c Capture) String() string { return c.Param + "=" + c.Element + "@" + c.Attr }

// parseCapture reads "param=element@attr".
func parseCapture(s string, params []Param) (Capture, error) {
	param, path, ok := strings.Cut(s, "=")
	el, attr, ok2 := strings.Cut(path, "@")
	if !ok || !ok2 || !isName(param) || el == "" || attr == "" {
		return Capture{}, fmt.Errorf("capture %q: want param=element@attr", s)
	}
	if !hasParam(params, param) {
		return Capture{}, fmt.Errorf("capture %q: %s names no declared parameter", s, param)
	}
	return Capture{Param: param, Element: el, Attr: attr}, nil
}

// String returns the call as a template writes it, quoting values that
// hold white space.
func (c Call) String() string {
	var b strings.Builder
	b.WriteString(c.Name)
	for _, a := range c.Args {
		b.WriteByte(' ')
		if k, v, _ := strings.Cut(a, "="); strings.ContainsAny(v, " \t") {
			fmt.Fprintf(&b, "%s=%q", k, v)
		} else {
			b.WriteString(a)
		}
	}
	return b.String()
}

// Values returns the raw values to fill the called template with: its
// test values (see Template.TestValues), overridden by the call's
// arguments, in which each {{name}} stands for caller[name] (the calling
// template's resolved values, typically Filled.Values; empty when caller
// has none) and session placeholders such as {domain} and {rand} are
// expanded. Pass the Session the caller was filled with, its Rand set, so
// that {rand} means the same word on both sides.
func (c Call) Values(callee *Template, caller Values, s Session) Values {
	rnd := s.rand()
	s.Rand = rnd
	v := callee.TestValues(s)
	for _, a := range c.Args {
		k, val, _ := strings.Cut(a, "=")
		v[k] = expandArg(val, caller, s, rnd)
	}
	return v
}

// expandArg replaces, in one pass, each {{name}} in val by caller[name]
// and each session placeholder by its value, so that neither is read
// again as the other.
func expandArg(val string, caller Values, s Session, rnd string) string {
	var b strings.Builder
	for {
		i := strings.IndexByte(val, '{')
		if i < 0 {
			b.WriteString(val)
			return b.String()
		}
		b.WriteString(val[:i])
		val = val[i:]
		if rest, ok := strings.CutPrefix(val, "{{"); ok {
			if name, after, ok := strings.Cut(rest, "}}"); ok {
				b.WriteString(caller[strings.TrimSpace(name)])
				val = after
				continue
			}
		} else if name, after, ok := strings.Cut(val[1:], "}"); ok {
			if sv, known := s.value(name, rnd); known {
				b.WriteString(sv)
				val = after
				continue
			}
		}
		b.WriteByte('{')
		val = val[1:]
	}
}

// parseCall reads the value of a before or after line: a template name
// and name=value arguments. Values may refer to the template's own
// parameters (declared in params) as {{name}}.
func parseCall(s string, params []Param) (Call, []string, error) {
	var c Call
	s, captures, hasCaptures := strings.Cut(s, "=>")
	if hasCaptures {
		for _, cp := range strings.Fields(captures) {
			capture, err := parseCapture(cp, params)
			if err != nil {
				return c, nil, err
			}
			c.Captures = append(c.Captures, capture)
		}
		if len(c.Captures) == 0 {
			return c, nil, fmt.Errorf("nothing to capture after =>")
		}
	}
	ws, err := splitWords(s)
	if err != nil {
		return c, nil, err
	}
	if len(ws) == 0 || !isTemplateName(ws[0].text) {
		return c, nil, fmt.Errorf("want a template name and name=value arguments, not %q", s)
	}
	c.Name = ws[0].text
	var used []string
	for _, w := range ws[1:] {
		k, v, ok := strings.Cut(w.text, "=")
		if !ok || !isName(k) {
			return c, nil, fmt.Errorf("argument %q of %s is not name=value", w.text, c.Name)
		}
		refs, rest := tagRefs(v)
		for _, r := range refs {
			if !hasParam(params, r) {
				return c, nil, fmt.Errorf("argument %s of %s: {{%s}} names no declared parameter", w.text, c.Name, r)
			}
		}
		used = append(used, refs...)
		if err := checkPlaceholders(rest, true); err != nil {
			return c, nil, fmt.Errorf("argument %s of %s: %v", w.text, c.Name, err)
		}
		c.Args = append(c.Args, k+"="+v)
	}
	for _, cp := range c.Captures {
		used = append(used, cp.Param)
	}
	return c, used, nil
}

// tagRefs returns the names of the {{name}} tags in v and v without them.
func tagRefs(v string) (names []string, rest string) {
	var b strings.Builder
	for {
		i := strings.Index(v, "{{")
		j := strings.Index(v[max(i, 0):], "}}")
		if i < 0 || j < 0 {
			b.WriteString(v)
			return names, b.String()
		}
		names = append(names, strings.TrimSpace(v[i+2:i+j]))
		b.WriteString(v[:i])
		v = v[i+j+2:]
	}
}

func hasParam(params []Param, name string) bool {
	for _, p := range params {
		if p.Name == name {
			return true
		}
	}
	return false
}
