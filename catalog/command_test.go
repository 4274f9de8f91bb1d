package catalog_test

import (
	"bytes"
	"encoding/xml"
	"maps"
	"regexp"
	"strings"
	"testing"

	"xepl/catalog"
)

func TestCommand(t *testing.T) {
	tests := []struct {
		name   string
		values catalog.Values
		want   catalog.Command
	}{
		{"admin.add-user", catalog.Values{"jid": "bob@example.org", "password": "pw", "email": "b@example.org"},
			catalog.Command{To: "example.org", Node: "http://jabber.org/protocol/admin#add-user", Fields: map[string]string{
				"accountjid": "bob@example.org", "password": "pw", "password-verify": "pw", "email": "b@example.org"}}},
		{"admin.delete-user", catalog.Values{"jids": "a@example.org, b@example.org", "to": "other.example"},
			catalog.Command{To: "other.example", Node: "http://jabber.org/protocol/admin#delete-user", Fields: map[string]string{
				"accountjids": "a@example.org\nb@example.org"}}},
	}
	for _, tt := range tests {
		tm, ok := catalog.Lookup(tt.name)
		if !ok {
			t.Fatalf("no %s", tt.name)
		}
		f, err := tm.Fill(tt.values, catalog.Session{JID: "me@example.org/r"})
		if err != nil {
			t.Fatal(err)
		}
		if got := f.Command(); got.To != tt.want.To || got.Node != tt.want.Node || !maps.Equal(got.Fields, tt.want.Fields) {
			t.Errorf("%s: %+v, want %+v", tt.name, got, tt.want)
		}
	}
}

// TestCommandFieldsMatchXML: for every command template, the fields
// Command gives are the fields of the form its XML submits.
func TestCommandFieldsMatchXML(t *testing.T) {
	n := 0
	for _, tm := range catalog.All() {
		if tm.Kind != catalog.KindCommand {
			continue
		}
		n++
		cs := catalog.Session{JID: "me@example.org/r", Rand: "abc"}
		f, err := tm.Fill(tm.TestValues(cs), cs)
		if err != nil {
			t.Fatalf("%s: %v", tm.Name, err)
		}
		cmd := f.Command()
		if got, want := cmd.Fields, formFields(t, f.XML); !maps.Equal(got, want) {
			t.Errorf("%s: Command gives %q, the XML submits %q", tm.Name, got, want)
		}
		if want := iqTo(f.XML); cmd.To != want {
			t.Errorf("%s: Command runs at %q, the XML is sent to %q", tm.Name, cmd.To, want)
		}
	}
	if n < 20 {
		t.Errorf("only %d command templates", n)
	}
}

// iqTo is the to of the iq in raw.
func iqTo(raw []byte) string {
	dec := xml.NewDecoder(bytes.NewReader(raw))
	for {
		tok, err := dec.Token()
		if err != nil {
			return ""
		}
		if e, ok := tok.(xml.StartElement); ok && e.Name.Local == "iq" {
			for _, a := range e.Attr {
				if a.Name.Local == "to" {
					return a.Value
				}
			}
			return ""
		}
	}
}

// formFields reads the submitted form of raw: var → values, one per line.
func formFields(t *testing.T, raw []byte) map[string]string {
	out := map[string]string{}
	dec := xml.NewDecoder(bytes.NewReader(raw))
	var name string
	var values []string
	var text *strings.Builder
	for {
		tok, err := dec.Token()
		if err != nil {
			break
		}
		switch e := tok.(type) {
		case xml.StartElement:
			switch e.Name.Local {
			case "field":
				name, values = "", nil
				for _, a := range e.Attr {
					if a.Name.Local == "var" {
						name = a.Value
					}
				}
			case "value":
				text = &strings.Builder{}
			}
		case xml.CharData:
			if text != nil {
				text.Write(e)
			}
		case xml.EndElement:
			switch e.Name.Local {
			case "value":
				values = append(values, text.String())
				text = nil
			case "field":
				if name != "FORM_TYPE" {
					out[name] = strings.Join(values, "\n")
				}
			}
		}
	}
	return out
}

func TestCommandFieldMixingTextRefused(t *testing.T) {
	src := `name: x.test
title: A test
spec: XEP-0050
stage: admin
summary: For tests.
expect: result
kind: command
node: urn:example:x
param: who jid required test=a@example.org -- someone
---
<iq type='set'><command xmlns='http://jabber.org/protocol/commands' node='urn:example:x' sessionid='{{sessionid}}'>
<x xmlns='jabber:x:data' type='submit'><field var='a'><value>hello {{who}}</value></field></x></command></iq>
`
	_, err := catalog.Parse("x.test.tmpl", []byte(src))
	if err == nil || !strings.Contains(err.Error(), "among other text") {
		t.Errorf("a field value mixing text and a parameter: %v", err)
	}
}

// TestTemplatesSentCompact: no template puts its indentation on the wire
// (a server may keep it, and echo blank text back in a result).
func TestTemplatesSentCompact(t *testing.T) {
	indent := regexp.MustCompile(`>\s*\n\s*<`)
	for _, tm := range catalog.All() {
		cs := catalog.Session{JID: "me@example.org/r", Rand: "abc"}
		f, err := tm.Fill(tm.TestValues(cs), cs)
		if err != nil {
			t.Fatalf("%s: %v", tm.Name, err)
		}
		if loc := indent.FindIndex(f.XML); loc != nil {
			t.Errorf("%s sends its indentation: %q", tm.Name, f.XML[loc[0]:loc[1]])
		}
	}
}
