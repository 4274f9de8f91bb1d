package forms

import (
	"errors"
	"fmt"
	"sort"
	"strings"
)

// Asker asks a person for values, one question at a time. The shell
// implements it on the terminal; tests answer from a list.
type Asker interface {
	// Ask reads one line, after showing prompt.
	Ask(prompt string) (string, error)
	// AskSecret reads one line without echoing it (text-private fields).
	AskSecret(prompt string) (string, error)
}

// Teller is an Asker that can also show text that is not a question. Fill
// gives it, before each question, the field's label, description and
// options, and the reason an answer was refused; an Asker that is not a
// Teller gets them as the first lines of the prompt instead (the question
// proper is always the last line).
type Teller interface {
	Tell(text string)
}

// MaxTries is how many answers Fill refuses for one field before it gives
// up with an error.
const MaxTries = 3

// MissingError says which required fields have no value. It names them
// and says no more: how to give a value (var=value on a command line, say)
// is for the caller to tell.
type MissingError struct {
	Fields []*Field
}

func (e *MissingError) Error() string {
	names := make([]string, len(e.Fields))
	for i, fl := range e.Fields {
		names[i] = fl.describe()
	}
	what := "a required field has"
	if len(names) > 1 {
		what = "required fields have"
	}
	return fmt.Sprintf("%s no value: %s", what, strings.Join(names, ", "))
}

// Fill completes the form from values and, when ask is not nil, from a
// person.
//
// First each entry of values (var → text) is set as Apply does; every value
// refused is reported at once, and nothing is asked then.
//
// With ask == nil (a script), nothing is asked: a required field still
// without a value is a *MissingError naming each one.
//
// With an Asker (a terminal), Fill asks, in form order, for each visible
// field not given in values that is required and has no value, or has no
// default (no <value/> in the form): enough to complete the form without
// going through every field of a long configuration form, since fields
// with a default are rarely what one came to change (FillAll asks them
// all). Each question shows the field's label, description, options and
// current value; the answer is read as follows:
//
//   - Enter (an empty line) keeps the current value (if any);
//   - "-" clears the field;
//   - boolean: y/n, yes/no, true/false, 1/0, on/off (vocab.ParseBool);
//   - list-single: an option's number, value or label;
//   - list-multi and jid-multi: a comma-separated list of those, or of JIDs;
//   - text-multi: lines, until a line holding only "." (an empty first
//     line keeps the current value);
//   - text-private: read through AskSecret, without echo.
//
// A refused answer is explained and the question asked again, up to
// MaxTries times; then Fill fails. An error from the Asker (end of input,
// Ctrl-C) ends Fill with that error wrapped.
func (f *Form) Fill(values map[string]string, ask Asker) error {
	return f.fill(values, ask, false)
}

// FillAll is Fill asking, on a terminal, for every visible field not given
// in values, defaults or not (Enter keeps each default). With ask == nil
// it is Fill.
func (f *Form) FillAll(values map[string]string, ask Asker) error {
	return f.fill(values, ask, true)
}

func (f *Form) fill(values map[string]string, ask Asker, all bool) error {
	if err := f.Apply(values); err != nil {
		return err
	}
	if ask != nil {
		for _, fl := range f.Fields {
			if !fl.Visible() {
				continue
			}
			_, given := values[fl.Var]
			missing := fl.Required && !fl.HasValue()
			if !missing && (given || !all && len(fl.Values) > 0) {
				continue
			}
			if err := askField(fl, ask); err != nil {
				return err
			}
		}
	}
	if m := f.Missing(); len(m) > 0 {
		return &MissingError{Fields: m}
	}
	return nil
}

