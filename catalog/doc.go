// Package catalog is xepl's catalog of stanza templates: one embedded file
// per template, a header of key: value lines and the XML to send, as
// FORMAT.md describes.
//
// [All], [Lookup] and [ByXEP] give the embedded templates, parsed once
// (Lookup parses only the one it is asked for until more is needed);
// [Load] reports any that failed to parse. [Parse] reads one file and
// checks everything the format requires, naming the file and line of each
// problem. A [Template] is filled by [Template.Fill], from the
// name=value words a user typed (as [Values]): it resolves them against
// the defaults and the [Session] (domain, own JID, fresh ids), validates
// each value by its parameter's type and renders the XML with every value
// escaped. [Search] answers plain questions ("delete account", "who is
// online"), template names, XEP numbers and namespaces with the templates
// that fit, best first.
//
// The package is pure data and functions: it works offline and knows
// nothing of the network or the terminal.
package catalog
