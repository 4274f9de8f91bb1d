package rawxml

// This file holds the two stacks that the strict parser, the Splitter and
// Redact keep of the elements open around a point: the namespace
// declarations in force, and the names of the open elements. Searching
// either from the top costs its depth, and a hostile peer can make it
// deep: n nested elements that each declare a prefix and use an outer
// one, or n end tags that close nothing open, would cost n² steps. Stacks
// no deeper than shallow are searched from the top, as every real stanza
// allows; a deeper one gets a map, kept up to date from then on.

// shallow is the depth up to which the stacks are searched from the top.
const shallow = 32

// nsBinding binds a prefix ("" for the default namespace) to a namespace.
type nsBinding struct {
	prefix, uri string
	shadows     int // index of the binding of the same prefix it hides, or -1; set while scope.index is
}

// scope is the stack of namespace declarations in force, innermost last.
type scope struct {
	stack []nsBinding
	index map[string]int // prefix → index of its innermost binding; nil while the stack is shallow
}

// mark returns the depth to give popTo to forget what is declared after.
func (s *scope) mark() int { return len(s.stack) }

// push declares prefix as uri.
func (s *scope) push(prefix, uri string) {
	b := nsBinding{prefix: prefix, uri: uri, shadows: -1}
	if s.index != nil {
		if i, ok := s.index[prefix]; ok {
			b.shadows = i
		}
		s.index[prefix] = len(s.stack)
	}
	s.stack = append(s.stack, b)
}

// popTo forgets the declarations made since mark returned m.
func (s *scope) popTo(m int) {
	if s.index != nil {
		for i := len(s.stack) - 1; i >= m; i-- {
			b := s.stack[i]
			if b.shadows < 0 {
				delete(s.index, b.prefix)
			} else {
				s.index[b.prefix] = b.shadows
			}
		}
	}
	s.stack = s.stack[:m]
}

// lookup returns the namespace bound to prefix, and whether it is bound.
func (s *scope) lookup(prefix []byte) (string, bool) {
	if s.index == nil && len(s.stack) > shallow {
		s.index = make(map[string]int, 2*len(s.stack))
		for i := range s.stack {
			b := &s.stack[i]
			b.shadows = -1
			if j, ok := s.index[b.prefix]; ok {
				b.shadows = j
			}
			s.index[b.prefix] = i
		}
	}
	if s.index != nil {
		if i, ok := s.index[string(prefix)]; ok {
			return s.stack[i].uri, true
		}
		return "", false
	}
	for i := len(s.stack) - 1; i >= 0; i-- {
		if s.stack[i].prefix == string(prefix) {
			return s.stack[i].uri, true
		}
	}
	return "", false
}

// openNames indexes a deep stack of open element names: for each name,
// the depths at which it is open, innermost last. The Splitter and Redact
// build one only when their stack passes shallow.
type openNames map[string][]int

// push records name as open at depth k, deeper than any open now.
func (o openNames) push(name []byte, k int) {
	o[string(name)] = append(o[string(name)], k)
}

// pop forgets the innermost open element called name.
func (o openNames) pop(name []byte) {
	ks := o[string(name)]
	if len(ks) <= 1 {
		delete(o, string(name))
		return
	}
	o[string(name)] = ks[:len(ks)-1]
}

// innermost returns the depth of the innermost open element called name,
// or -1 if none is.
func (o openNames) innermost(name []byte) int {
	ks := o[string(name)]
	if len(ks) == 0 {
		return -1
	}
	return ks[len(ks)-1]
}
