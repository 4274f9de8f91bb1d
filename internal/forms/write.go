package forms

import (
	"bytes"
	"fmt"
	"io"
	"slices"
	"strings"
	"text/tabwriter"

	"xepl/internal/rawxml"
	"xepl/internal/vocab"
)

// Write shows the form to a person, in plain text: the title, the
// instructions and the FORM_TYPE, then each field as
//
//	Label [var] (hint, required)
//	    description
//	    = current value
//	    1. option label (value) *
//
// where the hint says what the field takes (text, one line; JID; yes/no;
// one of; ...), options are numbered as Set and Fill accept them and the
// chosen ones are starred. Fixed fields are printed as plain text lines,
// at the left margin, like section headings; hidden fields are not shown
// (except FORM_TYPE, at the top). A result table, if any, follows, as
// WriteTable shows it. Secret values are masked.
func (f *Form) Write(w io.Writer) error {
	return f.writeAll(w, true, (*Field).write)
}

// WriteHeader writes the title and instructions of the form, each on its
// own line, and nothing when it has neither.
func (f *Form) WriteHeader(w io.Writer) error {
	ew := &errWriter{w: w}
	f.writeHeader(ew)
	return ew.err
}

func (f *Form) writeHeader(ew *errWriter) {
	if f.Title != "" {
		ew.printf("%s\n", f.Title)
	}
	for _, in := range f.Instructions {
		for _, line := range Lines(in) {
			ew.printf("%s\n", line)
		}
	}
}

// write shows one visible field: its card, indented.
func (fl *Field) write(ew *errWriter) {
	head, lines := fl.card(true)
	ew.printf("  %s\n", head)
	for _, line := range lines {
		ew.printf("      %s\n", line)
	}
}

// card is how a field presents itself to a person, the same in Write and
// before Fill asks for it: the heading "Label [var] (hint, required)" (the
// var alone when it is its own label), then, one to a line, the lines of
// its description, its options numbered as answers may name them with
// the chosen ones starred, and, with values set, each value that is not
// an option as "= value". Callers indent it as their layout needs.
func (fl *Field) card(values bool) (head string, lines []string) {
	hint := fl.Hint()
	if fl.Required {
		hint += ", required"
	}
	head = fl.Var + " (" + hint + ")"
	if fl.Name() != fl.Var {
		head = oneLine(fl.Name()) + " [" + fl.Var + "] (" + hint + ")"
	}
	lines = descLines(fl.Desc)
	for i, o := range fl.Options {
		mark := ""
		if slices.Contains(fl.Values, o.Value) {
			mark = " *"
		}
		lines = append(lines, fmt.Sprintf("%d. %s%s", i+1, optionText(o), mark))
	}
	if values {
		for _, v := range fl.Values {
			if !fl.hasOption(v) {
				lines = append(lines, "= "+fl.show(v))
			}
		}
	}
	return head, lines
}

// Hint says in a few words what the field takes.
func (fl *Field) Hint() string {
	switch fl.Kind() {
	case Boolean:
		return "yes/no"
	case JIDSingle:
		return "JID"
	case JIDMulti:
		return "JIDs, comma-separated"
	case ListSingle:
		if len(fl.Options) == 0 {
			return "text"
		}
		return "one of"
	case ListMulti:
		if len(fl.Options) == 0 {
			return "comma-separated"
		}
		return "any of, comma-separated"
	case TextMulti:
		return "text, several lines"
	case TextPrivate:
		return "secret"
	case Hidden:
		return "hidden"
	case Fixed:
		return "fixed"
	case TextSingle:
		return "text"
	}
	return fl.Kind()
}

// show formats one value of the field for display.
func (fl *Field) show(v string) string {
	switch {
	case fl.Secret() && v != "":
		return rawxml.Mask
	case v == "":
		return `""`
	case fl.Kind() == Boolean:
		if b, ok := vocab.ParseBool(v); ok {
			if b {
				return "yes"
			}
			return "no"
		}
	}
	return oneLine(v)
}

func (fl *Field) hasOption(v string) bool {
	for _, o := range fl.Options {
		if o.Value == v {
			return true
		}
	}
	return false
}

// optionText is "Label (value)", or the value alone when there is no
// other label.
func optionText(o Option) string {
	l := strings.TrimSpace(o.Label)
	if l == "" || l == o.Value {
		return oneLine(o.Value)
	}
	return oneLine(l) + " (" + oneLine(o.Value) + ")"
}

// WriteTable shows a result: the title and instructions, then each field
// that has a var as "Label: value" (a value per line, indented, when there
// are several; fixed fields as plain lines; hidden ones left out), then the
// table of reported columns and item rows, aligned, with a header of the
// column labels. Cells are never cut; a cell with several values joins
// them with ", ". Secret values are masked.
func (f *Form) WriteTable(w io.Writer) error {
	return f.writeAll(w, false, (*Field).writeResult)
}

