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

// AppendQuotedAttr appends s to dst as an attribute value between two
// quote characters: quote, which is '\” for an apostrophe and '"' for
// anything else. The value is escaped as EscapeAttr escapes it, except
// that the other quote character is left as it is, since it cannot end
// the value: a writer that always uses one quote keeps an apostrophe in a
// double-quoted value readable.
func AppendQuotedAttr(dst []byte, s string, quote byte) []byte {
	e := &doubleQuotedEscapes
	if quote == '\'' {
		e = &singleQuotedEscapes
	} else {
		quote = '"'
	}
	dst = append(dst, quote)
	dst = appendEscaped(dst, s, e)
	return append(dst, quote)
}

// escapes says, for one context, what replaces each byte: class[c] is 0
// for an ASCII byte kept as it is, the index in refs of its replacement
// for one that is not, and multiByte for the first byte of a UTF-8
// sequence (or a stray byte), which is kept when it makes up a character
// XML can carry, whatever the context. One table lookup per byte keeps
// the common case, text with little to escape, fast.
type escapes struct {
	class [256]uint8
	refs  []string
}

// multiByte is the class of the bytes from 0x80 up.
const multiByte = 255

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
	e := escapes{refs: []string{"", "\uFFFD"}}
	for c := range byte(0x20) {
		if !isSpace(c) {
			e.class[c] = 1
		}
	}
	for i := range len(special) {
		e.class[special[i]] = uint8(len(e.refs))
		e.refs = append(e.refs, refs[special[i]])
	}
	for c := utf8.RuneSelf; c < 256; c++ {
		e.class[c] = multiByte
	}
	return e
}

// nextEscape finds the first piece of s that e replaces: its offset, its
// length in bytes (one, or a whole UTF-8 sequence for a character XML
// cannot carry) and its replacement. size is 0 when s needs no escaping.
func nextEscape(s string, e *escapes) (at, size int, rep string) {
	for i := 0; i < len(s); i++ {
		k := e.class[s[i]]
		switch {
		case k == 0:
			continue
		case k != multiByte:
			return i, 1, e.refs[k]
		case i+1 < len(s) && s[i] >= 0xC2 && s[i] <= 0xDF && s[i+1]&0xC0 == 0x80:
			i++ // a two-byte sequence: U+0080 to U+07FF, all characters
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 || !isChar(r) {
			return i, n, "\uFFFD"
		}
		i += n - 1
	}
	return len(s), 0, ""
}

// appendEscaped appends s to dst with what e replaces replaced.
func appendEscaped(dst []byte, s string, e *escapes) []byte {
	for {
		at, size, rep := nextEscape(s, e)
		dst = append(dst, s[:at]...)
		if size == 0 {
			return dst
		}
		dst = append(dst, rep...)
		s = s[at+size:]
	}
}

// escape returns s with what e replaces replaced, or s itself when nothing
// is.
func escape(s string, e *escapes) string {
	at, size, rep := nextEscape(s, e)
	if size == 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 16)
	for size > 0 {
		b.WriteString(s[:at])
		b.WriteString(rep)
		s = s[at+size:]
		at, size, rep = nextEscape(s, e)
	}
	b.WriteString(s)
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
