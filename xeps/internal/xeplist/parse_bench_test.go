package xeplist

import (
	"bytes"
	"os"
	"testing"
)

// BenchmarkParseSnapshot measures reading the embedded snapshot, which
// xepl does at the first use of its XEP facts (not at start-up).
func BenchmarkParseSnapshot(b *testing.B) {
	data, err := os.ReadFile("../../data/xeplist.xml")
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := Parse(bytes.NewReader(data)); err != nil {
			b.Fatal(err)
		}
	}
}
