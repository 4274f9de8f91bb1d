package rawxml

import "bytes"

// redactor walks a fragment, tracking open elements and namespace
// declarations, and collects the byte ranges of secret content.
type redactor struct {
	src   []byte
	spans []span // absolute, in order, not overlapping
	stack []redactFrame
	deep  openNames // the names in stack, once it is deeper than shallow
	ns    scope
}

// redactFrame is an open element.
type redactFrame struct {
	name        []byte // qualified name as written
	nsLen       int    // redactor.ns.mark() before its declarations
	secretField bool   // a data-form field whose values are secret
}

// walk scans the whole fragment.
func (w *redactor) walk() {
	b := w.src
	for i := 0; i < len(b); {
		j := bytes.IndexByte(b[i:], '<')
		if j < 0 {
			return
		}
		next := w.markup(i+j, i)
		if next < 0 {
			return // the fragment ends inside markup
		}
		i = next
	}
}

// markup handles the markup whose '<' is at lt; text runs from textFrom to
// lt. It returns the offset after the markup, or -1 if the fragment ends
// first.
func (w *redactor) markup(lt, textFrom int) int {
	b := w.src
	if lt+1 >= len(b) {
		return -1
	}
	switch b[lt+1] {
	case '!', '?':
		return skipMarkup(b, lt)
	case '/':
		e := bytes.IndexByte(b[lt:], '>')
		if e < 0 {
			return -1
		}
		w.closeTag(b[lt+2:tagNameEnd(b, lt+2)], textFrom, lt)
		return lt + e + 1
	}
	end := tagEnd(b, lt)
	if end < 0 {
		return -1
	}
	return w.openTag(lt, end)
}

// skipMarkup returns the offset after the comment, CDATA section,
// processing instruction or other "<!" markup at lt, or -1 if it does not
// end within b.
func skipMarkup(b []byte, lt int) int {
	term, from := ">", lt+2
	switch {
	case bytes.HasPrefix(b[lt:], []byte("<!--")):
		term, from = "-->", lt+4
	case bytes.HasPrefix(b[lt:], []byte("<![CDATA[")):
		term, from = "]]>", lt+9
	case b[lt+1] == '?':
		term = "?>"
	}
	if from > len(b) {
		return -1
	}
	e := bytes.Index(b[from:], []byte(term))
	if e < 0 {
		return -1
	}
	return from + e + len(term)
}

// openTag handles the start tag b[lt:end] and returns where to go on.
func (w *redactor) openTag(lt, end int) int {
	b := w.src
	nameTo := tagNameEnd(b, lt+1)
	name := b[lt+1 : nameTo]
	selfClosing := end-2 > lt && b[end-2] == '/'
	mark := w.ns.mark()
	var typ, vr rawAttr
	for i := nameTo; ; {
		a, st, next := nextAttr(b[:end], i)
		if st != attrFound {
			break
		}
		i = next
		p, l := splitQName(a.name)
		switch {
		case p == nil && string(l) == "xmlns":
			w.ns.push("", internNS(a, b))
		case string(p) == "xmlns":
			w.ns.push(string(l), internNS(a, b))
		case p == nil && string(l) == "type":
			typ = a
		case p == nil && string(l) == "var":
			vr = a
		}
	}
	prefix, local := splitQName(name)
	ns := w.lookup(prefix)
	secret := secretIn(ns, local)
	if !secret && string(local) == "value" && ns == nsXData && len(w.stack) > 0 {
		secret = w.stack[len(w.stack)-1].secretField
	}
	if selfClosing {
		w.ns.popTo(mark)
		return end
	}
	if secret {
		w.ns.popTo(mark)
		contentEnd, after := skipContent(b, end)
		if contentEnd > end {
			w.spans = append(w.spans, span{end, contentEnd})
		}
		return after
	}
	f := redactFrame{name: name, nsLen: mark}
	if string(local) == "field" && ns == nsXData {
		f.secretField = string(attrText(typ, b)) == "text-private" || secretVar(attrText(vr, b))
	}
	w.stack = append(w.stack, f)
	if w.deep != nil {
		w.deep.push(name, len(w.stack)-1)
	}
	return end
}

