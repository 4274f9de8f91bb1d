package catalog_test

import (
	"errors"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"

	"xepl/catalog"
	"xepl/internal/rawxml"
)

const fillSrc = `name: x.fill
title: Fill test
spec: XEP-0199
stage: user
summary: For tests.
expect: none
param: to jid required default={domain} -- whom
param: body text required test=hi -- the text
param: who jids -- people
param: tags texts -- labels
param: secret password -- a password
param: n int default=5 -- a number
param: flag bool -- a flag
param: mode choice(chat|normal) default=chat -- the type
param: extra xml -- more XML
param: when text default={now} -- a time
param: me jid default={jid} -- own JID
param: bare jid default={bare} -- own bare JID
param: user text default={user} -- own user
param: res text default={resource} -- own resource
param: stamp text default={id} -- an id
param: room jid test=r{rand}@conference.{domain} -- a room
param: nick text test=n{rand} -- a nick
---
<message to='{{to}}' type='{{mode}}'>
  <body>{{body}}</body>
  {{#who}}<addr jid='{{.}}'/>{{/who}}
  {{#tags}}
  <tag>{{.}}</tag>
  {{/tags}}
  {{#secret}}<password>{{secret}}</password>{{/secret}}
  <n>{{n}}</n>
  {{#flag}}<flag/>{{/flag}}{{^flag}}<noflag/>{{/flag}}
  {{^who}}<nobody/>{{/who}}
  {{#extra}}{{extra}}{{/extra}}
  <info when='{{when}}' me='{{me}}' bare='{{bare}}' user='{{user}}' res='{{res}}' id='{{stamp}}'/>
  {{#room}}<room jid='{{room}}' nick='{{nick}}'/>{{/room}}
</message>
`

const commandSrc = `name: x.command
title: Command test
kind: command
node: http://jabber.org/protocol/admin#delete-user
spec: XEP-0133
stage: admin
summary: For tests.
expect: result
param: jids jids required test=a@{domain} -- accounts
---
<iq type='set' to='{domain}'>
  <command xmlns='http://jabber.org/protocol/commands' node='n' sessionid='{{sessionid}}' action='complete'>
    <x xmlns='jabber:x:data' type='submit'>
      <field var='accountjids'>{{#jids}}<value>{{.}}</value>{{/jids}}</field>
    </x>
  </command>
</iq>`

func mustParse(t testing.TB, file, src string) *catalog.Template {
	t.Helper()
	tm, err := catalog.Parse(file, []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	return tm
}

// testSession is a session with a fixed id and time.
func testSession() catalog.Session {
	return catalog.Session{
		JID:   "tester@example.org/xepl",
		NewID: func() string { return "id-1" },
		Now:   func() time.Time { return time.Date(2024, 1, 31, 9, 30, 15, 500, time.FixedZone("CET", 3600)) },
		Rand:  "qwerty",
	}
}

func TestFill(t *testing.T) {
	tm := mustParse(t, "x.fill.tmpl", fillSrc)
	const info = "  <info when='2024-01-31T08:30:15Z' me='tester@example.org/xepl' bare='tester@example.org' user='tester' res='xepl' id='id-1'/>\n"
	tests := []struct {
		name   string
		args   catalog.Values
		s      catalog.Session
		xml    string
		values catalog.Values // checked when not nil
	}{
		{
			name: "defaults from the session",
			args: catalog.Values{"body": "hi"},
			s:    testSession(),
			xml: "<message to='example.org' type='chat'>\n" +
				"  <body>hi</body>\n" +
				"  <n>5</n>\n" +
				"  <noflag/>\n" +
				"  <nobody/>\n" +
				info +
				"</message>",
			values: catalog.Values{"to": "example.org", "body": "hi", "n": "5", "mode": "chat",
				"when": "2024-01-31T08:30:15Z", "me": "tester@example.org/xepl", "bare": "tester@example.org",
				"user": "tester", "res": "xepl", "stamp": "id-1"},
		},
		{
			name: "every section",
			args: catalog.Values{"body": "hi", "who": " a@example.org , ,b@example.org/r ", "tags": "x,y",
				"secret": "pw", "n": "007", "flag": "YES", "mode": "Normal", "extra": "<e xmlns='urn:e'><f/></e>",
				"room": "r@conference.example.org", "nick": "me"},
			s: testSession(),
			xml: "<message to='example.org' type='normal'>\n" +
				"  <body>hi</body>\n" +
				"  <addr jid='a@example.org'/><addr jid='b@example.org/r'/>\n" +
				"  <tag>x</tag>\n" +
				"  <tag>y</tag>\n" +
				"  <password>pw</password>\n" +
				"  <n>7</n>\n" +
				"  <flag/>\n" +
				"  <e xmlns='urn:e'><f/></e>\n" +
				info +
				"  <room jid='r@conference.example.org' nick='me'/>\n" +
				"</message>",
		},
		{
			name: "escaping and empty overrides",
			args: catalog.Values{"body": "</body><password>x</password> & 'q' \"d\"\n", "n": "", "flag": "off", "to": " a@b "},
			s:    catalog.Session{Domain: "example.org", NewID: func() string { return "i" }, Now: testSession().Now},
			xml: "<message to='a@b' type='chat'>\n" +
				"  <body>&lt;/body&gt;&lt;password&gt;x&lt;/password&gt; &amp; &apos;q&apos; &quot;d&quot;&#xA;</body>\n" +
				"  <n></n>\n" +
				"  <noflag/>\n" +
				"  <nobody/>\n" +
				"  <info when='2024-01-31T08:30:15Z' me='' bare='example.org' user='' res='' id='i'/>\n" +
				"</message>",
		},
		{
			name: "session fields win over the JID",
			args: catalog.Values{"body": "b"},
			s: catalog.Session{JID: "tester@example.org/xepl", Domain: "example.net", Bare: "b@example.net",
				User: "u", Resource: "r", NewID: func() string { return "i" }, Now: testSession().Now},
			xml: "<message to='example.net' type='chat'>\n" +
				"  <body>b</body>\n" +
				"  <n>5</n>\n" +
				"  <noflag/>\n" +
				"  <nobody/>\n" +
				"  <info when='2024-01-31T08:30:15Z' me='tester@example.org/xepl' bare='b@example.net' user='u' res='r' id='i'/>\n" +
				"</message>",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := tm.Fill(tt.args, tt.s)
			if err != nil {
				t.Fatal(err)
			}
			// The template's indentation does not go on the wire.
			if want := unindented(tt.xml); string(f.XML) != want {
				t.Errorf("XML =\n%s\nwant\n%s", f.XML, want)
			}
			if f.Template != tm {
				t.Errorf("Template = %v, want the template filled", f.Template)
			}
			if tt.values != nil && !reflect.DeepEqual(f.Values, tt.values) {
				t.Errorf("Values =\n  %v\nwant\n  %v", f.Values, tt.values)
			}
			if _, err := rawxml.Parse(f.XML); err != nil {
				t.Errorf("not well-formed: %v", err)
			}
		})
	}
}

