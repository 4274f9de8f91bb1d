package termsafe_test

import (
	"bytes"
	"testing"

	"xepl/internal/termsafe"
)

// FuzzString checks, for any bytes: the output is safe for a terminal
// (no control character but tab and newline, no DEL, no C1 or bidi
// character, valid UTF-8), it reads back to exactly the input, it is the
// same through every entry point, Safe tells safe text from the rest,
// and clean input comes back unchanged.
func FuzzString(f *testing.F) {
	for _, s := range []string{"", "plain", "\x1b[2J", `\x1b`, "\\\x1b", "⟨U+202E⟩", "\u202E\u2066x", "\xc2\x9b", "\xff\xfe", `d\27artagnan@example.net`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		out := termsafe.String(in)
		if msg := unsafeAt(out); msg != "" {
			t.Fatalf("String(%q) = %q: %s", in, out, msg)
		}
		if back, err := unescape(out); err != nil || back != in {
			t.Fatalf("String(%q) = %q, which reads back as %q, %v", in, out, back, err)
		}
		if got := termsafe.Bytes([]byte(in)); string(got) != out {
			t.Fatalf("Bytes(%q) = %q, String gives %q", in, got, out)
		}
		if got := termsafe.Append([]byte("x"), []byte(in)); !bytes.Equal(got[1:], []byte(out)) {
			t.Fatalf("Append(%q) = %q, String gives %q", in, got[1:], out)
		}
		if !termsafe.Safe(out) {
			t.Fatalf("String(%q) = %q, which Safe refuses", in, out)
		}
		if got, want := termsafe.Safe(in), unsafeAt(in) == ""; got != want {
			t.Fatalf("Safe(%q) = %v, want %v", in, got, want)
		}
		if clean(in) && out != in {
			t.Fatalf("clean input %q changed to %q", in, out)
		}
	})
}

// clean reports whether s should pass unchanged: valid UTF-8 with no
// forbidden character, no ⟨, and no backslash before an x.
func clean(s string) bool {
	if unsafeAt(s) != "" || bytes.ContainsRune([]byte(s), '⟨') {
		return false
	}
	for i := 0; i+1 < len(s); i++ {
		if s[i] == '\\' && s[i+1] == 'x' {
			return false
		}
	}
	return true
}
