package xeplist

import (
	"bufio"
	"encoding/xml"
	"fmt"
	"io"
	"strings"
)

// Write writes l in xeplist.xml's format, one element per line so that a
// checked-in snapshot diffs well, after header, an XML comment's text.
func Write(w io.Writer, l *List, header string) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "<?xml version='1.0' encoding='UTF-8'?>\n<!--\n%s-->\n", header)
	fmt.Fprintf(bw, "<xep-infos commit='%s'>\n", esc(l.Commit))
	for _, x := range l.XEPs {
		fmt.Fprintf(bw, "<xep accepted='true'>\n <number>%d</number>\n", x.Number)
		elem(bw, " ", "title", x.Title)
		elem(bw, " ", "type", x.Type)
		elem(bw, " ", "status", x.Status)
		elem(bw, " ", "shortname", x.Shortname)
		specs(bw, "supersedes", x.Supersedes)
		specs(bw, "supersededby", x.SupersededBy)
		if x.Version != "" || x.Date != "" {
			bw.WriteString(" <last-revision>\n")
			elem(bw, "  ", "date", x.Date)
			elem(bw, "  ", "version", x.Version)
			bw.WriteString(" </last-revision>\n")
		}
		bw.WriteString("</xep>\n")
	}
	bw.WriteString("</xep-infos>\n")
	return bw.Flush()
}

func elem(w *bufio.Writer, indent, name, text string) {
	if text != "" {
		fmt.Fprintf(w, "%s<%s>%s</%s>\n", indent, name, esc(text), name)
	}
}

func specs(w *bufio.Writer, name string, list []string) {
	if len(list) == 0 {
		return
	}
	fmt.Fprintf(w, " <%s>\n", name)
	for _, s := range list {
		elem(w, "  ", "spec", s)
	}
	fmt.Fprintf(w, " </%s>\n", name)
}

func esc(s string) string {
	var b strings.Builder
	xml.EscapeText(&b, []byte(s)) //nolint:errcheck // a Builder does not fail
	return b.String()
}
