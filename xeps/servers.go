package xeps

import (
	"slices"
	"strings"
)

// Difference is one request that Prosody and ejabberd answer with
// different errors, as measured: explaining an error that is one of the
// two, the shell names the servers, so that one server's answer is not
// taken for the protocol's.
type Difference struct {
	// Case is the request, in a few words.
	Case string
	// Namespace is the namespace of the request's payload, or "".
	Namespace string
	// Prosody and Ejabberd are each server's answer: an error type and
	// condition, such as "cancel" and "item-not-found".
	ProsodyType, Prosody   string
	EjabberdType, Ejabberd string
	// Seen names the versions it was seen on; Source, where it was
	// written down.
	Seen, Source string
}

// Differences returns the measured differences in which one of the
// servers answers condition. payloadNS are the namespaces of the payload
// an error reply carries (an echo of its request, which ejabberd sends):
// when there are any, a difference whose request had another payload
// namespace does not apply.
func Differences(condition string, payloadNS []string) []Difference {
	var out []Difference
	for _, df := range data().extra().differences {
		if df.Prosody != condition && df.Ejabberd != condition {
			continue
		}
		if len(payloadNS) > 0 && df.Namespace != "" && !slices.Contains(payloadNS, df.Namespace) {
			continue
		}
		out = append(out, df)
	}
	return out
}

// loadDifferences reads data/servers.txt into d, after the conditions:
// each answer must be a known stanza condition with an error type.
func loadDifferences(d *database, recs []record) error {
	for _, r := range recs {
		m, err := r.check([]string{"case", "ns", "prosody", "ejabberd", "seen", "source"}, nil,
			[]string{"case", "prosody", "ejabberd", "seen", "source"})
		if err != nil {
			return err
		}
		if r.fields[0].key != "case" {
			return r.errorf(r.line, "record must start with case")
		}
		df := Difference{Case: first(m, "case"), Namespace: first(m, "ns"), Seen: first(m, "seen"), Source: first(m, "source")}
		for _, a := range []struct {
			key       string
			typ, cond *string
		}{{"prosody", &df.ProsodyType, &df.Prosody}, {"ejabberd", &df.EjabberdType, &df.Ejabberd}} {
			typ, cond, ok := strings.Cut(first(m, a.key), "/")
			if !ok || !slices.Contains(errorTypes, typ) {
				return r.errorf(r.line, "%s: %q is not TYPE/CONDITION with a type of %v", a.key, first(m, a.key), errorTypes)
			}
			if _, ok := d.conditions[condKey{NSStanzas, cond}]; !ok {
				return r.errorf(r.line, "%s: %q is not a stanza condition", a.key, cond)
			}
			*a.typ, *a.cond = typ, cond
		}
		if df.Prosody == df.Ejabberd && df.ProsodyType == df.EjabberdType {
			return r.errorf(r.line, "%s: both servers answer the same: no difference", df.Case)
		}
		d.differences = append(d.differences, df)
	}
	return nil
}
