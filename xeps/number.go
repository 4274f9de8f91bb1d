package xeps

import "strings"

// ParseNumber reads a XEP number the way people write it: "77", "0077",
// "xep-0077", "XEP-77", "xep0077", "XEP 77" or "xep_77". It reports false
// for anything else, including zero and numbers above 9999.
func ParseNumber(s string) (int, bool) {
	s = strings.TrimSpace(s)
	if len(s) >= 3 && strings.EqualFold(s[:3], "xep") {
		s = s[3:]
		if s != "" && strings.ContainsRune("- _", rune(s[0])) {
			s = s[1:]
		}
	}
	if s == "" || len(s) > 4 {
		return 0, false
	}
	n := 0
	for _, c := range s {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, n > 0
}
