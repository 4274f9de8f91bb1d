package termsafe

import "unicode/utf8"

// String returns s made safe for a terminal, or s itself when nothing in
// it needs changing.
func String(s string) string {
	i := firstChange(s, utf8.DecodeRuneInString)
	if i < 0 {
		return s
	}
	return string(appendFrom(make([]byte, 0, room(len(s))), s, i, utf8.DecodeRuneInString))
}

// Bytes returns b made safe for a terminal in a new slice, or b itself
// when nothing in it needs changing.
func Bytes(b []byte) []byte {
	i := firstChange(b, utf8.DecodeRune)
	if i < 0 {
		return b
	}
	return appendFrom(make([]byte, 0, room(len(b))), b, i, utf8.DecodeRune)
}

// Append appends b made safe for a terminal to dst and returns the
// extended buffer, for writers that build their output in one buffer.
func Append(dst, b []byte) []byte {
	return appendFrom(dst, b, 0, utf8.DecodeRune)
}

// AppendString is Append for a string.
func AppendString(dst []byte, s string) []byte {
	return appendFrom(dst, s, 0, utf8.DecodeRuneInString)
}

// Forbidden reports whether r is a character that must never reach a
// terminal as it is: a C0 control other than tab and newline, DEL, a C1
// control, or a bidirectional formatting character. The output of String
// holds none of them (nor any invalid UTF-8), whatever the input.
func Forbidden(r rune) bool {
	switch {
	case r < 0x20:
		return r != '\t' && r != '\n'
	case r < 0x7F:
		return false
	case r <= 0x9F:
		return true
	}
	return isBidi(r)
}

// isBidi reports whether r is a bidirectional formatting character: the
// Arabic letter mark, the left-to-right and right-to-left marks, the
// embeddings, overrides and their pop, and the isolates and their pop.
func isBidi(r rune) bool {
	return r == 0x061C || r == 0x200E || r == 0x200F ||
		r >= 0x202A && r <= 0x202E || r >= 0x2066 && r <= 0x2069
}

// leftBracket is the character that starts the ⟨U+XXXX⟩ form.
const leftBracket = '⟨'

// Safe reports whether s can go to a terminal as it is: it is valid UTF-8
// and holds no character that Forbidden reports. What String returns is
// always safe. Safe text need not come out of String unchanged, since
// String also escapes ⟨ and doubles a backslash before x to keep its
// output unambiguous: Safe is for code that must not let anything
// dangerous through but must not escape text twice either.
func Safe(s string) bool { return firstUnsafe(s, utf8.DecodeRuneInString) < 0 }

// SafeBytes is Safe for a byte slice.
func SafeBytes(b []byte) bool { return firstUnsafe(b, utf8.DecodeRune) < 0 }

// room is the capacity to make for the safe form of n bytes: a little
// more, since escapes are longer than what they stand for, but only a
// little, since they are rare.
func room(n int) int { return n + n/16 + 16 }