func TestFillCanonical(t *testing.T) {
	tm := mustParse(t, "x.fill.tmpl", fillSrc)
	tests := []struct{ param, in, want string }{
		{"to", "  a@example.org/r  ", "a@example.org/r"},
		{"who", "a@b, c@d ,,", "a@b,c@d"},
		{"tags", " x , y z ,", "x,y z"},
		{"body", "  spaced  ", "  spaced  "},
		{"secret", " p w ", " p w "},
		{"n", " -042 ", "-42"},
		{"flag", "1", "true"},
		{"flag", "On", "true"},
		{"flag", "no", "false"},
		{"flag", " FALSE ", "false"},
		{"flag", "y", "true"}, // the words of data-form answers, too
		{"flag", " N", "false"},
		{"mode", "CHAT", "chat"},
		{"extra", "<a/> <b/>", "<a/> <b/>"},
	}
	for _, tt := range tests {
		t.Run(tt.param+"="+tt.in, func(t *testing.T) {
			f, err := tm.Fill(catalog.Values{"body": "b", tt.param: tt.in}, testSession())
			if err != nil {
				t.Fatal(err)
			}
			if got := f.Values[tt.param]; got != tt.want {
				t.Errorf("Values[%s] = %q, want %q", tt.param, got, tt.want)
			}
		})
	}
}

