package xeps

import (
	"embed"
	"fmt"
	"slices"
	"strings"
	"sync"

	"xepl/xeps/internal/xeplist"
)

//go:embed data/*.txt
var dataFS embed.FS

// errorTypes are the types a stanza error may have (RFC 6120 §8.3.2).
var errorTypes = []string{"auth", "cancel", "continue", "modify", "wait"}

// maxText is the longest summary, meaning or hint the data may hold.
const maxText = 200

// database holds the XEP facts in two parts. The first, the XEPs and the
// namespace index, is what every stanza's notes need, and is read at the
// first lookup. The rest (conditions, sections, form types, identities,
// server differences) is read at the first lookup of any of it (extra),
// since most sessions show no error or form: a start that only pings
// does not pay for parsing and checking files it never uses.
type database struct {
	xeps     []XEP
	byNumber map[int]int
	index    *index

	fsys      fileReader // where the rest is read from
	extraOnce sync.Once
	extraErr  error

	// The rest, valid once extra has returned.
	conditions  map[condKey]Condition
	condOrder   []condKey
	sections    map[int]xepSections
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
	d, err := loadFirst(fsys, list)
	if err != nil {
		return nil, err
	}
	d.extraOnce.Do(func() { d.extraErr = d.loadRest() })
	if d.extraErr != nil {
		return nil, d.extraErr
	}
	return d, nil
}

// readRecords reads one data file.
func readRecords(fsys fileReader, name string) ([]record, error) {
	b, err := fsys.ReadFile(name)
	if err != nil {
		return nil, fmt.Errorf("xeps: %w", err)
	}
	return parseRecords(name, string(b))
}

// loadFirst reads and checks the first part of the data (see database):
// the XEPs and the namespace index.
func loadFirst(fsys fileReader, list *xeplist.List) (*database, error) {
	read := func(name string) ([]record, error) { return readRecords(fsys, name) }
	d := &database{index: newIndex(), fsys: fsys}

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
	return d, nil
}

// extra returns d with the rest of the data read (see database). The
// files are compiled in and load checks them in the tests, so an error
// here is a build mistake, not a runtime condition.
func (d *database) extra() *database {
	d.extraOnce.Do(func() { d.extraErr = d.loadRest() })
	if d.extraErr != nil {
		panic(d.extraErr)
	}
	return d
}

// loadRest reads and checks the rest of the data, after loadFirst.
func (d *database) loadRest() error {
	d.conditions = map[condKey]Condition{}
	recs, err := readRecords(d.fsys, "data/conditions.txt")
	if err != nil {
		return err
	}
	for _, r := range recs {
		c, err := decodeCondition(r, d)
		if err != nil {
			return err
		}
		k := condKey{c.Namespace, c.Name}
		if _, dup := d.conditions[k]; dup {
			return r.errorf(r.line, "condition %s in %s appears twice", c.Name, c.Namespace)
		}
		d.conditions[k] = c
		d.condOrder = append(d.condOrder, k)
	}
	for _, f := range []struct {
		name string
		load func(*database, []record) error
	}{
		{"data/sections.txt", loadSections},
		{"data/fields.txt", loadFormTypes},
		{"data/identities.txt", loadIdentities},
		{"data/servers.txt", loadDifferences},
	} {
		if recs, err = readRecords(d.fsys, f.name); err != nil {
			return err
		}
		if err := f.load(d, recs); err != nil {
			return err
		}
	}
	return nil
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
