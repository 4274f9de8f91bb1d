package repl

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"xepl/catalog"
	"xepl/xeps"
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
	advertised := map[string]bool{}
	d, err := sh.fetchInfo(ctx, c, discoTarget{JID: to})
	if err != nil {
		return err
	}
	for _, f := range d.Features {
		advertised[f.Var] = true
	}
	if to == c.server() && !c.stream.Info().Register {
		// PEP lives on the account: ask it too.
		if own, err := sh.fetchInfo(ctx, c, discoTarget{JID: c.bare()}); err == nil {
			for _, f := range own.Features {
				advertised[f.Var] = true
			}
		}
		// Services such as MUC, pubsub and upload live on components.
		if list, err := sh.fetchItems(ctx, c, discoTarget{JID: to}); err == nil {
			for _, it := range list {
				if it.Node != "" {
					continue
				}
				if d, err := sh.fetchInfo(ctx, c, discoTarget{JID: it.JID.String()}); err == nil {
					for _, f := range d.Features {
						advertised[f.Var] = true
					}
				}
			}
		}
		for _, stage := range c.stream.Info().Offered {
			for _, f := range stage.Features {
				advertised[f.Namespace] = true
			}
		}
	}
	nodes := map[string]bool{}
	if items, err := sh.commandList(ctx, c, to); err == nil {
		for _, it := range items {
			nodes[it.Node] = true
		}
	}
	groups := map[verdict][]string{}
	advertisedXEPs := xepsOf(advertised)
	for _, t := range catalog.All() {
		v := judgeTemplate(t, advertised, advertisedXEPs, nodes)
		groups[v] = append(groups[v], t.Name)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s advertises %d features and offers you %d commands.\n", to, len(d.Features), len(nodes))
	writeGroup(&b, "offered", groups[offered])
	writeGroup(&b, "not advertised (the server may still answer: some features, such as private storage, are seldom advertised)", groups[verdictNotOffered])
	writeGroup(&b, "cannot tell from disco (core protocol that no one advertises)", groups[cannotTell])
	sh.out.text(b.String())
	return nil
}

// judgeTemplate sorts one template: a command by the command list; any
// other by whether what it exercises, or anything of its main XEP, is
// advertised. Templates of the core RFCs cannot be told from disco.
func judgeTemplate(t *catalog.Template, advertised map[string]bool, advertisedXEPs map[int]bool, nodes map[string]bool) verdict {
	if t.Kind == catalog.KindCommand {
		if nodes[t.Node] {
			return offered
		}
		return verdictNotOffered
	}
	for _, ns := range t.Covers() {
		if advertised[ns] {
			return offered
		}
	}
	if main := t.Specs[0]; main.Kind == catalog.RefXEP {
		if advertisedXEPs[main.Number] {
			return offered
		}
		return verdictNotOffered
	}
	return cannotTell
}

// xepsOf maps advertised features to the XEPs that define them.
func xepsOf(advertised map[string]bool) map[int]bool {
	out := map[int]bool{}
	for f := range advertised {
		if sp, ok := xeps.ForNamespace(f); ok && sp.XEP != 0 {
			out[sp.XEP] = true
		}
	}
	return out
}

func writeGroup(b *strings.Builder, title string, names []string) {
	fmt.Fprintf(b, "%s (%d):\n", title, len(names))
	line := " "
	for _, n := range names {
		if len(line)+len(n)+1 > 100 {
			b.WriteString(line + "\n")
			line = " "
		}
		line += " " + n
	}
	if strings.TrimSpace(line) != "" {
		b.WriteString(line + "\n")
	}
}
