package render

import (
	"strings"

	"github.com/alecthomas/chroma/v2"
)

// mode is where the scanner stands in the markup.
type mode uint8

const (
	inContent mode = iota // character data, between tags
	inName                // just after < or </, an element name follows
	inTag                 // inside a start or end tag, after its name
	inCData               // inside <![CDATA[ ... ]]>
)

// scanner holds the state of one tokenisation. Every call to next consumes at
// least one byte until the input is exhausted, so tokenising always ends.
type scanner struct {
	src     string
	pos     int
	mode    mode
	afterEq bool // an = was read in the tag: an attribute value is due
	nsAttr  bool // the attribute being read is an xmlns declaration
}

// isDelim marks the bytes that end a name inside a tag. Bytes from 0x80 up
// are name bytes, so names are never split inside a UTF-8 sequence.
var isDelim = func() (t [256]bool) {
	for _, b := range []byte(" \t\r\n<>/='\"&?") {
		t[b] = true
	}
	return t
}()

// isSpace marks XML white space.
var isSpace = func() (t [256]bool) {
	for _, b := range []byte(" \t\r\n") {
		t[b] = true
	}
	return t
}()

// isRefByte marks the bytes allowed between & and ; in a reference.
var isRefByte = func() (t [256]bool) {
	for b := 'a'; b <= 'z'; b++ {
		t[b] = true
		t[b-'a'+'A'] = true
	}
	for b := '0'; b <= '9'; b++ {
		t[b] = true
	}
	for _, b := range []byte("#_.:-") {
		t[b] = true
	}
	return t
}()

// maxRef bounds the length of a reference, so a stray & is not followed far.
const maxRef = 40

// next returns the next token, or chroma.EOF at the end of the input.
func (s *scanner) next() chroma.Token {
	if s.pos >= len(s.src) {
		return chroma.EOF
	}
	rest := s.src[s.pos:]
	switch s.mode {
	case inName:
		s.mode = inTag
		return s.emit(chroma.NameTag, run(rest, isDelim[:], false))
	case inTag:
		return s.tag(rest)
	case inCData:
		return s.cdata(rest)
	}
	return s.content(rest)
}

// emit consumes n bytes as a token of type t.
func (s *scanner) emit(t chroma.TokenType, n int) chroma.Token {
	tok := chroma.Token{Type: t, Value: s.src[s.pos : s.pos+n]}
	s.pos += n
	return tok
}

// run returns the length of the prefix of text whose bytes are all in set
// (when in is true) or all outside it (when in is false).
func run(text string, set []bool, in bool) int {
	i := 0
	for i < len(text) && set[text[i]] == in {
		i++
	}
	return i
}

// through returns the length of text up to and including the first end, or
// the length of text when end does not occur.
func through(text, end string) int {
	if i := strings.Index(text, end); i >= 0 {
		return i + len(end)
	}
	return len(text)
}

// content scans character data, references and the opening of markup.
func (s *scanner) content(rest string) chroma.Token {
	switch rest[0] {
	case '<':
		return s.markup(rest)
	case '&':
		n := 1
		for n < len(rest) && n <= maxRef && isRefByte[rest[n]] {
			n++
		}
		if n > 1 && n < len(rest) && rest[n] == ';' {
			return s.emit(chroma.NameEntity, n+1)
		}
		return s.emit(chroma.Text, 1)
	}
	n := 1
	for n < len(rest) && rest[n] != '<' && rest[n] != '&' {
		n++
	}
	return s.emit(chroma.Text, n)
}

// markup scans what starts with <.
func (s *scanner) markup(rest string) chroma.Token {
	switch {
	case strings.HasPrefix(rest, "<!--"):
		return s.emit(chroma.Comment, 4+through(rest[4:], "-->"))
	case strings.HasPrefix(rest, "<![CDATA["):
		s.mode = inCData
		return s.emit(chroma.CommentPreproc, len("<![CDATA["))
	case strings.HasPrefix(rest, "<?"):
		return s.emit(chroma.CommentPreproc, 2+through(rest[2:], "?>"))
	case strings.HasPrefix(rest, "<!"):
		return s.emit(chroma.CommentPreproc, 2+through(rest[2:], ">"))
	case len(rest) > 2 && rest[1] == '/' && !isDelim[rest[2]]:
		s.mode = inName
		return s.emit(chroma.Punctuation, 2)
	case len(rest) > 1 && !isDelim[rest[1]]:
		s.mode = inName
		return s.emit(chroma.Punctuation, 1)
	}
	// A < that opens nothing: not markup.
	return s.emit(chroma.Text, 1)
}

// cdata scans the content and the end of a CDATA section.
func (s *scanner) cdata(rest string) chroma.Token {
	i := strings.Index(rest, "]]>")
	switch {
	case i == 0:
		s.mode = inContent
		return s.emit(chroma.CommentPreproc, 3)
	case i < 0:
		return s.emit(chroma.Text, len(rest))
	}
	return s.emit(chroma.Text, i)
}

// tag scans inside a tag, after the element name.
func (s *scanner) tag(rest string) chroma.Token {
	switch c := rest[0]; c {
	case ' ', '\t', '\r', '\n':
		return s.emit(chroma.Text, run(rest, isSpace[:], true))
	case '>':
		s.leaveTag()
		return s.emit(chroma.Punctuation, 1)
	case '/':
		if len(rest) > 1 && rest[1] == '>' {
			s.leaveTag()
			return s.emit(chroma.Punctuation, 2)
		}
		return s.emit(chroma.Punctuation, 1)
	case '=':
		s.afterEq = true
		return s.emit(chroma.Punctuation, 1)
	case '"', '\'':
		return s.value(rest)
	case '<':
		// The tag was never closed: rescan the < as content.
		s.leaveTag()
		return s.content(rest)
	case '&', '?':
		return s.emit(chroma.Text, 1)
	}
	n := run(rest, isDelim[:], false)
	if s.afterEq {
		// An unquoted value: not XML, but readable.
		s.afterEq, s.nsAttr = false, false
		return s.emit(chroma.LiteralString, n)
	}
	name := rest[:n]
	s.nsAttr = name == "xmlns" || strings.HasPrefix(name, "xmlns:")
	if s.nsAttr {
		return s.emit(chroma.KeywordNamespace, n)
	}
	return s.emit(chroma.NameAttribute, n)
}

// value scans a quoted attribute value, quotes included. A value that is not
// closed before the next < (which XML forbids in values) ends there.
func (s *scanner) value(rest string) chroma.Token {
	t := chroma.LiteralString
	if s.nsAttr {
		t = chroma.NameNamespace
	}
	s.afterEq, s.nsAttr = false, false
	end := strings.IndexByte(rest[1:], rest[0])
	lt := strings.IndexByte(rest[1:], '<')
	if end < 0 || (lt >= 0 && lt < end) {
		if lt < 0 {
			return s.emit(t, len(rest))
		}
		s.leaveTag()
		return s.emit(t, 1+lt)
	}
	return s.emit(t, end+2)
}

// leaveTag returns to character data.
func (s *scanner) leaveTag() {
	s.mode = inContent
	s.afterEq, s.nsAttr = false, false
}