// Apply sets fields from text such as a command line gives: var → value.
// The value of a jid-multi or list-multi field is a list separated by commas or line breaks
// (unless it names one option exactly); that of a text-multi field is
// split into lines at line breaks or at a literal `\n`. Every var unknown
// or value refused is reported, in the order of the vars, in one error;
// the fields with good values are set all the same.
func (f *Form) Apply(values map[string]string) error {
	vars := make([]string, 0, len(values))
	for v := range values {
		vars = append(vars, v)
	}
	sort.Strings(vars)
	var errs []error
	for _, v := range vars {
		fl := f.Field(v)
		if fl == nil {
			errs = append(errs, f.unknownVar(v))
			continue
		}
		if err := f.Set(v, fl.split(values[v])...); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// split turns one typed text into the values of the field: lines for
// text-multi, items separated by commas or line breaks for the lists.
func (fl *Field) split(s string) []string {
	switch fl.Kind() {
	case TextMulti:
		return Lines(strings.ReplaceAll(s, `\n`, "\n"))
	case JIDMulti, ListMulti:
		if fl.Kind() == ListMulti && fl.hasOption(s) {
			return []string{s}
		}
		var out []string
		split := func(r rune) bool { return r == ',' || r == '\n' }
		for _, part := range strings.FieldsFunc(s, split) {
			if part = strings.TrimSpace(part); part != "" {
				out = append(out, part)
			}
		}
		return out
	}
	return []string{s}
}

// askField asks for one field until an answer is accepted.
func askField(fl *Field, ask Asker) error {
	teller, _ := ask.(Teller)
	intro := fl.question()
	if teller != nil {
		teller.Tell(intro)
		intro = ""
	}
	for tries := 1; ; tries++ {
		prompt := fl.prompt()
		if intro != "" {
			prompt = intro + "\n" + prompt
		}
		answer, err := readAnswer(fl, ask, prompt)
		if err != nil {
			return fmt.Errorf("asking for %s: %w", fl.describe(), err)
		}
		err = fl.take(answer)
		if err == nil {
			return nil
		}
		if tries == MaxTries {
			return fmt.Errorf("%s: %d answers refused, giving up (the last: %v)", fl.describe(), tries, err)
		}
		if teller != nil {
			teller.Tell(err.Error())
		} else {
			intro = err.Error()
		}
	}
}

// answer is what a person answered for a field: keep, clear, or values.
type answer struct {
	keep, clear bool
	values      []string
}

// readAnswer reads one answer, several lines for text-multi.
func readAnswer(fl *Field, ask Asker, prompt string) (answer, error) {
	if fl.Secret() {
		s, err := ask.AskSecret(prompt)
		if err != nil {
			return answer{}, err
		}
		return lineAnswer(fl, s), nil
	}
	s, err := ask.Ask(prompt)
	if err != nil {
		return answer{}, err
	}
	if fl.Kind() != TextMulti {
		return lineAnswer(fl, s), nil
	}
	first := strings.TrimRight(s, "\r")
	switch first {
	case "":
		return answer{keep: true}, nil
	case "-":
		return answer{clear: true}, nil
	}
	var lines []string
	for line := first; line != "."; {
		lines = append(lines, line)
		next, err := ask.Ask("... ")
		if err != nil {
			return answer{}, err
		}
		line = strings.TrimRight(next, "\r")
	}
	if len(lines) == 0 {
		lines = []string{""}
	}
	return answer{values: lines}, nil
}

// lineAnswer reads a one-line answer.
func lineAnswer(fl *Field, s string) answer {
	t := strings.TrimSpace(s)
	switch {
	case t == "":
		return answer{keep: true}
	case t == "-":
		return answer{clear: true}
	case fl.Kind() == TextSingle || fl.Kind() == TextPrivate:
		return answer{values: []string{s}}
	}
	return answer{values: fl.split(t)}
}

// take applies an answer to the field, or says why it is refused.
func (fl *Field) take(a answer) error {
	switch {
	case a.keep:
		if fl.Required && !fl.HasValue() {
			return errors.New("a value is required")
		}
		return nil
	case a.clear:
		if fl.Required {
			return errors.New("a value is required: this field cannot be cleared")
		}
		fl.Values = nil
		return nil
	}
	vals, err := fl.check(a.values)
	if err != nil {
		return err
	}
	if fl.Required && !(&Field{Values: vals}).HasValue() {
		return errors.New("a value is required")
	}
	fl.Values = vals
	return nil
}

// question is the text shown before asking for a field: its card, with
// the values only for text-multi, whose current lines the prompt cannot
// show (for the other kinds the prompt says what Enter keeps).
func (fl *Field) question() string {
	head, lines := fl.card(fl.Kind() == TextMulti)
	if fl.Kind() == TextMulti {
		lines = append(lines, `type the lines, then a line with only "."`)
	}
	var b strings.Builder
	b.WriteString(head)
	for _, line := range lines {
		b.WriteString("\n    " + line)
	}
	return b.String()
}

// prompt is the question proper: the var, what an answer may be, and the
// current value that Enter keeps.
func (fl *Field) prompt() string {
	var parts []string
	switch fl.Kind() {
	case Boolean:
		parts = append(parts, "y/n")
	case ListSingle:
		if len(fl.Options) > 0 {
			parts = append(parts, "number, value or label")
		}
	case ListMulti:
		if len(fl.Options) > 0 {
			parts = append(parts, "numbers, values or labels, comma-separated")
		}
	case JIDMulti:
		parts = append(parts, "comma-separated")
	}
	if fl.Kind() != TextMulti {
		if cur := fl.current(); cur != "" {
			parts = append(parts, "Enter keeps "+cur)
		}
	}
	if !fl.Required && len(fl.Values) > 0 {
		parts = append(parts, "- clears")
	}
	p := fl.Var
	if len(parts) > 0 {
		p += " (" + strings.Join(parts, "; ") + ")"
	}
	return p + ": "
}

// current shows the values Enter keeps.
func (fl *Field) current() string {
	if len(fl.Values) == 0 {
		return ""
	}
	shown := make([]string, len(fl.Values))
	for i, v := range fl.Values {
		shown[i] = fl.show(v)
	}
	return strings.Join(shown, ", ")
}
