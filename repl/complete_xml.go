package repl

import (
	"regexp"
	"slices"
	"strings"
	"sync"

	"xepl/catalog"
)

// xmlVocabulary is what XML typed at the prompt is completed from: the
// element names and namespaces the catalog's templates use. It costs one
// pass over the templates, at the first Tab in XML.
var xmlVocabulary = sync.OnceValue(func() (v struct{ elements, namespaces []string }) {
	names := map[string]bool{"iq": true, "message": true, "presence": true}
	spaces := map[string]bool{}
	for _, t := range catalog.All() {
		for _, m := range xmlStartTag().FindAllStringSubmatch(t.Body, -1) {
			names[m[2]] = true
		}
		for _, ns := range t.Namespaces() {
			spaces[ns] = true
		}
	}
	for n := range names {
		v.elements = append(v.elements, n)
	}
	for ns := range spaces {
		v.namespaces = append(v.namespaces, ns)
	}
	slices.Sort(v.elements)
	slices.Sort(v.namespaces)
	return v
})

// xmlStartTag matches a tag as typed: its slash if an end tag, its
// name, and its slash if empty.
var xmlStartTag = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`<(/?)([A-Za-z_][\w.:-]*)[^<>]*?(/?)>|<([A-Za-z_][\w.:-]*)[^<>]*$`)
})

// stanzaTypes are the values of type on each kind of stanza (RFC 6120
// §8.2.3, RFC 6121 §4.7.1 and §5.2.2).
var stanzaTypes = map[string][]string{
	"iq":       {"get", "set", "result", "error"},
	"message":  {"chat", "error", "groupchat", "headline", "normal"},
	"presence": {"error", "probe", "subscribe", "subscribed", "unavailable", "unsubscribe", "unsubscribed"},
}

// xmlAttr matches an attribute whose value is being typed; compiled at
// the first Tab in XML, as its neighbours are, not at start-up.
var xmlAttr = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^((xmlns(?::[\w.-]+)?|type)=(['"]))([^'"]*)$`)
})

// completeXML completes the word being typed in a line of XML: an
// element's name after <, the innermost open element after </, a
// namespace as the value of xmlns, a stanza's type. It returns whole
// words, and how much of the line they replace.
func completeXML(typed string) ([]string, string) {
	current := typed[strings.LastIndexAny(typed, " \t>")+1:]
	if i := strings.LastIndex(current, "<"); i > 0 {
		current = current[i:]
	}
	before := typed[:len(typed)-len(current)]
	voc := xmlVocabulary()
	switch {
	case strings.HasPrefix(current, "</"):
		if open := openElements(before); len(open) > 0 {
			return []string{"</" + open[len(open)-1] + ">"}, current
		}
	case strings.HasPrefix(current, "<"):
		var out []string
		for _, n := range voc.elements {
			out = append(out, "<"+n)
		}
		return out, current
	default:
		m := xmlAttr().FindStringSubmatch(current)
		if m == nil {
			return nil, current
		}
		var values []string
		if m[2] == "type" {
			open := openElements(before)
			if len(open) > 0 {
				values = stanzaTypes[open[len(open)-1]]
			}
		} else {
			values = voc.namespaces
		}
		var out []string
		for _, v := range values {
			out = append(out, m[1]+v+m[3])
		}
		return out, current
	}
	return nil, current
}

// openElements lists the elements left open in typed, outermost first;
// the last is the one whose start tag is still being typed, if any.
func openElements(typed string) []string {
	var open []string
	for _, m := range xmlStartTag().FindAllStringSubmatch(typed, -1) {
		switch {
		case m[4] != "":
			open = append(open, m[4]) // a start tag not yet ended
		case m[1] == "/":
			if n := len(open); n > 0 && open[n-1] == m[2] {
				open = open[:n-1]
			}
		case m[3] == "":
			open = append(open, m[2])
		}
	}
	return open
}
