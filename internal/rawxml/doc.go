// Package rawxml works on XML as bytes, the way it travels on an XMPP
// stream: it checks what a user typed, splits a stream into its top-level
// elements, reads and sets attributes on a root tag, and masks secrets.
//
//   - Parse checks typed input strictly (well-formedness, namespaces, and
//     what RFC 6120 forbids on a stream) and tells a syntax error, with its
//     line and column, from input that is merely unfinished
//     (ErrIncomplete). Element.Attr and SetAttr read and set attributes on
//     a root start tag without touching any other byte; EscapeText and
//     EscapeAttr escape strings for XML, and AppendEscapedText and
//     AppendQuotedAttr do the same into a buffer, for writers that must
//     not allocate per string.
//   - Splitter cuts the live bytes of one direction of a stream into Units
//     (stream header, top-level element, white space, stream close, junk),
//     whatever the chunking, and never fails on garbage. IsStreamTag
//     applies its test for a stream header or end tag to one piece of
//     bytes, for code that shows stream tags apart from the wire.
//   - Redact masks passwords, SASL payloads and secret data-form values in
//     any fragment before it is shown or logged.
//
// The package uses only the standard library and never panics on input.
// Its time grows linearly with the input (a map lookup per attribute or
// open element at worst), however hostile: a tag with 100,000 attributes,
// 100,000 nested elements each declaring a namespace, or as many end tags
// that close nothing cost no more per byte than a stanza from a real
// server (see scope.go and parse_dups.go).
package rawxml