// writeAll writes the header (and the form type, when withType), each
// field as field says (fixed ones as plain lines, hidden ones left out),
// and the result table.
func (f *Form) writeAll(w io.Writer, withType bool, field func(*Field, *errWriter)) error {
	ew := &errWriter{w: w}
	f.writeHeader(ew)
	if ft := f.FormType(); withType && ft != "" {
		ew.printf("form type %s\n", ft)
	}
	for _, fl := range f.Fields {
		switch {
		case fl.Kind() == Fixed:
			for _, v := range fl.Values {
				ew.printf("%s\n", oneLine(v))
			}
		case !fl.Visible():
		default:
			field(fl, ew)
		}
	}
	if f.Table() {
		f.writeTable(ew)
	}
	return ew.err
}

// writeResult shows one field of a result.
func (fl *Field) writeResult(ew *errWriter) {
	name := strings.TrimSuffix(strings.TrimSpace(oneLine(fl.Name())), ":")
	values := fl.Values
	if fl.Kind() == TextMulti {
		values = nil
		for _, v := range fl.Values {
			values = append(values, Lines(v)...)
		}
	}
	switch len(values) {
	case 0:
		ew.printf("%s: (none)\n", name)
	case 1:
		ew.printf("%s: %s\n", name, fl.resultValue(values[0]))
	default:
		ew.printf("%s:\n", name)
		for _, v := range values {
			ew.printf("  %s\n", fl.resultValue(v))
		}
	}
}

// resultValue formats a value of a result: an option's value is shown
// with its label.
func (fl *Field) resultValue(v string) string {
	if !fl.Secret() {
		for _, o := range fl.Options {
			if o.Value == v && o.Label != "" && o.Label != v {
				return oneLine(o.Label) + " (" + oneLine(v) + ")"
			}
		}
	}
	return fl.show(v)
}

// writeTable aligns the reported columns and the item rows.
func (f *Form) writeTable(ew *errWriter) {
	cols := append([]*Field(nil), f.Reported...)
	index := map[string]int{}
	for i, c := range cols {
		index[c.Var] = i
	}
	for _, row := range f.Items {
		for _, cell := range row {
			if _, ok := index[cell.Var]; !ok {
				index[cell.Var] = len(cols)
				cols = append(cols, &Field{Var: cell.Var, Type: cell.Type})
			}
		}
	}
	if ew.err != nil || len(cols) == 0 {
		return
	}
	var buf bytes.Buffer
	tw := tabwriter.NewWriter(&buf, 0, 0, 2, ' ', 0)
	head := make([]string, len(cols))
	rule := make([]string, len(cols))
	for i, c := range cols {
		head[i] = cell(c.Name())
		rule[i] = strings.Repeat("-", max(len([]rune(head[i])), 1))
	}
	fmt.Fprintln(tw, strings.Join(head, "\t"))
	fmt.Fprintln(tw, strings.Join(rule, "\t"))
	for _, row := range f.Items {
		cells := make([]string, len(cols))
		for _, it := range row {
			col := cols[index[it.Var]]
			var vals []string
			for _, v := range it.Values {
				if col.Secret() || it.Secret() {
					vals = append(vals, rawxml.Mask)
				} else {
					vals = append(vals, v)
				}
			}
			cells[index[it.Var]] = cell(strings.Join(vals, ", "))
		}
		fmt.Fprintln(tw, strings.Join(cells, "\t"))
	}
	tw.Flush()
	for _, line := range strings.SplitAfter(buf.String(), "\n") {
		if line != "" {
			ew.printf("%s\n", strings.TrimRight(line, " \n"))
		}
	}
}

// cell makes text fit in one table cell: line breaks and tabs become
// spaces.
func cell(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' {
			return ' '
		}
		return r
	}, s)
}

// oneLine keeps text that is meant to be one line on one line.
func oneLine(s string) string {
	if !strings.ContainsAny(s, "\r\n\t") {
		return s
	}
	return cell(s)
}

// descLines splits a description into lines, without blank ends.
func descLines(s string) []string {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil
	}
	return Lines(s)
}

// errWriter keeps the first write error and writes nothing after it.
type errWriter struct {
	w   io.Writer
	err error
}

func (ew *errWriter) Write(p []byte) (int, error) {
	if ew.err != nil {
		return 0, ew.err
	}
	n, err := ew.w.Write(p)
	ew.err = err
	return n, err
}

func (ew *errWriter) printf(format string, args ...any) {
	fmt.Fprintf(ew, format, args...)
}
