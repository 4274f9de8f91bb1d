// Package vocab holds the words xepl reads for a yes-or-no value, in one
// place, so that a template parameter of type bool (catalog) and a boolean
// field of a data form (internal/forms) take the same answers: a person
// who typed "y" to a form question should not be refused it on a template
// command line. It imports nothing of xepl, so any package may use it.
package vocab

import "strings"

// BoolWords lists the words ParseBool reads, for messages and help.
const BoolWords = "true/false, 1/0, yes/no, y/n, on/off"

// ParseBool reads s as true or false: true/false, 1/0, yes/no, y/n or
// on/off, in any case and with white space around it. ok is false for
// anything else.
func ParseBool(s string) (value, ok bool) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "true", "1", "yes", "y", "on":
		return true, true
	case "false", "0", "no", "n", "off":
		return false, true
	}
	return false, false
}
