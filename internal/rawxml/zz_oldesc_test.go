package rawxml_test

// escapes maps the bytes to escape to their references; other bytes map to "".
type escapes [256]string

// textEscapes escapes character data. > is escaped too, so that a "]]>" in
// the text cannot end anything. A carriage return is kept as a reference,
// since a parser would turn a literal one into a line feed.
var textEscapes = escapes{
	'&':  "&amp;",
	'<':  "&lt;",
	'>':  "&gt;",
	'\r': "&#xD;",
}

// attrEscapes escapes a value written between double quotes. White space
// other than the space is kept as references, since a parser would turn a
// literal tab or line break in a value into a space.
var attrEscapes = escapes{
	'&':  "&amp;",
	'<':  "&lt;",
	'"':  "&quot;",
	'\t': "&#x9;",
	'\n': "&#xA;",
	'\r': "&#xD;",
}

// appendEscaped appends s to buf with the bytes in e replaced by references.
func appendEscaped(buf []byte, s string, e *escapes) []byte {
	last := 0
	for i := 0; i < len(s); i++ {
		if r := e[s[i]]; r != "" {
			buf = append(buf, s[last:i]...)
			buf = append(buf, r...)
			last = i + 1
		}
	}
	return append(buf, s[last:]...)
}
