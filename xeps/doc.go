// Package xeps is an offline reference of the XMPP Extension Protocols
// xepl knows: numbers, titles, status, type, namespaces and links, and a
// plain-language explanation of every stanza, stream and SASL error
// condition.
package xeps
