package catalog_test

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"xepl/catalog"
)

// base is a small valid template; its header ends on line 7, so header
// lines added by withHeader start on line 8, and the body follows "---".
const base = `name: x.test
title: A test
spec: XEP-0199
stage: user
summary: For tests.
expect: result
param: to jid default={domain} -- whom to ask
`

const baseBody = "<iq type='get' to='{{to}}'><ping xmlns='urn:xmpp:ping'/></iq>\n"

// withHeader returns base with extra header lines (from line 8) and body.
func withHeader(body string, extra ...string) string {
	h := base
	for _, e := range extra {
		h += e + "\n"
	}
	return h + "---\n" + body
}

// replaced returns the base template with old replaced by new.
func replaced(old, new string) string {
	s := withHeader(baseBody)
	if !strings.Contains(s, old) {
		panic("replaced: no " + old)
	}
	return strings.Replace(s, old, new, 1)
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want string // a substring of the error, with the file and line
	}{
		{"no separator", strings.TrimSuffix(base, "\n"), "x.test.tmpl:7: no \"---\" line"},
		{"unknown key", replaced("title:", "titel:"), "x.test.tmpl:2: unknown key \"titel\""},
		{"capture into an undeclared parameter", withHeader(baseBody, "before: ping.server => sid=command@sessionid"), "x.test.tmpl:8: before: capture"},
		{"capture without an attribute", withHeader(baseBody, "before: ping.server => to=command"), "x.test.tmpl:8: before: capture"},
		{"capture on an after line", withHeader(baseBody, "after: ping.server => to=command@sessionid"), "x.test.tmpl:8: after: only a before"},
		{"live without a reason", withHeader(baseBody, "live: never"), "x.test.tmpl:8: live: want"},
		{"live not never", withHeader(baseBody, "live: sometimes -- why"), "x.test.tmpl:8: live: want"},
		{"unknown requirement", withHeader(baseBody, "requires: moon"), "x.test.tmpl:8: requires: want"},
		{"feature requirement without feature", withHeader(baseBody, "requires: feature"), "x.test.tmpl:8: requires: want"},
		{"repeated key", withHeader(baseBody, "title: Again"), "x.test.tmpl:8: title given again (first on line 2)"},
		{"empty value", replaced("title: A test", "title:"), "x.test.tmpl:2: title has no value"},
		{"continuation first", "  indented\n" + withHeader(baseBody), "x.test.tmpl:1: an indented line continues a value"},
		{"not key value", replaced("stage: user\n", "stage: user\njust words\n"), "x.test.tmpl:5: want \"key: value\""},
		{"missing key", replaced("summary: For tests.\n", ""), "x.test.tmpl: the header has no summary"},
		{"name not file", replaced("name: x.test", "name: x.other"), "x.test.tmpl:1: name x.other does not match the file name (want x.test)"},
		{"bad name", replaced("name: x.test", "name: X.Test"), "x.test.tmpl:1: bad name \"X.Test\""},
		{"name without group", replaced("name: x.test", "name: xtest"), "x.test.tmpl:1: bad name \"xtest\""},
		{"spec digits", replaced("XEP-0199", "XEP-199"), "x.test.tmpl:3: bad spec \"XEP-199\""},
		{"spec unknown xep", replaced("XEP-0199", "XEP-9998"), "x.test.tmpl:3: spec \"XEP-9998\": XEP-9998 is not in the xeps index"},
		{"spec section", replaced("XEP-0199", "XEP-0199 §"), "x.test.tmpl:3: bad section"},
		{"spec rfc", replaced("XEP-0199", "RFC six"), "x.test.tmpl:3: bad spec \"RFC six\""},
		{"spec other", replaced("XEP-0199", "ISO 8601"), "x.test.tmpl:3: bad spec \"ISO 8601\""},
		{"stage", replaced("stage: user", "stage: root"), "x.test.tmpl:4: unknown stage \"root\""},
		{"expect", replaced("expect: result", "expect: reply"), "x.test.tmpl:6: unknown expect \"reply\""},
		{"kind", withHeader(baseBody, "kind: macro"), "x.test.tmpl:8: unknown kind \"macro\""},
		{"command without node", withHeader(baseBody, "kind: command"), "x.test.tmpl:8: kind: command needs a node"},
		{"probe not any", withHeader(baseBody, "kind: probe"), "x.test.tmpl:4: stage: any is for kind: probe, and a probe's stage is any"},
		{"any not probe", replaced("stage: user", "stage: any"), "x.test.tmpl:4: stage: any is for kind: probe"},
		{"node without command", withHeader(baseBody, "node: n"), "x.test.tmpl:8: node is only for kind: command"},
		{"unknown condition", withHeader(baseBody, "errors: forbiden"), "x.test.tmpl:8: error \"forbiden\" is not a stanza or stream error condition"},
		{"empty item", withHeader(baseBody, "errors: forbidden,,gone"), "x.test.tmpl:8: errors has an empty item"},
		{"app condition", withHeader(baseBody, "errors: #bad"), "x.test.tmpl:8: error \"#bad\": want ns#name"},
		{"related", withHeader(baseBody, "related: ping"), "x.test.tmpl:8: related \"ping\" is not a template name"},
		{"feature", withHeader(baseBody, "feature: a b"), "x.test.tmpl:8: feature \"a b\": one feature per line"},
		{"error note without note", withHeader(baseBody, "errors: gone", "error-note: gone"), "x.test.tmpl:9: error-note: want"},
		{"error note twice", withHeader(baseBody, "errors: gone", "error-note: gone -- a", "error-note: gone -- b"), "x.test.tmpl:10: error-note for gone given twice"},
		{"error note for an unlisted error", withHeader(baseBody, "errors: gone", "error-note: forbidden -- a"), "x.test.tmpl:9: error-note for forbidden, which errors does not list"},
		{"param type", replaced("to jid", "to jidd"), "x.test.tmpl:7: parameter to: unknown parameter type \"jidd\""},
		{"param no dashes", replaced(" -- whom to ask", ""), "x.test.tmpl:7: param \"to jid default={domain}\" has no \" -- description\""},
		{"param no description", replaced(" whom to ask", ""), "x.test.tmpl:7: param \"to jid default={domain} --\" has an empty description after --"},
		{"param empty description", replaced("whom to ask", "  "), "x.test.tmpl:7: param"},
		{"param only name", replaced("to jid default={domain}", "to"), "x.test.tmpl:7: param \"to -- whom to ask\" needs a name and a type"},
		{"param name", replaced("param: to jid", "param: To jid"), "x.test.tmpl:7: bad parameter name \"To\""},
		{"param sessionid in a command", withHeader(strings.Replace(baseBody, "/>", " a='{{sessionid}}'/>", 1), "param: sessionid text test=s -- x", "kind: command", "node: n"), "x.test.tmpl:8: a command template cannot declare sessionid: the shell fills {{sessionid}} from the server's reply"},
		{"param twice", withHeader(baseBody, "param: to text -- x"), "x.test.tmpl:8: parameter to declared twice"},
		{"param option", replaced("default={domain}", "requird"), "x.test.tmpl:7: parameter to: unknown option \"requird\""},
		{"param option twice", replaced("default={domain}", "required required"), "x.test.tmpl:7: parameter to: required given twice"},
		{"param empty default", replaced("default={domain}", "default="), "x.test.tmpl:7: parameter to: empty default="},
		{"param quote", replaced("default={domain}", `default="{domain}`), "x.test.tmpl:7: a quote is not closed"},
		{"default placeholder", replaced("{domain}", "{dom}"), "x.test.tmpl:7: parameter to: default: unknown session value {dom} (known: {domain}, {jid}"},
		{"default rand", replaced("{domain}", "r{rand}.example"), "x.test.tmpl:7: parameter to: default: {rand} is only for test values"},
		{"default braces", replaced("{domain}", "{{domain}}"), "x.test.tmpl:7: parameter to: default: \"{{domain}}\": braces must hold a session value"},
		{"test placeholder", replaced("default={domain}", "test={nope}"), "x.test.tmpl:7: parameter to: test: unknown session value {nope}"},
		{"default jid", replaced("{domain}", "a@@b"), "x.test.tmpl:7: parameter to: default=a@@b: \"a@@b\" is not a valid JID"},
		{"test int", withHeader(strings.Replace(baseBody, "/>", "/>{{n}}", 1), "param: n int test=ten -- a number"), "x.test.tmpl:8: parameter n: test=ten: \"ten\" is not a whole number"},
		{"default bool", withHeader(baseBody, "param: b bool default=maybe -- a flag"), "x.test.tmpl:8: parameter b: default=maybe: \"maybe\" is not a bool"},
		{"default choice", withHeader(baseBody, "param: c choice(a|b) default=c -- one"), "x.test.tmpl:8: parameter c: default=c: \"c\" is not one of a, b"},
		{"default xml", withHeader(baseBody, "param: x xml default=<a> -- some"), "x.test.tmpl:8: parameter x: default=<a>: not well-formed XML"},
		{"choice of one", withHeader(baseBody, "param: c choice(a) -- one"), "x.test.tmpl:8: parameter c: choice(a) needs at least two choices"},
		{"choice empty", withHeader(baseBody, "param: c choice(a||b) -- one"), "x.test.tmpl:8: parameter c: choice(a||b) has an empty choice"},
		{"choice twice", withHeader(baseBody, "param: c choice(a|b|a) -- one"), "x.test.tmpl:8: parameter c: choice(a|b|a) lists \"a\" twice"},
		{"unused param", withHeader(baseBody, "param: n int -- a number"), "x.test.tmpl:8: parameter n is declared but never used"},
		{"no body", withHeader("\n\n"), "x.test.tmpl:8: no XML after ---"},
		{"unknown tag", withHeader("\n<iq type='get' to='{{too}}'/>\n"), "x.test.tmpl:10: {{too}} names no declared parameter (declared: to)"},
		{"unknown section", withHeader("<iq to='{{to}}'>{{#x}}{{/x}}</iq>"), "x.test.tmpl:9: {{#x}} names no declared parameter"},
		{"unclosed tag", withHeader("<iq to='{{to}}'>\n{{#to</iq>"), "x.test.tmpl:10: {{ is not closed with }}"},
		{"bad tag", withHeader("<iq to='{{to}}'>{{To}}</iq>"), "x.test.tmpl:9: bad tag \"{{To}}\""},
		{"empty tag", withHeader("<iq to='{{to}}'>{{}}</iq>"), "x.test.tmpl:9: bad tag \"{{}}\""},
		{"unclosed section", withHeader("<iq to='{{to}}'>\n{{#to}}\n</iq>"), "x.test.tmpl:10: {{#to}} is never closed with {{/to}}"},
		{"close without open", withHeader("<iq to='{{to}}'>\n{{/to}}\n</iq>"), "x.test.tmpl:10: {{/to}} closes a section that was never opened"},
		{"crossed sections", withHeader("<iq to='{{to}}'>{{#to}}{{^flag}}\n{{/to}}{{/flag}}</iq>", "param: flag bool -- a flag"), "x.test.tmpl:11: {{/to}} does not close {{^flag}} (line 10)"},
		{"dot outside list", withHeader("<iq to='{{to}}'>{{#to}}{{.}}{{/to}}</iq>"), "x.test.tmpl:9: {{.}} is only for the items of a jids or texts section"},
		{"dot in inverted list", withHeader("<iq to='{{to}}'>{{^l}}{{.}}{{/l}}</iq>", "param: l texts -- items"), "x.test.tmpl:10: {{.}} is only for"},
		{"list as value", withHeader("<iq to='{{to}}'>{{l}}</iq>", "param: l jids -- items"), "x.test.tmpl:10: {{l}} is a list (jids): repeat it with {{#l}}...{{.}}...{{/l}}"},
		{"sessionid in stanza", withHeader("<iq to='{{to}}' a='{{sessionid}}'/>"), "x.test.tmpl:9: {{sessionid}} names no declared parameter (declared: to); declare it, or make the template kind: command"},
		{"not well-formed", withHeader("<iq type='get' to='{{to}}'><a></iq>"), "x.test.tmpl:9: the XML rendered with the test values is not well-formed: line 1, column"},
		{"defaults alone not well-formed", withHeader("<iq type='get' to='{{to}}'>{{^n}}<a>{{/n}}<b/></iq>", "param: n int test=1 -- a number"), "x.test.tmpl:10: the XML rendered with the defaults alone is not well-formed"},
		{"iq with id", withHeader("<iq type='get' id='x' to='{{to}}'/>"), "x.test.tmpl:9: an <iq> has an id"},
		{"required without value", withHeader("<iq to='{{to}}'><a>{{n}}</a></iq>", "param: n int required -- a number"), "x.test.tmpl:10: required parameters without a default or test value: n"},
		{"call name", withHeader(baseBody, "before: ping"), "x.test.tmpl:8: before: want a template name"},
		{"call arg", withHeader(baseBody, "after: x.other room"), "x.test.tmpl:8: after: argument \"room\" of x.other is not name=value"},
		{"call ref", withHeader(baseBody, "after: x.other room={{room}}"), "x.test.tmpl:8: after: argument room={{room}} of x.other: {{room}} names no declared parameter"},
		{"call placeholder", withHeader(baseBody, "after: x.other room={nope}"), "x.test.tmpl:8: after: argument room={nope} of x.other: unknown session value {nope}"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tm, err := catalog.Parse("x.test.tmpl", []byte(tt.src))
			if err == nil {
				t.Fatalf("Parse succeeded (%s), want error %q", tm.Name, tt.want)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error\n  %v\nwant it to hold\n  %s", err, tt.want)
			}
			var pe *catalog.ParseError
			if !errors.As(err, &pe) {
				t.Errorf("error is %T, want *catalog.ParseError", err)
			}
			if !strings.HasPrefix(err.Error(), "x.test.tmpl") {
				t.Errorf("error %q does not start with the file", err)
			}
		})
	}
}