// secretVar reports whether a data-form field's var names a secret. MUC's
// muc#roomconfig_passwordprotectedroom is a yes/no switch, not a secret.
func secretVar(v []byte) bool {
	for i := range v {
		switch v[i] | 0x20 { // ASCII lower case
		case 'p':
			if hasPrefixFold(v[i:], "passwordprotected") {
				continue
			}
			if hasPrefixFold(v[i:], "password") || hasPrefixFold(v[i:], "passwd") {
				return true
			}
		case 's':
			if hasPrefixFold(v[i:], "secret") {
				return true
			}
		}
	}
	return false
}

// hasPrefixFold reports whether b starts with the lower-case ASCII word s,
// ignoring ASCII case.
func hasPrefixFold(b []byte, s string) bool {
	if len(b) < len(s) {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := b[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != s[i] {
			return false
		}
	}
	return true
}

// attrText returns the attribute's value, decoded only if it holds a
// reference, so that the common case does not allocate.
func attrText(a rawAttr, b []byte) []byte {
	if a.valStart < 0 {
		return nil
	}
	v := b[a.valStart:a.valEnd]
	if bytes.IndexByte(v, '&') >= 0 || bytes.ContainsAny(v, "\t\n\r") {
		return []byte(a.value(b))
	}
	return v
}

// internNS returns the value of a namespace declaration, without
// allocating for the namespaces Redact looks for.
func internNS(a rawAttr, b []byte) string {
	v := attrText(a, b)
	for _, ns := range [...]string{nsClient, nsXData, nsSASL, nsSASL2, nsIQAuth, nsStreams} {
		if string(v) == ns {
			return ns
		}
	}
	return string(v)
}

// lookup resolves prefix in the current scope; an undeclared default
// namespace is jabber:client.
func (w *redactor) lookup(prefix []byte) string {
	if string(prefix) == "xml" {
		return nsXML
	}
	if uri, ok := w.ns.lookup(prefix); ok {
		return uri
	}
	if len(prefix) == 0 {
		return nsClient
	}
	return ""
}

// closeTag handles an end tag named name at lt, after text that starts at
// textFrom. It closes the innermost open element of that name; if none is
// open and the name is that of a secret element opened before the
// fragment began, the text before it is masked.
func (w *redactor) closeTag(name []byte, textFrom, lt int) {
	if k := w.innermost(name); k >= 0 {
		w.ns.popTo(w.stack[k].nsLen)
		if w.deep != nil {
			for _, f := range w.stack[k:] {
				w.deep.pop(f.name)
			}
		}
		w.stack = w.stack[:k]
		return
	}
	local := localPart(name)
	if len(w.stack) == 0 && lt > textFrom && isSecretName(local) && string(local) != "value" {
		w.spans = append(w.spans, span{textFrom, lt})
	}
}

// innermost returns the index in w.stack of the innermost open element
// called name, or -1 if none is open.
func (w *redactor) innermost(name []byte) int {
	if w.deep == nil && len(w.stack) > shallow {
		w.deep = openNames{}
		for k, f := range w.stack {
			w.deep.push(f.name, k)
		}
	}
	if w.deep != nil {
		return w.deep.innermost(name)
	}
	for k := len(w.stack) - 1; k >= 0; k-- {
		if bytes.Equal(w.stack[k].name, name) {
			return k
		}
	}
	return -1
}

// skipContent finds the end tag that closes an element whose content
// starts at from. It returns the offset of that end tag's '<' and the
// offset after it; both are len(b) if b ends first.
func skipContent(b []byte, from int) (contentEnd, after int) {
	depth := 0
	for i := from; ; {
		j := bytes.IndexByte(b[i:], '<')
		if j < 0 {
			return len(b), len(b)
		}
		lt := i + j
		if lt+1 >= len(b) {
			return len(b), len(b)
		}
		switch b[lt+1] {
		case '!', '?':
			i = skipMarkup(b, lt)
		case '/':
			e := bytes.IndexByte(b[lt:], '>')
			if depth == 0 {
				if e < 0 {
					return lt, len(b)
				}
				return lt, lt + e + 1
			}
			depth--
			i = lt + e + 1
			if e < 0 {
				i = -1
			}
		default:
			i = tagEnd(b, lt)
			if i > 0 && b[i-2] != '/' {
				depth++
			}
		}
		if i < 0 {
			return len(b), len(b)
		}
	}
}

// SecretName reports whether a data-form field named name holds a secret
// by the rule Redact applies on the wire: its var says password, passwd or
// secret (but not MUC's passwordprotectedroom switch). The shell and the
// forms engine use it too, so that one rule decides everywhere.
func SecretName(name string) bool { return secretVar([]byte(name)) }
