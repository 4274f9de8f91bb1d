package xeps

import "testing"

// BenchmarkLoad measures what the first lookup costs: the compiled XEP
// table merged with the hand-kept data files. Start-up does not pay it.
func BenchmarkLoad(b *testing.B) {
	for b.Loop() {
		if _, err := load(dataFS, snapshot()); err != nil {
			b.Fatal(err)
		}
	}
}