const formatExample = `name: register.cancel
title: Cancel my registration (delete my own account)
spec: XEP-0077 §3.2
stage: user
summary: Deletes the account you are logged in with; the server confirms,
  then closes the stream.
keywords: delete account, remove account, unregister, close account,
  ejabberdctl unregister, prosodyctl deluser
param: to jid -- another service to cancel a registration with (empty: your own account)
expect: result
errors: forbidden, not-allowed, registration-required, unexpected-request
related: register.form, register.change-password
---
<iq type='set'{{#to}} to='{{to}}'{{/to}}>
  <query xmlns='jabber:iq:register'>
    <remove/>
  </query>
</iq>
`

const commandExample = `# A command, with comments and blank lines in the header.
name: admin.delete-user
kind: command

node: http://jabber.org/protocol/admin#delete-user
before: admin.add-user jid={{jids}} password="a b"
spec: XEP-0133 §4.2
spec: XEP-0050
spec: RFC 6120 §8.3.3
stage: admin
summary: Deletes accounts.
param: jids jids required test=gone{rand}@{domain} -- the accounts to delete
param: to jid default={domain} -- the server
param: reason text default="no reason given" -- why
param: mode choice(soft|hard) default=soft -- how
expect: result
errors: forbidden, item-not-found, unsupported-stanza-type, http://jabber.org/protocol/commands#bad-sessionid
feature: http://jabber.org/protocol/admin#delete-user
after: admin.get-registered-users-list to={{to}} max=10
---

<iq type='set' to='{{to}}'>
  <command xmlns='http://jabber.org/protocol/commands' node='http://jabber.org/protocol/admin#delete-user' sessionid='{{sessionid}}' action='complete'>
    <x xmlns='jabber:x:data' type='submit'>
      <field var='FORM_TYPE' type='hidden'><value>http://jabber.org/protocol/admin</value></field>
      <field var='accountjids'>{{#jids}}<value>{{.}}</value>{{/jids}}</field>
      <field var='reason'><value>{{reason}}</value></field>
      <field var='mode'><value>{{mode}}</value></field>
    </x>
  </command>
</iq>

`

