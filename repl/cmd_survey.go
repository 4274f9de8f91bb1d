package repl

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"xepl/catalog"
)

// verdict is where survey puts one template.
type verdict int

const (
	offered verdict = iota
	verdictNotOffered
	cannotTell
)

func (sh *Shell) cmdSurvey(ctx context.Context, args []string) error {
	c := sh.live()
	if c == nil {
		return errNotConnected
	}
	if len(args) > 1 {
		return errors.New("usage: survey [JID]")
	}
	if err := catalog.Load(); err != nil {
		return err
	}
	to := c.server()
	if len(args) == 1 {
		to = args[0]
	}
	facts, err := sh.gatherFacts(ctx, c, to)
	if err != nil {
		return err
	}
	groups := map[verdict][]string{}
	for _, t := range catalog.All() {
		v := facts.judge(t)
		groups[v] = append(groups[v], t.Name)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s advertises %d features and offers you %d commands", to, len(facts.server.features), len(facts.commands))
	if len(facts.components) > 0 {
		var names []string
		for _, ci := range facts.components {
			names = append(names, ci.jid)
		}
		fmt.Fprintf(&b, "; its services: %s", strings.Join(names, ", "))
	}
	b.WriteString(".\n")
	tty := sh.out.width != nil
	writeGroup(&b, "offered", groups[offered], tty)
	writeGroup(&b, "not advertised (the server may still answer: some features, such as private storage, are seldom advertised)", groups[verdictNotOffered], tty)
	writeGroup(&b, "cannot tell from disco (core protocol that no one advertises, or a stanza for someone else)", groups[cannotTell], tty)
	sh.out.text(b.String())
	return nil
}

// writeGroup lists names under a title. On a terminal the printer wraps
// the list to its width; elsewhere (a script's log) lines stop at 100
// columns.
func writeGroup(b *strings.Builder, title string, names []string, onTerminal bool) {
	fmt.Fprintf(b, "%s (%d):\n", title, len(names))
	if len(names) == 0 {
		return
	}
	if onTerminal {
		b.WriteString("  " + strings.Join(names, " ") + "\n")
		return
	}
	line := " "
	for _, n := range names {
		if len(line)+len(n)+1 > 100 {
			b.WriteString(line + "\n")
			line = " "
		}
		line += " " + n
	}
	b.WriteString(line + "\n")
}
