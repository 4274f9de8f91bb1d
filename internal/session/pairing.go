package session

import "mellium.im/xmpp/jid"

// addresses are the session's own full JID, the account's bare JID and
// its server's domain, in the canonical form of mellium's jid package:
// what a reply may come from when the request went to the account or the
// server.
type addresses struct {
	full, bare, domain string
}

func newAddresses(bound jid.JID) addresses {
	return addresses{full: bound.String(), bare: bound.Bare().String(), domain: bound.Domain().String()}
}

// canonical returns a JID in canonical form (domain lowercased and
// IDNA-mapped, localpart case-folded per the PRECIS profiles of RFC 7622,
// resource as it is), or addr unchanged if it does not parse: an address
// that is not a JID matches only itself, byte for byte.
func canonical(addr string) string {
	j, err := jid.Parse(addr)
	if err != nil {
		return addr
	}
	return j.String()
}

// canonical is the package's canonical, without parsing the addresses a
// reply most often carries, the session's own, which are canonical
// already: parsing a JID (PRECIS) was a seventh of the CPU of a ping.
func (a addresses) canonical(addr string) string {
	switch addr {
	case "", a.bare, a.domain, a.full:
		return addr
	}
	return canonical(addr)
}

// answers reports whether a reply from from can be the answer to a
// request sent to to (RFC 6120 §8.2.3: the reply comes from the entity
// the request was addressed to).
//
//   - A request with no to, or to the account's bare JID, is handled by
//     the server on the account's behalf (§10.3, §10.5.3): the reply
//     comes with no from or from the bare JID (§8.1.2.1). Servers also
//     answer from their domain, and ejabberd answers some (a
//     registration's <remove/>) from the session's own full JID, which
//     no one but the server can send from. Prosody omits from.
//   - A request to the server's domain is answered from the domain, or
//     with no from.
//   - Any other request is answered by its addressee alone, compared in
//     canonical form, bare with bare and full with full: a request to a
//     bare JID is answered by the server for that account, from the bare
//     JID, never by one of its resources.
//
// No from at all can only come from the server itself, which could forge
// any address anyway: taking it for the account or the server costs
// nothing.
func (a addresses) answers(to, from string) bool {
	if to == from {
		return true // whatever the address, it answers itself
	}
	to, from = a.canonical(to), a.canonical(from)
	switch to {
	case "", a.bare:
		return from == "" || from == a.bare || from == a.domain || from == a.full
	case a.domain:
		return from == "" || from == a.domain
	}
	return from == to
}

// isAccount reports whether from is the account itself (no from, or its
// bare JID), as a roster push must be (RFC 6121 §2.1.6).
func (a addresses) isAccount(from string) bool {
	return from == "" || a.canonical(from) == a.bare
}
