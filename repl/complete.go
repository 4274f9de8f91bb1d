package repl

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"

	"xepl/catalog"
	"xepl/internal/render"
	"xepl/internal/termsafe"
	"xepl/xeps"
)

// completer completes what is typed at the prompt: command and template
// names first; then each argument by the kind its command declares (see
// param), so that a new command cannot forget its completion.
type completer struct{ sh *Shell }

// Do implements readline.AutoCompleter.
func (c completer) Do(line []rune, pos int) ([][]rune, int) {
	typed := string(line[:pos])
	if strings.HasPrefix(strings.TrimSpace(typed), "<") {
		return xmlCompletions(typed)
	}
	words := strings.Fields(typed)
	current := ""
	if len(words) > 0 && !strings.HasSuffix(typed, " ") {
		current, words = words[len(words)-1], words[:len(words)-1]
	}
	var candidates []string
	if len(words) == 0 {
		candidates = append(c.sh.cmds.names(), templateNames()...)
	} else {
		candidates = c.argument(words, current)
	}
	var out [][]rune
	for _, cand := range candidates {
		if !termsafe.Safe(cand) {
			continue // a JID or node from a server that the terminal must not see
		}
		if strings.HasPrefix(cand, current) && cand != current {
			suffix := cand[len(current):]
			if !strings.HasSuffix(cand, "=") && !strings.HasSuffix(cand, "/") {
				suffix += " "
			}
			out = append(out, []rune(suffix))
		}
	}
	return out, len([]rune(current))
}

// xmlCompletions are Do's answer in a line of XML: what completeXML
// offers, followed by a space only after an element's name.
func xmlCompletions(typed string) ([][]rune, int) {
	words, current := completeXML(typed)
	var out [][]rune
	for _, w := range words {
		if strings.HasPrefix(w, current) && w != current {
			suffix := w[len(current):]
			if !strings.HasSuffix(w, ">") && !strings.HasSuffix(w, "'") && !strings.HasSuffix(w, `"`) {
				suffix += " "
			}
			out = append(out, []rune(suffix))
		}
	}
	return out, len([]rune(current))
}

// argument lists what may stand where current is typed, after words.
func (c completer) argument(words []string, current string) []string {
	if t, ok := catalog.Lookup(words[0]); ok && c.sh.cmds.lookup(words[0]) == nil {
		return c.params(t, current)
	}
	cmd := c.sh.cmds.lookup(words[0])
	if cmd == nil {
		return nil
	}
	args := words[1:]
	// A flag's value, or a flag.
	if n := len(args); n > 0 {
		if d, ok := findFlag(args[n-1]); ok && d.value != "" && takesFlags(cmd) {
			return c.ofKind(d.kind, param{}, args, current)
		}
	}
	if strings.HasPrefix(current, "-") && takesFlags(cmd) {
		return connectFlagNames()
	}
	p, ok := paramAt(cmd, positionalCount(cmd, args))
	if !ok {
		return nil
	}
	if p.kind == argCapture {
		return c.captureWords(append([]string{cmd.name()}, args...), current)
	}
	offered := c.ofKind(p.kind, p, args, current)
	if p.optional && p.kind != argFields {
		// An optional JID may be left out: the FIELD=VALUE words after
		// it are offered too (run add-user acc<Tab>).
		if next, ok := paramAt(cmd, positionalCount(cmd, args)+1); ok && next.kind == argFields {
			offered = append(offered, c.ofKind(argFields, next, args, current)...)
		}
	}
	return offered
}

// ofKind lists the words of one kind of argument.
func (c completer) ofKind(kind argKind, p param, args []string, current string) []string {
	switch kind {
	case argChoice:
		return p.choices
	case argOnOff:
		return []string{"on", "off"}
	case argDuration:
		return []string{"5s", "15s", "30s", "1m"}
	case argJID:
		return c.jids()
	case argNode:
		return c.nodes()
	case argCommandNode:
		return c.commandNodes()
	case argCommand:
		return c.sh.cmds.names()
	case argSession:
		var names []string
		for _, s := range c.sh.sessions.all() {
			names = append(names, s.name)
		}
		return names
	case argTemplate:
		return templateNames()
	case argGroup:
		return catalogGroups()
	case argLesson:
		var names []string
		for _, l := range catalog.Lessons() {
			names = append(names, l.Name)
		}
		return names
	case argXEP:
		return xepNumbers()
	case argCondition:
		return stanzaConditions()
	case argParams:
		if len(args) > 0 {
			if t, ok := catalog.Lookup(args[0]); ok {
				return c.params(t, current)
			}
		}
	case argFile:
		return files(current)
	case argFields:
		if len(args) > 0 {
			return c.fields(args[0])
		}
	case argAccount:
		return c.sh.accountNames()
	case argConnectTarget:
		return c.connectTargets()
	case argTheme:
		return render.Themes()
	}
	return nil
}

// filterWordNames are the words a FILTER begins with.
var filterWordNames = []string{"in", "out", "message", "presence", "iq", "nonza", "type", "from", "to", "ns", "xpath"}

// captureWords completes log, find and filter (args: the command's name
// and the words after it): their own words first,
// then FILTERs, a JID after from and to, a file after save and log to.
func (c completer) captureWords(args []string, current string) []string {
	cmd, rest := args[0], args[1:]
	prev := ""
	if len(rest) > 0 {
		prev = rest[len(rest)-1]
	}
	switch {
	case prev == "save" || prev == "to" && cmd == "log" && len(rest) == 1:
		return files(current)
	case prev == "from" || prev == "to":
		return c.jids()
	case prev == "type":
		return []string{"get", "set", "result", "error", "chat", "groupchat", "headline", "normal", "unavailable", "subscribe", "subscribed"}
	case len(rest) > 0:
		return filterWordNames
	}
	switch cmd {
	case "log":
		return append([]string{"all", "show", "save", "limit", "to"}, filterWordNames...)
	case "filter":
		return []string{"add", "only", "hide", "list", "drop", "clear"}
	case "find":
		return []string{"xpath"}
	}
	return nil
}

