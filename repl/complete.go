package repl

import (
	"sort"
	"strings"

	"xepl/catalog"
)

// completer completes what is typed at the prompt: command and template
// names first; then, by command, the JIDs and command nodes disco has
// seen in this session, template names, and a template's parameters.
type completer struct{ sh *Shell }

// Do implements readline.AutoCompleter.
func (c completer) Do(line []rune, pos int) ([][]rune, int) {
	typed := string(line[:pos])
	if strings.HasPrefix(strings.TrimSpace(typed), "<") {
		return nil, 0
	}
	words := strings.Fields(typed)
	current := ""
	if len(words) > 0 && !strings.HasSuffix(typed, " ") {
		current, words = words[len(words)-1], words[:len(words)-1]
	}
	var candidates []string
	if len(words) == 0 {
		candidates = append(commandNames(), templateNames()...)
	} else {
		candidates = c.argumentCandidates(words[0], current)
	}
	var out [][]rune
	for _, cand := range candidates {
		if strings.HasPrefix(cand, current) && cand != current {
			suffix := cand[len(current):]
			if !strings.HasSuffix(cand, "=") {
				suffix += " "
			}
			out = append(out, []rune(suffix))
		}
	}
	return out, len([]rune(current))
}

// argumentCandidates lists what may follow the first word.
func (c completer) argumentCandidates(first, current string) []string {
	switch first {
	case "help":
		return commandNames()
	case "show":
		return templateNames()
	case "disco", "commands", "survey", "configure":
		return c.jids()
	case "run":
		return c.nodes()
	}
	t, ok := catalog.Lookup(first)
	if !ok {
		return nil
	}
	if name, _, found := strings.Cut(current, "="); found {
		if p, ok := t.Param(name); ok && (p.Type == catalog.TypeJID || p.Type == catalog.TypeJIDs) {
			var out []string
			for _, j := range c.jids() {
				out = append(out, name+"="+j)
			}
			return out
		}
		return nil
	}
	var out []string
	for _, p := range t.Params {
		out = append(out, p.Name+"=")
	}
	return out
}

// jids are the JIDs disco has seen, and the server's.
func (c completer) jids() []string {
	out := c.sh.disco.knownJIDs()
	if s := c.sh.live(); s != nil {
		out = append(out, c.sh.serverOf(s))
	}
	sort.Strings(out)
	return out
}

// nodes are the command nodes listed in this session.
func (c completer) nodes() []string {
	var out []string
	for _, items := range c.sh.disco.commands {
		for _, it := range items {
			out = append(out, it.Node)
		}
	}
	sort.Strings(out)
	return out
}

func commandNames() []string {
	var out []string
	for _, cmd := range commands {
		for _, n := range cmd.names {
			if n != "?" {
				out = append(out, n)
			}
		}
	}
	return out
}

func templateNames() []string {
	var out []string
	for _, t := range catalog.All() {
		out = append(out, t.Name)
	}
	return out
}
