package catalog

import (
	"fmt"
	"strings"
)

// field is one "key: value" entry of a template header, with its
// continuation lines joined by one space.
type field struct {
	key, value string
	line       int
}

// splitFile cuts a template file into its header fields and the XML after
// the "---" line. bodyLine is the line number of the body's first line.
func splitFile(src string) (fields []field, body string, bodyLine int, err *lineError) {
	src = strings.ReplaceAll(src, "\r\n", "\n")
	line := 0
	for len(src) > 0 {
		var text string
		text, src, _ = strings.Cut(src, "\n")
		line++
		switch {
		case strings.TrimRight(text, " \t") == "---":
			return fields, src, line + 1, nil
		case strings.TrimSpace(text) == "" || text[0] == '#':
			continue
		case text[0] == ' ' || text[0] == '\t':
			if len(fields) == 0 {
				return nil, "", 0, &lineError{line, "an indented line continues a value, but no key comes before it"}
			}
			f := &fields[len(fields)-1]
			f.value = strings.TrimSpace(f.value + " " + strings.TrimSpace(text))
			continue
		}
		key, value, ok := strings.Cut(text, ":")
		key = strings.TrimSpace(key)
		if !ok || !isKey(key) {
			return nil, "", 0, &lineError{line, fmt.Sprintf("want \"key: value\", \"---\" or an indented continuation, not %q", text)}
		}
		fields = append(fields, field{key, strings.TrimSpace(value), line})
	}
	return nil, "", 0, &lineError{line, "no \"---\" line between the header and the XML"}
}

// lineError is a problem at a line of the file being parsed.
type lineError struct {
	line int
	msg  string
}

// isKey reports whether s can be a header key: lower-case letters, with
// single hyphens between words (error-note).
func isKey(s string) bool {
	if s == "" || s[0] == '-' || s[len(s)-1] == '-' || strings.Contains(s, "--") {
		return false
	}
	for _, c := range s {
		if (c < 'a' || c > 'z') && c != '-' {
			return false
		}
	}
	return true
}
