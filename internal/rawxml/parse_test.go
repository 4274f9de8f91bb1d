package rawxml_test

import (
	"errors"
	"testing"

	"xepl/internal/rawxml"
)

func TestParseAccepts(t *testing.T) {
	type elem struct{ raw, local, prefix, space string }
	tests := []struct {
		name string
		src  string
		want []elem
	}{
		{"empty element", "<presence/>", []elem{{"<presence/>", "presence", "", ""}}},
		{"nested with declared child namespace",
			"<iq type='get' id='r1'><query xmlns='jabber:iq:roster'/></iq>",
			[]elem{{"<iq type='get' id='r1'><query xmlns='jabber:iq:roster'/></iq>", "iq", "", ""}}},
		{"several elements and surrounding space",
			"  <a/>\n\t<b x=\"1\">t</b>\r\n ",
			[]elem{{"<a/>", "a", "", ""}, {"<b x=\"1\">t</b>", "b", "", ""}}},
		{"default namespace on root",
			"<message xmlns='jabber:client' to='a@b'><body>hi</body></message>",
			[]elem{{"<message xmlns='jabber:client' to='a@b'><body>hi</body></message>", "message", "", "jabber:client"}}},
		{"prefixed root declaring its prefix",
			"<p:x xmlns:p='urn:a' xmlns='urn:b'/>",
			[]elem{{"<p:x xmlns:p='urn:a' xmlns='urn:b'/>", "x", "p", "urn:a"}}},
		{"root declaring only another prefix",
			"<iq xmlns:p='urn:a'><p:x p:y='1'/></iq>",
			[]elem{{"<iq xmlns:p='urn:a'><p:x p:y='1'/></iq>", "iq", "", ""}}},
		{"xml prefix is predeclared",
			"<message xml:lang='en'><body xml:lang='fr'>salut</body></message>",
			[]elem{{"<message xml:lang='en'><body xml:lang='fr'>salut</body></message>", "message", "", ""}}},
		{"same local attribute name in different namespaces",
			"<a xmlns:p='urn:p' xmlns:q='urn:q' p:x='1' q:x='2' x='3'/>",
			[]elem{{"<a xmlns:p='urn:p' xmlns:q='urn:q' p:x='1' q:x='2' x='3'/>", "a", "", ""}}},
		{"CDATA with markup characters",
			"<body><![CDATA[<b>1 < 2 & ]] > 3</b>]]></body>",
			[]elem{{"<body><![CDATA[<b>1 < 2 & ]] > 3</b>]]></body>", "body", "", ""}}},
		{"predefined entities and character references",
			"<body a='&lt;&#9;&quot;'>&lt;&gt;&amp;&apos;&quot;&#65;&#x1F600;&#x4a;&#0000000065;</body>",
			[]elem{{"<body a='&lt;&#9;&quot;'>&lt;&gt;&amp;&apos;&quot;&#65;&#x1F600;&#x4a;&#0000000065;</body>", "body", "", ""}}},
		{"greater-than in text and attribute",
			"<a b='>'>></a>",
			[]elem{{"<a b='>'>></a>", "a", "", ""}}},
		{"non-ASCII names and text",
			"<café naïve='日本'>日本語 😀</café>",
			[]elem{{"<café naïve='日本'>日本語 😀</café>", "café", "", ""}}},
		{"name characters of the fifth edition", "<\u196f\U00010000/>",
			[]elem{{"<\u196f\U00010000/>", "\u196f\U00010000", "", ""}}},
		{"tag spread over lines",
			"<iq\n  type='get'\n  id='1'\n/>",
			[]elem{{"<iq\n  type='get'\n  id='1'\n/>", "iq", "", ""}}},
		{"space inside end tag and around equals",
			"<a b = 'c' ></a\n>",
			[]elem{{"<a b = 'c' ></a\n>", "a", "", ""}}},
		{"quotes of the other kind inside values",
			`<a b="it's" c='say "hi"'/>`,
			[]elem{{`<a b="it's" c='say "hi"'/>`, "a", "", ""}}},
		{"redeclared prefix in a child",
			"<p:a xmlns:p='urn:1'><p:b xmlns:p='urn:2'/></p:a>",
			[]elem{{"<p:a xmlns:p='urn:1'><p:b xmlns:p='urn:2'/></p:a>", "a", "p", "urn:1"}}},
		{"xml prefix declared to its own namespace",
			"<a xmlns:xml='http://www.w3.org/XML/1998/namespace'/>",
			[]elem{{"<a xmlns:xml='http://www.w3.org/XML/1998/namespace'/>", "a", "", ""}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := rawxml.Parse([]byte(tt.src))
			if err != nil {
				t.Fatalf("Parse(%q): %v", tt.src, err)
			}
			if len(got) != len(tt.want) {
				t.Fatalf("Parse(%q) returned %d elements, want %d", tt.src, len(got), len(tt.want))
			}
			for i, w := range tt.want {
				g := got[i]
				if string(g.Raw) != w.raw || g.Local != w.local || g.Prefix != w.prefix || g.Space != w.space {
					t.Errorf("element %d = {%q %q %q %q}, want {%q %q %q %q}",
						i, g.Raw, g.Local, g.Prefix, g.Space, w.raw, w.local, w.prefix, w.space)
				}
			}
		})
	}
}

