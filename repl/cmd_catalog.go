package repl

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"text/tabwriter"
	"unicode/utf8"

	"xepl/catalog"
)

// maxResults is how many search results are listed.
const maxResults = 12

// strongMatch is the share of the best score a result needs to be listed.
const strongMatch = 0.85

func (sh *Shell) cmdSearch(ctx context.Context, args []string) error {
	if len(args) == 0 {
		return errors.New("search what? for example: search delete account")
	}
	if err := catalog.Load(); err != nil {
		return err
	}
	q := strings.Join(args, " ")
	results := catalog.Search(q)
	if len(results) == 0 {
		return fmt.Errorf("no template matches %q: try other words, a XEP number, or catalog for the list", q)
	}
	// Weak matches (a word or two of many, a far synonym) are left out
	// when there are strong ones.
	strong := results[:0:0]
	for _, r := range results {
		if r.Score >= results[0].Score*strongMatch {
			strong = append(strong, r)
		}
	}
	more := len(strong) - maxResults
	if more > 0 {
		strong = strong[:maxResults]
	}
	out := searchRows(strong, sh.listWidth())
	if more > 0 {
		out += fmt.Sprintf("(%d more; add words to narrow the search)\n", more)
	}
	sh.out.text(out)
	return nil
}

// searchRows lays search results out as a table: the name, the stage it
// needs (what a person must do before sending it) and the title, then
// the admin tool's verb the query matched, if any, for a screen width
// columns wide. A title too long for its column goes on under itself.
// (The spec is left to show: with it, most titles would wrap.)
func searchRows(rs []catalog.Result, width int) string {
	rows := make([][]string, 0, len(rs))
	for _, r := range rs {
		t := r.Template
		last := []string{t.Title}
		if r.Verb != "" {
			last = append(last, "≈ "+r.Verb)
		}
		rows = append(rows, append([]string{t.Name, stageWord(t.Stage)}, last...))
	}
	return hangingTable(rows, 2, width)
}

// hangingTable aligns the first n cells of each row in columns two spaces
// apart, and writes the cells after them in the last column, one after
// the other, each kept whole on a line when it fits: a cell too long for
// the room left wraps under the column's start, so that the other
// columns stay a block to scan. When the last column would be narrower
// than minLastColumn, the row is its first cells on a line, unaligned, and
// the rest on the lines after it, indented.
// width <= 0 means no limit.
func hangingTable(rows [][]string, n, width int) string {
	return strings.Join(hangingRows(rows, n, width), "")
}

// hangingRows is hangingTable row by row: each row's lines, each line
// ending in a newline.
func hangingRows(rows [][]string, n, width int) []string {
	widths := make([]int, n)
	for _, row := range rows {
		for i, cell := range row[:n] {
			widths[i] = max(widths[i], utf8.RuneCountInString(cell))
		}
	}
	col := 0
	for _, w := range widths {
		col += w + 2
	}
	room, hang := width-col, col
	if width > 0 && room < minLastColumn {
		room, hang = width-4, 4
	}
	out := make([]string, 0, len(rows))
	for _, row := range rows {
		var b strings.Builder
		if hang != col {
			// Too narrow for columns: the first cells as a line of
			// their own, the rest under it.
			b.WriteString(fitWidth(strings.Join(row[:n], "  "), width))
		}
		for i, cell := range row[:n] {
			if hang == col {
				b.WriteString(cell + strings.Repeat(" ", widths[i]+2-utf8.RuneCountInString(cell)))
			}
		}
		var lines []string
		for _, cell := range row[n:] {
			k := len(lines) - 1
			switch {
			case k >= 0 && (width <= 0 || utf8.RuneCountInString(lines[k])+1+utf8.RuneCountInString(cell) <= room):
				lines[k] += " " + cell
			case width <= 0:
				lines = append(lines, cell)
			default:
				lines = append(lines, wrapWords(cell, room)...)
			}
		}
		if hang != col {
			b.WriteString("\n" + strings.Repeat(" ", hang))
		}
		b.WriteString(strings.Join(lines, "\n"+strings.Repeat(" ", hang)))
		b.WriteString("\n")
		out = append(out, b.String())
	}
	return out
}

// minLastColumn is the narrowest a table's wrapped last column may be.
const minLastColumn = 16

// listWidth is the width a list is laid out for: the screen's, at most
// 80 columns (which read well everywhere), and 80 when the output is not
// a terminal, so that a transcript or a log reads as the screen does.
func (sh *Shell) listWidth() int {
	if sh.out.width != nil {
		if w := sh.out.width(); w > 0 && w < 80 {
			return w
		}
	}
	return 80
}

// stageWord says in a word or two when a template can be sent, for
// lists.
func stageWord(s catalog.Stage) string {
	switch s {
	case catalog.StagePreAuth:
		return "before login"
	case catalog.StageAdmin:
		return "admin"
	case catalog.StageAny:
		return "any stage"
	}
	return "logged in"
}

