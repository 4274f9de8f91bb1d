package render_test

import (
	"strings"
	"testing"

	"xepl/internal/render"
)

func TestIndent(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{{
		name: "nested",
		in:   `<iq type='result' id='r1'><query xmlns='jabber:iq:roster'><item jid='a@example.net'><group>Friends</group></item></query></iq>`,
		want: `<iq type="result" id="r1">
  <query xmlns="jabber:iq:roster">
    <item jid="a@example.net">
      <group>Friends</group>
    </item>
  </query>
</iq>`,
	}, {
		name: "prefixed names and undeclared stream prefix kept",
		in:   `<stream:features><mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><mechanism>SCRAM-SHA-1</mechanism></mechanisms><x:c xmlns:x='http://jabber.org/protocol/caps' x:hash='sha-1'/></stream:features>`,
		want: `<stream:features>
  <mechanisms xmlns="urn:ietf:params:xml:ns:xmpp-sasl">
    <mechanism>SCRAM-SHA-1</mechanism>
  </mechanisms>
  <x:c xmlns:x="http://jabber.org/protocol/caps" x:hash="sha-1"/>
</stream:features>`,
	}, {
		name: "attribute order and xmlns position kept",
		in:   `<message to='a@b' xmlns='jabber:client' xmlns:e='urn:e' type='chat' e:x='1' from='c@d'/>`,
		want: `<message to="a@b" xmlns="jabber:client" xmlns:e="urn:e" type="chat" e:x="1" from="c@d"/>`,
	}, {
		name: "empty elements self-closed",
		in:   `<iq><ping xmlns='urn:xmpp:ping'></ping><query/></iq>`,
		want: "<iq>\n  <ping xmlns=\"urn:xmpp:ping\"/>\n  <query/>\n</iq>",
	}, {
		name: "text kept as is, white space included",
		in:   "<message><body>  two  spaces\nand a new line </body><subject> </subject></message>",
		want: "<message>\n  <body>  two  spaces\nand a new line </body>\n  <subject> </subject>\n</message>",
	}, {
		name: "indentation white space replaced",
		in:   "<a>\n\t\t<b>x</b>\n\n    <c/>\n</a>",
		want: "<a>\n  <b>x</b>\n  <c/>\n</a>",
	}, {
		name: "mixed content left unindented",
		in:   `<message><body>hi</body><html xmlns='http://jabber.org/protocol/xhtml-im'><body xmlns='http://www.w3.org/1999/xhtml'><p>Hello <em>big</em>  <b>world</b>!</p><p>  <br/> </p></body></html></message>`,
		want: `<message>
  <body>hi</body>
  <html xmlns="http://jabber.org/protocol/xhtml-im">
    <body xmlns="http://www.w3.org/1999/xhtml">
      <p>Hello <em>big</em>  <b>world</b>!</p>
      <p>
        <br/>
      </p>
    </body>
  </html>
</message>`,
	}, {
		name: "mixed content keeps inner white space and layout",
		in:   "<body>Line one\n  <a href='x'> link </a>\n<span>\n  <b>x</b>\n</span></body>",
		want: "<body>Line one\n  <a href=\"x\"> link </a>\n<span>\n  <b>x</b>\n</span></body>",
	}, {
		name: "a space between elements is text",
		in:   `<message><html xmlns='http://jabber.org/protocol/xhtml-im'><body xmlns='http://www.w3.org/1999/xhtml'><p><strong>bold</strong> <em>italic</em></p></body></html></message>`,
		want: `<message>
  <html xmlns="http://jabber.org/protocol/xhtml-im">
    <body xmlns="http://www.w3.org/1999/xhtml">
      <p><strong>bold</strong> <em>italic</em></p>
    </body>
  </html>
</message>`,
	}, {
		name: "spaces before the first and after the last child are indentation",
		in:   "<a> <b/>\n\t<!--c-->\n <d/>  </a>",
		want: "<a>\n  <b/>\n  <!--c-->\n  <d/>\n</a>",
	}, {
		name: "escaping in text round-trips",
		in:   `<body>a &amp; b &lt; c &gt; d "q" 'a' &#x263A; &#65;</body>`,
		want: `<body>a &amp; b &lt; c &gt; d "q" 'a' ☺ A</body>`,
	}, {
		name: "escaping in attributes round-trips",
		in:   `<a v='&amp;&lt;&gt;"&apos;' w="&quot;x&quot;"/>`,
		want: `<a v="&amp;&lt;>&quot;'" w="&quot;x&quot;"/>`,
	}, {
		name: "white space references in attributes kept",
		in:   `<a v='1&#x9;2&#xA;3&#xD;4'/>`,
		want: `<a v="1&#x9;2&#xA;3&#xD;4"/>`,
	}, {
		name: "carriage return in text kept as a reference",
		in:   `<a>x&#xD;y</a>`,
		want: `<a>x&#xD;y</a>`,
	}, {
		name: "CDATA becomes escaped text",
		in:   `<a><![CDATA[x < y && ]] > z]]></a>`,
		want: `<a>x &lt; y &amp;&amp; ]] &gt; z</a>`,
	}, {
		name: "CDATA beside text",
		in:   `<a>1 <![CDATA[<2>]]> 3</a>`,
		want: `<a>1 &lt;2&gt; 3</a>`,
	}, {
		name: "empty CDATA is empty",
		in:   `<a><![CDATA[]]></a>`,
		want: `<a/>`,
	}, {
		name: "comments on their own lines",
		in:   `<a><!-- one --><b/><!--two--></a>`,
		want: "<a>\n  <!-- one -->\n  <b/>\n  <!--two-->\n</a>",
	}, {
		name: "XML declaration kept on its own line",
		in:   `<?xml version='1.0' encoding='UTF-8'?><a/>`,
		want: "<?xml version='1.0' encoding='UTF-8'?>\n<a/>",
	}, {
		name: "several elements",
		in:   "<a/>\n<b><c/></b>  ",
		want: "<a/>\n<b>\n  <c/>\n</b>",
	}, {
		name: "non-ASCII text and names",
		in:   `<bödy lang='fr'>Café – 日本語</bödy>`,
		want: `<bödy lang="fr">Café – 日本語</bödy>`,
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := render.Indent([]byte(tt.in))
			if err != nil {
				t.Fatalf("Indent: %v", err)
			}
			if string(got) != tt.want {
				t.Errorf("Indent =\n%s\nwant\n%s", got, tt.want)
			}
			again, err := render.Indent(got)
			if err != nil {
				t.Fatalf("Indent of its own output: %v", err)
			}
			if string(again) != string(got) {
				t.Errorf("Indent is not stable: second pass gives\n%s", again)
			}
		})
	}
}

