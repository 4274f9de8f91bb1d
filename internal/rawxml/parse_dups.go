package rawxml

import "bytes"

// This file finds repeated attributes in a start tag. A tag with a few
// attributes is searched pair by pair, which is fastest; one with more
// than shallow gets a set, so that a hostile tag with n attributes costs
// n steps and not n² (100,000 attributes took 15 s pair by pair).

// attrSet holds the names of the attributes of a start tag.
type attrSet map[string]struct{}

// repeated reports whether name is among attrs, the attributes of the
// start tag so far, and remembers it when it is not.
func (p *parser) repeated(attrs []strictAttr, name []byte) bool {
	if len(attrs) < shallow {
		for _, a := range attrs {
			if bytes.Equal(a.name, name) {
				return true
			}
		}
		return false
	}
	if p.names == nil {
		p.names = make(attrSet, 2*len(attrs))
		for _, a := range attrs {
			p.names[string(a.name)] = struct{}{}
		}
	}
	if _, ok := p.names[string(name)]; ok {
		return true
	}
	p.names[string(name)] = struct{}{}
	return false
}

// sameExpanded returns the name of the first prefixed attribute among
// attrs whose prefix names uri and whose local name is local, or nil.
func (p *parser) sameExpanded(attrs []strictAttr, uri string, local []byte) []byte {
	for _, b := range attrs {
		bp, bl := splitQName(b.name)
		if bp == nil || string(bp) == "xmlns" || !bytes.Equal(bl, local) {
			continue
		}
		if buri, _ := p.lookup(bp); buri == uri {
			return b.name
		}
	}
	return nil
}

// expandedNames maps the namespace and local name of each prefixed
// attribute seen to the first attribute name written with them.
type expandedNames map[[2]string][]byte

// add records name as written for uri and local, and returns the name
// recorded before it, or nil if it is the first.
func (e expandedNames) add(uri string, local, name []byte) []byte {
	k := [2]string{uri, string(local)}
	if first, ok := e[k]; ok {
		return first
	}
	e[k] = name
	return nil
}