func (sh *Shell) cmdShow(ctx context.Context, args []string) error {
	if len(args) == 0 {
		return errors.New("show which template? for example: show register.cancel")
	}
	t, err := findTemplate(args[0])
	if err != nil {
		return err
	}
	values, err := parseValues(args[1:])
	if err != nil {
		return err
	}
	sh.rememberSecrets(t, values)
	sh.out.text(describeTemplate(t))
	xml, err := preview(t, values, sh.conn.catalogSession())
	if err != nil {
		return err
	}
	sh.out.stanza("XML:", xml)
	// Masked as any text is: a known secret typed into a parameter that
	// is not a secret one must not come back on screen.
	sh.out.text(sh.out.secrets.text("example: " + exampleLine(t, values, sh.conn.catalogSession())))
	return nil
}

// describeTemplate says everything about a template but its XML.
func describeTemplate(t *catalog.Template) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s — %s\n", t.Name, t.Title)
	for _, r := range t.Specs {
		fmt.Fprintf(&b, "  %s  %s\n", r, r.URL())
	}
	fmt.Fprintf(&b, "  %s\n", t.Summary)
	fmt.Fprintf(&b, "  stage: %s", stageText(t.Stage))
	if t.Kind == catalog.KindCommand {
		fmt.Fprintf(&b, "; an ad-hoc command (XEP-0050), node %s", t.Node)
	}
	b.WriteString("\n")
	if len(t.Params) > 0 {
		b.WriteString("parameters:\n")
		tw := tabwriter.NewWriter(&b, 0, 4, 2, ' ', 0)
		for _, p := range t.Params {
			var notes []string
			if p.Required {
				notes = append(notes, "required")
			}
			if p.Default != "" {
				notes = append(notes, "default "+p.Default)
			}
			desc := p.Description
			if _, one := t.Param("jid"); p.Name == "jids" && !one {
				desc += " (jid= gives one)"
			}
			fmt.Fprintf(tw, "  %s=\t%s\t%s\t%s\n", p.Name, p.TypeName(), strings.Join(notes, ", "), desc)
		}
		tw.Flush()
	}
	switch t.Expect {
	case catalog.ExpectResult:
		b.WriteString("expect: a result")
	case catalog.ExpectStanza:
		b.WriteString("expect: an answer from the server")
	default:
		b.WriteString("expect: no reply")
	}
	if len(t.Errors) > 0 {
		fmt.Fprintf(&b, "; servers may rightly answer %s", strings.Join(t.Errors, ", "))
	}
	b.WriteString("\n")
	if len(t.Related) > 0 {
		fmt.Fprintf(&b, "related: %s\n", strings.Join(t.Related, ", "))
	}
	return b.String()
}

func stageText(s catalog.Stage) string {
	switch s {
	case catalog.StagePreAuth:
		return "before login (connect --register DOMAIN)"
	case catalog.StageAdmin:
		return "logged in as a server admin"
	case catalog.StageAny:
		return "any: before login, logged in, or as the admin (it asks the way the stream allows)"
	}
	return "logged in"
}

func (sh *Shell) cmdCatalog(ctx context.Context, args []string) error {
	if err := catalog.Load(); err != nil {
		return err
	}
	groups := map[string][]*catalog.Template{}
	for _, t := range catalog.All() {
		g, _, _ := strings.Cut(t.Name, ".")
		groups[g] = append(groups[g], t)
	}
	var b strings.Builder
	tw := tabwriter.NewWriter(&b, 0, 4, 2, ' ', 0)
	switch len(args) {
	case 0:
		names := make([]string, 0, len(groups))
		for g := range groups {
			names = append(names, g)
		}
		sort.Strings(names)
		for _, g := range names {
			fmt.Fprintf(tw, "%s\t%d\t%s\n", g, len(groups[g]), groupSpecs(groups[g]))
		}
		tw.Flush()
		fmt.Fprintf(&b, "%d templates; catalog GROUP lists one group, show NAME shows one template.\n", len(catalog.All()))
	case 1:
		list := groups[strings.TrimSuffix(args[0], ".")]
		if len(list) == 0 {
			return fmt.Errorf("no group %q: type catalog for the groups", args[0])
		}
		for _, t := range list {
			fmt.Fprintf(tw, "%s\t%s\t%s\n", t.Name, t.Specs[0], t.Title)
		}
		tw.Flush()
	default:
		return errors.New("catalog takes at most one group name")
	}
	sh.out.text(b.String())
	return nil
}

// groupSpecs names the main specifications of a group's templates.
func groupSpecs(ts []*catalog.Template) string {
	seen := map[string]bool{}
	var out []string
	for _, t := range ts {
		s := t.Specs[0]
		s.Section = ""
		if !seen[s.String()] {
			seen[s.String()] = true
			out = append(out, s.String())
		}
	}
	return strings.Join(out, ", ")
}

// findTemplate looks a template up, suggesting what to do when it is not
// there.
func findTemplate(name string) (*catalog.Template, error) {
	if err := catalog.Load(); err != nil {
		return nil, err
	}
	if t, ok := catalog.Lookup(name); ok {
		return t, nil
	}
	if rs := catalog.Search(name); len(rs) > 0 && (strings.HasPrefix(rs[0].Match, "name") || strings.HasPrefix(rs[0].Match, "group")) {
		return nil, fmt.Errorf("no template %q; did you mean %s? (search %s)", name, rs[0].Template.Name, name)
	}
	return nil, fmt.Errorf("no template %q: try search WORDS or catalog", name)
}