func TestParse(t *testing.T) {
	tests := []struct {
		name, file, src string
		want            catalog.Template // the fields compared; Body, Params and File are checked apart
		params          []catalog.Param
		namespaces      []string
		covers          []string
		xeps            []int
	}{
		{
			name: "format example", file: "register.cancel.tmpl", src: formatExample,
			want: catalog.Template{
				Name:     "register.cancel",
				Title:    "Cancel my registration (delete my own account)",
				Summary:  "Deletes the account you are logged in with; the server confirms, then closes the stream.",
				Specs:    []catalog.Ref{{Kind: "XEP", Number: 77, Section: "3.2"}},
				Stage:    catalog.StageUser,
				Keywords: []string{"delete account", "remove account", "unregister", "close account", "ejabberdctl unregister", "prosodyctl deluser"},
				Expect:   "result",
				Errors:   []string{"forbidden", "not-allowed", "registration-required", "unexpected-request"},
				Related:  []string{"register.form", "register.change-password"},
				Kind:     "stanza",
			},
			params:     []catalog.Param{{Name: "to", Type: "jid", Description: "another service to cancel a registration with (empty: your own account)"}},
			namespaces: []string{"jabber:iq:register"},
			covers:     []string{"jabber:iq:register"},
			xeps:       []int{77},
		},
		{
			name: "command", file: "templates/admin.delete-user.tmpl", src: strings.ReplaceAll(commandExample, "\n", "\r\n"),
			want: catalog.Template{
				Name:    "admin.delete-user",
				Title:   "",
				Summary: "Deletes accounts.",
				Specs: []catalog.Ref{
					{Kind: "XEP", Number: 133, Section: "4.2"},
					{Kind: "XEP", Number: 50},
					{Kind: "RFC", Number: 6120, Section: "8.3.3"},
				},
				Stage:    catalog.StageAdmin,
				Expect:   "result",
				Errors:   []string{"forbidden", "item-not-found", "unsupported-stanza-type", "http://jabber.org/protocol/commands#bad-sessionid"},
				Features: []string{"http://jabber.org/protocol/admin#delete-user"},
				Kind:     "command",
				Node:     "http://jabber.org/protocol/admin#delete-user",
				Before:   []catalog.Call{{Name: "admin.add-user", Args: []string{"jid={{jids}}", "password=a b"}}},
				After:    []catalog.Call{{Name: "admin.get-registered-users-list", Args: []string{"to={{to}}", "max=10"}}},
			},
			params: []catalog.Param{
				{Name: "jids", Type: "jids", Description: "the accounts to delete", Test: "gone{rand}@{domain}", Required: true, List: true},
				{Name: "to", Type: "jid", Description: "the server", Default: "{domain}"},
				{Name: "reason", Type: "text", Description: "why", Default: "no reason given"},
				{Name: "mode", Type: "choice", Description: "how", Default: "soft", Choices: []string{"soft", "hard"}},
			},
			namespaces: []string{"http://jabber.org/protocol/commands", "jabber:x:data"},
			covers:     []string{"http://jabber.org/protocol/admin#delete-user", "http://jabber.org/protocol/commands", "jabber:x:data"},
			xeps:       []int{133, 50},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := tt.src
			if tt.name == "command" {
				src = strings.Replace(src, "name: admin.delete-user\r\n", "name: admin.delete-user\r\ntitle: Delete users\r\n", 1)
				tt.want.Title = "Delete users"
			}
			got, err := catalog.Parse(tt.file, []byte(src))
			if err != nil {
				t.Fatal(err)
			}
			if got.File != tt.file {
				t.Errorf("File = %q, want %q", got.File, tt.file)
			}
			if !reflect.DeepEqual(got.Params, tt.params) {
				t.Errorf("Params =\n  %+v\nwant\n  %+v", got.Params, tt.params)
			}
			if strings.HasPrefix(got.Body, "\n") || strings.HasSuffix(got.Body, "\n") || !strings.HasPrefix(got.Body, "<iq") {
				t.Errorf("Body not trimmed to its lines: %q", got.Body)
			}
			cmp := *got
			cmp.Params, cmp.Body, cmp.File = nil, "", ""
			want := tt.want
			if !reflect.DeepEqual(cmp.Name, want.Name) || !reflect.DeepEqual(cmp.Specs, want.Specs) ||
				!reflect.DeepEqual(cmp.Keywords, want.Keywords) || !reflect.DeepEqual(cmp.Errors, want.Errors) ||
				!reflect.DeepEqual(cmp.Related, want.Related) || !reflect.DeepEqual(cmp.Features, want.Features) ||
				!reflect.DeepEqual(cmp.Before, want.Before) || !reflect.DeepEqual(cmp.After, want.After) ||
				cmp.Title != want.Title || cmp.Summary != want.Summary || cmp.Stage != want.Stage ||
				cmp.Expect != want.Expect || cmp.Kind != want.Kind || cmp.Node != want.Node {
				t.Errorf("got\n  %+v\nwant\n  %+v", cmp, want)
			}
			if ns := got.Namespaces(); !reflect.DeepEqual(ns, tt.namespaces) {
				t.Errorf("Namespaces() = %q, want %q", ns, tt.namespaces)
			}
			if c := got.Covers(); !reflect.DeepEqual(c, tt.covers) {
				t.Errorf("Covers() = %q, want %q", c, tt.covers)
			}
			if x := got.XEPs(); !reflect.DeepEqual(x, tt.xeps) {
				t.Errorf("XEPs() = %v, want %v", x, tt.xeps)
			}
		})
	}
}

