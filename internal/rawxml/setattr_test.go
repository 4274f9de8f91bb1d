package rawxml_test

import (
	"testing"

	"xepl/internal/rawxml"
)

func TestSetAttr(t *testing.T) {
	tests := []struct {
		name, raw, attr, value, want string
	}{
		{"append to a start tag", "<iq type='get'><query xmlns='jabber:iq:roster'/></iq>", "id", "abc",
			"<iq type='get' id='abc'><query xmlns='jabber:iq:roster'/></iq>"},
		{"append to an empty-element tag", "<iq/>", "id", "x", "<iq id='x'/>"},
		{"append keeps the space before />", "<iq type='get' />", "id", "x", "<iq type='get' id='x' />"},
		{"append to a bare name", "<iq>", "id", "1", "<iq id='1'>"},
		{"replace the value", `<iq id="old" type='get'/>`, "id", "new", "<iq id='new' type='get'/>"},
		{"replace a value written with spaces", "<iq id = 'old' type='get'/>", "id", "new", "<iq id='new' type='get'/>"},
		{"replace an attribute without value", "<iq id type='get'/>", "id", "new", "<iq id='new' type='get'/>"},
		{"child attribute of the same name untouched", "<iq><x id='child'/></iq>", "id", "1", "<iq id='1'><x id='child'/></iq>"},
		{"escaping", "<iq/>", "id", "a'b<c&d\"e\tf\ng\rh>i",
			"<iq id='a&apos;b&lt;c&amp;d&quot;e&#x9;f&#xA;g&#xD;h>i'/>"},
		{"greater-than inside another value", "<iq x='a>b'>t</iq>", "id", "1", "<iq x='a>b' id='1'>t</iq>"},
		{"tag over several lines", "<iq\n  type='get'\n>\n</iq>", "id", "1", "<iq\n  type='get' id='1'\n>\n</iq>"},
		{"leading white space kept", "\n <iq/>", "id", "1", "\n <iq id='1'/>"},
		{"prefixed name", "<iq/>", "xml:lang", "en", "<iq xml:lang='en'/>"},
		{"not an element", "hello", "id", "1", "hello"},
		{"end tag", "</iq>", "id", "1", "</iq>"},
		{"unfinished start tag", "<iq type='get'", "id", "1", "<iq type='get'"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			raw := []byte(tt.raw)
			got := rawxml.SetAttr(raw, tt.attr, tt.value)
			if string(got) != tt.want {
				t.Errorf("SetAttr(%q, %q, %q) =\n %q\nwant\n %q", tt.raw, tt.attr, tt.value, got, tt.want)
			}
			if string(raw) != tt.raw {
				t.Errorf("SetAttr changed its input to %q", raw)
			}
			if len(got) > 0 && len(raw) > 0 && &got[0] == &raw[0] {
				t.Errorf("SetAttr returned its input, not a copy")
			}
		})
	}
}

// TestSetAttrRoundTrip checks that a value set with SetAttr parses and
// reads back unchanged.
func TestSetAttrRoundTrip(t *testing.T) {
	values := []string{"", "plain", "it's", `"q"`, "a&b<c>d", "tab\there", "two\nlines", "cr\rlf\r\n", "日本語 😀", "&amp;"}
	for _, v := range values {
		t.Run(v, func(t *testing.T) {
			raw := rawxml.SetAttr([]byte("<message type='chat'><body>x</body></message>"), "id", v)
			elems, err := rawxml.Parse(raw)
			if err != nil {
				t.Fatalf("Parse(%q): %v", raw, err)
			}
			if got, ok := elems[0].Attr("id"); !ok || got != v {
				t.Errorf("Attr(id) = %q, %v; want %q", got, ok, v)
			}
		})
	}
}
