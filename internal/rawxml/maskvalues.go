package rawxml

import (
	"bytes"
	"slices"
	"strings"
)

// MaskValues returns raw with each echo of a known secret replaced by
// Mask: wherever one of secrets (given in clear) stands in character
// data, CDATA or an attribute value, as a word of its own. It is the
// complement of Redact, which masks by position: a server may echo a
// password in an error's text, a note or an attribute, where no rule of
// position can know it is one.
//
// Masking is by value but never by plain substring: element and attribute
// names are never touched, nor the values of the attributes that carry
// protocol words (id, type, to, from, xmlns, var, node, ...; see
// plainAttr), so a password such as "result" or "localhost" does not
// garble type="result" or to="localhost", and an occurrence counts only
// when what stands next to it is not a letter or digit that would make
// it part of a longer word (a password "wrong" is left in "wrongly").
// Each secret is also looked for in its escaped forms. raw may be any
// fragment of a stream; MaskValues never fails, and returns raw itself
// when it changes nothing.
func MaskValues(raw []byte, secrets []string) []byte {
	forms := secretForms(raw, secrets)
	if len(forms) == 0 {
		return raw
	}
	m := masker{src: raw, forms: forms}
	m.run()
	if m.out == nil {
		return raw
	}
	return append(m.out, raw[m.last:]...)
}

// MaskWords is MaskValues for plain text that is not XML (a command's
// note, a result table, the text of an error): every secret that stands
// in text as a word of its own is masked.
func MaskWords(text []byte, secrets []string) []byte {
	var forms [][]byte
	for _, s := range secrets {
		if s != "" && bytes.Contains(text, []byte(s)) {
			forms = append(forms, []byte(s))
		}
	}
	if len(forms) == 0 {
		return text
	}
	sortLongestFirst(forms)
	m := masker{src: text, forms: forms}
	m.mask(0, len(text))
	if m.out == nil {
		return text
	}
	return append(m.out, text[m.last:]...)
}

// escapeAmpLt escapes only & and <, as some writers do in text. It is
// built once: secretForms runs for every stanza shown and kept, and a
// Replacer built there was most of the garbage of a flood of messages.
var escapeAmpLt = strings.NewReplacer("&", "&amp;", "<", "&lt;")

// secretForms lists the forms of the secrets that occur in raw at all:
// the secret as it is, and escaped for text and for attributes.
func secretForms(raw []byte, secrets []string) [][]byte {
	var out [][]byte
	seen := map[string]bool{}
	for _, s := range secrets {
		if s == "" {
			continue
		}
		for _, f := range []string{s, EscapeText(s), EscapeAttr(s), escapeAmpLt.Replace(s)} {
			if !seen[f] && bytes.Contains(raw, []byte(f)) {
				seen[f] = true
				out = append(out, []byte(f))
			}
		}
	}
	sortLongestFirst(out)
	return out
}

// sortLongestFirst orders forms so that a secret that holds another is
// masked whole.
func sortLongestFirst(forms [][]byte) {
	slices.SortStableFunc(forms, func(a, b []byte) int { return len(b) - len(a) })
}

// masker walks raw and masks the secrets in the places MaskValues looks.
type masker struct {
	src   []byte
	forms [][]byte
	out   []byte // nil until something is masked
	last  int    // src[last:] is not yet in out
}

func (m *masker) run() {
	b := m.src
	for i := 0; i < len(b); {
		lt := bytes.IndexByte(b[i:], '<')
		if lt < 0 {
			m.mask(i, len(b))
			return
		}
		lt += i
		m.mask(i, lt)
		i = m.markup(lt)
	}
}

// markup handles the markup at lt and returns where it ends.
func (m *masker) markup(lt int) int {
	b := m.src
	rest := b[lt:]
	switch {
	case bytes.HasPrefix(rest, []byte("<![CDATA[")):
		from := lt + len("<![CDATA[")
		end := bytes.Index(b[from:], []byte("]]>"))
		if end < 0 {
			m.mask(from, len(b))
			return len(b)
		}
		m.mask(from, from+end)
		return from + end + 3
	case bytes.HasPrefix(rest, []byte("<!--")):
		return skipPast(b, lt, "-->")
	case bytes.HasPrefix(rest, []byte("<?")):
		return skipPast(b, lt, "?>")
	case bytes.HasPrefix(rest, []byte("</")), bytes.HasPrefix(rest, []byte("<!")):
		return skipPast(b, lt, ">")
	}
	return m.startTag(lt)
}

// startTag masks the attribute values of the start tag at lt that may
// hold an echo, and returns where the tag ends.
func (m *masker) startTag(lt int) int {
	b := m.src
	i := tagNameEnd(b, lt+1)
	for i < len(b) {
		for i < len(b) && isSpace(b[i]) {
			i++
		}
		if i >= len(b) || b[i] == '>' || b[i] == '/' {
			break
		}
		nameFrom := i
		for i < len(b) && b[i] != '=' && b[i] != '>' && !isSpace(b[i]) {
			i++
		}
		name := b[nameFrom:i]
		for i < len(b) && (isSpace(b[i]) || b[i] == '=') {
			i++
		}
		if i >= len(b) || (b[i] != '\'' && b[i] != '"') {
			continue
		}
		q := b[i]
		end := bytes.IndexByte(b[i+1:], q)
		if end < 0 {
			if !plainAttr(name) {
				m.mask(i+1, len(b))
			}
			return len(b)
		}
		if !plainAttr(name) {
			m.mask(i+1, i+1+end)
		}
		i += end + 2
	}
	if i < len(b) {
		return skipPast(b, i, ">")
	}
	return len(b)
}

// plainAttr reports whether an attribute carries protocol words rather
// than text a server could echo a secret in.
func plainAttr(name []byte) bool {
	switch string(name) {
	case "id", "type", "to", "from", "version", "xmlns", "xml:lang",
		"var", "node", "action", "status", "sessionid", "category",
		"jid", "code", "by", "mechanism", "execute", "affiliation", "role":
		return true
	}
	return bytes.HasPrefix(name, []byte("xmlns:"))
}

// mask copies src[from:to] to the output with every secret that stands
// as a word of its own replaced by Mask.
func (m *masker) mask(from, to int) {
	b := m.src
	for i := from; i < to; {
		f, ok := m.match(i, from, to)
		if !ok {
			i++
			continue
		}
		if m.out == nil {
			m.out = make([]byte, 0, len(b))
		}
		m.out = append(m.out, b[m.last:i]...)
		m.out = append(m.out, Mask...)
		i += len(f)
		m.last = i
	}
}

// match returns the secret form that stands at i, within from..to, as a
// word of its own.
func (m *masker) match(i, from, to int) ([]byte, bool) {
	b := m.src
	for _, f := range m.forms {
		end := i + len(f)
		if end > to || !bytes.Equal(b[i:end], f) {
			continue
		}
		if isWordByte(f[0]) && i > from && isWordByte(b[i-1]) {
			continue
		}
		if isWordByte(f[len(f)-1]) && end < to && isWordByte(b[end]) {
			continue
		}
		return f, true
	}
	return nil, false
}

// isWordByte reports whether c can be part of a word: an ASCII letter or
// digit, or a byte of a multi-byte character.
func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c >= 0x80
}

// skipPast returns the index after the first end at or after i, or the
// end of b.
func skipPast(b []byte, i int, end string) int {
	j := bytes.Index(b[i:], []byte(end))
	if j < 0 {
		return len(b)
	}
	return i + j + len(end)
}
