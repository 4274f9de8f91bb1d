package repl

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"text/tabwriter"
)

// command is one entry of the command table. help, the completer and the
// command reference are all derived from the table.
type command struct {
	names []string // the first is canonical, the rest are aliases
	group string
	usage string // arguments, after the name
	// help: the first line is the summary, the rest the details.
	help string
	run  func(sh *Shell, ctx context.Context, args []string) error
}

func (c *command) name() string { return c.names[0] }

func (c *command) summary() string {
	first, _, _ := strings.Cut(c.help, "\n")
	return first
}

// Command groups, in the order help shows them.
const (
	groupShell      = "shell"
	groupConnection = "connection"
	groupStanzas    = "stanzas"
	groupCatalog    = "catalog"
	groupCommands   = "services"
)

var groupOrder = []string{groupConnection, groupStanzas, groupCatalog, groupCommands, groupShell}

// commands is the command table; it is filled in by init functions of the
// files that define the commands, one file per group.
var commands []*command

func register(cmds ...*command) {
	commands = append(commands, cmds...)
	sort.SliceStable(commands, func(i, j int) bool { return commands[i].name() < commands[j].name() })
}

// lookup finds a command by any of its names.
func lookup(name string) *command {
	for _, c := range commands {
		for _, n := range c.names {
			if n == name {
				return c
			}
		}
	}
	return nil
}

// writeHelp writes the overview: every command grouped, aligned, with its
// summary.
func writeHelp(b *strings.Builder) {
	tw := tabwriter.NewWriter(b, 0, 4, 2, ' ', 0)
	for _, g := range groupOrder {
		fmt.Fprintf(tw, "%s:\n", strings.ToUpper(g[:1])+g[1:])
		for _, c := range commands {
			if c.group != g {
				continue
			}
			fmt.Fprintf(tw, "  %s\t%s\n", strings.TrimSpace(c.name()+" "+c.usage), c.summary())
		}
		fmt.Fprintln(tw)
	}
	tw.Flush()
	b.WriteString("A line starting with < is XML to send as it is; it may span several lines.\n")
	b.WriteString("help COMMAND tells more about one command.\n")
}

// writeCommandHelp writes the full help of one command.
func writeCommandHelp(b *strings.Builder, c *command) {
	fmt.Fprintf(b, "usage: %s\n", strings.TrimSpace(c.name()+" "+c.usage))
	if len(c.names) > 1 {
		fmt.Fprintf(b, "aliases: %s\n", strings.Join(c.names[1:], ", "))
	}
	b.WriteString("\n" + c.help + "\n")
}