func TestRef(t *testing.T) {
	tests := []struct {
		ref      catalog.Ref
		str, url string
	}{
		{catalog.Ref{Kind: "XEP", Number: 77, Section: "3.2"}, "XEP-0077 §3.2", "https://xmpp.org/extensions/xep-0077.html"},
		{catalog.Ref{Kind: "XEP", Number: 199}, "XEP-0199", "https://xmpp.org/extensions/xep-0199.html"},
		{catalog.Ref{Kind: "RFC", Number: 6121, Section: "2.1.3"}, "RFC 6121 §2.1.3", "https://www.rfc-editor.org/rfc/rfc6121.html#section-2.1.3"},
		{catalog.Ref{Kind: "RFC", Number: 6120}, "RFC 6120", "https://www.rfc-editor.org/rfc/rfc6120.html"},
	}
	for _, tt := range tests {
		t.Run(tt.str, func(t *testing.T) {
			if s := tt.ref.String(); s != tt.str {
				t.Errorf("String() = %q, want %q", s, tt.str)
			}
			if u := tt.ref.URL(); u != tt.url {
				t.Errorf("URL() = %q, want %q", u, tt.url)
			}
		})
	}
}

func TestNamespaces(t *testing.T) {
	body := `<iq type='get' to='{{to}}'>
  <a xmlns="urn:a" xmlns:p='urn:p'/>
  {{#to}}<b xmlns = 'urn:b&amp;c'/>{{/to}}
  {{^to}}<c xmlns='urn:c'/>{{/to}}
  <d xmlns='urn:{{to}}'/>
  <e notxmlns='urn:no' xmlns:q="urn:a"/>
</iq>`
	tm, err := catalog.Parse("x.test.tmpl", []byte(withHeader(body)))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"urn:a", "urn:b&c", "urn:c", "urn:p"}
	if got := tm.Namespaces(); !reflect.DeepEqual(got, want) {
		t.Errorf("Namespaces() = %q, want %q", got, want)
	}
}

