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
	return escape(s, &textEscapes)
}

// EscapeAttr escapes s for use as an attribute value in either single or
// double quotes: ampersand, less-than, apostrophe and double quote become
// entity references, and tab, newline and carriage return become
// character references so that attribute-value normalisation does not
// turn them into spaces. Invalid UTF-8 and characters XML cannot carry
// become U+FFFD. s is returned as it is when nothing needs escaping.
func EscapeAttr(s string) string {
	return escape(s, &attrEscapes)
}

// AppendEscapedText appends s to dst escaped as EscapeText escapes it, for
// a writer that builds its output in one buffer (such as the
// pretty-printer of internal/render) and should not allocate per string.
func AppendEscapedText(dst []byte, s string) []byte {
	return appendEscaped(dst, s, &textEscapes)
}

// AppendEscapedTextBytes is AppendEscapedText for bytes, for a writer
// that reads its text in place (render's quick writer reads a big reply
// without a string copy of it).
func AppendEscapedTextBytes(dst, b []byte) []byte {
	return appendEscaped(dst, b, &textEscapes)
}

// AppendQuotedAttr appends s to dst as an attribute value between two
// quote characters: apostrophes when quote is an apostrophe, double quotes
// for any other quote. The value is escaped as EscapeAttr escapes it,
// except that the other quote character is left as it is, since it cannot
// end the value: a writer that always uses one quote keeps an apostrophe
// in a double-quoted value readable.
func AppendQuotedAttr(dst []byte, s string, quote byte) []byte {
	if quote != '\'' {
		quote = '"'
	}
	dst = append(dst, quote)
	dst = AppendEscapedAttr(dst, s, quote)
	return append(dst, quote)
}

// AppendEscapedAttr appends s to dst escaped as AppendQuotedAttr escapes
// it, without the quotes, for a writer that writes a value in pieces
// (such as the pretty-printer of internal/render, which writes some
// characters as references of its own).
func AppendEscapedAttr(dst []byte, s string, quote byte) []byte {
	return appendEscaped(dst, s, quotedEscapes(quote))
}

// AppendEscapedAttrBytes is AppendEscapedAttr for bytes.
func AppendEscapedAttrBytes(dst, b []byte, quote byte) []byte {
	return appendEscaped(dst, b, quotedEscapes(quote))
}

// quotedEscapes are the escapes of a value between quote characters.
func quotedEscapes(quote byte) *escapes {
	if quote == '\'' {
		return &singleQuotedEscapes
	}
	return &doubleQuotedEscapes
}

// escapes says, for one context, what becomes of each byte: class[c] is
// kept for an ASCII byte kept as it is, replaced for one that ref[c]
// replaces, and one of the other classes for a byte from 0x80 up, which is
// kept when its UTF-8 sequence makes up a character XML can carry,
// whatever the context. One table lookup per byte keeps the common case,
// text with little to escape, as fast as a copy.
type escapes struct {
	class [256]uint8
	ref   [utf8.RuneSelf]string
}

// The classes of bytes.
const (
	kept      = iota
	replaced  // by its ref
	lead2     // C2 to DF: U+0080 to U+07FF, all characters, when well formed
	lead3     // E1 to EC: U+1000 to U+CFFF, likewise
	multiByte // any other from 0x80 up: decoded to be checked
)

// The contexts: element text, and attribute values in either quote or in
// one of them.
var (
	textEscapes         = newEscapes("&<>\r")
	attrEscapes         = newEscapes("&<'\"\t\n\r")
	doubleQuotedEscapes = newEscapes("&<\"\t\n\r")
	singleQuotedEscapes = newEscapes("&<'\t\n\r")
)

// newEscapes returns the escapes that replace each byte of special by its
// reference, and every C0 control XML cannot carry (all but tab, line feed
// and carriage return) by U+FFFD.
func newEscapes(special string) escapes {
	refs := map[byte]string{
		'&': "&amp;", '<': "&lt;", '>': "&gt;", '\'': "&apos;", '"': "&quot;",
		'\t': "&#x9;", '\n': "&#xA;", '\r': "&#xD;",
	}
	var e escapes
	for c := range byte(0x20) {
		if !isSpace(c) {
			e.class[c], e.ref[c] = replaced, "\uFFFD"
		}
	}
	for i := range len(special) {
		c := special[i]
		e.class[c], e.ref[c] = replaced, refs[c]
	}
	for c := utf8.RuneSelf; c < 256; c++ {
		switch {
		case c >= 0xC2 && c <= 0xDF:
			e.class[c] = lead2
		case c >= 0xE1 && c <= 0xEC:
			e.class[c] = lead3
		default:
			e.class[c] = multiByte
		}
	}
	return e
}

// text is what the escapers read: a string, or bytes read in place.
type text interface{ ~string | ~[]byte }

// appendEscaped appends s to dst with what e replaces replaced.
func appendEscaped[T text](dst []byte, s T, e *escapes) []byte {
	if out, changed := replace(dst, s, e); changed {
		return out
	}
	return append(dst, s...)
}

// escape returns s with what e replaces replaced, or s itself when nothing
// is.
func escape(s string, e *escapes) string {
	if out, changed := replace(nil, s, e); changed {
		return string(out)
	}
	return s
}

// replace appends s to dst with what e replaces replaced, and reports
// whether anything was. When nothing was, it appends nothing at all, so
// that escape can return s without a copy.
func replace[T text](dst []byte, s T, e *escapes) (out []byte, changed bool) {
	last := 0 // s[last:i] is pending, kept as it is
	for i := 0; i < len(s); {
		c := s[i]
		k := e.class[c]
		switch {
		case k == kept:
			i++
			continue
		case k == lead2 && i+1 < len(s) && s[i+1]&0xC0 == 0x80:
			i += 2
			continue
		case k == lead3 && i+2 < len(s) && s[i+1]&0xC0 == 0x80 && s[i+2]&0xC0 == 0x80:
			i += 3
			continue
		}
		n, rep := 1, ""
		if k == replaced {
			rep = e.ref[c&0x7F]
		} else {
			r, size := decodeRune(s[i:])
			if (r != utf8.RuneError || size > 1) && isChar(r) {
				i += size
				continue
			}
			n, rep = size, "\uFFFD"
		}
		if !changed {
			changed = true
			if dst == nil {
				dst = make([]byte, 0, len(s)+16)
			}
		}
		dst = append(dst, s[last:i]...)
		dst = append(dst, rep...)
		i += n
		last = i
	}
	if !changed {
		return dst, false
	}
	return append(dst, s[last:]...), true
}

// decodeRune is utf8.DecodeRune for either kind of text.
func decodeRune[T text](s T) (rune, int) {
	switch s := any(s).(type) {
	case string:
		return utf8.DecodeRuneInString(s)
	case []byte:
		return utf8.DecodeRune(s)
	}
	return utf8.DecodeRuneInString(string(s)) // a named type of either
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
