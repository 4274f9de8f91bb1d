// Package adhoc implements XEP-0050: Ad-Hoc Commands, as a conversation a
// person (or a script) holds with a server: read the list of commands
// offered (ParseList), execute one, fill each form it sends (with xepl/internal/forms), move
// through its stages with next, prev, complete or cancel, and read the
// notes and results, such as the XEP-0133 admin commands of ejabberd and
// Prosody.
//
// Every request is built as raw XML by a function (ExecuteXML, ActionXML)
// that the shell also uses to show the stanza before it is sent,
// and goes through a Requester (a *session.Session). Replies are parsed
// with etree: the <command/> element's status, sessionid, <actions/> (and
// its execute attribute), <note/>s and data form, which mellium's commands
// package leaves unparsed. A reply of type error is a Response with Error
// set (a *stanza.Error of xepl/internal/stanza), not a Go error: Go errors
// are for the transport (timeouts, a lost stream).
//
// Session keeps one run of a command: the node, the address and the
// sessionid of the first reply, which every later request carries. Runner
// drives a whole run for the shell and for scripts: values from the
// command line, questions on a terminal, the action to take, and a cancel
// sent to the server when the run is interrupted.
package adhoc
