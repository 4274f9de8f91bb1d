package repl

import (
	"flag"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
)

// generated is a part of README.md made from the code, between markers.
type generated struct {
	name  string
	start string // the line before it
	end   string // the line after it
	write func(b *strings.Builder)
}

var readmeParts = []generated{
	{
		name:  "command list",
		start: "<!-- commands: generated from the command table by TestReadme; go test ./repl -run Readme -update rewrites it -->\n```\n",
		end:   "```\n<!-- end of commands -->",
		write: func(b *strings.Builder) { newCommandSet().writeHelp(b) },
	},
	{
		name:  "flag table",
		start: "<!-- flags: generated from the flag table by TestReadme; go test ./repl -run Readme -update rewrites it -->\n",
		end:   "<!-- end of flags -->",
		write: writeFlagTable,
	},
}

// TestReadme fails when a generated part of README.md (the command list,
// the flag table) is not what the code makes; -update rewrites them.
func TestReadme(t *testing.T) {
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	text := string(readme)
	for _, part := range readmeParts {
		i, j := strings.Index(text, part.start), strings.Index(text, part.end)
		if i < 0 || j < i {
			t.Fatalf("README.md lacks the markers of the generated %s", part.name)
		}
		var b strings.Builder
		part.write(&b)
		want := b.String()
		if got := text[i+len(part.start) : j]; got != want {
			if *update {
				text = text[:i+len(part.start)] + want + text[j:]
				continue
			}
			t.Errorf("README.md's %s is stale (go test ./repl -run Readme -update):\n got:\n%s\nwant:\n%s", part.name, got, want)
		}
	}
	if *update {
		if err := os.WriteFile("../README.md", []byte(text), 0o644); err != nil {
			t.Fatalf("-update: %v", err)
		}
	}
}

// TestCommandTable: names are unique, each group is listed in order and
// sorted by name (so that help reads the same way every time), and every
// usage is derived from the arguments declared.
func TestCommandTable(t *testing.T) {
	cs := newCommandSet()
	seen := map[string]bool{}
	for i, c := range cs.list {
		for _, n := range c.names {
			if seen[n] {
				t.Errorf("%q names two commands", n)
			}
			seen[n] = true
		}
		if c.run == nil || c.summary() == "" {
			t.Errorf("%s has no handler or no help", c.name())
		}
		if i > 0 {
			prev := cs.list[i-1]
			if c.group < prev.group || c.group == prev.group && c.name() < prev.name() {
				t.Errorf("%s comes after %s: the table is ordered by group, then name", c.name(), prev.name())
			}
		}
		for k, p := range c.args {
			if p.repeated && k != len(c.args)-1 {
				t.Errorf("%s: only the last argument may repeat", c.name())
			}
			if p.kind == argChoice && len(p.choices) == 0 {
				t.Errorf("%s: a choice with no choices", c.name())
			}
		}
	}
}

// TestFlagTable: every flag has a target, in the program's flag set and
// (for connection flags) in connect's, and no target lacks a flag.
func TestFlagTable(t *testing.T) {
	var opts Options
	fs := opts.FlagSet() // panics on a flag without a target
	var defined []string
	fs.VisitAll(func(f *flag.Flag) { defined = append(defined, f.Name) })
	var listed []string
	for _, d := range flagTable {
		listed = append(listed, d.name)
		if d.short != "" {
			listed = append(listed, d.short)
		}
	}
	slices.Sort(defined)
	slices.Sort(listed)
	if !slices.Equal(defined, listed) {
		t.Errorf("flags defined %v, the table lists %v", defined, listed)
	}
	var co ConnectOptions
	if n := len(co.targets()); n != len(connectFlagNames()) {
		t.Errorf("%d connection targets for %d connection flags", n, len(connectFlagNames()))
	}
	co.flagSet()
}

// TestUsageGroups: xepl -h lists every flag once, under the heading of
// its group, the groups in their order, within 80 columns.
func TestUsageGroups(t *testing.T) {
	var b strings.Builder
	Usage(&b)
	usage := b.String()
	last := -1
	for _, g := range flagGroups {
		i := strings.Index(usage, "\n"+strings.ToUpper(g)+"\n")
		if i < last {
			t.Errorf("the heading %q is missing or out of order", strings.ToUpper(g))
		}
		last = i
		section := usage[i+1:]
		if end := strings.Index(section, "\n\n"); end >= 0 {
			section = section[:end]
		}
		for _, d := range flagTable {
			listed := strings.Contains(section, "\n  "+d.synopsis()+" ")
			if listed != (d.group == g) {
				t.Errorf("%s listed under %s: %v, its group is %s", d.synopsis(), g, listed, d.group)
			}
		}
	}
	for _, d := range flagTable {
		if !slices.Contains(flagGroups, d.group) {
			t.Errorf("%s has no group of xepl -h (%q)", d.synopsis(), d.group)
		}
	}
	for _, line := range strings.Split(usage, "\n") {
		if len([]rune(line)) > 80 {
			t.Errorf("xepl -h has a line of %d columns: %q", len([]rune(line)), line)
		}
	}
	for _, want := range []string{"\nENVIRONMENT\n", "\nEXIT STATUS\n"} {
		if !strings.Contains(usage, want) {
			t.Errorf("xepl -h lacks the section %q", strings.TrimSpace(want))
		}
	}
}

// writeFlagTable writes the README's flag table (Markdown).
func writeFlagTable(b *strings.Builder) {
	b.WriteString("| flag | what it does |\n|---|---|\n")
	for _, g := range flagGroups {
		fmt.Fprintf(b, "| **%s** | |\n", g)
		for _, d := range flagTable {
			if d.group == g {
				fmt.Fprintf(b, "| `%s` | %s |\n", d.synopsis(), d.help)
			}
		}
	}
}
