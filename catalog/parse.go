package catalog

import (
	"errors"
	"fmt"
	"path"
	"slices"
	"strings"

	"xepl/internal/rawxml"
	"xepl/xeps"
)

// keys lists the header keys and whether each may repeat.
var keys = map[string]bool{
	"name": false, "title": false, "spec": true, "stage": false,
	"summary": false, "keywords": false, "param": true, "expect": false,
	"errors": false, "related": false, "feature": true, "kind": false,
	"live": false, "requires": true, "error-note": true,
	"node": false, "before": true, "after": true,
}

// required lists the header keys every template must have.
var required = []string{"name", "title", "spec", "stage", "summary", "expect"}

// Parse reads one template file. file is its name, such as
// "register.cancel.tmpl"; the template's name must be file without
// ".tmpl" (any directory is ignored). Parse checks everything FORMAT.md
// asks for: the header keys and their values, the parameters with their
// defaults and test values, every {{tag}} in the XML, and that the XML,
// rendered with the test values, is well-formed. Errors are
// *ParseError, naming the file and line.
func Parse(file string, src []byte) (*Template, error) {
	fail := func(line int, format string, args ...any) error {
		return &ParseError{File: file, Line: line, Msg: fmt.Sprintf(format, args...)}
	}
	fields, body, bodyLine, lerr := splitFile(string(src))
	if lerr != nil {
		return nil, fail(lerr.line, "%s", lerr.msg)
	}
	t := &Template{File: file, Kind: KindStanza}
	seen := map[string]int{}
	var calls []field // before and after, read once every param is known
	for _, f := range fields {
		repeat, known := keys[f.key]
		if !known {
			return nil, fail(f.line, "unknown key %q", f.key)
		}
		if first, dup := seen[f.key]; dup && !repeat {
			return nil, fail(f.line, "%s given again (first on line %d)", f.key, first)
		}
		seen[f.key] = f.line
		if f.value == "" {
			return nil, fail(f.line, "%s has no value", f.key)
		}
		if f.key == "before" || f.key == "after" {
			calls = append(calls, f)
			continue
		}
		if err := t.set(f); err != nil {
			return nil, fail(f.line, "%v", err)
		}
	}
	var used []string // parameters the calls refer to
	for _, f := range calls {
		c, refs, err := parseCall(f.value, t.Params)
		if err != nil {
			return nil, fail(f.line, "%s: %v", f.key, err)
		}
		used = append(used, refs...)
		if f.key == "after" && len(c.Captures) > 0 {
			return nil, fail(f.line, "after: only a before line may capture values")
		}
		if f.key == "before" {
			t.Before = append(t.Before, c)
		} else {
			t.After = append(t.After, c)
		}
	}
	for cond := range t.ErrorNotes {
		if !slices.Contains(t.Errors, cond) {
			return nil, fail(seen["error-note"], "error-note for %s, which errors does not list", cond)
		}
	}
	for _, k := range required {
		if _, ok := seen[k]; !ok {
			return nil, fail(0, "the header has no %s", k)
		}
	}
	if want := strings.TrimSuffix(path.Base(file), ".tmpl"); t.Name != want {
		return nil, fail(seen["name"], "name %s does not match the file name (want %s)", t.Name, want)
	}
	switch _, hasNode := seen["node"]; {
	case t.Kind == KindCommand && !hasNode:
		return nil, fail(seen["kind"], "kind: command needs a node")
	case t.Kind != KindCommand && hasNode:
		return nil, fail(seen["node"], "node is only for kind: command")
	}
	if (t.Kind == KindProbe) != (t.Stage == StageAny) {
		return nil, fail(seen["stage"], "stage: any is for kind: probe, and a probe's stage is any")
	}
	if _, ok := t.Param(SessionIDParam); ok && t.Kind == KindCommand {
		return nil, fail(paramLine(fields, SessionIDParam), "a command template cannot declare %s: the shell fills {{%s}} from the server's reply", SessionIDParam, SessionIDParam)
	}

	// Leading blank lines do not count, but the body keeps its line
	// numbers for errors.
	sepLine := bodyLine - 1
	for strings.HasPrefix(strings.TrimLeft(body, " \t"), "\n") {
		_, body, _ = strings.Cut(body, "\n")
		bodyLine++
	}
	t.Body = strings.TrimRight(body, " \t\r\n")
	if strings.TrimSpace(t.Body) == "" {
		return nil, fail(sepLine, "no XML after ---")
	}
	usedInBody, lerr := parseBody(t, bodyLine)
	if lerr != nil {
		return nil, fail(lerr.line, "%s", lerr.msg)
	}
	for _, p := range t.Params {
		if !usedInBody[p.Name] && !slices.Contains(used, p.Name) {
			return nil, fail(paramLine(fields, p.Name), "parameter %s is declared but never used", p.Name)
		}
	}
	t.namespaces = bodyNamespaces(t.nodes)
	if err := t.checkRendered(); err != nil {
		return nil, fail(bodyLine, "%v", err)
	}
	if err := t.planShape(); err != nil {
		return nil, fail(bodyLine, "%v", err)
	}
	if t.Kind == KindCommand {
		if err := t.planFields(); err != nil {
			return nil, fail(bodyLine, "%v", err)
		}
	}
	return t, nil
}

