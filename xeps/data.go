package xeps

import (
	"embed"
	"fmt"
	"slices"
	"strings"

	"xepl/xeps/internal/xeplist"
)

//go:embed data/*.txt
var dataFS embed.FS

// errorTypes are the types a stanza error may have (RFC 6120 §8.3.2).
var errorTypes = []string{"auth", "cancel", "continue", "modify", "wait"}

// maxText is the longest summary, meaning or hint the data may hold.
const maxText = 200

type database struct {
	xeps       []XEP
	byNumber   map[int]int
	index      *index
	conditions map[condKey]Condition
	condOrder  []condKey
	sections   map[int]xepSections

	formTypes   map[string]FormType
	formOrder   []string
	identities  map[string]Identity
	differences []Difference
}

type fileReader interface {
	ReadFile(name string) ([]byte, error)
}

// load parses and cross-checks all data files, with list giving every
// XEP's number, title, status and type.
func load(fsys fileReader, list *xeplist.List) (*database, error) {
	read := func(name string) ([]record, error) {
		b, err := fsys.ReadFile(name)
		if err != nil {
			return nil, fmt.Errorf("xeps: %w", err)
		}
		return parseRecords(name, string(b))
	}
	d := &database{byNumber: map[int]int{}, index: newIndex(), conditions: map[condKey]Condition{}}

	recs, err := read("data/xeps.txt")
	if err != nil {
		return nil, err
	}
	if err := loadXEPs(d, list, recs); err != nil {
		return nil, err
	}
	for _, x := range d.xeps {
		for _, ns := range x.Namespaces {
			s := Spec{Namespace: ns, XEP: x.Number, Title: x.Title, Status: x.Status}
			if err := d.index.add(s); err != nil {
				return nil, err
			}
		}
	}

	if recs, err = read("data/specs.txt"); err != nil {
		return nil, err
	}
	for _, r := range recs {
		s, err := decodeSpec(r)
		if err != nil {
			return nil, err
		}
		if err := d.index.add(s); err != nil {
			return nil, fmt.Errorf("%w (%s:%d)", err, r.file, r.line)
		}
	}

	if recs, err = read("data/conditions.txt"); err != nil {
		return nil, err
	}
	for _, r := range recs {
		c, err := decodeCondition(r, d)
		if err != nil {
			return nil, err
		}
		k := condKey{c.Namespace, c.Name}
		if _, dup := d.conditions[k]; dup {
			return nil, r.errorf(r.line, "condition %s in %s appears twice", c.Name, c.Namespace)
		}
		d.conditions[k] = c
		d.condOrder = append(d.condOrder, k)
	}

	if recs, err = read("data/sections.txt"); err != nil {
		return nil, err
	}
	if err := loadSections(d, recs); err != nil {
		return nil, err
	}
	for _, f := range []struct {
		name string
		load func(*database, []record) error
	}{
		{"data/fields.txt", loadFormTypes},
		{"data/identities.txt", loadIdentities},
		{"data/servers.txt", loadDifferences},
	} {
		if recs, err = read(f.name); err != nil {
			return nil, err
		}
		if err := f.load(d, recs); err != nil {
			return nil, err
		}
	}
	return d, nil
}

func decodeSpec(r record) (Spec, error) {
	m, err := r.check(
		[]string{"ns", "rfc", "section", "org", "title", "element"}, nil,
		[]string{"ns", "title"})
	if err != nil {
		return Spec{}, err
	}
	rfc, err := r.number(m, "rfc")
	if err != nil {
		return Spec{}, err
	}
	s := Spec{
		Namespace: first(m, "ns"),
		RFC:       rfc,
		Section:   first(m, "section"),
		Org:       first(m, "org"),
		Title:     first(m, "title"),
		Element:   first(m, "element"),
	}
	switch {
	case (s.RFC == 0) == (s.Org == ""):
		return Spec{}, r.errorf(r.line, "%s: give exactly one of rfc and org", s.Namespace)
	case s.Section != "" && s.RFC == 0:
		return Spec{}, r.errorf(r.line, "%s: section without rfc", s.Namespace)
	case strings.Count(s.Namespace, "*") > 1 || strings.Contains(strings.TrimSuffix(s.Namespace, "*"), "*"):
		return Spec{}, r.errorf(r.line, "%s: '*' may only end a name", s.Namespace)
	case s.Element != "" && strings.HasSuffix(s.Namespace, "*"):
		return Spec{}, r.errorf(r.line, "%s: an element record needs a whole namespace", s.Namespace)
	}
	return s, nil
}

func decodeCondition(r record, d *database) (Condition, error) {
	m, err := r.check(
		[]string{"kind", "name", "ns", "type", "general", "rfc", "xep", "section", "meaning", "hint"}, nil,
		[]string{"kind", "name", "ns", "meaning", "hint"})
	if err != nil {
		return Condition{}, err
	}
	rfc, err := r.number(m, "rfc")
	if err != nil {
		return Condition{}, err
	}
	xep, err := r.number(m, "xep")
	if err != nil {
		return Condition{}, err
	}
	c := Condition{
		Name:        first(m, "name"),
		Kind:        first(m, "kind"),
		Namespace:   first(m, "ns"),
		DefaultType: first(m, "type"),
		General:     first(m, "general"),
		Meaning:     first(m, "meaning"),
		Hint:        first(m, "hint"),
		Spec:        Spec{RFC: rfc, XEP: xep, Section: first(m, "section")},
	}
	switch c.Kind {
	case KindStanza:
		c.Spec.Title = "Stanza Errors"
	case KindStream:
		c.Spec.Title = "Stream Errors"
	case KindSASL:
		c.Spec.Title = "SASL Errors"
	}
	if xep != 0 {
		i, ok := d.byNumber[xep]
		if !ok {
			return Condition{}, r.errorf(r.line, "%s: XEP %d is not in the XSF's list", c.Name, xep)
		}
		c.Spec.Title, c.Spec.Status = d.xeps[i].Title, d.xeps[i].Status
	}
	needType := c.Kind != KindStream && c.Kind != KindSASL
	switch {
	case (rfc == 0) == (xep == 0):
		return Condition{}, r.errorf(r.line, "%s: give exactly one of rfc and xep", c.Name)
	case needType && !slices.Contains(errorTypes, c.DefaultType):
		return Condition{}, r.errorf(r.line, "%s: type %q is not one of %v", c.Name, c.DefaultType, errorTypes)
	case !needType && c.DefaultType != "":
		return Condition{}, r.errorf(r.line, "%s: %s conditions have no error type", c.Name, c.Kind)
	case len(c.Meaning) > maxText || len(c.Hint) > maxText:
		return Condition{}, r.errorf(r.line, "%s: meaning or hint longer than %d bytes", c.Name, maxText)
	}
	if c.General != "" {
		g, ok := d.conditions[condKey{NSStanzas, c.General}]
		if !ok || g.Kind != KindStanza {
			return Condition{}, r.errorf(r.line, "%s: general condition %q is not a stanza condition listed earlier", c.Name, c.General)
		}
	}
	return c, nil
}
