package rawxml

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// EscapeText escapes s for use as element text: '&', '<' and '>' become
// entity references and a carriage return becomes &#xD; so that it survives
// XML end-of-line handling. Bytes that are not valid UTF-8 and characters
// XML cannot carry (most C0 controls, U+FFFE, U+FFFF) become U+FFFD. s is
// returned as it is when nothing needs escaping.
func EscapeText(s string) string {
	return escape(s, false)
}

// EscapeAttr escapes s for use as an attribute value in either single or
// double quotes: ampersand, less-than, apostrophe and double quote become
// entity references, and tab, newline and carriage return become
// character references so that attribute-value normalisation does not
// turn them into spaces. Invalid UTF-8 and characters XML cannot carry
// become U+FFFD. s is returned as it is when nothing needs escaping.
func EscapeAttr(s string) string {
	return escape(s, true)
}

// escape implements EscapeText (attr false) and EscapeAttr (attr true).
func escape(s string, attr bool) string {
	var b strings.Builder
	last := 0 // s[last:i] is pending, unescaped
	for i := 0; i < len(s); {
		c := s[i]
		var rep string
		size := 1
		switch {
		case c == '&':
			rep = "&amp;"
		case c == '<':
			rep = "&lt;"
		case c == '>' && !attr:
			rep = "&gt;"
		case c == '\'' && attr:
			rep = "&apos;"
		case c == '"' && attr:
			rep = "&quot;"
		case c == '\t' && attr:
			rep = "&#x9;"
		case c == '\n' && attr:
			rep = "&#xA;"
		case c == '\r':
			rep = "&#xD;"
		case c < 0x20 && c != '\t' && c != '\n':
			rep = "\uFFFD"
		case c >= utf8.RuneSelf:
			var r rune
			r, size = utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && size == 1 || !isChar(r) {
				rep = "\uFFFD"
			}
		}
		if rep == "" {
			i += size
			continue
		}
		if b.Len() == 0 {
			b.Grow(len(s) + 16)
		}
		b.WriteString(s[last:i])
		b.WriteString(rep)
		i += size
		last = i
	}
	if last == 0 {
		return s
	}
	b.WriteString(s[last:])
	return b.String()
}

// predefined maps the names of XML's five predefined entities to their
// replacement text.
var predefined = map[string]string{
	"lt": "<", "gt": ">", "amp": "&", "apos": "'", "quot": "\"",
}

// unescape decodes the entity and character references in b. With attr
// set it also applies attribute-value normalisation: each literal tab,
// newline, carriage return or CR LF pair becomes one space. A reference it
// cannot decode is kept as written.
func unescape(b []byte, attr bool) string {
	needs := false
	for _, c := range b {
		if c == '&' || attr && (c == '\t' || c == '\n' || c == '\r') {
			needs = true
			break
		}
	}
	if !needs {
		return string(b)
	}
	var out strings.Builder
	out.Grow(len(b))
	for i := 0; i < len(b); i++ {
		c := b[i]
		switch {
		case c == '&':
			if rep, n := decodeRef(b[i:]); n > 0 {
				out.WriteString(rep)
				i += n - 1
				continue
			}
			out.WriteByte(c)
		case attr && c == '\r':
			if i+1 < len(b) && b[i+1] == '\n' {
				i++
			}
			out.WriteByte(' ')
		case attr && (c == '\t' || c == '\n'):
			out.WriteByte(' ')
		default:
			out.WriteByte(c)
		}
	}
	return out.String()
}

// decodeRef decodes the reference at the start of b (b[0] == '&') and
// returns its replacement text and its length in bytes, or n == 0 if b
// does not start with a complete, valid reference.
func decodeRef(b []byte) (rep string, n int) {
	semi := -1
	for i := 1; i < len(b) && i < 40; i++ {
		if b[i] == ';' {
			semi = i
			break
		}
	}
	if semi < 2 {
		return "", 0
	}
	body := string(b[1:semi])
	if body[0] != '#' {
		rep, ok := predefined[body]
		if !ok {
			return "", 0
		}
		return rep, semi + 1
	}
	base, digits := 10, body[1:]
	if strings.HasPrefix(digits, "x") {
		base, digits = 16, digits[1:]
	}
	if digits == "" || digits[0] == '+' || digits[0] == '-' {
		return "", 0
	}
	v, err := strconv.ParseUint(digits, base, 32)
	if err != nil || !isChar(rune(v)) {
		return "", 0
	}
	return string(rune(v)), semi + 1
}
