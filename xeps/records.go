package xeps

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// A field is one "key value" line of a data file.
type field struct {
	key, value string
	line       int
}

// A record is a block of fields separated from the next by a blank line.
type record struct {
	file   string
	line   int
	fields []field
}

// parseRecords splits a data file into records. Lines starting with "#"
// are comments; a blank line ends a record; every other line is a key, a
// single space and a non-empty value.
func parseRecords(file, text string) ([]record, error) {
	var (
		recs []record
		cur  *record
	)
	for i, line := range strings.Split(text, "\n") {
		n := i + 1
		line = strings.TrimRight(line, " \t\r")
		switch {
		case strings.HasPrefix(line, "#"):
			continue
		case line == "":
			cur = nil
			continue
		}
		key, value, ok := strings.Cut(line, " ")
		switch {
		case !ok || strings.TrimSpace(value) == "":
			return nil, fmt.Errorf("xeps: %s:%d: %q has no value", file, n, line)
		case key == "" || strings.ContainsAny(key, "\t"):
			return nil, fmt.Errorf("xeps: %s:%d: line must start with a key", file, n)
		case value != strings.TrimSpace(value):
			return nil, fmt.Errorf("xeps: %s:%d: extra space around the value of %q", file, n, key)
		}
		if cur == nil {
			recs = append(recs, record{file: file, line: n})
			cur = &recs[len(recs)-1]
		}
		cur.fields = append(cur.fields, field{key: key, value: value, line: n})
	}
	return recs, nil
}

// fields reads a record into a map after checking its keys: every key must
// be in allowed, keys in multi may repeat, and keys in required must be
// present.
func (r record) check(allowed, multi, required []string) (map[string][]string, error) {
	m := make(map[string][]string, len(r.fields))
	for _, f := range r.fields {
		if !slices.Contains(allowed, f.key) {
			return nil, r.errorf(f.line, "unknown key %q", f.key)
		}
		if len(m[f.key]) > 0 && !slices.Contains(multi, f.key) {
			return nil, r.errorf(f.line, "key %q appears twice", f.key)
		}
		m[f.key] = append(m[f.key], f.value)
	}
	for _, k := range required {
		if len(m[k]) == 0 {
			return nil, r.errorf(r.line, "record has no %q", k)
		}
	}
	return m, nil
}

func (r record) errorf(line int, format string, args ...any) error {
	return fmt.Errorf("xeps: %s:%d: %s", r.file, line, fmt.Sprintf(format, args...))
}

// number parses a positive decimal number from a field.
func (r record) number(m map[string][]string, key string) (int, error) {
	vals := m[key]
	if len(vals) == 0 {
		return 0, nil
	}
	n, err := strconv.Atoi(vals[0])
	if err != nil || n <= 0 {
		return 0, r.errorf(r.line, "%s %q is not a positive number", key, vals[0])
	}
	return n, nil
}

func first(m map[string][]string, key string) string {
	if v := m[key]; len(v) > 0 {
		return v[0]
	}
	return ""
}
