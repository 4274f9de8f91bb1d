package catalog

import (
	"fmt"
	"strings"
)

// nodeKind says what a piece of a parsed body is.
type nodeKind int

const (
	textNode      nodeKind = iota // XML as written
	valueNode                     // {{name}}: a value, escaped (raw for xml)
	itemNode                      // {{.}}: the current list item, escaped
	sessionIDNode                 // {{sessionid}} in a command template
	sectionNode                   // {{#name}}...{{/name}}
	invertedNode                  // {{^name}}...{{/name}}
)

// node is one piece of a parsed body.
type node struct {
	kind     nodeKind
	text     string // textNode
	param    *Param // valueNode, sectionNode, invertedNode
	children []node // sectionNode, invertedNode
}

// tag is one {{...}} found in a body.
type tag struct {
	start, end int    // the tag's extent, widened to its line if standalone
	sigil      byte   // '#', '^', '/' or 0
	name       string // the name, or "." for {{.}}
	line       int
}

// bodyParser turns a body into nodes, checking every tag against the
// declared parameters.
type bodyParser struct {
	t         *Template
	body      string
	firstLine int             // file line of the body's first line
	used      map[string]bool // parameters the body refers to
}

// parseBody parses t.Body into t.nodes. firstLine is the file line of the
// body's first line.
func parseBody(t *Template, firstLine int) (map[string]bool, *lineError) {
	bp := &bodyParser{t: t, body: t.Body, firstLine: firstLine, used: map[string]bool{}}
	tags, err := bp.tags()
	if err != nil {
		return nil, err
	}
	nodes, _, _, _, err := bp.build(tags, 0, nil)
	if err != nil {
		return nil, err
	}
	t.nodes = nodes
	return bp.used, nil
}

// tags finds every tag in the body, widening a standalone section tag
// (alone on its line but for white space) to the whole line so that it
// leaves no blank line behind.
func (bp *bodyParser) tags() ([]tag, *lineError) {
	var tags []tag
	b := bp.body
	for off := 0; ; {
		i := strings.Index(b[off:], "{{")
		if i < 0 {
			return tags, nil
		}
		start := off + i
		line := bp.firstLine + strings.Count(b[:start], "\n")
		j := strings.Index(b[start+2:], "}}")
		if j < 0 {
			return nil, &lineError{line, "{{ is not closed with }}"}
		}
		end := start + 2 + j + 2
		tg := tag{start: start, end: end, line: line}
		inner := strings.TrimSpace(b[start+2 : end-2])
		if inner != "" && strings.ContainsRune("#^/", rune(inner[0])) {
			tg.sigil = inner[0]
			inner = strings.TrimSpace(inner[1:])
		}
		tg.name = inner
		if inner != "." && !isName(inner) {
			return nil, &lineError{line, fmt.Sprintf("bad tag %q (want {{name}}, {{#name}}, {{^name}}, {{/name}} or {{.}})", b[start:end])}
		}
		if tg.sigil != 0 {
			tg.start, tg.end = standalone(b, tg.start, tg.end)
		}
		tags = append(tags, tg)
		off = tg.end
	}
}

// standalone widens [start, end) to its whole line, newline included, when
// the rest of the line is white space.
func standalone(b string, start, end int) (int, int) {
	ls := strings.LastIndexByte(b[:start], '\n') + 1
	le := strings.IndexByte(b[end:], '\n')
	if le < 0 {
		le = len(b)
	} else {
		le += end + 1
	}
	if strings.TrimLeft(b[ls:start], " \t") != "" || strings.TrimSpace(b[end:le]) != "" {
		return start, end
	}
	return ls, le
}

