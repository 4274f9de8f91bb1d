package xeps

import (
	"fmt"
	"slices"

	"xepl/xeps/internal/xeplist"
)

// loadXEPs makes d's XEPs from list, the XSF's facts for every published
// XEP, and recs, the records of data/xeps.txt: what xepl adds by hand
// (namespaces and a summary) and may not contradict, since a record
// holds no title, status or type.
func loadXEPs(d *database, list *xeplist.List, recs []record) error {
	d.xeps = make([]XEP, 0, len(list.XEPs))
	d.byNumber = make(map[int]int, len(list.XEPs))
	for _, e := range list.XEPs {
		d.byNumber[e.Number] = len(d.xeps)
		d.xeps = append(d.xeps, fromList(e))
	}
	prev := 0
	for _, r := range recs {
		m, err := r.check([]string{"xep", "ns", "summary"}, []string{"ns"}, []string{"xep", "summary"})
		if err != nil {
			return fmt.Errorf("%w (title, status and type come from data/xeplist.xml)", err)
		}
		if r.fields[0].key != "xep" {
			return r.errorf(r.line, "record must start with xep")
		}
		n, err := r.number(m, "xep")
		if err != nil {
			return err
		}
		i, ok := d.byNumber[n]
		switch {
		case !ok:
			return r.errorf(r.line, "XEP %d is not in the XSF's list", n)
		case n == prev:
			return r.errorf(r.line, "XEP %d appears twice", n)
		case n < prev:
			return fmt.Errorf("xeps: %s: records are not sorted by number (%d after %d)", r.file, n, prev)
		case len(first(m, "summary")) > maxText:
			return r.errorf(r.line, "XEP %d: summary is longer than %d bytes", n, maxText)
		}
		prev = n
		d.xeps[i].Namespaces = m["ns"]
		d.xeps[i].Summary = first(m, "summary")
	}
	return nil
}

// fromList turns the XSF's entry into a XEP, naming its status as
// xmpp.org shows it: a header's Draft is shown as Stable (xep.xsl), the
// name XEP-0001 has given that status since 2022.
func fromList(e xeplist.XEP) XEP {
	status := e.Status
	if status == "Draft" {
		status = "Stable"
	}
	return XEP{
		Number:       e.Number,
		Title:        e.Title,
		Status:       status,
		Type:         e.Type,
		Shortname:    e.Shortname,
		Version:      e.Version,
		Updated:      e.Date,
		SupersededBy: slices.Clone(e.SupersededBy),
	}
}
