package rawxml

import "bytes"

// StripComments returns src without its XML comments, how many it took
// out, and whether a comment is still open at the end (src is being
// typed: more lines are to come). RFC 6120 §11.1 forbids comments on a stream, but examples in
// the XEPs carry them, and a user pasting one means the element: the
// shell strips them and says so. Comments are found as the XML grammar
// has them: outside tags and CDATA sections ("<!--" in an attribute
// value or in CDATA is text). A comment that does not end is left in
// place, for Parse to report where it starts. src itself is returned
// when it holds no comment.
func StripComments(src []byte) (out []byte, n int, open bool) {
	return stripComments(src, false)
}

// BlankComments is StripComments with each comment replaced by spaces
// (its line breaks kept) instead of taken out: every other byte stays
// at its line and column, for errors that point into what was typed.
func BlankComments(src []byte) []byte {
	out, _, _ := stripComments(src, true)
	return out
}

func stripComments(src []byte, blank bool) (out []byte, n int, open bool) {
	if !bytes.Contains(src, []byte("<!--")) {
		return src, 0, false
	}
	last := 0
	for i := 0; i < len(src); {
		j := bytes.IndexByte(src[i:], '<')
		if j < 0 {
			break
		}
		lt := i + j
		rest := src[lt:]
		switch {
		case bytes.HasPrefix(rest, []byte("<!--")):
			end := bytes.Index(rest[4:], []byte("-->"))
			if end < 0 {
				open = true
				i = len(src)
				continue
			}
			out = append(out, src[last:lt]...)
			n++
			i = lt + 4 + end + 3
			last = i
			if blank {
				for _, c := range src[lt:i] {
					if c != '\n' {
						c = ' '
					}
					out = append(out, c)
				}
			}
		case bytes.HasPrefix(rest, []byte("<![CDATA[")):
			end := bytes.Index(rest[9:], []byte("]]>"))
			if end < 0 {
				i = len(src)
				continue
			}
			i = lt + 9 + end + 3
		default:
			end := tagEnd(src, lt)
			if end < 0 {
				i = len(src)
				continue
			}
			i = end
		}
	}
	if n == 0 {
		return src, 0, open
	}
	return append(out, src[last:]...), n, open
}
