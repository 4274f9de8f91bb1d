package xeps

import "fmt"

// Spec says which document defines a namespace or an error condition:
// a XEP, an RFC, or some other body such as a server project.
type Spec struct {
	// Namespace is the registered name that matched a lookup. It can be
	// shorter than the name looked up (see ForNamespace); a name ending
	// in "*" is a prefix registration.
	Namespace string
	// XEP is the XEP number, or 0 if no XEP defines it.
	XEP int
	// RFC is the RFC number, or 0 if no RFC defines it.
	RFC int
	// Section is the RFC or XEP section, such as "8.3.3.1", if known.
	Section string
	// Org names who defines it when it is neither a XEP nor an RFC,
	// such as "ejabberd" or "Prosody".
	Org string
	// Title is the XEP title, the RFC section title, or a short note.
	Title string
	// Status is the XEP status; empty for RFCs and others.
	Status string
	// Element, when set, is the one element of Namespace the record
	// describes (see ForElement).
	Element string
}

// String returns a one-line description, such as
// "XEP-0199: XMPP Ping (Final)", "RFC 6121 §2 Managing the Roster" or
// "ejabberd: MucSub, ...".
func (s Spec) String() string {
	switch {
	case s.XEP != 0:
		sec := ""
		if s.Section != "" {
			sec = " §" + s.Section
		}
		return fmt.Sprintf("XEP-%04d%s: %s (%s)", s.XEP, sec, s.Title, s.Status)
	case s.RFC != 0:
		if s.Section != "" {
			return fmt.Sprintf("RFC %d §%s %s", s.RFC, s.Section, s.Title)
		}
		return fmt.Sprintf("RFC %d %s", s.RFC, s.Title)
	case s.Org != "":
		return s.Org + ": " + s.Title
	}
	return s.Title
}

// URL returns where to read the document, or "" when there is no public
// specification.
func (s Spec) URL() string {
	switch {
	case s.XEP != 0:
		return XEP{Number: s.XEP}.URL()
	case s.RFC != 0 && s.Section != "":
		return fmt.Sprintf("https://www.rfc-editor.org/rfc/rfc%d.html#section-%s", s.RFC, s.Section)
	case s.RFC != 0:
		return fmt.Sprintf("https://www.rfc-editor.org/rfc/rfc%d.html", s.RFC)
	}
	return ""
}
