package catalog

import (
	"math/rand/v2"
	"strconv"
	"strings"
	"sync/atomic"
	"time"
)

// Session holds the values a template's defaults and test values may use,
// written {domain}, {jid}, {bare}, {user}, {resource}, {id} and {now}, and
// in test values also {rand}.
//
// Bare, User, Resource and Domain, when empty, are taken from JID, so a
// Session with only JID set (or only Domain, on a registration stream) is
// enough.
type Session struct {
	// Domain is the server's domain, {domain}.
	Domain string
	// JID is the session's own full JID, {jid}.
	JID string
	// Bare is the own bare JID, {bare}.
	Bare string
	// User is the own localpart, {user}.
	User string
	// Resource is the own resource, {resource}.
	Resource string
	// NewID returns a fresh id for each {id}. When nil, ids come from a
	// counter shared by the whole program: "xepl-1", "xepl-2", ...
	NewID func() string
	// Now returns the time for {now}, written in UTC in the XEP-0082
	// format. When nil, time.Now is used.
	Now func() time.Time
	// Rand is what {rand} stands for in test values. When empty, each
	// call of TestValues or Call.Values picks its own random word, so a
	// caller that runs a template with its before and after calls must
	// set Rand once (with RandWord) and pass the same Session to all of
	// them for names such as node=n{rand} to agree.
	Rand string
}

// sessionNames are the placeholders defaults may use; test values and
// call arguments may also use {rand}.
var sessionNames = []string{"domain", "jid", "bare", "user", "resource", "id", "now"}

var idCounter atomic.Uint64

// RandWord returns a random word of eight lower-case letters, for
// Session.Rand.
func RandWord() string {
	b := make([]byte, 8)
	for i := range b {
		b[i] = 'a' + byte(rand.N(26))
	}
	return string(b)
}

// value returns what the placeholder name stands for, and false for a
// name that is not a session value.
func (s Session) value(name, rnd string) (string, bool) {
	local, domain, resource := splitJID(s.JID)
	or := func(a, b string) string {
		if a != "" {
			return a
		}
		return b
	}
	switch name {
	case "domain":
		return or(s.Domain, domain), true
	case "jid":
		return s.JID, true
	case "bare":
		if s.Bare != "" {
			return s.Bare, true
		}
		d := or(s.Domain, domain)
		if local != "" && d != "" {
			return local + "@" + d, true
		}
		return d, true
	case "user":
		return or(s.User, local), true
	case "resource":
		return or(s.Resource, resource), true
	case "id":
		if s.NewID != nil {
			return s.NewID(), true
		}
		return "xepl-" + strconv.FormatUint(idCounter.Add(1), 10), true
	case "now":
		now := time.Now
		if s.Now != nil {
			now = s.Now
		}
		return now().UTC().Truncate(time.Second).Format(time.RFC3339), true
	case "rand":
		return rnd, true
	}
	return "", false
}

// splitJID cuts a JID into its localpart, domainpart and resourcepart,
// without validating it.
func splitJID(j string) (local, domain, resource string) {
	bare, resource, _ := strings.Cut(j, "/")
	local, domain, ok := strings.Cut(bare, "@")
	if !ok {
		return "", bare, resource
	}
	return local, domain, resource
}

// expand replaces each {name} placeholder in v by its session value; rnd
// stands for {rand}. Anything else in braces is left as it is (Parse
// rejects unknown placeholders in defaults and test values).
func (s Session) expand(v, rnd string) string {
	if !strings.Contains(v, "{") {
		return v
	}
	var b strings.Builder
	for {
		i := strings.IndexByte(v, '{')
		if i < 0 {
			b.WriteString(v)
			return b.String()
		}
		j := strings.IndexByte(v[i:], '}')
		if j < 0 {
			b.WriteString(v)
			return b.String()
		}
		name := v[i+1 : i+j]
		val, ok := s.value(name, rnd)
		if !ok {
			b.WriteString(v[:i+1])
			v = v[i+1:]
			continue
		}
		b.WriteString(v[:i])
		b.WriteString(val)
		v = v[i+j+1:]
	}
}

// placeholders returns the names written in braces in v, such as
// "domain" for "{domain}", and false if v holds "{{" or an unclosed "{".
func placeholders(v string) ([]string, bool) {
	var names []string
	for {
		i := strings.IndexByte(v, '{')
		if i < 0 {
			return names, true
		}
		j := strings.IndexByte(v[i+1:], '}')
		if j < 0 || strings.HasPrefix(v[i:], "{{") {
			return nil, false
		}
		names = append(names, v[i+1:i+1+j])
		v = v[i+1+j+1:]
	}
}

// rand returns s.Rand, or a fresh random word when it is empty.
func (s Session) rand() string {
	if s.Rand != "" {
		return s.Rand
	}
	return RandWord()
}