func TestFillErrors(t *testing.T) {
	tm := mustParse(t, "x.fill.tmpl", fillSrc)
	tests := []struct {
		name  string
		args  catalog.Values
		want  string
		param string // the ValueError's parameter
		hide  string // must not appear in the message
	}{
		{"jid", catalog.Values{"to": "a@@b"}, `x.fill: to: "a@@b" is not a valid JID`, "to", ""},
		{"jids item", catalog.Values{"who": "a@b,@@"}, `x.fill: who: "@@" is not a valid JID`, "who", ""},
		{"int", catalog.Values{"n": "ten"}, `x.fill: n: "ten" is not a whole number`, "n", ""},
		{"int float", catalog.Values{"n": "1.5"}, `x.fill: n: "1.5" is not a whole number`, "n", ""},
		{"bool", catalog.Values{"flag": "maybe"}, `x.fill: flag: "maybe" is not a bool (want one of true/false, 1/0, yes/no, y/n, on/off)`, "flag", ""},
		{"choice", catalog.Values{"mode": "groupchat"}, `x.fill: mode: "groupchat" is not one of chat, normal`, "mode", ""},
		{"xml", catalog.Values{"extra": "<a>\n<b></a>"}, "x.fill: extra: not well-formed XML: line 2, column 4: </a> does not close <b>", "extra", ""},
		{"xml text", catalog.Values{"extra": "just text"}, "x.fill: extra: not well-formed XML: ", "extra", ""},
		{"text control", catalog.Values{"body": "a\x00b"}, `x.fill: body: "a\x00b" holds U+0000 at byte 1, which XML cannot carry`, "body", ""},
		{"text utf8", catalog.Values{"body": "a\xffb"}, `x.fill: body: "a\xffb" holds a byte that is not UTF-8 at byte 1`, "body", ""},
		{"password hidden", catalog.Values{"secret": "hunter2\x01"}, "x.fill: secret: the value holds U+0001 at byte 7, which XML cannot carry", "secret", "hunter2"},
		{"unknown", catalog.Values{"pasword": "hunter2"}, `x.fill: no parameter "pasword" (it has to, body, who, tags, secret, n, flag, mode, extra, when, me, bare, user, res, stamp, room, nick)`, "pasword", "hunter2"},
		{"sessionid in a stanza", catalog.Values{"sessionid": "s"}, `x.fill: no parameter "sessionid"`, "sessionid", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := catalog.Values{"body": "b"}
			for k, v := range tt.args {
				args[k] = v
			}
			_, err := tm.Fill(args, testSession())
			var ve *catalog.ValueError
			if !errors.As(err, &ve) {
				t.Fatalf("Fill error = %v (%T), want a *catalog.ValueError", err, err)
			}
			if !strings.HasPrefix(err.Error(), tt.want) {
				t.Errorf("error\n  %v\nwant it to start with\n  %s", err, tt.want)
			}
			if ve.Param.Name != tt.param || ve.Template != tm || ve.Value != args[tt.param] {
				t.Errorf("ValueError = %+v, want parameter %s, the template and the value", ve, tt.param)
			}
			if tt.hide != "" && strings.Contains(err.Error(), tt.hide) {
				t.Errorf("error %q shows the secret %q", err, tt.hide)
			}
		})
	}
	t.Run("xml syntax error", func(t *testing.T) {
		_, err := tm.Fill(catalog.Values{"body": "b", "extra": "<a>\n<b></a>"}, testSession())
		var se *rawxml.SyntaxError
		if !errors.As(err, &se) || se.Line != 2 {
			t.Errorf("error %v does not wrap the *rawxml.SyntaxError at line 2", err)
		}
	})
}

func TestFillMissing(t *testing.T) {
	tm := mustParse(t, "x.fill.tmpl", fillSrc)
	tests := []struct {
		name string
		args catalog.Values
		s    catalog.Session
		want string
	}{
		{"all missing", nil, catalog.Session{}, "x.fill needs to, body"},
		{"empty given", catalog.Values{"body": "", "to": "a@b"}, catalog.Session{}, "x.fill needs body"},
		{"default from session", catalog.Values{}, catalog.Session{Domain: "example.org"}, "x.fill needs body"},
		{"empty overrides default", catalog.Values{"to": "", "body": "x"}, testSession(), "x.fill needs to"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := tm.Fill(tt.args, tt.s)
			var me *catalog.MissingError
			if !errors.As(err, &me) {
				t.Fatalf("Fill error = %v, want a *catalog.MissingError", err)
			}
			if err.Error() != tt.want {
				t.Errorf("error = %q, want %q", err, tt.want)
			}
			if me.Template != tm {
				t.Errorf("MissingError.Template is not the template")
			}
		})
	}
	t.Run("a list of nothing", func(t *testing.T) {
		cmd := mustParse(t, "x.command.tmpl", commandSrc)
		_, err := cmd.Fill(catalog.Values{"jids": " , "}, testSession())
		if err == nil || err.Error() != "x.command needs jids" {
			t.Errorf("error = %v, want x.command needs jids", err)
		}
	})
}

func TestSessionID(t *testing.T) {
	cmd := mustParse(t, "x.command.tmpl", commandSrc)
	f, err := cmd.Fill(catalog.Values{"jids": "a@example.org,b@example.org"}, testSession())
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(f.XML), "sessionid='{{sessionid}}'") {
		t.Errorf("without a session id, the XML should show {{sessionid}}:\n%s", f.XML)
	}
	if !strings.Contains(string(f.XML), "<value>a@example.org</value><value>b@example.org</value>") {
		t.Errorf("the list is not repeated:\n%s", f.XML)
	}
	v := catalog.Values{"sessionid": "s1&'2"}
	for k, x := range f.Values {
		v[k] = x
	}
	xml, err := cmd.Render(v)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(xml), "sessionid='s1&amp;&apos;2'") {
		t.Errorf("the session id is not rendered, escaped:\n%s", xml)
	}
	f2, err := cmd.Fill(catalog.Values{"jids": "a@b", "sessionid": "abc"}, testSession())
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(f2.XML), "sessionid='abc'") || f2.Values["sessionid"] != "abc" {
		t.Errorf("Fill with sessionid: %s, %v", f2.XML, f2.Values)
	}
}

