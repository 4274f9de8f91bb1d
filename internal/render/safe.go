package render

import (
	"unicode/utf8"

	"xepl/internal/rawxml"
	"xepl/internal/termsafe"
)

// This file keeps what render returns and writes fit for a terminal.
//
// render passes its input's characters through: names, comments and the
// bytes of a stream header come out as they came in. The shell makes
// what it shows safe with termsafe first, so they are safe already. But
// the XML parser decodes character references, so &#x9B; (CSI) in safe
// input would come out as a raw U+009B, and text or attribute values are
// therefore written with each character termsafe forbids as a reference
// again. Everything else goes through keepSafe, which leaves safe text
// alone (it must not escape termsafe's own forms twice) and makes the rest
// safe, for a caller that forgot.

// keepSafe appends s to dst, made safe by termsafe if it is not already.
func keepSafe(dst []byte, s string) []byte {
	if termsafe.Safe(s) {
		return append(dst, s...)
	}
	return termsafe.AppendString(dst, s)
}

// safeString returns s, made safe by termsafe if it is not already.
func safeString(s string) string {
	if termsafe.Safe(s) {
		return s
	}
	return termsafe.String(s)
}

// safeBytes returns b, made safe by termsafe in a copy if it is not
// already.
func safeBytes(b []byte) []byte {
	if termsafe.SafeBytes(b) {
		return b
	}
	return termsafe.Bytes(b)
}

// appendEscaped appends s escaped as element text or, when quote is not
// 0, as an attribute value between quote characters, without the quotes.
// A character termsafe forbids is written as a character reference.
func appendEscaped(dst []byte, s string, quote byte) []byte {
	esc := func(dst []byte, s string) []byte {
		if quote == 0 {
			return rawxml.AppendEscapedText(dst, s)
		}
		return rawxml.AppendEscapedAttr(dst, s, quote)
	}
	if termsafe.Safe(s) {
		return esc(dst, s)
	}
	last := 0
	for i, r := range s {
		if r == utf8.RuneError || !termsafe.Forbidden(r) {
			continue // invalid UTF-8 is rawxml's to replace
		}
		dst = esc(dst, s[last:i])
		dst = appendCharRef(dst, r)
		last = i + utf8.RuneLen(r)
	}
	return esc(dst, s[last:])
}

// appendCharRef appends r as a hexadecimal character reference, &#x9B;.
func appendCharRef(dst []byte, r rune) []byte {
	const digits = "0123456789ABCDEF"
	dst = append(dst, "&#x"...)
	n := 1
	for r>>(4*n) != 0 {
		n++
	}
	for k := n - 1; k >= 0; k-- {
		dst = append(dst, digits[r>>(4*k)&0xF])
	}
	return append(dst, ';')
}
