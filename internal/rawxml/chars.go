package rawxml

import (
	"fmt"
	"unicode/utf8"
)

// isSpace reports whether c is XML white space (production S).
func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r'
}

// isChar reports whether r is in the XML 1.0 Char production.
func isChar(r rune) bool {
	switch {
	case r < 0x20:
		return r == '\t' || r == '\n' || r == '\r'
	case r <= 0xD7FF:
		return true
	case r < 0xE000:
		return false
	case r <= 0xFFFD:
		return true
	default:
		return r >= 0x10000 && r <= 0x10FFFF
	}
}

// isNameStart reports whether r may start an XML name (NameStartChar).
func isNameStart(r rune) bool {
	switch {
	case r < 0x80:
		return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r == '_' || r == ':'
	case r < 0xC0:
		return false
	case r <= 0x2FF:
		return r != 0xD7 && r != 0xF7
	case r < 0x370:
		return false
	case r <= 0x1FFF:
		return r != 0x37E
	case r <= 0x200B:
		return false
	case r <= 0x200D:
		return true
	case r < 0x2070:
		return false
	case r <= 0x218F:
		return true
	case r < 0x2C00:
		return false
	case r <= 0x2FEF:
		return true
	case r < 0x3001:
		return false
	case r <= 0xD7FF:
		return true
	case r < 0xF900:
		return false
	case r <= 0xFDCF:
		return true
	case r < 0xFDF0:
		return false
	case r <= 0xFFFD:
		return true
	default:
		return r >= 0x10000 && r <= 0xEFFFF
	}
}

// isNameChar reports whether r may continue an XML name (NameChar).
func isNameChar(r rune) bool {
	if r < 0x80 {
		return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' ||
			r == '_' || r == ':' || r == '-' || r == '.'
	}
	return isNameStart(r) || r == 0xB7 || r >= 0x300 && r <= 0x36F || r == 0x203F || r == 0x2040
}

// firstBadChar returns the offset of the first byte of src that is not
// valid UTF-8 or does not encode an XML Char, with a message saying what is
// wrong there, or -1 and "" if every character is acceptable.
func firstBadChar(src []byte) (int, string) {
	for i := 0; i < len(src); {
		c := src[i]
		if c < utf8.RuneSelf {
			if c < 0x20 && c != '\t' && c != '\n' && c != '\r' {
				return i, fmt.Sprintf("character U+%04X is not allowed in XML", c)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(src[i:])
		if r == utf8.RuneError && size == 1 {
			return i, "invalid UTF-8"
		}
		if !isChar(r) {
			return i, fmt.Sprintf("character U+%04X is not allowed in XML", r)
		}
		i += size
	}
	return -1, ""
}

// nameEnd returns the offset just past the XML name that starts at b[i],
// or i if no name starts there. A name that runs to the end of b ends at
// len(b); the caller decides whether more input could extend it.
func nameEnd(b []byte, i int) int {
	start := i
	for i < len(b) {
		c := b[i]
		var r rune
		size := 1
		if c < utf8.RuneSelf {
			r = rune(c)
		} else {
			r, size = utf8.DecodeRune(b[i:])
			if r == utf8.RuneError && size <= 1 {
				return i
			}
		}
		if i == start && !isNameStart(r) || i > start && !isNameChar(r) {
			return i
		}
		i += size
	}
	return i
}
