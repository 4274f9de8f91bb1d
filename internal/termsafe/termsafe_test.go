package termsafe_test

import (
	"fmt"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
	"unsafe"

	"xepl/internal/termsafe"
)

// bidi lists every bidirectional formatting character.
var bidi = []rune{0x061C, 0x200E, 0x200F, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069}

// TestControls checks the form of every C0 control, DEL, every C1
// control and every bidirectional formatting character, alone and
// between letters.
func TestControls(t *testing.T) {
	type tc struct {
		r    rune
		want string
	}
	var tests []tc
	for r := rune(0); r < 0x20; r++ {
		want := fmt.Sprintf(`\x%02x`, r)
		if r == '\t' || r == '\n' {
			want = string(r)
		}
		tests = append(tests, tc{r, want})
	}
	tests = append(tests, tc{0x7F, `\x7f`})
	for r := rune(0x80); r <= 0x9F; r++ {
		tests = append(tests, tc{r, fmt.Sprintf("⟨U+%04X⟩", r)})
	}
	for _, r := range bidi {
		tests = append(tests, tc{r, fmt.Sprintf("⟨U+%04X⟩", r)})
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("U+%04X", tt.r), func(t *testing.T) {
			in := string(tt.r)
			if got := termsafe.String(in); got != tt.want {
				t.Errorf("String(%q) = %q, want %q", in, got, tt.want)
			}
			in, want := "a"+in+"b", "a"+tt.want+"b"
			if got := termsafe.String(in); got != want {
				t.Errorf("String(%q) = %q, want %q", in, got, want)
			}
			if got := termsafe.Forbidden(tt.r); got != (tt.want != string(tt.r)) {
				t.Errorf("Forbidden(%U) = %v", tt.r, got)
			}
		})
	}
}

