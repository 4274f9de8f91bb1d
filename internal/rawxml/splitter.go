package rawxml

// Limits that keep a Splitter's memory bounded whatever it is fed.
const (
	// maxUnit is the most bytes a Splitter holds for one unfinished unit.
	// Past it the bytes are emitted as Junk and the Splitter resynchronises
	// at the next '<'.
	//
	// The limit weighs two risks. Servers cap what clients send (256 KiB
	// by default in both Prosody and ejabberd) but not what they send
	// themselves: a MAM page, a big roster, a pubsub node full of
	// avatars or the room list of a busy MUC service can pass 16 MiB, the
	// limit this once was, and a reply the Splitter turns into junk never
	// reaches the request waiting for it. Without a limit, a hostile peer
	// could open an element and never end it, and xepl would hold every
	// byte it sent for as long as the connection lasts. At 256 MiB
	// nothing a real server sends is cut, and such a peer can make one
	// Splitter hold at most that much (about 320 MiB of buffer, and twice
	// that for a moment while the buffer grows) before the bytes are
	// handed over as junk and dropped.
	maxUnit = 256 << 20
	// handOver is the size from which a completed unit takes over the
	// Splitter's buffer as its Raw instead of being copied out of it, so
	// that a big unit is never held twice.
	handOver = 1 << 16
	// maxSpace is the longest run of white space emitted as one unit.
	maxSpace = 1 << 16
)

// Splitter cuts the raw bytes of one direction of an XMPP stream into
// units: the stream header, each top-level element, white space between
// them, the stream's end tag, and junk. It is an io.Writer: feed it bytes
// in chunks of any size, cut anywhere (inside a tag or a UTF-8 sequence),
// and it calls emit once per unit, in order, as soon as the unit is
// complete.
//
// A <stream:stream> start tag (recognised by the local name stream with
// the prefix stream, or in the namespace http://etherx.jabber.org/streams)
// opens a stream; one that arrives while a stream is open is a restart, as
// after STARTTLS and SASL, and is emitted as another KindStreamOpen. An
// XML declaration before a stream header belongs to that header's unit.
//
// The Splitter checks only as much as it needs to find unit boundaries:
// quoted attribute values, CDATA sections, comments and end-tag names.
// Bytes it cannot make sense of are emitted as KindJunk, and it picks up
// again at the next '<'. It holds at most 256 MiB for one unfinished unit
// (see maxUnit for why so much, and why a limit at all). It is not safe for
// concurrent use, and emit must not call back into the Splitter.
type Splitter struct {
	emit  func(Unit)
	buf   []byte // bytes not yet emitted, kept between calls to Write
	owned bool   // the bytes being scanned are buf, which a big unit may take over
	limit int    // maxUnit, or less in tests

	// Offsets into the bytes being scanned (buf between calls).
	start int // first byte of the pending unit
	pos   int // next byte to scan
	tok   int // the '<' of the markup being scanned

	lex      lexState
	quote    byte // the quote of the attribute value being scanned, or 0
	brackets int  // '[' nesting inside <!DOCTYPE ...>
	mode     topMode

	depth int       // open elements in the pending unit
	names []span    // their names, relative to start
	deep  openNames // the same names, once depth has passed shallow
	bad   bool      // the pending element is not well-formed
	root  Unit      // names of the pending element's root

	open       bool              // a stream header has been seen and not closed
	hdrPrefix  string            // the prefix its header used
	nsDefault  string            // the default namespace it declared
	nsPrefixes map[string]string // the prefixes it declared: the first declaration of each
	inherited  []Decl            // of those, the ones its elements inherit (headerDecls)
}

// span locates a name relative to the start of the pending unit.
type span struct{ from, to int }

// NewSplitter returns a Splitter that calls emit for each unit.
func NewSplitter(emit func(Unit)) *Splitter {
	if emit == nil {
		emit = func(Unit) {}
	}
	return &Splitter{emit: emit, limit: maxUnit}
}

// Write scans p and emits every unit it completes. It keeps the bytes of
// an unfinished unit for the next call. Junk text between elements is
// emitted at the end of each call rather than held. Write always returns
// len(p), nil.
func (s *Splitter) Write(p []byte) (int, error) {
	b, owned := p, len(s.buf) > 0
	if owned {
		s.buf = append(s.buf, p...)
		b = s.buf
	}
	s.owned = owned
	s.scan(b)
	if s.lex == lexText && s.depth == 0 && s.mode == topJunk && s.pos > s.start {
		s.emitTo(b, s.pos, KindJunk)
		s.mode = topJunk // what follows up to the next '<' is junk too
	}
	if s.pos-s.start > s.limit {
		s.emitTo(b, s.pos, KindJunk)
		s.resetUnit()
		s.lex, s.quote, s.mode = lexText, 0, topJunk
	}
	s.keep(b, owned && s.owned)
	s.owned = false
	return len(p), nil
}

