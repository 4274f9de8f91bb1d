package catalog

import (
	"fmt"
	"strconv"
	"strings"

	"xepl/xeps"
)

// Kinds of Ref.
const (
	RefXEP = "XEP"
	RefRFC = "RFC"
)

// Ref names a specification, and optionally a section of it, as a
// template's spec lines do: "XEP-0077 §3.2" or "RFC 6121 §2.1.3".
type Ref struct {
	// Kind is RefXEP or RefRFC.
	Kind string
	// Number is the XEP or RFC number.
	Number int
	// Section is the section number without "§", or "".
	Section string
}

// String returns the reference as a template writes it, such as
// "XEP-0077 §3.2" or "RFC 6121".
func (r Ref) String() string {
	var s string
	if r.Kind == RefXEP {
		s = fmt.Sprintf("XEP-%04d", r.Number)
	} else {
		s = fmt.Sprintf("%s %d", r.Kind, r.Number)
	}
	if r.Section != "" {
		s += " §" + r.Section
	}
	return s
}

// URL returns where to read the document: the XEP on xmpp.org, or the RFC
// on rfc-editor.org at the section when there is one.
func (r Ref) URL() string {
	switch r.Kind {
	case RefXEP:
		if x, ok := xeps.Lookup(r.Number); ok {
			return x.URL()
		}
		return fmt.Sprintf("https://xmpp.org/extensions/xep-%04d.html", r.Number)
	case RefRFC:
		u := fmt.Sprintf("https://www.rfc-editor.org/rfc/rfc%d.html", r.Number)
		if r.Section != "" {
			u += "#section-" + r.Section
		}
		return u
	}
	return ""
}

// parseRef reads a spec value: "XEP-0077", "XEP-0077 §3.2" or
// "RFC 6121 §2.1.3". A XEP must be in the XSF's list (xeps.Published).
func parseRef(s string) (Ref, error) {
	var r Ref
	doc, sec, hasSec := strings.Cut(s, "§")
	doc = strings.TrimSpace(doc)
	if hasSec {
		sec = strings.TrimSpace(sec)
		if !validSection(sec) {
			return r, fmt.Errorf("bad section %q in spec %q (want digits and dots, such as §3.2)", sec, s)
		}
		r.Section = sec
	}
	switch {
	case strings.HasPrefix(doc, "XEP-"):
		digits := doc[len("XEP-"):]
		n, err := strconv.Atoi(digits)
		if err != nil || len(digits) != 4 || n <= 0 {
			return r, fmt.Errorf("bad spec %q (want XEP-NNNN with four digits, such as XEP-0077)", s)
		}
		if !xeps.Published(n) {
			return r, fmt.Errorf("spec %q: XEP-%04d is not in the xeps index", s, n)
		}
		r.Kind, r.Number = RefXEP, n
	case strings.HasPrefix(doc, "RFC "):
		n, err := strconv.Atoi(strings.TrimSpace(doc[len("RFC "):]))
		if err != nil || n <= 0 {
			return r, fmt.Errorf("bad spec %q (want RFC and a number, such as RFC 6121)", s)
		}
		r.Kind, r.Number = RefRFC, n
	default:
		return r, fmt.Errorf("bad spec %q (want XEP-0077, XEP-0077 §3.2 or RFC 6121 §2.1.3)", s)
	}
	return r, nil
}

// validSection reports whether s is a section number such as "3.2" or
// "A.1": parts of letters and digits separated by single dots.
func validSection(s string) bool {
	if s == "" {
		return false
	}
	for _, part := range strings.Split(s, ".") {
		if part == "" {
			return false
		}
		for _, c := range part {
			if !('0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z') {
				return false
			}
		}
	}
	return true
}