func TestString(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"", ""},
		{"plain <iq type='get'/> text", "plain <iq type='get'/> text"},
		{"tab\tand\nnewline", "tab\tand\nnewline"},
		{"\r\n", `\x0d` + "\n"},
		{"\x1b[2J\x1b]0;pwned\x07", `\x1b[2J\x1b]0;pwned\x07`},
		{"é ñ € 😀 \u00a0 \uFFFD", "é ñ € 😀 \u00a0 \uFFFD"},
		{"abc\u202Egnp.exe", "abc⟨U+202E⟩gnp.exe"},
		// Neighbours of the escaped ranges stay.
		{"\u061B\u061D\u200D\u2010\u2028\u2029\u202F\u2065\u206A", "\u061B\u061D\u200D\u2010\u2028\u2029\u202F\u2065\u206A"},
		// Invalid UTF-8: every byte that is not part of a character.
		{"\xff", `\xff`},
		{"a\xc3", `a\xc3`},
		{"\xe2\x80", `\xe2\x80`},
		{"\xc0\x80", `\xc0\x80`},                 // overlong NUL
		{"\xed\xa0\x80", `\xed\xa0\x80`},         // a surrogate
		{"\xf4\x90\x80\x80", `\xf4\x90\x80\x80`}, // past U+10FFFF
		{"\x9b", `\x9b`},                         // a lone C1 byte, CSI in 8-bit terminals
		{"\xc2\x9b" + "31m", "⟨U+009B⟩31m"},      // CSI in UTF-8
		{"é\xffé", `é\xffé`},
		// The bracket that starts an escape is escaped; its mate is not.
		{"⟨U+202E⟩", "⟨U+27E8⟩U+202E⟩"},
		{"⟩", "⟩"},
		// Backslashes: doubled only before x or an escaped byte.
		{`\`, `\`},
		{`\\`, `\\`},
		{`juliet\20capulet@example.net`, `juliet\20capulet@example.net`},
		{`C:\temp\`, `C:\temp\`},
		{`\X41`, `\X41`},
		{`\x1b`, `\\x1b`},
		{`\\x1b`, `\\\\x1b`},
		{`a\x`, `a\\x`},
		{"\\\x1b", `\\\x1b`},
		{"\\\\\x1b", `\\\\\x1b`},
		{"\\\xff", `\\\xff`},
		{"\\\u202E", `\⟨U+202E⟩`},
		{"\\⟨", `\⟨U+27E8⟩`},
		{"\\\t\\\n", "\\\t\\\n"},
	} {
		if got := termsafe.String(tt.in); got != tt.want {
			t.Errorf("String(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if got := string(termsafe.Bytes([]byte(tt.in))); got != tt.want {
			t.Errorf("Bytes(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if got := string(termsafe.Append([]byte("> "), []byte(tt.in))); got != "> "+tt.want {
			t.Errorf("Append(%q) = %q, want %q", tt.in, got, "> "+tt.want)
		}
		if got := string(termsafe.AppendString([]byte("> "), tt.in)); got != "> "+tt.want {
			t.Errorf("AppendString(%q) = %q, want %q", tt.in, got, "> "+tt.want)
		}
		if back, err := unescape(tt.want); err != nil || back != tt.in {
			t.Errorf("%q reads back as %q, %v", tt.want, back, err)
		}
	}
}

// TestEveryCodePoint makes every code point safe, alone, after a
// backslash and after an x, and checks that the output is safe and reads
// back to the input.
func TestEveryCodePoint(t *testing.T) {
	for r := rune(0); r <= utf8.MaxRune; r++ {
		if !utf8.ValidRune(r) {
			continue
		}
		for _, in := range []string{string(r), `\` + string(r), string(r) + `\x`} {
			out := termsafe.String(in)
			if msg := unsafeAt(out); msg != "" {
				t.Fatalf("String(%q) = %q: %s", in, out, msg)
			}
			if back, err := unescape(out); err != nil || back != in {
				t.Fatalf("String(%q) = %q, which reads back as %q, %v", in, out, back, err)
			}
		}
	}
}

// TestEveryByte does the same for every byte and pair of bytes, valid
// UTF-8 or not.
func TestEveryByte(t *testing.T) {
	for a := range 256 {
		for b := range 256 {
			in := string([]byte{byte(a), byte(b)})
			out := termsafe.String(in)
			if msg := unsafeAt(out); msg != "" {
				t.Fatalf("String(%q) = %q: %s", in, out, msg)
			}
			if back, err := unescape(out); err != nil || back != in {
				t.Fatalf("String(%q) = %q, which reads back as %q, %v", in, out, back, err)
			}
		}
	}
}

// TestUnchangedWithoutCopy checks the fast path: clean input comes back
// as the same memory, without allocating.
func TestUnchangedWithoutCopy(t *testing.T) {
	s := strings.Repeat("<message><body>Grüße \\20 ⟩ 😀</body></message>\n\t", 100)
	if got := termsafe.String(s); unsafe.StringData(got) != unsafe.StringData(s) {
		t.Error("String copied clean input")
	}
	b := []byte(s)
	if got := termsafe.Bytes(b); &got[0] != &b[0] || len(got) != len(b) {
		t.Error("Bytes copied clean input")
	}
	if n := testing.AllocsPerRun(100, func() { termsafe.String(s); termsafe.Bytes(b) }); n != 0 {
		t.Errorf("clean input: %v allocations", n)
	}
	dst := make([]byte, 0, 2*len(s))
	if n := testing.AllocsPerRun(100, func() { termsafe.Append(dst, b); termsafe.AppendString(dst, s) }); n != 0 {
		t.Errorf("appending into room enough: %v allocations", n)
	}
}

// unsafeAt returns what makes s unfit for a terminal, or "".
func unsafeAt(s string) string {
	for i, r := range s {
		switch {
		case r == utf8.RuneError && !strings.HasPrefix(s[i:], "\uFFFD"):
			return fmt.Sprintf("invalid UTF-8 at %d", i)
		case r < 0x20 && r != '\t' && r != '\n', r == 0x7F:
			return fmt.Sprintf("byte %#x at %d", r, i)
		case termsafe.Forbidden(r):
			return fmt.Sprintf("%U at %d", r, i)
		}
	}
	return ""
}

// unescape reads the output of String back, following the rules in the
// package documentation alone: it proves the output unambiguous.
func unescape(s string) (string, error) {
	var b strings.Builder
	for i := 0; i < len(s); {
		switch {
		case s[i] == '\\':
			j := i
			for j < len(s) && s[j] == '\\' {
				j++
			}
			k := j - i
			switch {
			case j == len(s) || s[j] != 'x':
				b.WriteString(s[i:j])
				i = j
			case k%2 == 0:
				b.WriteString(strings.Repeat(`\`, k/2) + "x")
				i = j + 1
			default:
				if j+3 > len(s) {
					return "", fmt.Errorf("short \\x escape at %d", j-1)
				}
				v, err := strconv.ParseUint(s[j+1:j+3], 16, 8)
				if err != nil || strings.ToLower(s[j+1:j+3]) != s[j+1:j+3] {
					return "", fmt.Errorf("bad \\x escape at %d", j-1)
				}
				b.WriteString(strings.Repeat(`\`, k/2))
				b.WriteByte(byte(v))
				i = j + 3
			}
		case strings.HasPrefix(s[i:], "⟨"):
			form, _, ok := strings.Cut(s[i:], "⟩")
			hex, isForm := strings.CutPrefix(form, "⟨U+")
			v, err := strconv.ParseUint(hex, 16, 32)
			if !ok || !isForm || err != nil || len(hex) < 4 || strings.ToUpper(hex) != hex {
				return "", fmt.Errorf("bad ⟨⟩ escape at %d", i)
			}
			b.WriteRune(rune(v))
			i += len(form) + len("⟩")
		default:
			b.WriteByte(s[i])
			i++
		}
	}
	return b.String(), nil
}

func TestSafe(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want bool
	}{
		{"", true},
		{"plain\ttext\n", true},
		{`\x1b ⟨U+202E⟩ ⟨`, true}, // String would escape the last two
		{"é 😀 \uFFFD", true},
		{"\r", false},
		{"\x1b", false},
		{"\x7f", false},
		{"\u0085", false},
		{"\u2066", false},
		{"\xff", false},
		{"a\xe2\x80", false},
	} {
		if got := termsafe.Safe(tt.in); got != tt.want {
			t.Errorf("Safe(%q) = %v, want %v", tt.in, got, tt.want)
		}
		if got := termsafe.SafeBytes([]byte(tt.in)); got != tt.want {
			t.Errorf("SafeBytes(%q) = %v, want %v", tt.in, got, tt.want)
		}
		if out := termsafe.String(tt.in); !termsafe.Safe(out) {
			t.Errorf("String(%q) = %q, which Safe refuses", tt.in, out)
		}
	}
}
