// Package rawxml works on XML as bytes, the way it travels on an XMPP
// stream: it checks what a user typed, splits a stream into its top-level
// elements, reads and sets attributes on a root tag, and masks secrets.
package rawxml
