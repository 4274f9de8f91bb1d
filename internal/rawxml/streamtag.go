package rawxml

// IsStreamTag reports whether raw holds, apart from white space around it,
// exactly one stream header (a <stream:stream> start tag without its end,
// with any XML declaration before it) or one stream end tag: whether a
// fresh Splitter given raw alone would cut it into that one unit, of kind
// KindStreamOpen or KindStreamClose, and white space. It is the Splitter's
// own test, exported so that code that shows stream tags as they are (the
// pretty-printer of internal/render, which cannot parse a header without
// its end) and the wire tap agree on what one is.
//
// With no stream open before raw, a header is known by the local name
// stream and either the prefix stream or a declaration, on the tag itself,
// of its prefix (or of the default namespace, without one) as
// http://etherx.jabber.org/streams; an end tag by the name stream:stream.
func IsStreamTag(raw []byte) bool {
	one, other := false, false
	s := NewSplitter(func(u Unit) {
		switch {
		case u.Kind == KindWhitespace:
		case (u.Kind == KindStreamOpen || u.Kind == KindStreamClose) && !one:
			one = true
		default:
			other = true
		}
	})
	s.Write(raw)
	s.Flush()
	return one && !other
}
