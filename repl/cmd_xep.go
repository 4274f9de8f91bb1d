package repl

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"text/tabwriter"

	"xepl/catalog"
	"xepl/xeps"
)

// maxXEPResults is how many XEPs xep search lists.
const maxXEPResults = 15

// cmdXEP shows a XEP, or with search or update, finds XEPs or refreshes
// the list they come from.
func (sh *Shell) cmdXEP(ctx context.Context, args []string) error {
	if len(args) > 0 {
		switch args[0] {
		case "search":
			return sh.xepSearch(args[1:])
		case "update":
			if len(args) > 1 {
				return errors.New("xep update takes no arguments")
			}
			return sh.xepUpdate(ctx)
		}
	}
	if len(args) != 1 {
		return errors.New("usage: xep NUMBER, xep search WORDS or xep update; for example xep 77")
	}
	n, ok := xeps.ParseNumber(args[0])
	if !ok {
		return fmt.Errorf("%q is not a XEP number: for XEPs by name, xep search %s", args[0], args[0])
	}
	x, ok := xeps.Lookup(n)
	if !ok {
		return fmt.Errorf("XEP-%04d is not in the XSF's list (newest revision %s): xep update fetches the current one", n, xeps.ListSource().Newest)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %s\n  %s, %s", x.Name(), x.Title, x.Status, x.Type)
	if x.Version != "" {
		fmt.Fprintf(&b, ", version %s of %s", x.Version, x.Updated)
	}
	fmt.Fprintf(&b, "\n  %s\n", x.URL())
	if len(x.SupersededBy) > 0 {
		fmt.Fprintf(&b, "  superseded by %s\n", strings.Join(x.SupersededBy, ", "))
	}
	if x.Summary != "" {
		fmt.Fprintf(&b, "  %s\n", x.Summary)
	}
	if len(x.Namespaces) > 0 {
		fmt.Fprintf(&b, "namespaces: %s\n", strings.Join(x.Namespaces, ", "))
	}
	ts := catalog.ByXEP(n)
	if len(ts) == 0 {
		b.WriteString("no templates yet\n")
	} else {
		b.WriteString("templates:\n")
		tw := tabwriter.NewWriter(&b, 0, 4, 2, ' ', 0)
		for _, t := range ts {
			fmt.Fprintf(tw, "  %s\t%s\n", t.Name, t.Title)
		}
		tw.Flush()
	}
	sh.out.text(b.String())
	return nil
}

// xepSearch lists the XEPs that match words, best first, one a line:
// name, status, title (the title last, so that a long one wraps under
// itself).
func (sh *Shell) xepSearch(words []string) error {
	if len(words) == 0 {
		return errors.New("xep search what? for example: xep search privacy")
	}
	q := strings.Join(words, " ")
	found := xeps.Search(q)
	if len(found) == 0 {
		return fmt.Errorf("no XEP title or short name matches %q: try fewer or other words", q)
	}
	var b strings.Builder
	tw := tabwriter.NewWriter(&b, 0, 4, 2, ' ', 0)
	for i, x := range found {
		if i == maxXEPResults {
			break
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\n", x.Name(), x.Status, x.Title)
	}
	tw.Flush()
	if n := len(found) - maxXEPResults; n > 0 {
		fmt.Fprintf(&b, "(%d more; add words to narrow the search)\n", n)
	}
	sh.out.text(b.String())
	return nil
}

// xepUpdate fetches the XSF's current list of XEPs into the cache.
func (sh *Shell) xepUpdate(ctx context.Context) error {
	url := sh.cfg.XEPListURL
	if url == "" {
		url = xeps.ListURL
	}
	ctx, cancel := context.WithTimeout(ctx, sh.cfg.timeout())
	defer cancel()
	up, err := xeps.Update(ctx, &http.Client{}, url, sh.cfg.XEPList)
	if err != nil {
		return fmt.Errorf("xep update: %w", err)
	}
	if up.Used {
		sh.out.text(fmt.Sprintf("XEP list updated from %s: %d XEPs, newest revision %s; kept in %s\n",
			url, up.Source.XEPs, up.Source.Newest, up.Source.File))
	} else {
		sh.out.text(fmt.Sprintf("the list from %s (newest revision %s) is not newer than xepl's own (%s): nothing changes\n",
			url, up.Fetched, up.Source.Newest))
	}
	return nil
}

// DefaultXEPListFile is where xep update keeps the XSF's list of XEPs:
// $XDG_CACHE_HOME/xepl/xeplist.xml, or ~/.cache/xepl/xeplist.xml.
func DefaultXEPListFile(getenv func(string) string) string {
	return xdgFile(getenv, "XDG_CACHE_HOME", ".cache", "xeplist.xml")
}
