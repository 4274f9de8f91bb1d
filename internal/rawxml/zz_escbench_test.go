package rawxml_test

import (
	"strings"
	"testing"

	"xepl/internal/rawxml"
)

var escInputs = map[string]string{
	"ascii":    strings.Repeat("The quick brown fox jumps over the lazy dog. ", 20),
	"escapes":  strings.Repeat("a < b & c > d \"q\" 'a' ", 20),
	"nonascii": strings.Repeat("Grüße aus Köln — 日本語のテキスト ", 20),
	"short":    "user@example.org/resource",
}

func BenchmarkEscOldText(b *testing.B) {
	for name, s := range escInputs {
		b.Run(name, func(b *testing.B) {
			buf := make([]byte, 0, 4096)
			b.SetBytes(int64(len(s)))
			for b.Loop() {
				buf = appendEscaped(buf[:0], s, &textEscapes)
			}
		})
	}
}

func BenchmarkEscNewText(b *testing.B) {
	for name, s := range escInputs {
		b.Run(name, func(b *testing.B) {
			buf := make([]byte, 0, 4096)
			b.SetBytes(int64(len(s)))
			for b.Loop() {
				buf = rawxml.AppendEscapedText(buf[:0], s)
			}
		})
	}
}

func BenchmarkEscOldAttr(b *testing.B) {
	for name, s := range escInputs {
		b.Run(name, func(b *testing.B) {
			buf := make([]byte, 0, 4096)
			b.SetBytes(int64(len(s)))
			for b.Loop() {
				buf = append(buf[:0], '"')
				buf = appendEscaped(buf, s, &attrEscapes)
				buf = append(buf, '"')
			}
		})
	}
}

func BenchmarkEscNewAttr(b *testing.B) {
	for name, s := range escInputs {
		b.Run(name, func(b *testing.B) {
			buf := make([]byte, 0, 4096)
			b.SetBytes(int64(len(s)))
			for b.Loop() {
				buf = rawxml.AppendQuotedAttr(buf[:0], s, '"')
			}
		})
	}
}
