package rawxml

import (
	"bytes"
	"slices"
)

// Decl is one namespace declaration, xmlns:Prefix='URI'.
type Decl struct{ Prefix, URI string }

// headerDecls lists the prefixes a stream header declares that an
// element of the stream may use without declaring them: all but the
// stream's own prefix (every reader of xepl's knows stream: already)
// and the default namespace (elements without a prefix are read in
// jabber:client when nothing is declared). They are sorted, so that
// the declarations put in by Standalone do not depend on map order.
func headerDecls(prefixes map[string]string) []Decl {
	var out []Decl
	for p, uri := range prefixes {
		if uri == nsStreams {
			continue
		}
		out = append(out, Decl{Prefix: p, URI: uri})
	}
	slices.SortFunc(out, func(a, b Decl) int { return cmpString(a.Prefix, b.Prefix) })
	return out
}

func cmpString(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// Standalone returns u readable on its own: an element of a stream whose
// header declared prefixes (u.Inherited) gets those declarations on its
// root tag, as XML Namespaces scoping says they are in force there (a
// server may declare xmlns:ack on <stream:stream> and then send
// <ack:r/>). Raw is then those bytes, and Added locates what was put in,
// so that Exact gives back what came over the wire. A declaration the
// root makes itself is not added again. Any other unit is returned as it
// is.
func (u Unit) Standalone() Unit {
	if u.Kind != KindElement || len(u.Inherited) == 0 || u.Added != [2]int{} {
		return u
	}
	end := tagEnd(u.Raw, 0)
	if end < 0 || len(u.Raw) == 0 || u.Raw[0] != '<' {
		return u
	}
	tag := u.Raw[:end]
	var add bytes.Buffer
	for _, d := range u.Inherited {
		if _, own := declaredNS(tag, []byte(d.Prefix)); own {
			continue
		}
		add.WriteString(" xmlns:" + d.Prefix + "='" + EscapeAttr(d.URI) + "'")
	}
	if add.Len() == 0 {
		return u
	}
	at := tagNameEnd(u.Raw, 1)
	raw := make([]byte, 0, len(u.Raw)+add.Len())
	raw = append(raw, u.Raw[:at]...)
	raw = append(raw, add.Bytes()...)
	raw = append(raw, u.Raw[at:]...)
	u.Raw = raw
	u.Added = [2]int{at, at + add.Len()}
	return u
}

// Exact returns the unit's bytes as they came over the wire: Raw without
// what Standalone put in.
func (u Unit) Exact() []byte {
	return u.WithoutAdded(u.Raw)
}

// WithoutAdded takes out of b, a version of u.Raw changed only after its
// root's name (masked, say), the declarations Standalone put in. If they
// are no longer there as they were put in, b is returned as it is: better
// a declaration too many than a byte lost.
func (u Unit) WithoutAdded(b []byte) []byte {
	from, to := u.Added[0], u.Added[1]
	if to == 0 || to > len(b) || to > len(u.Raw) || !bytes.Equal(b[from:to], u.Raw[from:to]) {
		return b
	}
	out := make([]byte, 0, len(b)-(to-from))
	out = append(out, b[:from]...)
	return append(out, b[to:]...)
}
