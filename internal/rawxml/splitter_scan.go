package rawxml

import "bytes"

// lexState says what kind of bytes a Splitter is in the middle of.
type lexState uint8

const (
	lexText     lexState = iota // character data or white space
	lexOpen                     // just after a '<'
	lexStartTag                 // inside a start tag
	lexEndTag                   // inside an end tag
	lexBang                     // after "<!", not yet known to be a comment or CDATA
	lexComment                  // inside <!-- ... -->
	lexCDATA                    // inside <![CDATA[ ... ]]>
	lexPI                       // inside <? ... ?>
	lexDecl                     // inside other <! ... > markup, such as a DOCTYPE
)

// topMode says what is pending between top-level units.
type topMode uint8

const (
	topNone  topMode = iota // nothing
	topSpace                // a run of white space
	topJunk                 // text, or markup that is not an element
	topDecl                 // an XML declaration, maybe with white space after it
)

// scan reads b from s.pos as far as it can.
func (s *Splitter) scan(b []byte) {
	for s.pos < len(b) {
		switch s.lex {
		case lexText:
			if s.depth > 0 {
				i := bytes.IndexByte(b[s.pos:], '<')
				if i < 0 {
					s.pos = len(b)
					return
				}
				s.tok = s.pos + i
				s.pos = s.tok + 1
				s.lex = lexOpen
				continue
			}
			s.topText(b)
		case lexOpen:
			s.afterLT(b)
		case lexStartTag:
			s.startTag(b)
		case lexEndTag:
			s.endTag(b)
		case lexBang:
			s.bang(b)
		case lexComment:
			if s.until(b, "-->") {
				return
			}
		case lexCDATA:
			if s.until(b, "]]>") {
				return
			}
		case lexPI:
			if s.until(b, "?>") {
				return
			}
		case lexDecl:
			s.declaration(b)
		}
	}
}

// topText reads bytes between top-level units.
func (s *Splitter) topText(b []byte) {
	if s.mode == topJunk {
		i := bytes.IndexByte(b[s.pos:], '<')
		if i < 0 {
			s.pos = len(b)
			return
		}
		s.pos += i
		s.emitTo(b, s.pos, KindJunk)
		s.tok, s.pos, s.lex = s.pos, s.pos+1, lexOpen
		return
	}
	i, limit := s.pos, min(len(b), s.start+maxSpace)
	for i < limit && isSpace(b[i]) {
		i++
	}
	if i > s.pos && s.mode == topNone {
		s.mode = topSpace
	}
	s.pos = i
	if i-s.start >= maxSpace {
		if s.mode == topSpace {
			s.emitTo(b, i, KindWhitespace)
		} else {
			s.emitTo(b, i, KindJunk)
		}
		return
	}
	if i == len(b) {
		return
	}
	if s.mode == topSpace {
		s.emitTo(b, i, KindWhitespace)
	}
	if b[i] == '<' {
		s.tok, s.pos, s.lex = i, i+1, lexOpen
		return
	}
	s.mode = topJunk // a pending declaration becomes junk with the text
}

// afterLT decides what the '<' at s.tok starts.
func (s *Splitter) afterLT(b []byte) {
	switch c := b[s.pos]; {
	case c == '/':
		s.lex = lexEndTag
	case c == '!':
		s.lex = lexBang
	case c == '?':
		s.lex = lexPI
	case c >= 0x80, c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c == '_', c == ':':
		s.lex, s.quote = lexStartTag, 0
	default:
		// Not markup: a stray '<' in text.
		s.lex = lexText
		if s.depth > 0 {
			s.bad = true
		} else {
			s.mode = topJunk
		}
		return
	}
	s.pos++
}

// startTag scans a start tag up to its '>', skipping quoted values.
func (s *Splitter) startTag(b []byte) {
	q := s.quote
	for i := s.pos; i < len(b); i++ {
		c := b[i]
		if q != 0 {
			if c == q {
				q = 0
			} else if c == '<' {
				s.broken(b, i)
				return
			}
			continue
		}
		switch c {
		case '"', '\'':
			q = c
		case '>':
			s.pos, s.lex = i+1, lexText
			s.startTagDone(b, i+1)
			return
		case '<':
			s.broken(b, i)
			return
		}
	}
	s.quote, s.pos = q, len(b)
}

// endTag scans an end tag up to its '>'.
func (s *Splitter) endTag(b []byte) {
	for i := s.pos; i < len(b); i++ {
		switch b[i] {
		case '>':
			s.pos, s.lex = i+1, lexText
			s.endTagDone(b, i+1)
			return
		case '<':
			s.broken(b, i)
			return
		}
	}
	s.pos = len(b)
}

// broken handles a tag cut short by a '<' at i: the tag is abandoned and
// scanning goes on at that '<'.
func (s *Splitter) broken(b []byte, i int) {
	if s.depth > 0 {
		s.bad = true
	} else {
		s.emitTo(b, i, KindJunk)
	}
	s.tok, s.pos, s.lex, s.quote = i, i+1, lexOpen, 0
}

// bang tells a comment and a CDATA section from other "<!" markup once
// enough bytes are there.
func (s *Splitter) bang(b []byte) {
	rest := b[s.tok:]
	const comment, cdata = "<!--", "<![CDATA["
	switch {
	case bytes.HasPrefix(rest, []byte(comment)):
		s.lex, s.pos = lexComment, s.tok+len(comment)
	case bytes.HasPrefix(rest, []byte(cdata)):
		s.lex, s.pos = lexCDATA, s.tok+len(cdata)
	case isPrefixOf(rest, comment), isPrefixOf(rest, cdata):
		s.pos = len(b) // wait for more
	default:
		s.lex, s.pos, s.brackets = lexDecl, s.tok+2, 0
	}
}

// until scans for the terminator of a comment, CDATA section or
// processing instruction. It reports whether it stopped for want of
// bytes; then the last bytes are scanned again next time, since the
// terminator may be split between writes.
func (s *Splitter) until(b []byte, term string) (wait bool) {
	i := bytes.Index(b[s.pos:], []byte(term))
	if i < 0 {
		s.pos = max(s.pos, len(b)-len(term)+1)
		return true
	}
	end := s.pos + i + len(term)
	lex := s.lex
	s.pos, s.lex = end, lexText
	s.markupDone(b, end, lex == lexPI && isXMLDecl(b[s.tok:end]))
	return false
}
