package catalog

import (
	"encoding/xml"
	"slices"
)

// Stage says when a template can be sent.
type Stage string

// The stages a template may declare.
const (
	// StagePreAuth is before login, on a stream opened to register.
	StagePreAuth Stage = "pre-auth"
	// StageUser is any logged-in account.
	StageUser Stage = "user"
	// StageAdmin is an account that administers the server.
	StageAdmin Stage = "admin"
	// StageAny is any stream: a probe (KindProbe) that asks what the
	// stream it is on allows.
	StageAny Stage = "any"
)

// What a template expects back, its Expect field.
const (
	// ExpectResult is an iq answered with a result.
	ExpectResult = "result"
	// ExpectNone is a message, presence or nonza that gets no reply.
	ExpectNone = "none"
	// ExpectStanza is a nonza the server answers with another top-level
	// element, such as <enable/> answered by <enabled/>.
	ExpectStanza = "stanza"
)

// Kinds of template, its Kind field.
const (
	// KindStanza is a template whose XML is sent as it is.
	KindStanza = "stanza"
	// KindCommand is an XEP-0050 command whose XML is the submitted form.
	KindCommand = "command"
	// KindProbe is a question the shell answers with requests of its
	// own, chosen by what the stream allows (before login, as a user, as
	// the admin); its XML is what it sends before login. The shell has
	// one procedure per probe template, found by its name.
	KindProbe = "probe"
)

// SessionIDParam is the name a command template's XML uses for the
// XEP-0050 session id, {{sessionid}}. It is not a declared parameter: the
// shell supplies it from the server's first reply.
const SessionIDParam = "sessionid"

// Template is one parsed template file.
type Template struct {
	// Name is the dotted name, GROUP.ACTION, such as "register.cancel".
	Name string
	// Title says what the template does in a few words.
	Title string
	// Summary says in one to three sentences what it is for and what
	// comes back.
	Summary string
	// Specs are the documents that define the stanza; the first is the
	// main one.
	Specs []Ref
	// Stage says when the template can be sent.
	Stage Stage
	// Keywords are the words and phrases people search with.
	Keywords []string
	// Params are the parameters in the order they are declared.
	Params []Param
	// Expect is ExpectResult, ExpectNone or ExpectStanza.
	Expect string
	// Errors are the error conditions a server may rightly answer with:
	// stanza conditions, or application ones written "ns#name".
	Errors []string
	// ErrorNotes says, for some of Errors, what the condition means in
	// answer to this template: shown in place of its general advice.
	ErrorNotes map[string]string
	// Related names other templates.
	Related []string
	// Features are disco#info features the template exercises that are
	// not element namespaces in its XML.
	Features []string
	// Kind is KindStanza, KindCommand or KindProbe.
	Kind string
	// Node is the command node of a KindCommand template.
	Node string
	// Before and After are templates the live test runs first and
	// afterwards, to set up and to clean up.
	Before, After []Call
	// NeverLive, when not empty, says why the live test must never send
	// this template (it would shut the test server down, say).
	NeverLive string
	// Requires lists what the target must offer for the template to
	// apply; the live test records "not offered" when it does not.
	Requires []Requirement
	// Body is the XML as written, with its {{...}} tags, without the
	// blank lines around it.
	Body string
	// File is the file name the template was parsed from.
	File string

	nodes      []node         // Body parsed into text and tags
	fields     []commandField // a command's form fields and their parameters
	to         commandField   // the parameter (or fixed address) of the root's to; see Target
	root       xml.Name       // the root element
	payload    []string       // see Payload
	namespaces []string       // xmlns values in Body, sorted, unique
}

// Param returns the parameter called name.
func (t *Template) Param(name string) (Param, bool) {
	for _, p := range t.Params {
		if p.Name == name {
			return p, true
		}
	}
	return Param{}, false
}

// Namespaces returns every namespace the XML declares, with xmlns or
// xmlns:prefix, sorted and without repeats. Values that hold a {{tag}}
// are left out.
func (t *Template) Namespaces() []string {
	return slices.Clone(t.namespaces)
}

// XEPs returns the numbers of the XEPs among the template's specs, the
// main one first, without repeats.
func (t *Template) XEPs() []int {
	var ns []int
	for _, r := range t.Specs {
		if r.Kind == RefXEP && !slices.Contains(ns, r.Number) {
			ns = append(ns, r.Number)
		}
	}
	return ns
}

// Covers returns the disco features the template exercises: the
// namespaces in its XML and its declared features, sorted and without
// repeats.
func (t *Template) Covers() []string {
	c := append(slices.Clone(t.namespaces), t.Features...)
	slices.Sort(c)
	return slices.Compact(c)
}
