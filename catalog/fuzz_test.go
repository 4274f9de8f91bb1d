package catalog_test

import (
	"encoding/xml"
	"errors"
	"io"
	"strings"
	"testing"

	"xepl/catalog"
	"xepl/internal/rawxml"
)

const escapeSrc = `name: x.escape
title: Escaping test
spec: XEP-0077
stage: pre-auth
summary: Puts each value in text and in attributes of both quotes.
expect: result
param: t text test=x -- some text
param: p password test=x -- a password
param: j jid test=a@b -- a JID
param: l texts test=x -- a list of texts
param: k jids test=a@b -- a list of JIDs
---
<iq type='set' to='{{j}}'>
  <query xmlns='jabber:iq:register' t='{{t}}' p="{{p}}">
    <username>{{t}}</username>
    <password>{{p}}</password>
    <jid j="{{j}}">{{j}}</jid>
    {{#l}}<item v='{{.}}'>{{.}}</item>{{/l}}
    {{#k}}<item v="{{.}}">{{.}}</item>{{/k}}
  </query>
</iq>`

// FuzzEscape checks that any value a text, password or JID parameter
// accepts arrives as that value, in text and in attributes, never as
// markup.
func FuzzEscape(f *testing.F) {
	for _, s := range []string{
		"", "plain", "</username><password>x", `'"&<>`, "]]>", "a\r\nb\rc\n",
		"\t x \n", "&amp;", "&#x41;", "{{t}}", "{{sessionid}}", "\x00", "é\u00a0ü",
		"\uFFFD", "a@b/</r>'\"&", "x,y, z", "<![CDATA[x]]>", "<!-- c -->", "a@example.org/r es",
	} {
		f.Add(s)
	}
	tm := mustParse(f, "x.escape.tmpl", escapeSrc)
	base := tm.TestValues(catalog.Session{})
	f.Fuzz(func(t *testing.T, v string) {
		for _, name := range []string{"t", "p", "j", "l", "k"} {
			args := catalog.Values{}
			for k, x := range base {
				args[k] = x
			}
			args[name] = v
			filled, err := tm.Fill(args, catalog.Session{})
			var ve *catalog.ValueError
			var me *catalog.MissingError
			if errors.As(err, &ve) || errors.As(err, &me) {
				continue // refused by validation, or a JID left empty
			}
			if err != nil {
				t.Fatalf("%s=%q: %v", name, v, err)
			}
			if _, err := rawxml.Parse(filled.XML); err != nil {
				t.Fatalf("%s=%q: not well-formed: %v\n%s", name, v, err, filled.XML)
			}
			got := readEscaped(t, filled.XML)
			want := filled.Values
			if name == "t" || name == "p" {
				if want[name] != v && v != "" {
					t.Fatalf("%s=%q: canonical value %q differs from the text given", name, v, want[name])
				}
			}
			check := func(what, got, want string) {
				if got != want {
					t.Fatalf("%s=%q: %s = %q, want %q\n%s", name, v, what, got, want, filled.XML)
				}
			}
			check("username text", got.text["username"], want["t"])
			check("t attribute", got.attr["t"], want["t"])
			check("password text", got.text["password"], want["p"])
			check("p attribute", got.attr["p"], want["p"])
			check("jid text", got.text["jid"], want["j"])
			check("j attribute", got.attr["j"], want["j"])
			check("iq to", got.attr["to"], want["j"])
			items := strings.Join(got.items, ",")
			check("items", items, strings.Trim(want["l"]+","+want["k"], ","))
			check("item attributes", strings.Join(got.itemAttrs, ","), items)
		}
	})
}

// escaped is what readEscaped found in the XML of x.escape.
type escaped struct {
	text             map[string]string // element → its text
	attr             map[string]string // attribute → its value
	items, itemAttrs []string
}

// readEscaped decodes the XML with encoding/xml, a parser independent of
// the one that checked it.
func readEscaped(t *testing.T, b []byte) escaped {
	t.Helper()
	e := escaped{text: map[string]string{}, attr: map[string]string{}}
	d := xml.NewDecoder(strings.NewReader(string(b)))
	var stack []string
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return e
		}
		if err != nil {
			t.Fatalf("encoding/xml: %v\n%s", err, b)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			stack = append(stack, tok.Name.Local)
			for _, a := range tok.Attr {
				if tok.Name.Local == "item" {
					e.itemAttrs = append(e.itemAttrs, a.Value)
				} else if a.Name.Space == "" {
					e.attr[a.Name.Local] = a.Value
				}
			}
			if tok.Name.Local == "item" {
				e.items = append(e.items, "")
			}
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if len(stack) == 0 {
				continue
			}
			switch top := stack[len(stack)-1]; top {
			case "item":
				e.items[len(e.items)-1] += string(tok)
			case "username", "password", "jid":
				e.text[top] += string(tok)
			}
		}
	}
}

// FuzzParse checks that Parse never panics, and that a template it
// accepts fills with its test values and renders well-formed XML.
func FuzzParse(f *testing.F) {
	for _, src := range []string{formatExample, commandExample, fillSrc, escapeSrc, withHeader(baseBody)} {
		f.Add(src)
	}
	f.Fuzz(func(t *testing.T, src string) {
		tm, err := catalog.Parse("x.test.tmpl", []byte(src))
		if err != nil {
			var pe *catalog.ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("error %v is %T, not *ParseError", err, err)
			}
			return
		}
		s := catalog.Session{JID: "tester@example.org/xepl", Rand: "abc"}
		filled, err := tm.Fill(tm.TestValues(s), s)
		if err != nil {
			t.Fatalf("Parse accepted a template its test values do not fill: %v\n%s", err, src)
		}
		if _, err := rawxml.Parse(filled.XML); err != nil {
			t.Fatalf("not well-formed: %v\n%s", err, filled.XML)
		}
		tm.Namespaces()
		tm.Covers()
	})
}
