package rawxml

// SetAttr returns a copy of raw, which holds one element, whose root start
// tag carries name=value: the first attribute written as name gets the new
// value, or, if there is none, " name='value'" is appended after the last
// attribute. The value is escaped with EscapeAttr and put in single
// quotes. Every other byte of raw stays as it was. If raw does not start
// (after white space) with a complete start tag, SetAttr returns an
// unchanged copy. name is written as given and should be a valid XML name.
//
// The shell uses it to give an <iq/> typed without an id one.
func SetAttr(raw []byte, name, value string) []byte {
	lt := skipSpace(raw, 0)
	if lt >= len(raw) || raw[lt] != '<' {
		return append([]byte(nil), raw...)
	}
	i := tagNameEnd(raw, lt+1)
	if i == lt+1 || raw[lt+1] == '/' || raw[lt+1] == '!' || raw[lt+1] == '?' {
		return append([]byte(nil), raw...)
	}
	insert := i // just past the last attribute, or the name
	for {
		a, st, next := nextAttr(raw, i)
		switch st {
		case attrEOF:
			return append([]byte(nil), raw...)
		case attrDone:
			return splice(raw, insert, insert, " "+name+"='"+EscapeAttr(value)+"'")
		}
		if string(a.name) == name {
			return splice(raw, a.nameAt, a.end, name+"='"+EscapeAttr(value)+"'")
		}
		i, insert = next, a.end
	}
}

// splice returns a new slice holding b with b[from:to] replaced by s.
func splice(b []byte, from, to int, s string) []byte {
	out := make([]byte, 0, len(b)-(to-from)+len(s))
	out = append(out, b[:from]...)
	out = append(out, s...)
	return append(out, b[to:]...)
}