// build turns tags, starting at position pos of the body, into nodes. It
// stops after the tag that closes the innermost of open, and returns the
// tags after it and the position after it; closed is false when the body
// ended first.
func (bp *bodyParser) build(tags []tag, pos int, open []tag) (nodes []node, rest []tag, end int, closed bool, err *lineError) {
	text := func(end int) {
		if end > pos {
			nodes = append(nodes, node{kind: textNode, text: bp.body[pos:end]})
		}
	}
	for len(tags) > 0 {
		tg := tags[0]
		tags = tags[1:]
		text(tg.start)
		pos = tg.end
		switch tg.sigil {
		case '/':
			if len(open) == 0 {
				return nil, nil, 0, false, &lineError{tg.line, fmt.Sprintf("{{/%s}} closes a section that was never opened", tg.name)}
			}
			if o := open[len(open)-1]; tg.name != o.name {
				return nil, nil, 0, false, &lineError{tg.line, fmt.Sprintf("{{/%s}} does not close {{%c%s}} (line %d)", tg.name, o.sigil, o.name, o.line)}
			}
			return nodes, tags, pos, true, nil
		case '#', '^':
			p, err := bp.param(tg)
			if err != nil {
				return nil, nil, 0, false, err
			}
			children, rest, end, closed, err := bp.build(tags, pos, append(open, tg))
			if err != nil {
				return nil, nil, 0, false, err
			}
			if !closed {
				return nil, nil, 0, false, &lineError{tg.line, fmt.Sprintf("{{%c%s}} is never closed with {{/%s}}", tg.sigil, tg.name, tg.name)}
			}
			pos, tags = end, rest
			kind := sectionNode
			if tg.sigil == '^' {
				kind = invertedNode
			}
			nodes = append(nodes, node{kind: kind, param: p, children: children})
		default:
			n, err := bp.value(tg, open)
			if err != nil {
				return nil, nil, 0, false, err
			}
			nodes = append(nodes, n)
		}
	}
	text(len(bp.body))
	return nodes, nil, pos, false, nil
}

// param returns the declared parameter a section tag names.
func (bp *bodyParser) param(tg tag) (*Param, *lineError) {
	for i := range bp.t.Params {
		if p := &bp.t.Params[i]; p.Name == tg.name {
			bp.used[p.Name] = true
			return p, nil
		}
	}
	what := fmt.Sprintf("{{%c%s}}", tg.sigil, tg.name)
	if tg.sigil == 0 {
		what = "{{" + tg.name + "}}"
	}
	return nil, &lineError{tg.line, fmt.Sprintf("%s names no declared parameter (declared: %s)", what, bp.declared())}
}

// value returns the node for a plain tag: {{name}}, {{.}} or {{sessionid}}.
func (bp *bodyParser) value(tg tag, open []tag) (node, *lineError) {
	switch {
	case tg.name == ".":
		if !bp.inList(open) {
			return node{}, &lineError{tg.line, "{{.}} is only for the items of a jids or texts section"}
		}
		return node{kind: itemNode}, nil
	case tg.name == SessionIDParam && bp.t.Kind == KindCommand:
		if _, ok := bp.t.Param(tg.name); !ok {
			return node{kind: sessionIDNode}, nil
		}
	}
	p, err := bp.param(tg)
	if err != nil {
		if tg.name == SessionIDParam {
			err.msg += "; declare it, or make the template kind: command"
		}
		return node{}, err
	}
	if p.List {
		return node{}, &lineError{tg.line, fmt.Sprintf("{{%s}} is a list (%s): repeat it with {{#%s}}...{{.}}...{{/%s}}", p.Name, p.Type, p.Name, p.Name)}
	}
	return node{kind: valueNode, param: p}, nil
}

// inList reports whether one of the open sections repeats a list, so
// that {{.}} has an item to stand for.
func (bp *bodyParser) inList(open []tag) bool {
	for _, o := range open {
		if p, ok := bp.t.Param(o.name); ok && o.sigil == '#' && p.List {
			return true
		}
	}
	return false
}

// declared lists the declared parameter names for error messages.
func (bp *bodyParser) declared() string {
	if len(bp.t.Params) == 0 {
		return "none"
	}
	names := make([]string, len(bp.t.Params))
	for i, p := range bp.t.Params {
		names[i] = p.Name
	}
	return strings.Join(names, ", ")
}
