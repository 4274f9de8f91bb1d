package rawxml

import "bytes"

// Mask replaces each secret that Redact hides.
const Mask = "********"

// Redact returns raw with the content of every secret element replaced by
// Mask and all other bytes unchanged. raw may be one element, a stream
// header, or any fragment of a stream, well-formed or not: Redact does its
// best and never fails. It returns raw itself when nothing was secret.
//
// The content of an element (its text, CDATA sections, anything between
// its start and end tags) is secret when the element is:
//   - password or old_password, in any namespace (jabber:iq:register,
//     jabber:iq:auth, a MUC join), or digest in jabber:iq:auth;
//   - a SASL payload: auth, response, challenge or success in
//     urn:ietf:params:xml:ns:xmpp-sasl, and initial-response, response,
//     challenge or additional-data in urn:xmpp:sasl:2;
//   - a value of a jabber:x:data form field whose type is text-private or
//     whose var contains "password", "passwd" or "secret" in any case.
//
// An empty secret element stays as it is, so a form that asks for a
// password still shows the field. Namespaces are resolved from the
// declarations in raw; without one, elements are in jabber:client. When
// raw ends inside a secret element, the rest of raw is masked, and text
// before an end tag such as </password> that closes an element opened
// before raw starts is masked too. Secrets in attribute values are not
// looked for.
func Redact(raw []byte) []byte {
	if !mayHoldSecret(raw) {
		return raw
	}
	w := redactor{src: raw}
	w.walk()
	if len(w.spans) == 0 {
		return raw
	}
	out := make([]byte, 0, len(raw))
	last := 0
	for _, sp := range w.spans {
		out = append(out, raw[last:sp.from]...)
		out = append(out, Mask...)
		last = sp.to
	}
	return append(out, raw[last:]...)
}

// mayHoldSecret is Redact's fast path: it reports whether any tag in raw
// bears the local name of an element whose content can be secret.
func mayHoldSecret(raw []byte) bool {
	for i := 0; ; {
		j := bytes.IndexByte(raw[i:], '<')
		if j < 0 {
			return false
		}
		i += j + 1
		if i < len(raw) && raw[i] == '/' {
			i++
		}
		end := tagNameEnd(raw, i)
		if isSecretName(localPart(raw[i:end])) {
			return true
		}
	}
}

// localPart returns what follows the first colon of name, or name.
func localPart(name []byte) []byte {
	_, local := splitQName(name)
	return local
}

// isSecretName reports whether local is the local name of an element
// whose content may be secret in some namespace.
func isSecretName(local []byte) bool {
	switch string(local) {
	case "password", "old_password", "digest", "value",
		"auth", "response", "challenge", "success",
		"initial-response", "additional-data":
		return true
	}
	return false
}

// secretIn reports whether the content of the element local in namespace
// ns is secret wherever it appears (data-form values depend on their
// field and are decided elsewhere).
func secretIn(ns string, local []byte) bool {
	switch string(local) {
	case "password", "old_password":
		return true
	}
	switch ns {
	case nsIQAuth:
		return string(local) == "digest"
	case nsSASL:
		switch string(local) {
		case "auth", "response", "challenge", "success":
			return true
		}
	case nsSASL2:
		switch string(local) {
		case "initial-response", "response", "challenge", "additional-data":
			return true
		}
	}
	return false
}
