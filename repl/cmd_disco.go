package repl

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"text/tabwriter"

	"xepl/xeps"
)

func (sh *Shell) cmdDisco(ctx context.Context, args []string) error {
	c := sh.live()
	if c == nil {
		return errNotConnected
	}
	if len(args) > 2 {
		return errors.New("usage: disco [JID|NUMBER] [NODE]")
	}
	t := discoTarget{JID: c.server()}
	if len(args) > 0 {
		t.JID = args[0]
		if n, err := strconv.Atoi(args[0]); err == nil {
			if n < 1 || n > len(c.disco.last) {
				return fmt.Errorf("no item %d in the last listing (it had %d)", n, len(c.disco.last))
			}
			it := c.disco.last[n-1]
			t = discoTarget{JID: it.JID.String(), Node: it.Node}
		}
	}
	if len(args) == 2 {
		t.Node = args[1]
	}
	// Always ask afresh: the cache is for following and completing.
	delete(c.disco.info, t)
	delete(c.disco.items, t)
	var b strings.Builder
	fmt.Fprintf(&b, "%s\n", t)
	d, infoErr := sh.fetchInfo(ctx, c, t)
	if infoErr != nil {
		fmt.Fprintf(&b, "  info: %v\n", infoErr)
	} else {
		writeInfo(&b, d)
	}
	list, itemsErr := sh.fetchItems(ctx, c, t)
	if itemsErr != nil {
		fmt.Fprintf(&b, "  items: %v\n", itemsErr)
	} else {
		writeItems(&b, list)
		c.disco.last = list
	}
	sh.out.text(b.String())
	if infoErr != nil && itemsErr != nil {
		return errFailed{"disco got no answer but errors"}
	}
	return nil
}

func writeInfo(b *strings.Builder, d *discoInfo) {
	b.WriteString("identities:\n")
	for _, id := range d.Identities {
		fmt.Fprintf(b, "  %s/%s", id.Category, id.Type)
		if id.Name != "" {
			fmt.Fprintf(b, "  %s", id.Name)
		}
		b.WriteString("\n")
	}
	fmt.Fprintf(b, "features (%d):\n", len(d.Features))
	tw := tabwriter.NewWriter(b, 0, 4, 2, ' ', 0)
	for _, f := range d.Features {
		spec := "unknown to xepl"
		if sp, ok := xeps.ForNamespace(f.Var); ok {
			spec = sp.String()
		}
		fmt.Fprintf(tw, "  %s\t%s\n", f.Var, spec)
	}
	tw.Flush()
	for _, f := range d.Forms {
		fmt.Fprintf(b, "extended information (%s):\n", f.FormType())
		var fb strings.Builder
		f.WriteTable(&fb)
		for _, line := range strings.Split(strings.TrimRight(fb.String(), "\n"), "\n") {
			b.WriteString("  " + line + "\n")
		}
	}
}

func writeItems(b *strings.Builder, list []itemsItem) {
	if len(list) == 0 {
		b.WriteString("items: none\n")
		return
	}
	fmt.Fprintf(b, "items (%d):\n", len(list))
	tw := tabwriter.NewWriter(b, 0, 4, 2, ' ', 0)
	for i, it := range list {
		node := ""
		if it.Node != "" {
			node = "node " + it.Node
		}
		fmt.Fprintf(tw, "  %d\t%s\t%s\t%s\n", i+1, it.JID, node, it.Name)
	}
	tw.Flush()
	b.WriteString("follow one with: disco NUMBER\n")
}
