package xeps

import (
	"fmt"
	"slices"
	"strings"
)

// ForNamespace finds what defines a namespace, disco feature, stream
// feature or form type.
//
// An exact registration wins. Otherwise the name is shortened step by step
// at its last '#', '+', '?', '/' or ':' and each shorter name is tried, so
// "http://jabber.org/protocol/muc#user" finds XEP-0045,
// "urn:xmpp:mam:2#extended" and "urn:xmpp:avatar:metadata+notify" find
// their XEPs, and pubsub features like
// "http://jabber.org/protocol/pubsub#publish-options" find XEP-0060. At
// each step a name that differs from a registered one only in its trailing
// version number (urn:xmpp:mam:3 against urn:xmpp:mam:2) also counts.
// Last come prefix registrations such as "p1:*". The returned Spec's
// Namespace is the registered name that matched.
//
// Namespaces the XMPP RFCs own (jabber:client, jabber:iq:roster, the
// urn:ietf:params:xml:ns:xmpp-* family) resolve to an RFC section.
func ForNamespace(ns string) (Spec, bool) {
	return currentIndex().find(ns)
}

// Describe returns a one-line note for a namespace, as the shell prints
// it: "urn:xmpp:ping — XEP-0199: XMPP Ping (Final)", or
// "x — unknown namespace" when nothing matches.
func Describe(ns string) string {
	s, ok := ForNamespace(ns)
	if !ok {
		return ns + " — unknown namespace"
	}
	return ns + " — " + s.String()
}

// ForElement is ForNamespace for one element: where the element local
// of namespace ns is defined. It differs from ForNamespace(ns) for an
// element the namespace's own document does not define, such as a stream
// feature <unbind/> in RFC 6120's bind namespace, which RFC 6120 has not.
func ForElement(ns, local string) (Spec, bool) {
	if s, ok := currentIndex().elements[[2]string{ns, local}]; ok {
		return s, true
	}
	return ForNamespace(ns)
}

// DescribeElement is Describe for one element (see ForElement).
func DescribeElement(ns, local string) string {
	s, ok := ForElement(ns, local)
	if !ok {
		return ns + " — unknown namespace"
	}
	return ns + " — " + s.String()
}

func currentIndex() *index { return data().index }

// index answers namespace lookups. It is never modified once published.
type index struct {
	exact    map[string]Spec
	family   map[string]Spec // versionless name -> spec, see familyOf
	prefixes []Spec          // "*" registrations, longest first
	elements map[[2]string]Spec
}

func newIndex() *index {
	// Sized for the data as it is (about 450 namespaces), so that
	// reading it does not grow the maps step by step.
	return &index{exact: make(map[string]Spec, 512), family: make(map[string]Spec, 512), elements: map[[2]string]Spec{}}
}

// add registers s under s.Namespace (or, with an Element, under that
// element of it).
func (ix *index) add(s Spec) error {
	if s.Element != "" {
		key := [2]string{s.Namespace, s.Element}
		if _, dup := ix.elements[key]; dup {
			return fmt.Errorf("xeps: element %s of %q registered twice", s.Element, s.Namespace)
		}
		ix.elements[key] = s
		return nil
	}
	if old, ok := ix.registered(s.Namespace); ok {
		return fmt.Errorf("xeps: namespace %q registered twice: %s and %s", s.Namespace, old, s)
	}
	if strings.HasSuffix(s.Namespace, "*") {
		ix.prefixes = append(ix.prefixes, s)
		slices.SortStableFunc(ix.prefixes, func(a, b Spec) int {
			return len(b.Namespace) - len(a.Namespace)
		})
		return nil
	}
	ix.exact[s.Namespace] = s
	if fam, ok := familyOf(s.Namespace); ok {
		if old, dup := ix.family[fam]; dup && !sameDoc(old, s) {
			ix.family[fam] = Spec{} // ambiguous: different documents share it
		} else if !dup {
			ix.family[fam] = s
		}
	}
	return nil
}

func (ix *index) registered(ns string) (Spec, bool) {
	if s, ok := ix.exact[ns]; ok {
		return s, true
	}
	for _, p := range ix.prefixes {
		if p.Namespace == ns {
			return p, true
		}
	}
	return Spec{}, false
}

func (ix *index) find(ns string) (Spec, bool) {
	if ns == "" {
		return Spec{}, false
	}
	if s, ok := ix.exact[ns]; ok {
		return s, true
	}
	for name := ns; ; {
		if s, ok := ix.family[name]; ok && s.Namespace != "" {
			return s, true
		}
		i := strings.LastIndexAny(name, "#+?/:")
		if i <= 0 {
			break
		}
		name = name[:i]
		if s, ok := ix.exact[name]; ok {
			return s, true
		}
	}
	for _, p := range ix.prefixes {
		if strings.HasPrefix(ns, strings.TrimSuffix(p.Namespace, "*")) {
			return p, true
		}
	}
	return Spec{}, false
}

// familyOf strips a trailing ":<number>" version, so that
// "urn:xmpp:mam:2" and "urn:xmpp:mam:3" share the family "urn:xmpp:mam".
func familyOf(ns string) (string, bool) {
	i := strings.LastIndexByte(ns, ':')
	if i <= 0 || i == len(ns)-1 {
		return "", false
	}
	for _, c := range ns[i+1:] {
		if c < '0' || c > '9' {
			return "", false
		}
	}
	return ns[:i], true
}

func sameDoc(a, b Spec) bool {
	return a.XEP == b.XEP && a.RFC == b.RFC && a.Org == b.Org
}