func TestIndentStreamTags(t *testing.T) {
	tests := []struct {
		name, in string
	}{
		{"header", `<stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' to='example.com' version='1.0'>`},
		{"header after declaration", "<?xml version='1.0'?>\n<stream:stream from='example.com' id='x' xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' version='1.0'>\n"},
		{"other prefix", `<s:stream xmlns:s='http://etherx.jabber.org/streams'>`},
		{"default namespace", `<stream xmlns='http://etherx.jabber.org/streams'>`},
		// The prefix stream alone makes a header, as it does for the
		// Splitter on the wire: a stanza cut from a stream is not checked
		// against declarations either.
		{"undeclared stream prefix", "<stream:stream to='example.com'>"},
		{"end", `</stream:stream>`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := render.Indent([]byte(tt.in))
			if err != nil {
				t.Fatalf("Indent: %v", err)
			}
			if string(got) != tt.in {
				t.Errorf("Indent = %q, want the input unchanged", got)
			}
		})
	}
}

func TestIndentErrors(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"empty", "", "no element"},
		{"white space only", " \n", "no element"},
		{"comment only", "<!-- x -->", "no element"},
		{"unclosed", "<iq><query>", "not well-formed"},
		{"mismatched end", "<a></b>", "not well-formed"},
		{"stray end", "<a/></a>", "not well-formed"},
		{"prefix mismatch", "<x:a></y:a>", "not well-formed"},
		{"bare ampersand", "<a>x & y</a>", "not well-formed"},
		{"unknown entity", "<a>&nbsp;</a>", "not well-formed"},
		{"lt in attribute", "<a b='<'/>", "not well-formed"},
		{"duplicate attribute", "<a b='1' c='2' b='3'/>", "duplicate attribute b"},
		{"duplicate prefixed attribute", "<a x:b='1' x:b='1'/>", "duplicate attribute x:b"},
		{"duplicate among many", "<a " + manyAttrs(40) + " a7='x'/>", "duplicate attribute a7"},
		{"text outside", "<a/>tail", "text outside an element"},
		{"text only", "hello", "text outside an element"},
		{"stream header then stanza", "<stream:stream xmlns:stream='http://etherx.jabber.org/streams'><stream:features/>", "not well-formed"},
		{"two stream headers", "<stream:stream xmlns:stream='http://etherx.jabber.org/streams'><stream:stream xmlns:stream='http://etherx.jabber.org/streams'>", "not well-formed"},
		{"unclosed other element", "<message xmlns='jabber:client'>", "not well-formed"},
		{"invalid UTF-8", "<a>\xff</a>", "not well-formed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := render.Indent([]byte(tt.in))
			if err == nil {
				t.Fatalf("Indent = %q, want an error", got)
			}
			if got != nil {
				t.Errorf("Indent returned %q beside its error", got)
			}
			if msg := err.Error(); !strings.Contains(msg, tt.want) {
				t.Errorf("error %q, want one containing %q", msg, tt.want)
			}
		})
	}
}

func TestIndentLargeReply(t *testing.T) {
	raw := rosterReply(1 << 20)
	got, err := render.Indent(raw)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(got), "\n")
	if items := strings.Count(string(raw), "<item "); len(lines) < 2*items {
		t.Errorf("%d lines for %d items: not one element per line", len(lines), items)
	}
	if lines[1] != `  <query xmlns="jabber:iq:roster" ver="ver14">` {
		t.Errorf("second line %q", lines[1])
	}
}

// manyAttrs returns n distinct attributes a0='0' a1='1'...
func manyAttrs(n int) string {
	var b strings.Builder
	for i := range n {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString("a" + itoa(i) + "='" + itoa(i) + "'")
	}
	return b.String()
}

func TestIndentDeepNesting(t *testing.T) {
	// Each of 100 trees 1000 levels deep would take some 2 MB indented at
	// every level; past the depth limit elements are written as they came.
	tree := strings.Repeat("<a>", 1000) + "x" + strings.Repeat("</a>", 1000)
	in := strings.Repeat(tree, 100)
	got, err := render.Indent([]byte(in))
	if err != nil {
		t.Fatal(err)
	}
	if len(got) > 2*len(in) {
		t.Errorf("%d bytes in, %d out", len(in), len(got))
	}
	lines := strings.Split(string(got), "\n")
	deepest := strings.Repeat("  ", 32) + "<a>" // the first element written as it came
	if want := deepest + strings.Repeat("<a>", 967) + "x"; !strings.HasPrefix(lines[32], want) {
		t.Errorf("line 33 = %.80q..., want it to start %.80q...", lines[32], want)
	}
	if lines[31] != strings.Repeat("  ", 31)+"<a>" {
		t.Errorf("line 32 = %q, want an indented start tag", lines[31])
	}
}