func TestParseLiveAndRequires(t *testing.T) {
	src := withHeader(baseBody, "live: never -- it stops the server", "requires: feature urn:xmpp:ping", "requires: register-form")
	tm, err := catalog.Parse("x.test.tmpl", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if tm.NeverLive != "it stops the server" {
		t.Errorf("NeverLive = %q", tm.NeverLive)
	}
	want := []catalog.Requirement{{Kind: catalog.RequireFeature, Feature: "urn:xmpp:ping"}, {Kind: catalog.RequireRegisterForm}}
	if !reflect.DeepEqual(tm.Requires, want) {
		t.Errorf("Requires = %+v, want %+v", tm.Requires, want)
	}
}

func TestParseErrorNote(t *testing.T) {
	src := withHeader(baseBody, "errors: forbidden, gone", "error-note: gone -- it moved")
	tm, err := catalog.Parse("x.test.tmpl", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if want := map[string]string{"gone": "it moved"}; !reflect.DeepEqual(tm.ErrorNotes, want) {
		t.Errorf("ErrorNotes = %v, want %v", tm.ErrorNotes, want)
	}
}

func TestSectionInsideStartTag(t *testing.T) {
	body := "<iq type='get'><query xmlns='jabber:iq:roster'><item jid='a@b'{{#name}} name='{{name}}'{{/name}}/></query></iq>\n"
	src := strings.Replace(withHeader(body), "param: to jid default={domain} -- whom to ask", "param: name text -- a name", 1)
	tm, err := catalog.Parse("x.test.tmpl", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		values catalog.Values
		want   string
	}{
		{catalog.Values{}, "<item jid='a@b'/>"},
		{catalog.Values{"name": "Al & 'Bo'"}, "<item jid='a@b' name='Al &amp; &apos;Bo&apos;'/>"},
	} {
		f, err := tm.Fill(tt.values, catalog.Session{JID: "me@example.org/x"})
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(f.XML), tt.want) {
			t.Errorf("with %v: %s, want it to contain %s", tt.values, f.XML, tt.want)
		}
	}
}

func TestParseCapture(t *testing.T) {
	src := withHeader(baseBody, "before: command.execute node=x => to=command@sessionid")
	tm, err := catalog.Parse("x.test.tmpl", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	want := []catalog.Capture{{Param: "to", Element: "command", Attr: "sessionid"}}
	if len(tm.Before) != 1 || !reflect.DeepEqual(tm.Before[0].Captures, want) || tm.Before[0].Name != "command.execute" {
		t.Errorf("Before = %+v", tm.Before)
	}
}
