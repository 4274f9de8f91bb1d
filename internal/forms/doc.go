// Package forms implements XEP-0004: Data Forms, as xepl needs them: it
// reads any form a server sends (a form to fill, a result with or without a
// table of <reported> columns and <item> rows), checks and sets values typed
// by a person or given on a command line, asks for the rest through an
// Asker, shows forms and result tables as plain text, and writes the
// submitted form.
//
// It is ours and not mellium.im/xmpp/form because that package does not fit
// an explorer: form.Data.Set needs the Go type of each field (bool,
// jid.JID, []string, ...) where a shell only has the text that was typed;
// form.Data.Submit panics on a text-multi value that is empty or ends in a
// newline; and form.Data refuses result tables (<reported>/<item>), which
// is how many commands and searches answer.
//
// Parsing uses github.com/beevik/etree and accepts any prefixing of the
// jabber:x:data namespace; writing escapes every value with
// xepl/internal/rawxml. Nothing in the package panics on input.
//
// Filling: Fill applies values given as text (a command line's var=value)
// and then, on a terminal, asks for the required fields still empty and
// for the fields the form gives no default, each skippable with Enter;
// FillAll asks for every visible field. In a script (no Asker) nothing is
// asked and a required field without a value is a *MissingError.
//
// Values are kept as text, as they travel. Booleans are written "1" or
// "0", the canonical forms of XEP-0004 (which also allows "true" and
// "false"); Set accepts true/false, 1/0, yes/no, y/n and on/off in any
// case, the words of xepl/internal/vocab, which template parameters take
// too. A field without a type is a text-single field (XEP-0004 §3.3).
//
// Secrets: the value of a text-private field (or of a text field whose var
// says password, passwd or secret, as rawxml.Redact decides) never appears
// in an error, and Write and WriteTable show it as rawxml.Mask. Submit
// writes it in clear, of course: mask the stanza before showing it.
package forms