// set stores one header field, other than before and after, in t.
func (t *Template) set(f field) error {
	v := f.value
	switch f.key {
	case "name":
		if !isTemplateName(v) {
			return fmt.Errorf("bad name %q (want GROUP.ACTION in lower case: letters, digits and - in dotted parts)", v)
		}
		t.Name = v
	case "title":
		t.Title = v
	case "summary":
		t.Summary = v
	case "spec":
		r, err := parseRef(v)
		if err != nil {
			return err
		}
		t.Specs = append(t.Specs, r)
	case "stage":
		switch s := Stage(v); s {
		case StagePreAuth, StageUser, StageAdmin, StageAny:
			t.Stage = s
		default:
			return fmt.Errorf("unknown stage %q (want pre-auth, user, admin or any)", v)
		}
	case "keywords":
		return commaList(f, &t.Keywords, nil)
	case "errors":
		return commaList(f, &t.Errors, checkCondition)
	case "related":
		return commaList(f, &t.Related, func(s string) error {
			if !isTemplateName(s) {
				return fmt.Errorf("related %q is not a template name", s)
			}
			return nil
		})
	case "feature":
		if strings.ContainsAny(v, " \t,") {
			return fmt.Errorf("feature %q: one feature per line, without spaces or commas", v)
		}
		t.Features = append(t.Features, v)
	case "expect":
		switch v {
		case ExpectResult, ExpectNone, ExpectStanza:
			t.Expect = v
		default:
			return fmt.Errorf("unknown expect %q (want result, none or stanza)", v)
		}
	case "kind":
		switch v {
		case KindStanza, KindCommand, KindProbe:
			t.Kind = v
		default:
			return fmt.Errorf("unknown kind %q (want stanza, command or probe)", v)
		}
	case "node":
		t.Node = v
	case "live":
		reason, ok := strings.CutPrefix(v, "never")
		reason = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(reason), "--"))
		if !ok || reason == "" {
			return fmt.Errorf("live: want \"never -- REASON\", not %q", v)
		}
		t.NeverLive = reason
	case "error-note":
		cond, note, ok := strings.Cut(v, " -- ")
		cond, note = strings.TrimSpace(cond), strings.TrimSpace(note)
		if !ok || cond == "" || note == "" {
			return fmt.Errorf("error-note: want \"CONDITION -- NOTE\", not %q", v)
		}
		if _, dup := t.ErrorNotes[cond]; dup {
			return fmt.Errorf("error-note for %s given twice", cond)
		}
		if t.ErrorNotes == nil {
			t.ErrorNotes = map[string]string{}
		}
		t.ErrorNotes[cond] = note
	case "requires":
		r, err := parseRequirement(v)
		if err != nil {
			return err
		}
		t.Requires = append(t.Requires, r)
	case "param":
		p, err := parseParam(v)
		if err != nil {
			return err
		}
		if _, dup := t.Param(p.Name); dup {
			return fmt.Errorf("parameter %s declared twice", p.Name)
		}
		t.Params = append(t.Params, p)
	}
	return nil
}

// commaList splits a comma-separated header value into dst, checking
// each item with check when it is not nil.
func commaList(f field, dst *[]string, check func(string) error) error {
	for _, it := range strings.Split(f.value, ",") {
		it = strings.TrimSpace(it)
		if it == "" {
			return fmt.Errorf("%s has an empty item", f.key)
		}
		if check != nil {
			if err := check(it); err != nil {
				return err
			}
		}
		*dst = append(*dst, it)
	}
	return nil
}

// checkCondition checks an errors item: a stanza error condition, a
// stream error condition (what a server answers a nonza it refuses), or an
// application condition written ns#name.
func checkCondition(s string) error {
	if i := strings.LastIndexByte(s, '#'); i >= 0 {
		if i == 0 || i == len(s)-1 {
			return fmt.Errorf("error %q: want ns#name", s)
		}
		return nil
	}
	if !xeps.KnownCondition(xeps.NSStanzas, s) && !xeps.KnownCondition(xeps.NSStreams, s) {
		return fmt.Errorf("error %q is not a stanza or stream error condition (write an application condition as ns#name)", s)
	}
	return nil
}

// paramLine returns the line of the param field declaring name.
func paramLine(fields []field, name string) int {
	for _, f := range fields {
		if f.key == "param" && (f.value == name || strings.HasPrefix(f.value, name+" ")) {
			return f.line
		}
	}
	return 0
}

// checkRendered renders t with the test values of a sample session, and
// with its defaults alone when they are enough, and checks the XML:
// well-formed, and no id on a top-level iq.
func (t *Template) checkRendered() error {
	v, err := t.resolve(t.TestValues(sampleSession), sampleSession)
	if err != nil {
		var me *MissingError
		if errors.As(err, &me) {
			return fmt.Errorf("required parameters without a default or test value: %s", paramNames(me.Params))
		}
		return fmt.Errorf("the test values do not fill the template: %v", err)
	}
	if err := t.checkXML(v, "the test values"); err != nil {
		return err
	}
	if v, err := t.resolve(nil, sampleSession); err == nil {
		return t.checkXML(v, "the defaults alone")
	}
	return nil
}

// checkXML renders t with v and checks the XML; with says which values.
func (t *Template) checkXML(v Values, with string) error {
	els, err := rawxml.Parse(t.render(v))
	if err != nil {
		return fmt.Errorf("the XML rendered with %s is not well-formed: %v", with, err)
	}
	for _, el := range els {
		if _, ok := el.Attr("id"); ok && el.Local == "iq" {
			return fmt.Errorf("an <iq> has an id: leave it out, the shell gives each iq a fresh one")
		}
	}
	return nil
}
