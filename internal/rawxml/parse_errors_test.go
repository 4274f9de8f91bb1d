package rawxml_test

import (
	"errors"
	"testing"

	"xepl/internal/rawxml"
)

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name      string
		src       string
		line, col int
		msg       string
	}{
		// Structure.
		{"end tag closes the wrong element", "<iq type='get'>\n      </query>", 2, 7,
			"</query> does not close <iq>"},
		{"child left open", "<iq type='get'>\n  <query xmlns='jabber:iq:roster'>\n</iq>", 3, 1,
			"</iq> does not close <query>"},
		{"stray end tag", "<a/>\n</a>", 2, 1, "</a> has no matching start tag"},
		{"end tag alone", "</message>", 1, 1, "</message> has no matching start tag"},
		{"junk in end tag", "<a></a b>", 1, 8, `unexpected "b" in end tag </a>: expected >`},
		{"no name after </", "<a></ a>", 1, 6, "expected an element name after </"},
		{"text between elements", "<a/>hello<b/>", 1, 5,
			`text "hello" outside an element: only white space may come between elements`},
		{"text before the element", "iq type='get'/>", 1, 1,
			`text "iq" outside an element: only white space may come between elements`},
		{"CDATA outside an element", "<![CDATA[x]]>", 1, 1, "CDATA section outside an element"},
		{"slash not ending the tag", "<a/ >", 1, 3, "expected /> to end the tag <a>"},

		// Names and namespaces.
		{"space after <", "< iq/>", 1, 2, "< must be followed by an element name (write a literal < as &lt;)"},
		{"name starting with a digit", "<1iq/>", 1, 2, `invalid element name: "1" cannot start a name`},
		{"attribute name starting with a digit", "<iq 1a='x'/>", 1, 5, `invalid attribute name: "1" cannot start a name`},
		{"quote where an attribute should be", `<iq "x"/>`, 1, 5, `unexpected "\"" in the start tag <iq>`},
		{"two colons", "<a:b:c xmlns:a='u'/>", 1, 2,
			`invalid element name "a:b:c": a name may contain only one colon, between prefix and local name`},
		{"empty prefix", "<:a/>", 1, 2, `invalid element name ":a": the prefix before the colon is empty`},
		{"empty local name", "<a: xmlns:a='u'/>", 1, 2, `invalid element name "a:": the local name after the colon is empty`},
		{"undeclared element prefix", "<iq>\n  <p:query/></iq>", 2, 4,
			"namespace prefix p is not declared (add xmlns:p='...' to this or an enclosing element)"},
		{"prefix declared on a sibling only", "<a><b xmlns:p='u'/><p:c/></a>", 1, 21,
			"namespace prefix p is not declared (add xmlns:p='...' to this or an enclosing element)"},
		{"undeclared attribute prefix", "<iq foo:bar='1'/>", 1, 5,
			"namespace prefix foo of attribute foo:bar is not declared (add xmlns:foo='...')"},
		{"element with the xmlns prefix", "<xmlns:a/>", 1, 2, "element name xmlns:a uses the reserved prefix xmlns"},
		{"undeclaring a prefix", "<a xmlns:p=''/>", 1, 4, "xmlns:p='' is not allowed: a prefix cannot be undeclared"},
		{"declaring xmlns", "<a xmlns:xmlns='u'/>", 1, 4, "the prefix xmlns is reserved and cannot be declared"},
		{"rebinding xml", "<a xmlns:xml='urn:x'/>", 1, 4,
			"the prefix xml is reserved for http://www.w3.org/XML/1998/namespace"},
		{"binding the xml namespace elsewhere", "<a xmlns:x='http://www.w3.org/XML/1998/namespace'/>", 1, 4,
			"the namespace http://www.w3.org/XML/1998/namespace is reserved and cannot be bound by xmlns:x"},

		// Attributes.
		{"duplicate attribute", "<iq id='1' id='2'/>", 1, 12, "duplicate attribute id"},
		{"duplicate through namespaces", "<a xmlns:p='u' xmlns:q='u' p:x='1' q:x='2'/>", 1, 36,
			"attribute q:x repeats p:x: prefixes p and q name the same namespace u"},
		{"duplicate namespace declaration", "<a xmlns='u' xmlns='v'/>", 1, 14, "duplicate attribute xmlns"},
		{"unquoted value", "<iq type=get/>", 1, 10, "the value of attribute type must be in quotes"},
		{"attribute without value", "<iq type/>", 1, 5, "attribute type has no value (write type='...')"},
		{"attribute without value before >", "<iq type>", 1, 5, "attribute type has no value (write type='...')"},
		{"equals without value", "<iq type=>", 1, 5, "attribute type has no value (write type='...')"},
		{"missing space between attributes", "<a b='1'c='2'/>", 1, 9, "missing white space before attribute c"},
		{"less-than in a value", "<iq id='a<b'/>", 1, 10, "< is not allowed in the value of attribute id: write &lt;"},

		// References.
		{"bare ampersand in text", "<body>a & b</body>", 1, 9, "unescaped &: write a literal & as &amp;"},
		{"bare ampersand in a value", "<a b='x&y'/>", 1, 8, "unescaped &: write a literal & as &amp;"},
		{"unknown entity", "<body>&nbsp;</body>", 1, 7,
			"unknown entity &nbsp;: only &lt; &gt; &amp; &apos; &quot; and character references such as &#160; are allowed"},
		{"reference to NUL", "<body>&#0;</body>", 1, 7, "&#0; does not name a character allowed in XML"},
		{"reference to a surrogate", "<a b='&#xD800;'/>", 1, 7, "&#xD800; does not name a character allowed in XML"},
		{"reference beyond Unicode", "<body>&#x110000;</body>", 1, 7, "&#x110000; does not name a character allowed in XML"},
		{"huge reference", "<body>&#99999999999999999999;</body>", 1, 7,
			"&#99999999999999999999; does not name a character allowed in XML"},
		{"upper-case x in a reference", "<body>&#X41;</body>", 1, 7,
			`malformed character reference "&#X": expected &#digits; or &#xhex; (write a literal & as &amp;)`},
		{"reference without digits", "<body>&#;</body>", 1, 7,
			`malformed character reference "&#;": expected &#digits; or &#xhex; (write a literal & as &amp;)`},

		// Markup forbidden on a stream.
		{"DOCTYPE", "<!DOCTYPE iq>", 1, 1, "a DOCTYPE is not allowed on an XMPP stream (RFC 6120 §11.1)"},
		{"comment inside an element", "<iq>\n  <!-- hi --></iq>", 2, 3, "comments are not allowed on an XMPP stream (RFC 6120 §11.1)"},
		{"comment at top level", "<!-- hi -->", 1, 1, "comments are not allowed on an XMPP stream (RFC 6120 §11.1)"},
		{"comment cut short", "<a><!-", 1, 4, "comments are not allowed on an XMPP stream (RFC 6120 §11.1)"},
		{"processing instruction", "<iq><?php echo ?></iq>", 1, 5,
			"processing instructions are not allowed on an XMPP stream (RFC 6120 §11.1)"},
		{"XML declaration", "<?xml version='1.0'?>\n<iq/>", 1, 1,
			"an XML declaration <?xml ...?> is not allowed inside a stream: type only the element"},
		{"other <! markup", "<a><!ENTITY x 'y'></a>", 1, 4,
			"unexpected markup after <!: only <![CDATA[...]]> sections may start with <!"},

		// Characters.
		{"]]> in text", "<a>x]]>y</a>", 1, 5, "]]> is not allowed in text: write ]]&gt;"},
		{"invalid UTF-8", "<body>\xff</body>", 1, 7, "invalid UTF-8"},
		{"control character", "<body>\x01</body>", 1, 7, "character U+0001 is not allowed in XML"},
		{"U+FFFE", "<body>\uFFFE</body>", 1, 7, "character U+FFFE is not allowed in XML"},
		{"control character in a name", "<a\x02/>", 1, 3, "character U+0002 is not allowed in XML"},
		{"bad character before an unfinished element", "<a>\x01", 1, 4, "character U+0001 is not allowed in XML"},
		{"truncated UTF-8 followed by more", "<a>\xc3x</a>", 1, 4, "invalid UTF-8"},
		{"structural error before a bad character", "</a>\x01", 1, 1, "</a> has no matching start tag"},

		// Positions count characters, and lines end at LF, CRLF or CR.
		{"column counts runes", "<body>\nhéllo & x</body>", 2, 7, "unescaped &: write a literal & as &amp;"},
		{"CRLF line ending", "<a>\r\n</b>", 2, 1, "</b> does not close <a>"},
		{"CR line ending", "<a>\r\r</b>", 3, 1, "</b> does not close <a>"},
		{"wide characters before the error", "<a>日本語😀</b>", 1, 8, "</b> does not close <a>"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := rawxml.Parse([]byte(tt.src))
			var se *rawxml.SyntaxError
			if !errors.As(err, &se) {
				t.Fatalf("Parse(%q) = %v, %v; want a SyntaxError", tt.src, got, err)
			}
			if se.Line != tt.line || se.Column != tt.col || se.Msg != tt.msg {
				t.Errorf("Parse(%q):\n got line %d, column %d: %s\nwant line %d, column %d: %s",
					tt.src, se.Line, se.Column, se.Msg, tt.line, tt.col, tt.msg)
			}
			if errors.Is(err, rawxml.ErrIncomplete) {
				t.Errorf("a syntax error must not match ErrIncomplete")
			}
		})
	}
}
