package termsafe

import "unicode/utf8"

// text is what the functions of this file read: the scanning is written
// once for strings and byte slices, with the matching UTF-8 decoder
// passed in.
type text interface{ string | []byte }

// plain marks the bytes that always stand for themselves, whatever comes
// next: printable ASCII except the backslash, plus tab and newline. Every
// other byte goes through classify. One table lookup per byte keeps clean
// ASCII text, by far the most common input, nearly as fast as a copy.
var plain = func() (t [256]bool) {
	for c := 0x20; c < 0x7F; c++ {
		t[c] = c != '\\'
	}
	t['\t'], t['\n'] = true, true
	return t
}()

// action says how the bytes at one place in the input are written.
type action uint8

const (
	keep      action = iota // as they are
	hexByte                 // one byte, as \xNN
	codePoint               // one character, as ⟨U+XXXX⟩
	doubled                 // a run of backslashes, each one twice
)

// classify says what becomes of the n bytes of s at i, where s[i] is not
// plain; r is the character for codePoint. A run of backslashes is
// classified whole, so that the scan stays linear.
func classify[T text](s T, i int, decode func(T) (rune, int)) (a action, n int, r rune) {
	c := s[i]
	switch {
	case c == '\\':
		j := i + 1
		for j < len(s) && s[j] == '\\' {
			j++
		}
		if j < len(s) && (s[j] == 'x' || escapedByte(s, j, decode)) {
			return doubled, j - i, 0
		}
		return keep, j - i, 0
	case c < utf8.RuneSelf:
		if c == '\t' || c == '\n' || c >= 0x20 && c < 0x7F {
			return keep, 1, 0
		}
		return hexByte, 1, 0
	}
	r, n = decode(s[i:])
	switch {
	case r == utf8.RuneError && n == 1:
		return hexByte, 1, 0
	case r == leftBracket || Forbidden(r):
		return codePoint, n, r
	}
	return keep, n, 0
}

// escapedByte reports whether the byte s[j] is written as \xNN.
func escapedByte[T text](s T, j int, decode func(T) (rune, int)) bool {
	c := s[j]
	if c < utf8.RuneSelf {
		return c < 0x20 && c != '\t' && c != '\n' || c == 0x7F
	}
	r, n := decode(s[j:])
	return r == utf8.RuneError && n == 1
}

// firstChange returns the offset of the first byte of s that is not
// written as it is, or -1 when there is none.
func firstChange[T text](s T, decode func(T) (rune, int)) int {
	for i := 0; i < len(s); {
		if plain[s[i]] {
			i++
			continue
		}
		a, n, _ := classify(s, i, decode)
		if a != keep {
			return i
		}
		i += n
	}
	return -1
}

// appendFrom appends s to dst made safe, given that s[:from] needs no
// change.
func appendFrom[T text](dst []byte, s T, from int, decode func(T) (rune, int)) []byte {
	dst = append(dst, s[:from]...)
	for i := from; i < len(s); {
		j := i
		for j < len(s) && plain[s[j]] {
			j++
		}
		dst = append(dst, s[i:j]...)
		if j == len(s) {
			break
		}
		a, n, r := classify(s, j, decode)
		switch a {
		case keep:
			dst = append(dst, s[j:j+n]...)
		case hexByte:
			dst = append(dst, '\\', 'x', hexDigits[s[j]>>4], hexDigits[s[j]&0xF])
		case codePoint:
			dst = appendCodePoint(dst, r)
		case doubled:
			for range n {
				dst = append(dst, '\\', '\\')
			}
		}
		i = j + n
	}
	return dst
}

const (
	hexDigits      = "0123456789abcdef"
	upperHexDigits = "0123456789ABCDEF"
)

// appendCodePoint appends r as ⟨U+XXXX⟩, with at least four upper-case
// hex digits, as Unicode writes code points.
func appendCodePoint(dst []byte, r rune) []byte {
	dst = append(dst, "⟨U+"...)
	digits := 4
	for r>>(4*digits) != 0 {
		digits++
	}
	for k := digits - 1; k >= 0; k-- {
		dst = append(dst, upperHexDigits[r>>(4*k)&0xF])
	}
	return append(dst, "⟩"...)
}

// firstUnsafe returns the offset of the first byte of s that starts a
// forbidden character or is not valid UTF-8, or -1 when there is none.
func firstUnsafe[T text](s T, decode func(T) (rune, int)) int {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if !plain[c] && c != '\\' {
				return i
			}
			i++
			continue
		}
		r, n := decode(s[i:])
		if r == utf8.RuneError && n == 1 || Forbidden(r) {
			return i
		}
		i += n
	}
	return -1
}
