package xeps

import "strings"

// Identity is what a service discovery identity (XEP-0030 §3.1), a
// category and a type, says an entity is.
type Identity struct {
	Category, Type string
	// Meaning says what such an entity is, in a few words.
	Meaning string
	// Spec is the XEP that registers or defines the pair.
	Spec Spec
}

// ForIdentity explains an identity's category and type.
func ForIdentity(category, typ string) (Identity, bool) {
	id, ok := data().extra().identities[category+"/"+typ]
	return id, ok
}

// loadIdentities reads data/identities.txt into d, after the XEPs.
func loadIdentities(d *database, recs []record) error {
	d.identities = map[string]Identity{}
	for _, r := range recs {
		m, err := r.check([]string{"identity", "xep", "meaning"}, nil, []string{"identity", "xep", "meaning"})
		if err != nil {
			return err
		}
		key := first(m, "identity")
		cat, typ, ok := strings.Cut(key, "/")
		switch {
		case r.fields[0].key != "identity":
			return r.errorf(r.line, "record must start with identity")
		case !ok || cat == "" || typ == "" || strings.Contains(typ, "/"):
			return r.errorf(r.line, "identity %q is not CATEGORY/TYPE", key)
		case len(first(m, "meaning")) > maxText:
			return r.errorf(r.line, "%s: meaning longer than %d bytes", key, maxText)
		}
		if _, dup := d.identities[key]; dup {
			return r.errorf(r.line, "identity %s appears twice", key)
		}
		n, err := r.number(m, "xep")
		if err != nil {
			return err
		}
		i, ok := d.byNumber[n]
		if !ok {
			return r.errorf(r.line, "XEP %d is not in the XSF's list", n)
		}
		x := d.xeps[i]
		d.identities[key] = Identity{Category: cat, Type: typ, Meaning: first(m, "meaning"),
			Spec: Spec{XEP: n, Title: x.Title, Status: x.Status}}
	}
	return nil
}
