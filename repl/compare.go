package repl

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"sync"

	"github.com/beevik/etree"
	"mellium.im/xmpp/jid"
)

// compared is what the last compare found, for expect same / differ.
type compared struct {
	a, b string
	same bool
	diff string
}

// cmdCompare runs one command (a template, raw XML, any shell command
// that gets a reply) on sessions A and B and shows how the two replies
// differ, leaving out what always differs: ids, resources, the sessions'
// own addresses and domains, timestamps, XEP-0050 session ids.
func (sh *Shell) cmdCompare(ctx context.Context, args []string) error {
	// The command comes verbatim: raw XML keeps its quotes.
	var nameA, nameB, line string
	if len(args) == 1 {
		nameA, line, _ = strings.Cut(strings.TrimSpace(args[0]), " ")
		nameB, line, _ = strings.Cut(strings.TrimSpace(line), " ")
		line = strings.TrimSpace(line)
	}
	if line == "" {
		return errors.New("usage: compare A B COMMAND... (two sessions, then what to send on each)")
	}
	a, b := sh.sessions.find(nameA), sh.sessions.find(nameB)
	if a == nil || b == nil || a == b {
		return fmt.Errorf("compare %s %s: two different open sessions are needed: %s", nameA, nameB, sh.sessionNames())
	}
	replies := make([][]byte, 2)
	for i, c := range []*conn{a, b} {
		before := c.replies
		terse := sh.out.terse.Swap(true)
		err := sh.runOn(ctx, c.name, line)
		sh.out.terse.Store(terse)
		var replyErr errReplyError
		if err != nil && !errors.As(err, &replyErr) {
			return fmt.Errorf("compare: on %s: %w", c.name, err)
		}
		if c.replies == before {
			return fmt.Errorf("compare: %s got no reply to compare (compare needs a request: an iq, a template, a command)", c.name)
		}
		replies[i] = c.last.raw
	}
	na, err := normalizeReply(sh.out.secrets.stanza(replies[0]), a)
	if err != nil {
		return err
	}
	nb, err := normalizeReply(sh.out.secrets.stanza(replies[1]), b)
	if err != nil {
		return err
	}
	d := lineDiff(na, nb)
	sh.compared = &compared{a: a.name, b: b.name, same: d == "", diff: d}
	if d == "" {
		sh.out.say("compare %s %s: the same (ids, resources, own addresses, times and session ids aside)", a.name, b.name)
		return nil
	}
	sh.out.text(fmt.Sprintf("compare %s %s: they differ (- only on %s, + only on %s; ids, resources, own addresses, times aside):\n%s", a.name, b.name, a.name, b.name, safeText(d)))
	return nil
}

// timeLike matches the values of dates and times (XEP-0082), which
// differ from one reply to the next.
var timeLike = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$|^\d\d:\d\d:\d\d(\.\d+)?$`)
})

// normalizeReply writes a reply as indented lines, attributes sorted,
// siblings of one name sorted, with what always differs between two
// sessions replaced or left out: the
// root's id and xml:lang (the stream's language, echoed by some servers),
// resources of addresses, the session's own bare JID and domain
// ({bare}, {domain}), stamp and sessionid attributes, and time values.
func normalizeReply(raw []byte, c *conn) ([]string, error) {
	doc := etree.NewDocument()
	if err := doc.ReadFromBytes(raw); err != nil || doc.Root() == nil {
		return nil, fmt.Errorf("compare: a reply that does not parse: %v", err)
	}
	own := c.stream.JID()
	var walk func(el *etree.Element, depth int, root bool) []string
	walk = func(el *etree.Element, depth int, root bool) []string {
		attrs := make([]string, 0, len(el.Attr))
		for _, at := range el.Attr {
			key := at.FullKey()
			v := at.Value
			switch {
			case root && key == "xml:lang":
				continue // the stream's language, which servers echo or not
			case root && key == "id", key == "sessionid", key == "stamp":
				v = "…"
			case key == "to" || key == "from" || key == "jid" || key == "by":
				v = ownAddress(v, own)
			case timeLike().MatchString(v):
				v = "{time}"
			}
			attrs = append(attrs, key+"="+fmt.Sprintf("%q", v))
		}
		slices.Sort(attrs)
		pad := strings.Repeat("  ", depth)
		head := pad + "<" + el.FullTag()
		if len(attrs) > 0 {
			head += " " + strings.Join(attrs, " ")
		}
		text := strings.TrimSpace(el.Text())
		if timeLike().MatchString(text) {
			text = "{time}"
		} else if text != "" {
			text = ownAddress(text, own)
		}
		children := el.ChildElements()
		switch {
		case len(children) == 0 && text == "":
			return []string{head + "/>"}
		case len(children) == 0:
			return []string{head + ">" + text + "</" + el.FullTag() + ">"}
		}
		lines := []string{head + ">"}
		if text != "" {
			lines = append(lines, pad+"  "+text)
		}
		// Siblings of one name (disco features, identities, items) come
		// in no meaningful order: each run of them is sorted.
		for i := 0; i < len(children); {
			j := i
			var run [][]string
			for j < len(children) && children[j].FullTag() == children[i].FullTag() {
				run = append(run, walk(children[j], depth+1, false))
				j++
			}
			slices.SortFunc(run, func(x, y []string) int { return strings.Compare(strings.Join(x, "\n"), strings.Join(y, "\n")) })
			for _, block := range run {
				lines = append(lines, block...)
			}
			i = j
		}
		return append(lines, pad+"</"+el.FullTag()+">")
	}
	return walk(doc.Root(), 0, true), nil
}

// ownAddress writes an address without its resource, and the session's
// own bare JID and domain as {bare} and {domain}; anything else (text
// that is not an address, another server's address) stays as it is.
func ownAddress(v string, own jid.JID) string {
	j, err := jid.Parse(v)
	if err != nil {
		return v
	}
	b := j.Bare()
	switch {
	case b.Equal(own.Bare()):
		return "{bare}"
	case j.Localpart() == "" && b.String() == own.Domainpart():
		return "{domain}"
	case j.Localpart() != "" && b.Domainpart() == own.Domainpart():
		return j.Localpart() + "@{domain}"
	case j.Resourcepart() != "":
		return b.String()
	}
	return v
}

// maxDiffLines bounds the replies lineDiff compares line by line.
const maxDiffLines = 4000

// lineDiff is a unified-style diff of a and b, "" when they are equal:
// lines only in a start with "- ", only in b with "+ ", common ones with
// "  ".
func lineDiff(a, b []string) string {
	if slices.Equal(a, b) {
		return ""
	}
	if len(a) > maxDiffLines || len(b) > maxDiffLines {
		return fmt.Sprintf("- (%d lines)\n+ (%d lines)\n  too long to compare line by line", len(a), len(b))
	}
	// Longest common subsequence, by dynamic programming.
	n, m := len(a), len(b)
	lcs := make([][]int, n+1)
	for i := range lcs {
		lcs[i] = make([]int, m+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			if a[i] == b[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	var out strings.Builder
	i, j := 0, 0
	for i < n || j < m {
		switch {
		case i < n && j < m && a[i] == b[j]:
			out.WriteString("  " + a[i] + "\n")
			i, j = i+1, j+1
		case j < m && (i == n || lcs[i][j+1] > lcs[i+1][j]):
			out.WriteString("+ " + b[j] + "\n")
			j++
		default:
			out.WriteString("- " + a[i] + "\n")
			i++
		}
	}
	return out.String()
}