// fieldVar finds the field vars a command template's XML submits.
var fieldVar = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`<field var='([^'{]+)'`) })

// fields completes run's FIELD=VALUE words for the command named (its
// node, or the end of it): the fields its forms brought in this session,
// else those the catalog's templates for it submit.
func (c completer) fields(named string) []string {
	node := named
	for _, n := range c.commandNodes() {
		if n == named || strings.HasSuffix(n, "#"+named) {
			node = n
			break
		}
	}
	vars := slices.Clone(c.sh.conn.disco.fields[node])
	if len(vars) == 0 {
		for _, t := range catalog.All() {
			if t.Kind == catalog.KindCommand && t.Node == node {
				for _, m := range fieldVar().FindAllStringSubmatch(t.Body, -1) {
					if m[1] != "FORM_TYPE" && !slices.Contains(vars, m[1]) {
						vars = append(vars, m[1])
					}
				}
			}
		}
	}
	out := make([]string, len(vars))
	for i, v := range vars {
		out[i] = v + "="
	}
	return out
}

// params completes a template's PARAM=VALUE words: the names, then the
// JIDs disco has seen for a JID parameter.
func (c completer) params(t *catalog.Template, current string) []string {
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

// takesFlags reports whether the command's arguments include flags.
func takesFlags(cmd *command) bool {
	for _, p := range cmd.args {
		if p.kind == argFlags {
			return true
		}
	}
	return false
}

// positionalCount counts the arguments typed that are neither flags nor
// their values.
func positionalCount(cmd *command, args []string) int {
	n := 0
	for i := 0; i < len(args); i++ {
		if d, ok := findFlag(args[i]); ok && takesFlags(cmd) {
			if d.value != "" && !strings.Contains(args[i], "=") {
				i++
			}
			continue
		}
		n++
	}
	return n
}

// paramAt is the command's positional parameter number i (from 0),
// flags left aside; the last one when it repeats.
func paramAt(cmd *command, i int) (param, bool) {
	var ps []param
	for _, p := range cmd.args {
		if p.kind != argFlags {
			ps = append(ps, p)
		}
	}
	switch {
	case i < len(ps):
		return ps[i], true
	case len(ps) > 0 && ps[len(ps)-1].repeated:
		return ps[len(ps)-1], true
	}
	return param{}, false
}

// findFlag finds the connection flag a word names (--name, -name,
// --name=value).
func findFlag(word string) (flagDef, bool) {
	name := strings.TrimLeft(word, "-")
	if name == word {
		return flagDef{}, false
	}
	name, _, _ = strings.Cut(name, "=")
	for _, d := range flagTable {
		if d.connect && (d.name == name || d.short != "" && d.short == name) {
			return d, true
		}
	}
	return flagDef{}, false
}

func connectFlagNames() []string {
	var out []string
	for _, d := range flagTable {
		if d.connect {
			out = append(out, d.flagName())
		}
	}
	return out
}

// jids are the JIDs disco has seen, and the server's.
func (c completer) jids() []string {
	out := c.sh.conn.disco.knownJIDs()
	if conn := c.sh.live(); conn != nil {
		out = append(out, conn.server())
	}
	sort.Strings(out)
	return out
}

// nodes are the disco nodes seen in the items listed on this connection.
func (c completer) nodes() []string {
	seen := map[string]bool{}
	var out []string
	for _, list := range c.sh.conn.disco.items {
		for _, it := range list {
			if it.Node != "" && !seen[it.Node] {
				seen[it.Node] = true
				out = append(out, it.Node)
			}
		}
	}
	sort.Strings(out)
	return out
}

// commandNodes are the command nodes listed on this connection.
func (c completer) commandNodes() []string {
	var out []string
	for _, items := range c.sh.conn.disco.commands {
		for _, it := range items {
			out = append(out, it.Node)
		}
	}
	sort.Strings(out)
	return out
}

func templateNames() []string {
	var out []string
	for _, t := range catalog.All() {
		out = append(out, t.Name)
	}
	return out
}

// catalogGroups are the groups of the catalog's template names.
func catalogGroups() []string {
	var out []string
	for _, t := range catalog.All() {
		g, _, _ := strings.Cut(t.Name, ".")
		if len(out) == 0 || out[len(out)-1] != g {
			out = append(out, g)
		}
	}
	return out
}

// stanzaConditions are the names of the stanza error conditions.
func stanzaConditions() []string {
	var out []string
	for _, c := range xeps.Conditions() {
		if c.Kind == xeps.KindStanza {
			out = append(out, c.Name)
		}
	}
	return out
}

// xepNumbers are xep's two words and the numbers of the XEPs the catalog
// has templates of.
func xepNumbers() []string {
	seen := map[string]bool{}
	out := []string{"search", "update"}
	for _, t := range catalog.All() {
		for _, n := range t.XEPs() {
			s := strconv.Itoa(n)
			if !seen[s] {
				seen[s] = true
				out = append(out, s)
			}
		}
	}
	sort.Strings(out)
	return out
}

// files lists the entries of the directory current is in, directories
// with a slash.
func files(current string) []string {
	dir, _ := filepath.Split(current)
	read := dir
	if read == "" {
		read = "."
	}
	entries, err := os.ReadDir(read)
	if err != nil {
		return nil
	}
	var out []string
	for _, e := range entries {
		name := dir + e.Name()
		if e.IsDir() {
			name += "/"
		}
		out = append(out, name)
	}
	return out
}