func TestParseCopiesInput(t *testing.T) {
	src := []byte("<a>x</a>")
	got, err := rawxml.Parse(src)
	if err != nil {
		t.Fatal(err)
	}
	src[3] = 'y'
	if string(got[0].Raw) != "<a>x</a>" {
		t.Errorf("Raw changed with the input: %q", got[0].Raw)
	}
}

func TestParseIncomplete(t *testing.T) {
	tests := []struct{ name, src string }{
		{"empty", ""},
		{"only white space", "  \n\t "},
		{"lone less-than", "<"},
		{"inside element name", "<iq"},
		{"start tag continues on next line", "<iq\n"},
		{"second line of a start tag", "<iq\ntype='get'>"},
		{"inside attribute value", "<iq type='ge"},
		{"after equals", "<iq type="},
		{"after attribute name", "<iq type"},
		{"before the closing of an empty tag", "<iq type='get'/"},
		{"child still open", "<iq><query>"},
		{"children closed, root open", "<a><b/>"},
		{"inside text", "<a>some text"},
		{"inside entity reference", "<a>&am"},
		{"inside character reference", "<a>&#x4"},
		{"inside reference in attribute", "<a x='&#"},
		{"inside CDATA", "<a><![CDATA[x <y"},
		{"inside CDATA opener", "<a><![CD"},
		{"after <! inside element", "<a><!"},
		{"inside end tag name", "<a></a"},
		{"before end tag's >", "<a></a "},
		{"inside end tag on the next line", "<a>\n</"},
		{"second element unfinished", "<a/><b>"},
		{"second element barely started", "<a/>\n<"},
		{"in the middle of a UTF-8 sequence", "<a>caf\xc3"},
		{"possible end of ]]>", "<a>x]]"},
		{"prefix that may still be declared", "<p:x"},
		{"declaration of the prefix under way", "<p:x xmlns:p='u'"},
		{"multi-line stanza typed so far", "<message to='juliet@example.com'>\n  <body>Wherefore art thou?</body>\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := rawxml.Parse([]byte(tt.src))
			if !errors.Is(err, rawxml.ErrIncomplete) {
				t.Fatalf("Parse(%q) = %v, %v; want ErrIncomplete", tt.src, got, err)
			}
			var se *rawxml.SyntaxError
			if errors.As(err, &se) {
				t.Fatalf("Parse(%q) returned a SyntaxError too", tt.src)
			}
		})
	}
}

func TestSyntaxErrorMessage(t *testing.T) {
	e := &rawxml.SyntaxError{Line: 2, Column: 7, Msg: "</query> does not close <iq>"}
	if got, want := e.Error(), "line 2, column 7: </query> does not close <iq>"; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
}