// keep saves the unemitted bytes b[s.start:] in s.buf and rebases the
// offsets on them. owned says b is s.buf (and still is: no unit has taken
// it over): then a unit that is still growing stays where it is rather
// than being copied on every Write.
func (s *Splitter) keep(b []byte, owned bool) {
	if owned && s.start == 0 {
		return
	}
	rest := b[s.start:]
	s.pos -= s.start
	s.tok -= s.start
	s.start = 0
	if cap(s.buf) > 1<<16 && len(rest) < cap(s.buf)/4 {
		s.buf = append(make([]byte, 0, max(2*len(rest), 4096)), rest...)
		return
	}
	s.buf = append(s.buf[:0], rest...)
}

// Flush emits the bytes of any unfinished unit, as KindWhitespace if they
// are only white space between units and as KindJunk otherwise, and makes
// the Splitter forget the stream: the next byte is read as the start of a
// new connection.
func (s *Splitter) Flush() {
	if len(s.buf) > s.start {
		kind := KindJunk
		if s.lex == lexText && s.depth == 0 && s.mode == topSpace {
			kind = KindWhitespace
		}
		s.owned = true
		s.emitTo(s.buf, len(s.buf), kind)
	}
	*s = Splitter{emit: s.emit, buf: s.buf[:0], names: s.names[:0], limit: s.limit}
}

// emitTo emits b[s.start:end] as a unit of the given kind without names.
func (s *Splitter) emitTo(b []byte, end int, kind Kind) {
	s.emitUnit(b, end, Unit{Kind: kind})
}

// emitUnit emits b[s.start:end] with the kind and names in u, and starts
// the next unit at end. It emits nothing for an empty range.
//
// A big unit at the start of the Splitter's own buffer takes the buffer
// over, capacity clipped so that the receiver's appends cannot reach the
// bytes after it: the Splitter goes on scanning those bytes in b, and
// keep moves them to a new buffer.
func (s *Splitter) emitUnit(b []byte, end int, u Unit) {
	s.mode = topNone
	if end <= s.start {
		return
	}
	if s.owned && s.start == 0 && end >= handOver {
		u.Raw = b[:end:end]
		s.buf, s.owned = nil, false
	} else {
		u.Raw = make([]byte, end-s.start)
		copy(u.Raw, b[s.start:end])
	}
	s.start = end
	s.emit(u)
}

// resetUnit forgets the element being read.
func (s *Splitter) resetUnit() {
	s.depth = 0
	s.names = s.names[:0]
	s.deep = nil
	s.bad = false
	s.mode = topNone
	s.root = Unit{}
}

// resolve returns the namespace of prefix for the start tag tag: declared
// on tag itself, predeclared (xml), or declared on the stream header.
func (s *Splitter) resolve(tag, prefix []byte) string {
	if v, ok := declaredNS(tag, prefix); ok {
		return v
	}
	switch {
	case string(prefix) == "xml":
		return nsXML
	case !s.open:
		return ""
	case len(prefix) == 0:
		return s.nsDefault
	}
	return s.nsPrefixes[string(prefix)]
}

// isStreamHeader reports whether the start tag tag named name opens a
// stream.
func (s *Splitter) isStreamHeader(tag, name []byte) bool {
	prefix, local := splitQName(name)
	return string(local) == "stream" && (string(prefix) == "stream" || s.resolve(tag, prefix) == nsStreams)
}

// isStreamClose reports whether an end tag named name closes the stream.
func (s *Splitter) isStreamClose(name []byte) bool {
	prefix, local := splitQName(name)
	return string(local) == "stream" && (string(prefix) == "stream" || s.open && string(prefix) == s.hdrPrefix)
}

// openStream emits the stream header that ends at end (tag, named name)
// and records its namespace declarations.
func (s *Splitter) openStream(b []byte, end int, tag, name []byte) {
	prefix, local := splitQName(name)
	s.open = true
	s.hdrPrefix = string(prefix)
	s.nsDefault = ""
	s.nsPrefixes = nil // not cleared: a huge map would make every later header pay for it
	i := tagNameEnd(tag, 1)
	for {
		a, st, next := nextAttr(tag, i)
		if st != attrFound {
			break
		}
		i = next
		p, l := splitQName(a.name)
		switch {
		case p == nil && string(l) == "xmlns":
			s.nsDefault = a.value(tag)
		case string(p) == "xmlns":
			if _, seen := s.nsPrefixes[string(l)]; !seen {
				if s.nsPrefixes == nil {
					s.nsPrefixes = map[string]string{}
				}
				s.nsPrefixes[string(l)] = a.value(tag)
			}
		}
	}
	s.inherited = headerDecls(s.nsPrefixes)
	s.emitUnit(b, end, Unit{Kind: KindStreamOpen, Local: string(local), Prefix: string(prefix), Space: s.resolve(tag, prefix)})
}

// closeStream emits the stream's end tag, which ends at end.
func (s *Splitter) closeStream(b []byte, end int, name []byte) {
	prefix, local := splitQName(name)
	u := Unit{Kind: KindStreamClose, Local: string(local), Prefix: string(prefix), Space: s.resolve(nil, prefix)}
	s.open = false
	s.inherited = nil
	s.emitUnit(b, end, u)
}
