package rawxml

// SecretSpans returns the byte ranges of raw, [from, to), that Redact
// would mask, in order: for a line editor that hides a secret while it
// is typed, keeping the line's length.
func SecretSpans(raw []byte) [][2]int {
	if !mayHoldSecret(raw) {
		return nil
	}
	w := redactor{src: raw}
	w.walk()
	out := make([][2]int, len(w.spans))
	for i, sp := range w.spans {
		out[i] = [2]int{sp.from, sp.to}
	}
	return out
}
