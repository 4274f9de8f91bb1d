package termsafe_test

import (
	"strings"
	"testing"

	"xepl/internal/termsafe"
)

// benchInputs are 64 KiB of what xepl shows: clean ASCII XML, clean text
// in other scripts, and XML with a control character every kilobyte.
var benchInputs = []struct{ name, text string }{
	{"clean-ascii", fill("<message from='romeo@example.net/orchard' type='chat'><body>But soft, what light &amp; yonder</body></message>\n")},
	{"clean-utf8", fill("<body>Доброе утро, 世界! Grüße aus Köln — ½ ☕ 😀</body>\n")},
	{"escapes", fill(strings.Repeat("x", 1000) + "\x1b[31m")},
}

// fill repeats s up to 64 KiB.
func fill(s string) string {
	return strings.Repeat(s, (64<<10)/len(s)+1)[:64<<10]
}

// BenchmarkAppendString makes each input safe into a reused buffer.
func BenchmarkAppendString(b *testing.B) {
	for _, in := range benchInputs {
		b.Run(in.name, func(b *testing.B) {
			dst := make([]byte, 0, 2*len(in.text))
			b.SetBytes(int64(len(in.text)))
			b.ReportAllocs()
			for b.Loop() {
				dst = termsafe.AppendString(dst[:0], in.text)
			}
		})
	}
}

// BenchmarkString is the fast path on clean input and a copy otherwise.
func BenchmarkString(b *testing.B) {
	for _, in := range benchInputs {
		b.Run(in.name, func(b *testing.B) {
			b.SetBytes(int64(len(in.text)))
			b.ReportAllocs()
			for b.Loop() {
				termsafe.String(in.text)
			}
		})
	}
}

// BenchmarkBaselineCopy appends each input into a reused buffer as it
// is: the floor for AppendString.
func BenchmarkBaselineCopy(b *testing.B) {
	for _, in := range benchInputs {
		b.Run(in.name, func(b *testing.B) {
			dst := make([]byte, 0, 2*len(in.text))
			b.SetBytes(int64(len(in.text)))
			b.ReportAllocs()
			for b.Loop() {
				dst = append(dst[:0], in.text...)
			}
		})
	}
}
