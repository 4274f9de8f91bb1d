package rawxml

import "bytes"

// This file holds what a Splitter does when a piece of markup is complete:
// it moves element depth and emits units.

// startTagDone handles the start tag b[s.tok:end].
func (s *Splitter) startTagDone(b []byte, end int) {
	tag := b[s.tok:end]
	selfClosing := end-2 > s.tok && b[end-2] == '/'
	nameTo := tagNameEnd(b, s.tok+1)
	name := b[s.tok+1 : nameTo]
	header := !selfClosing && bytes.HasSuffix(name, []byte("stream")) && s.isStreamHeader(tag, name)
	if s.depth > 0 {
		if header {
			// A stream header never nests: the element was cut short.
			s.emitTo(b, s.tok, KindJunk)
			s.resetUnit()
			s.openStream(b, end, tag, name)
			return
		}
		if !selfClosing {
			s.names = append(s.names, span{s.tok + 1 - s.start, nameTo - s.start})
			if s.deep != nil {
				s.deep.push(name, s.depth)
			}
			s.depth++
		}
		return
	}
	if header {
		s.openStream(b, end, tag, name) // with any XML declaration before it
		return
	}
	if s.mode == topDecl {
		s.emitTo(b, s.tok, KindJunk) // a declaration not followed by a header
	}
	prefix, local := splitQName(name)
	s.root = Unit{Kind: KindElement, Local: string(local), Prefix: string(prefix), Space: s.resolve(tag, prefix), Inherited: s.inherited}
	if selfClosing {
		s.emitUnit(b, end, s.root)
		s.root = Unit{}
		return
	}
	s.depth, s.deep = 1, nil
	s.names = append(s.names[:0], span{s.tok + 1 - s.start, nameTo - s.start})
}

// endTagDone handles the end tag b[s.tok:end].
func (s *Splitter) endTagDone(b []byte, end int) {
	name := b[s.tok+2 : tagNameEnd(b, s.tok+2)]
	if s.depth == 0 {
		if s.mode == topDecl {
			s.emitTo(b, s.tok, KindJunk)
		}
		if s.isStreamClose(name) {
			s.closeStream(b, end, name)
		} else {
			s.emitTo(b, end, KindJunk)
		}
		return
	}
	if k := s.innermost(b, name); k >= 0 {
		if k != s.depth-1 {
			s.bad = true // it closes an outer element: inner ones were left open
		}
		if s.deep != nil {
			for j := k; j < s.depth; j++ {
				s.deep.pop(s.openName(b, j))
			}
		}
		s.depth, s.names = k, s.names[:k]
		if k == 0 {
			s.finishElement(b, end)
		}
		return
	}
	if s.isStreamClose(name) {
		// The stream ends inside an element: the element was cut short.
		s.emitTo(b, s.tok, KindJunk)
		s.resetUnit()
		s.closeStream(b, end, name)
		return
	}
	s.bad = true // an end tag that closes nothing open
}

// openName returns the name of the element open at depth k.
func (s *Splitter) openName(b []byte, k int) []byte {
	open := s.names[k]
	return b[s.start+open.from : s.start+open.to]
}

// innermost returns the depth of the innermost open element called name,
// or -1 if none is open.
func (s *Splitter) innermost(b []byte, name []byte) int {
	if s.deep == nil && s.depth > shallow {
		s.deep = openNames{}
		for k := range s.depth {
			s.deep.push(s.openName(b, k), k)
		}
	}
	if s.deep != nil {
		return s.deep.innermost(name)
	}
	for k := s.depth - 1; k >= 0; k-- {
		if bytes.Equal(name, s.openName(b, k)) {
			return k
		}
	}
	return -1
}

// finishElement emits the element that ends at end.
func (s *Splitter) finishElement(b []byte, end int) {
	u := s.root
	if s.bad {
		u = Unit{Kind: KindJunk}
	}
	s.emitUnit(b, end, u)
	s.resetUnit()
}

// markupDone handles a complete comment, CDATA section, processing
// instruction or DOCTYPE ending at end; decl says it is an XML
// declaration. Inside an element these are part of it; between units they
// are junk, except that a declaration waits for the stream header.
func (s *Splitter) markupDone(b []byte, end int, decl bool) {
	if s.depth > 0 {
		return
	}
	if decl {
		if s.mode == topDecl {
			s.emitTo(b, s.tok, KindJunk) // an earlier declaration with no header
		}
		s.mode = topDecl
		return
	}
	s.emitTo(b, end, KindJunk)
}

// declaration scans "<!" markup other than comments and CDATA, such as a
// DOCTYPE, up to its '>', skipping an internal subset in brackets.
func (s *Splitter) declaration(b []byte) {
	for i := s.pos; i < len(b); i++ {
		switch b[i] {
		case '[':
			s.brackets++
		case ']':
			if s.brackets > 0 {
				s.brackets--
			}
		case '<':
			if s.brackets == 0 {
				s.broken(b, i)
				return
			}
		case '>':
			if s.brackets == 0 {
				s.pos, s.lex = i+1, lexText
				s.markupDone(b, i+1, false)
				return
			}
		}
	}
	s.pos = len(b)
}

// isXMLDecl reports whether the processing instruction pi is an XML
// declaration.
func isXMLDecl(pi []byte) bool {
	return len(pi) > 5 && string(pi[:5]) == "<?xml" && (isSpace(pi[5]) || pi[5] == '?')
}
