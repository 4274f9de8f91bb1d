package catalog

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"
)

// ParseFS parses every file in fsys that matches the glob pattern (as
// fs.Glob reads it), such as "templates/*.tmpl", and checks them together
// with Validate. It returns the templates that parsed, sorted by name,
// and every error found, joined. Each file is parsed under its base name.
func ParseFS(fsys fs.FS, pattern string) ([]*Template, error) {
	return parseFSWith(fsys, pattern, Parse)
}

// parseFSWith is ParseFS parsing each file with parse: the embedded
// catalog's remembers what it parsed.
func parseFSWith(fsys fs.FS, pattern string, parse func(file string, src []byte) (*Template, error)) ([]*Template, error) {
	ts, errs := parseFiles(fsys, pattern, parse, func(t *Template) string { return t.Name })
	if err := Validate(ts); err != nil {
		errs = append(errs, err)
	}
	return ts, errors.Join(errs...)
}

// Validate checks templates against each other: names are unique, every
// related name exists, and every before and after call names an existing
// template and only parameters that template declares. It returns every
// problem found, joined, or nil.
func Validate(ts []*Template) error {
	byName := make(map[string]*Template, len(ts))
	var errs []error
	for _, t := range ts {
		if other, dup := byName[t.Name]; dup {
			errs = append(errs, fmt.Errorf("%s: name %s is also used by %s", t.File, t.Name, other.File))
			continue
		}
		byName[t.Name] = t
	}
	for _, t := range ts {
		for _, r := range t.Related {
			if _, ok := byName[r]; !ok {
				errs = append(errs, fmt.Errorf("%s: related template %s does not exist", t.File, r))
			}
		}
		for _, c := range slices.Concat(t.Before, t.After) {
			callee, ok := byName[c.Name]
			if !ok {
				errs = append(errs, fmt.Errorf("%s: calls template %s, which does not exist", t.File, c.Name))
				continue
			}
			for _, a := range c.Args {
				k, _, _ := strings.Cut(a, "=")
				if _, ok := callee.Param(k); !ok {
					errs = append(errs, fmt.Errorf("%s: calls %s with %s, but %s has %s", t.File, c.Name, k, c.Name, callee.paramList()))
				}
			}
		}
	}
	return errors.Join(errs...)
}

// byXEP returns the templates in ts whose specs name XEP n, main spec
// first, then by name.
func byXEP(ts []*Template, n int) []*Template {
	var main, other []*Template
	for _, t := range ts {
		switch xs := t.XEPs(); {
		case len(t.Specs) > 0 && t.Specs[0].Kind == RefXEP && t.Specs[0].Number == n:
			main = append(main, t)
		case slices.Contains(xs, n):
			other = append(other, t)
		}
	}
	return append(main, other...)
}

// parseFiles parses each file of fsys that matches pattern with parse,
// under its base name, and returns what parsed, sorted by name, and the
// errors: templates and lessons are loaded alike.
func parseFiles[T any](fsys fs.FS, pattern string, parse func(string, []byte) (T, error), name func(T) string) ([]T, []error) {
	names, err := fs.Glob(fsys, pattern)
	if err != nil {
		return nil, []error{err}
	}
	var out []T
	var errs []error
	for _, file := range names {
		src, err := fs.ReadFile(fsys, file)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		v, err := parse(path.Base(file), src)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		out = append(out, v)
	}
	slices.SortFunc(out, func(a, b T) int { return strings.Compare(name(a), name(b)) })
	return out, errs
}
