package catalog

import "fmt"

// ParseError reports a problem in a template file, at a line when one is
// to blame.
type ParseError struct {
	// File is the file name given to Parse.
	File string
	// Line is the 1-based line, or 0 for the file as a whole.
	Line int
	// Msg says what is wrong.
	Msg string
}

// Error formats the error as "FILE:LINE: MSG", or "FILE: MSG".
func (e *ParseError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.File, e.Msg)
}

// MissingError reports required parameters that have no value.
type MissingError struct {
	// Template is the template being filled.
	Template *Template
	// Params are the parameters without a value, in declaration order.
	Params []Param
}

// Error names the template and every missing parameter:
// "admin.add-user needs jid, password".
func (e *MissingError) Error() string {
	return fmt.Sprintf("%s needs %s", e.Template.Name, paramNames(e.Params))
}

// ValueError reports a value that does not fit its parameter, or a value
// given for a parameter the template does not have. The value of a secret
// parameter, or of an unknown one (it may be a mistyped password), never
// appears in the message.
type ValueError struct {
	// Template is the template being filled.
	Template *Template
	// Param is the parameter; for an unknown name only its Name is set.
	Param Param
	// Value is the value as given.
	Value string
	// Err says what is wrong with it.
	Err error
}

// Error returns "TEMPLATE: PARAM: PROBLEM", such as
// `muc.join: maxstanzas: "ten" is not a whole number`.
func (e *ValueError) Error() string {
	name := ""
	if e.Template != nil {
		name = e.Template.Name + ": "
	}
	if e.Param.Type == "" {
		return fmt.Sprintf("%s%v", name, e.Err)
	}
	return fmt.Sprintf("%s%s: %v", name, e.Param.Name, e.Err)
}

// Unwrap returns Err.
func (e *ValueError) Unwrap() error { return e.Err }
