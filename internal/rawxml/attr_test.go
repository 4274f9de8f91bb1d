package rawxml_test

import (
	"testing"

	"xepl/internal/rawxml"
)

func TestElementAttr(t *testing.T) {
	const iq = "<iq type='get' id=\"a&amp;b\" xml:lang='en' to='x&#xA;y' from='p\nq'><query xmlns='jabber:iq:roster' ver='1'/></iq>"
	tests := []struct {
		name   string
		raw    string
		attr   string
		want   string
		wantOK bool
	}{
		{"single quotes", iq, "type", "get", true},
		{"double quotes and an entity", iq, "id", "a&b", true},
		{"character reference keeps a newline", iq, "to", "x\ny", true},
		{"literal newline is normalised to a space", iq, "from", "p q", true},
		{"missing", iq, "ver", "", false},
		{"prefixed name given in full", iq, "xml:lang", "en", true},
		{"local part of a prefixed name does not match", iq, "lang", "", false},
		{"leading white space before the element", "\n  <presence type='unavailable'/>", "type", "unavailable", true},
		{"empty value", "<a b=''/>", "b", "", true},
		{"attribute without value does not count", "<a b c='1'/>", "b", "", false},
		{"value with a greater-than", "<a b='1>2' c='3'>", "c", "3", true},
		{"not an element", "hello", "a", "", false},
		{"unfinished tag", "<a b='1", "b", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := rawxml.Element{Raw: []byte(tt.raw)}.Attr(tt.attr)
			if got != tt.want || ok != tt.wantOK {
				t.Errorf("Attr(%q) = %q, %v; want %q, %v", tt.attr, got, ok, tt.want, tt.wantOK)
			}
		})
	}
}

func TestElementAttrFromParse(t *testing.T) {
	elems, err := rawxml.Parse([]byte("<iq type='set'/> <message to='romeo@example.net'/>"))
	if err != nil {
		t.Fatal(err)
	}
	if v, ok := elems[1].Attr("to"); !ok || v != "romeo@example.net" {
		t.Errorf("Attr(to) = %q, %v", v, ok)
	}
	if _, ok := elems[0].Attr("to"); ok {
		t.Errorf("Attr(to) found on the first element")
	}
}