func TestSessionIDDeclared(t *testing.T) {
	src := withHeader("<iq type='set' to='{{to}}'><command xmlns='http://jabber.org/protocol/commands' node='n' sessionid='{{sessionid}}'/></iq>",
		"param: sessionid text required test=s1 -- the session id")
	tm := mustParse(t, "x.test.tmpl", src)
	f, err := tm.Fill(catalog.Values{"sessionid": "a&b"}, testSession())
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(f.XML), "sessionid='a&amp;b'") {
		t.Errorf("a declared sessionid is an ordinary parameter:\n%s", f.XML)
	}
	if _, err := tm.Fill(nil, testSession()); err == nil || err.Error() != "x.test needs sessionid" {
		t.Errorf("Fill without it: %v", err)
	}
}

func TestRenderNotWellFormed(t *testing.T) {
	tm := mustParse(t, "x.fill.tmpl", fillSrc)
	_, err := tm.Render(catalog.Values{"body": "b", "extra": "<a>"})
	if err == nil || !strings.HasPrefix(err.Error(), "x.fill renders XML that is not well-formed: ") {
		t.Errorf("Render with an unchecked xml value: error = %v", err)
	}
	xml, err := tm.Render(catalog.Values{"body": "\x00\x01\uFFFE bad \xff"})
	if err != nil {
		t.Fatalf("Render must keep XML well-formed whatever the text: %v", err)
	}
	if !strings.Contains(string(xml), "<body>\uFFFD\uFFFD\uFFFD bad \uFFFD</body>") {
		t.Errorf("characters XML cannot carry should become U+FFFD:\n%s", xml)
	}
}

func TestTestValues(t *testing.T) {
	tm := mustParse(t, "x.fill.tmpl", fillSrc)
	got := tm.TestValues(testSession())
	want := catalog.Values{
		"to": "example.org", "body": "hi", "n": "5", "mode": "chat", "when": "2024-01-31T08:30:15Z",
		"me": "tester@example.org/xepl", "bare": "tester@example.org", "user": "tester", "res": "xepl",
		"stamp": "id-1", "room": "rqwerty@conference.example.org", "nick": "nqwerty",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("TestValues =\n  %v\nwant\n  %v", got, want)
	}
	s := testSession()
	s.Rand = ""
	got = tm.TestValues(s)
	r := strings.TrimPrefix(got["nick"], "n")
	if len(r) != 8 || got["room"] != "r"+r+"@conference.example.org" {
		t.Errorf("without Session.Rand, {rand} should be one random word per call: room %q, nick %q", got["room"], got["nick"])
	}
}

func TestIDCounter(t *testing.T) {
	tm := mustParse(t, "x.fill.tmpl", fillSrc)
	a, _ := tm.Fill(catalog.Values{"body": "b"}, catalog.Session{Domain: "d"})
	b, _ := tm.Fill(catalog.Values{"body": "b"}, catalog.Session{Domain: "d"})
	ia, ib := a.Values["stamp"], b.Values["stamp"]
	if !strings.HasPrefix(ia, "xepl-") || ia == ib {
		t.Errorf("without NewID, {id} should count: %q then %q", ia, ib)
	}
}

// unindented takes out the line breaks and indentation between tags.
func unindented(xml string) string {
	return regexp.MustCompile(`>\n\s*<`).ReplaceAllString(xml, "><")
}

func TestCallValues(t *testing.T) {
	callee := mustParse(t, "x.fill.tmpl", fillSrc)
	c := catalog.Call{Name: "x.fill", Args: []string{"to={{room}}", "body=bye {{nick}} from {domain}{{gone}}", "nick=n{rand}"}}
	got := c.Values(callee, catalog.Values{"room": "r@c.example.org", "nick": "{me}"}, testSession())
	want := callee.TestValues(testSession())
	want["to"], want["body"], want["nick"] = "r@c.example.org", "bye {me} from example.org", "nqwerty"
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Values =\n  %v\nwant\n  %v", got, want)
	}
	if s := c.String(); s != `x.fill to={{room}} body="bye {{nick}} from {domain}{{gone}}" nick=n{rand}` {
		t.Errorf("String() = %s", s)
	}
	s := testSession()
	s.Rand = ""
	got = c.Values(callee, nil, s)
	if got["room"] != "r"+strings.TrimPrefix(got["nick"], "n")+"@conference.example.org" {
		t.Errorf("without Session.Rand, {rand} should be one word for the whole call: %v", got)
	}
}
