// Package xeps is an offline reference of the XMPP Extension Protocols
// xepl knows: numbers, titles, status, type, namespaces and links, and a
// plain-language explanation of every stanza, stream and SASL error
// condition.
//
// Look a XEP up by number with [Lookup] (people's spellings such as
// "xep-0077" go through [ParseNumber] first), list them with [All], and
// find what defines a namespace or disco feature with [ForNamespace] or
// [Describe]. Namespaces owned by the XMPP RFCs resolve to an RFC section,
// and server-specific features that no XEP defines resolve to a short note
// (data/specs.txt lists them). [StanzaCondition],
// [StreamCondition], [SASLCondition] and [AppCondition] explain error
// conditions and suggest what to try next. [Section] gives the title of a
// XEP section as xmpp.org numbers it, for the XEPs the catalog cites, so
// that a citation such as "XEP-0313 §4.1.1" can be checked.
//
// For explaining a stanza, [ForFormType] and [FieldMeaning] say what
// the fields of the data forms servers send mean, by FORM_TYPE (XEP-0068);
// [ForIdentity] what a disco identity says an entity is; and
// [Differences] where Prosody and ejabberd were seen to answer the same
// request with different errors.
//
// The package also declares, once, the namespaces xepl's own code builds
// and reads stanzas with (NSStanzas, NSCommands, NSDataForms, ...), so
// that the packages below the shell share one spelling of each URI.
//
// The number, title, status and type of every published XEP come from the
// XSF's list, generated from the XSF's XEP sources into data/xeplist.xml
// and xeplist_gen.go by internal/genxeplist (go run
// ./xeps/internal/genxeplist -xeps DIR), or from a newer xeplist.xml that
// [Update] downloaded (see [SetListFile]); [Search] finds XEPs by words.
//
// The other facts live in embedded text files under data/, one record per XEP,
// namespace owner or condition; see the comment at the top of each file for
// its format. Adding a XEP or a namespace is a data change, and the tests
// check the whole data set. Only data/sections.txt is generated, from the
// XSF's XEP sources, by gensections.go (go run xeps/gensections.go -xeps
// DIR): section numbers are too many, and move too often between XEP
// versions, to keep by hand.
package xeps
