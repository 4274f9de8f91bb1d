package catalog

import (
	"fmt"
	"strings"
)

// word is one white-space separated word of a param, before or after
// line, with double quotes removed ("hello world" is one word).
type word struct {
	text string
	end  int // offset in the line just after the word
}

// splitWords splits a line into words. A double quote starts a quoted run
// that ends at the next double quote and may hold white space; the quotes
// themselves are dropped, so default="hello world" is the word
// default=hello world.
func splitWords(s string) ([]word, error) {
	var ws []word
	i := 0
	for {
		for i < len(s) && (s[i] == ' ' || s[i] == '\t') {
			i++
		}
		if i == len(s) {
			return ws, nil
		}
		var b strings.Builder
		for i < len(s) && s[i] != ' ' && s[i] != '\t' {
			if s[i] != '"' {
				b.WriteByte(s[i])
				i++
				continue
			}
			j := strings.IndexByte(s[i+1:], '"')
			if j < 0 {
				return nil, fmt.Errorf("a quote is not closed in %q", s)
			}
			b.WriteString(s[i+1 : i+1+j])
			i += j + 2
		}
		ws = append(ws, word{b.String(), i})
	}
}

// isName reports whether s is a parameter name: [a-z][a-z0-9-]*.
func isName(s string) bool {
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		return false
	}
	for _, c := range s[1:] {
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}

// isTemplateName reports whether s is a dotted template name of at least
// two parts, each of [a-z0-9-].
func isTemplateName(s string) bool {
	parts := strings.Split(s, ".")
	if len(parts) < 2 {
		return false
	}
	for _, p := range parts {
		if p == "" {
			return false
		}
		for _, c := range p {
			if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-') {
				return false
			}
		}
	}
	return true
}

// splitList splits a comma-separated value, trimming each item and
// dropping empty ones.
func splitList(s string) []string {
	var items []string
	for _, it := range strings.Split(s, ",") {
		if it = strings.TrimSpace(it); it != "" {
			items = append(items, it)
		}
	}
	return items
}
