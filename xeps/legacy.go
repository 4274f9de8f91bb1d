package xeps

// legacyCodes maps the error codes of the old Jabber protocols to the
// RFC 6120 stanza condition and type that XEP-0086 §3 gives for each:
// an old server may send <error code='401'/> with no condition element.
var legacyCodes = map[int]struct{ condition, typ string }{
	302: {"redirect", "modify"}, // or gone, when permanent
	400: {"bad-request", "modify"},
	401: {"not-authorized", "auth"},
	402: {"payment-required", "auth"},
	403: {"forbidden", "auth"},
	404: {"item-not-found", "cancel"},
	405: {"not-allowed", "cancel"},
	406: {"not-acceptable", "modify"},
	407: {"registration-required", "auth"},
	408: {"remote-server-timeout", "wait"},
	409: {"conflict", "cancel"},
	500: {"internal-server-error", "wait"},
	501: {"feature-not-implemented", "cancel"},
	502: {"service-unavailable", "wait"},
	503: {"service-unavailable", "cancel"},
	504: {"remote-server-timeout", "wait"},
	510: {"service-unavailable", "cancel"},
}

// LegacyCode returns the stanza condition and error type XEP-0086 maps a
// legacy error code to.
func LegacyCode(code int) (condition, typ string, ok bool) {
	c, ok := legacyCodes[code]
	return c.condition, c.typ, ok
}
