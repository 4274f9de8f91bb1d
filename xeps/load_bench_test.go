package xeps

import "testing"

// BenchmarkLoad measures what reading and checking all of the data costs:
// the compiled XEP table merged with the hand-kept data files.
func BenchmarkLoad(b *testing.B) {
	for b.Loop() {
		if _, err := load(dataFS, snapshot()); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLoadFirst measures what the first lookup costs: the XEPs and
// the namespace index, without the rest (see database).
func BenchmarkLoadFirst(b *testing.B) {
	for b.Loop() {
		if _, err := loadFirst(dataFS, snapshot()); err != nil {
			b.Fatal(err)
		}
	}
}
