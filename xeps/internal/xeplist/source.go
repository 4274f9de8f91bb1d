package xeplist

import (
	"bufio"
	"encoding/xml"
	"fmt"
	"io"
	"io/fs"
	"regexp"
	"strconv"
	"strings"
	"sync"
)

// sourceName is how the XSF names a published XEP's source; the
// template and README beside them do not match, nor does the inbox.
// (Compiled at first use: xepl links this package but only the generator
// reads sources, and start-up must not pay for it.)
var sourceName = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^xep-(\d{4})\.xml$`) })

// FromSources builds the list from the xep-NNNN.xml files at the top of
// fsys (a checkout of github.com/xsf/xeps), reading each header as
// tools/extract-metadata.py does: the first <revision> is the newest, and
// a short name of "N/A", "None" or "not yet assigned" means none.
func FromSources(fsys fs.FS) (*List, error) {
	entries, err := fs.ReadDir(fsys, ".")
	if err != nil {
		return nil, fmt.Errorf("xeplist: %w", err)
	}
	l := &List{}
	for _, e := range entries {
		m := sourceName().FindStringSubmatch(e.Name())
		if m == nil {
			continue
		}
		f, err := fsys.Open(e.Name())
		if err != nil {
			return nil, fmt.Errorf("xeplist: %w", err)
		}
		x, err := readHeader(f)
		f.Close()
		if err != nil {
			return nil, fmt.Errorf("xeplist: %s: %w", e.Name(), err)
		}
		if n, _ := strconv.Atoi(m[1]); n != x.Number {
			return nil, fmt.Errorf("xeplist: %s: header says XEP %d", e.Name(), x.Number)
		}
		l.XEPs = append(l.XEPs, x)
	}
	if len(l.XEPs) == 0 {
		return nil, fmt.Errorf("xeplist: no xep-NNNN.xml files")
	}
	// fs.ReadDir sorts by name, and the names are zero-padded numbers,
	// so the list is already in order.
	return l, nil
}

// readHeader reads the facts of one XEP's <header>, stopping at its end.
func readHeader(r io.Reader) (XEP, error) {
	d := xml.NewDecoder(bufio.NewReader(r))
	// The sources use the XSF's entities (&LEGALNOTICE;, &stpeter;)
	// from a DTD this decoder does not read; non-strict, they stay text
	// outside the elements read here.
	d.Strict = false
	var (
		x         XEP
		number    string
		path      []string
		text      strings.Builder
		revisions int
	)
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return XEP{}, fmt.Errorf("no complete <header>")
		}
		if err != nil {
			return XEP{}, err
		}
		switch t := tok.(type) {
		case xml.Directive:
			// A XEP may define its own entities in the DOCTYPE, its
			// number among them (<!ENTITY xep-number "0491">).
			d.Entity = entities(t, d.Entity)
		case xml.StartElement:
			path = append(path, t.Name.Local)
			text.Reset()
			if strings.Join(path, "/") == "xep/header/revision" {
				revisions++
			}
		case xml.CharData:
			text.Write(t)
		case xml.EndElement:
			s := clean(text.String())
			switch p := strings.Join(path, "/"); {
			case p == "xep/header":
				x.Number, err = strconv.Atoi(number)
				if err != nil {
					return XEP{}, fmt.Errorf("<number> %q", number)
				}
				if x.Shortname = shortname(x.Shortname); x.Title == "" || x.Type == "" || x.Status == "" {
					return XEP{}, fmt.Errorf("header lacks a title, type or status")
				}
				return x, nil
			case p == "xep/header/number":
				number = s
			case p == "xep/header/title":
				x.Title = s
			case p == "xep/header/type":
				x.Type = s
			case p == "xep/header/status":
				x.Status = s
			case p == "xep/header/shortname":
				x.Shortname = s
			case p == "xep/header/revision/version" && revisions == 1:
				x.Version = s
			case p == "xep/header/revision/date" && revisions == 1:
				x.Date = s
			case p == "xep/header/supersedes/spec" && s != "":
				x.Supersedes = append(x.Supersedes, s)
			case p == "xep/header/supersededby/spec" && s != "":
				x.SupersededBy = append(x.SupersededBy, s)
			}
			path = path[:len(path)-1]
			text.Reset()
		}
	}
}

// entityDecl matches a general entity declared with a quoted value.
var entityDecl = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`<!ENTITY\s+([A-Za-z_][\w.-]*)\s+(?:"([^"<]*)"|'([^'<]*)')\s*>`)
})

// entities adds the DOCTYPE's plain-text entities to m; those holding
// markup are left for the non-strict decoder to show as text.
func entities(doctype xml.Directive, m map[string]string) map[string]string {
	for _, e := range entityDecl().FindAllStringSubmatch("<!"+string(doctype)+">", -1) {
		if m == nil {
			m = map[string]string{}
		}
		m[e[1]] = e[2] + e[3]
	}
	return m
}

// shortname drops the placeholders extract-metadata.py treats as none.
func shortname(s string) string {
	switch strings.ToLower(strings.NewReplacer("-", " ", "_", " ").Replace(s)) {
	case "not yet assigned", "n/a", "none", "to be assigned", "to be issued":
		return ""
	}
	return s
}
