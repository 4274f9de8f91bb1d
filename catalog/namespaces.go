package catalog

import (
	"slices"
	"strings"
	"sync"
)

// xmlEntities decodes the predefined entities a namespace value may use.
var xmlEntities = sync.OnceValue(func() *strings.Replacer {
	return strings.NewReplacer("&amp;", "&", "&lt;", "<", "&gt;", ">", "&apos;", "'", "&quot;", `"`)
})

// bodyNamespaces returns the values of every xmlns and xmlns:prefix
// attribute in the text of a body, in all its sections, sorted and without
// repeats. Values that hold a tag are skipped.
func bodyNamespaces(nodes []node) []string {
	var ns []string
	var walk func([]node)
	walk = func(nodes []node) {
		for _, n := range nodes {
			switch n.kind {
			case textNode:
				for _, v := range xmlnsValues(n.text) {
					// A value cut short by a tag continues in the next
					// node; such a value is not a fixed namespace.
					if v.closed {
						ns = append(ns, xmlEntities().Replace(v.value))
					}
				}
			case sectionNode, invertedNode:
				walk(n.children)
			}
		}
	}
	walk(nodes)
	slices.Sort(ns)
	return slices.Compact(ns)
}

type xmlnsValue struct {
	value  string
	closed bool // the closing quote is in the same text
}

// xmlnsValues finds xmlns="..." and xmlns:p='...' attributes in s.
func xmlnsValues(s string) []xmlnsValue {
	var vs []xmlnsValue
	for {
		i := strings.Index(s, "xmlns")
		if i < 0 {
			return vs
		}
		before := byte(' ')
		if i > 0 {
			before = s[i-1]
		}
		s = s[i+len("xmlns"):]
		if !strings.ContainsRune(" \t\n\r", rune(before)) {
			continue
		}
		rest := s
		if strings.HasPrefix(rest, ":") {
			rest = strings.TrimLeft(rest[1:], "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.")
		}
		rest = strings.TrimLeft(rest, " \t\r\n")
		if !strings.HasPrefix(rest, "=") {
			continue
		}
		rest = strings.TrimLeft(rest[1:], " \t\r\n")
		if rest == "" || rest[0] != '\'' && rest[0] != '"' {
			continue
		}
		q := rest[0]
		end := strings.IndexByte(rest[1:], q)
		if end < 0 {
			vs = append(vs, xmlnsValue{rest[1:], false})
			return vs
		}
		vs = append(vs, xmlnsValue{rest[1 : 1+end], true})
		s = rest[1+end+1:]
	}
}
