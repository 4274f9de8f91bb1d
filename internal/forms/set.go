package forms

import (
	"fmt"
	"strconv"
	"strings"

	"mellium.im/xmpp/jid"

	"xepl/internal/vocab"
)

// Set replaces the values of the field v after checking them against its
// type; with no values it clears the field. What each type takes:
//
//   - boolean: one of the words of vocab.ParseBool (true/false, 1/0,
//     yes/no, y/n, on/off, any case), stored as "1" or "0";
//   - jid-single: one JID, stored as mellium's jid.Parse normalises it;
//     jid-multi: each value a JID, duplicates dropped;
//   - list-single: one option, given by its value, its label (any case) or
//     its 1-based number in the list; list-multi: each value likewise,
//     duplicates dropped. A list field without options, or marked open
//     (XEP-0122), also takes other values;
//   - text-single and text-private: one line (possibly empty);
//   - text-multi: any text; each value is split into lines ("\r\n" or "\n"),
//     and one final newline is dropped;
//   - hidden: anything, kept as it is (a hidden field is not asked for, but
//     an explorer may change it on purpose);
//   - fixed: nothing: its text is not a value to set.
//
// A var the form does not have is an error that names similar vars. Errors
// never contain the value of a secret field.
func (f *Form) Set(v string, values ...string) error {
	fl := f.Field(v)
	if fl == nil {
		return f.unknownVar(v)
	}
	vals, err := fl.check(values)
	if err != nil {
		return fmt.Errorf("%s: %w", fl.describe(), err)
	}
	fl.Values = vals
	return nil
}

// check validates values for the field and returns them as they are
// stored.
func (fl *Field) check(values []string) ([]string, error) {
	if len(values) == 0 {
		return nil, nil
	}
	switch fl.Kind() {
	case Fixed:
		return nil, fmt.Errorf("a fixed field is text to read, not a value to set")
	case Hidden:
		return append([]string(nil), values...), nil
	case TextMulti:
		var lines []string
		for _, v := range values {
			lines = append(lines, Lines(v)...)
		}
		return lines, nil
	}
	multi := fl.Kind() == JIDMulti || fl.Kind() == ListMulti
	if !multi && len(values) > 1 {
		return nil, fmt.Errorf("takes one value, not %d", len(values))
	}
	var out []string
	seen := map[string]bool{}
	for _, v := range values {
		c, err := fl.checkOne(v)
		if err != nil {
			return nil, err
		}
		if multi {
			if seen[c] {
				continue
			}
			seen[c] = true
		}
		out = append(out, c)
	}
	return out, nil
}

// checkOne validates one value of a field that is neither fixed, hidden
// nor text-multi.
func (fl *Field) checkOne(v string) (string, error) {
	switch fl.Kind() {
	case Boolean:
		b, ok := vocab.ParseBool(v)
		if !ok {
			return "", fmt.Errorf("%q is not yes or no (%s)", v, vocab.BoolWords)
		}
		if b {
			return "1", nil
		}
		return "0", nil
	case JIDSingle, JIDMulti:
		v = strings.TrimSpace(v)
		if v == "" {
			return "", fmt.Errorf("an empty value is not a JID")
		}
		j, err := jid.Parse(v)
		if err != nil {
			return "", fmt.Errorf("%q is not a JID: %v", v, err)
		}
		return j.String(), nil
	case ListSingle, ListMulti:
		return fl.option(v)
	}
	// text-single, text-private and any type XEP-0004 does not define.
	if strings.ContainsAny(v, "\r\n") {
		if fl.Secret() {
			return "", fmt.Errorf("the value must be one line (it spans several)")
		}
		return "", fmt.Errorf("%q spans several lines; a %s field takes one line", v, fl.Kind())
	}
	return v, nil
}

// option finds the option meant by v: its value, else its label (any
// case), else its 1-based number.
func (fl *Field) option(v string) (string, error) {
	if len(fl.Options) == 0 {
		return v, nil
	}
	for _, o := range fl.Options {
		if o.Value == v {
			return o.Value, nil
		}
	}
	t := strings.TrimSpace(v)
	for _, o := range fl.Options {
		if o.Value == t || o.Label != "" && strings.EqualFold(strings.TrimSpace(o.Label), t) {
			return o.Value, nil
		}
	}
	if n, err := strconv.Atoi(t); err == nil && n >= 1 && n <= len(fl.Options) {
		return fl.Options[n-1].Value, nil
	}
	if fl.Open {
		return v, nil
	}
	return "", fmt.Errorf("%q is not one of the options: %s", v, fl.optionList())
}

// optionList names the options for an error message.
func (fl *Field) optionList() string {
	var parts []string
	for i, o := range fl.Options {
		s := fmt.Sprintf("%d. %s", i+1, o.Value)
		if o.Label != "" && o.Label != o.Value {
			s += " (" + o.Label + ")"
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, ", ")
}

// Lines splits text into the values of a text-multi field: at "\n",
// "\r\n" or "\r", with one final line break dropped. Empty text is one
// empty line.
func Lines(s string) []string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	s = strings.TrimSuffix(s, "\n")
	return strings.Split(s, "\n")
}

// unknownVar is the error for a var the form does not have.
func (f *Form) unknownVar(v string) error {
	if similar := f.similar(v); len(similar) > 0 {
		return fmt.Errorf("no field %q in this form; did you mean %s?", v, orList(similar))
	}
	var vars []string
	for _, fl := range f.Fields {
		if fl.Visible() {
			vars = append(vars, fl.Var)
		}
	}
	if len(vars) == 0 {
		return fmt.Errorf("no field %q: this form has no fields to fill", v)
	}
	return fmt.Errorf("no field %q in this form; its fields are %s", v, strings.Join(vars, ", "))
}

// orList joins quoted names as `"a"`, `"a" or "b"`, `"a", "b" or "c"`.
func orList(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = strconv.Quote(n)
	}
	if len(q) == 1 {
		return q[0]
	}
	return strings.Join(q[:len(q)-1], ", ") + " or " + q[len(q)-1]
}
