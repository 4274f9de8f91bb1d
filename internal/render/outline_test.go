package render

import (
	"bytes"
	"strings"
	"testing"

	"github.com/beevik/etree"
)

// bigItems is enough content to make a stanza worth an outline.
var bigItems = strings.Repeat("<item jid='a@b' name='x &amp; y'><group>G</group></item>\n", outlineMin/50)

// TestParseOutline checks that the outline of a big stanza holds the
// root as it came and its error children whole, and nothing else.
func TestParseOutline(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"result", "<iq xmlns='jabber:client' type='result' id='r1'><query xmlns='jabber:iq:roster'>" + bigItems + "</query></iq>",
			`<iq xmlns="jabber:client" type="result" id="r1"><query xmlns="jabber:iq:roster"/></iq>`},
		{"error after a payload", "<iq type='error' id='e'>\n<query xmlns='jabber:iq:roster'>" + bigItems + "</query>\n<error type='cancel'><item-not-found xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/><text xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'>gone &amp; lost</text></error></iq>",
			`<iq type="error" id="e"><query xmlns="jabber:iq:roster"/><error type="cancel"><item-not-found xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"/><text xmlns="urn:ietf:params:xml:ns:xmpp-stanzas">gone &amp; lost</text></error></iq>`},
		{"prefixed, self-closed error", "<c:message xmlns:c='jabber:client' type='error'><body>" + strings.Repeat("x", outlineMin) + "</body><c:error type='modify'/></c:message>",
			`<c:message xmlns:c="jabber:client" type="error"><body/><c:error type="modify"/></c:message>`},
		{"nested error is not the stanza's", "<iq type='result'><query><error>" + bigItems + "</error></query></iq>",
			`<iq type="result"><query/></iq>`},
		{"declaration and comment first", "<?xml version='1.0'?><!-- c --><iq type='result'><q a='1'>" + bigItems + "</q></iq>\n",
			`<iq type="result"><q a="1"/></iq>`},
	}
	quick := 0
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := ParseOutline([]byte(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			if d.quick != nil {
				quick++
			}
			if d.whole == nil && d.quick == nil {
				t.Fatal("parsed whole")
			}
			if got := write(t, d.Root()); got != tt.want {
				t.Errorf("outline = %s\nwant      %s", got, tt.want)
			}
			// Both ways to an outline give the same.
			if p, ok := planQuick([]byte(tt.in)); ok {
				if o, ok := outline(tt.in); !ok || o != string(p.outline) {
					t.Errorf("the quick reader's outline = %s\nthe lexer's              %s", p.outline, o)
				}
			}
			full, err := Parse([]byte(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			want, _ := full.Indent()
			// ParseToShow outlines what it reads quickly; anything else
			// it parses whole, once, for its Indent.
			shown, err := ParseToShow([]byte(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			if shown.quick == nil && write(t, shown.Root()) != write(t, full.Root()) {
				t.Error("ParseToShow declined and parsed other than Parse")
			}
			if shown.quick != nil && write(t, shown.Root()) != tt.want {
				t.Errorf("ParseToShow's outline = %s\nwant               %s", write(t, shown.Root()), tt.want)
			}
			for _, doc := range []*Document{d, shown} {
				got, err := doc.Indent()
				if err != nil {
					t.Fatal(err)
				}
				if string(got) != string(want) {
					t.Error("the outline's Indent is not the whole stanza's")
				}
				var b bytes.Buffer
				if err := doc.Show(&b, nil, nil); err != nil || b.String() != string(want) {
					t.Errorf("Show wrote %d bytes (%v), not the whole stanza's Indent", b.Len(), err)
				}
			}
			if got, want := len(d.Root().SelectElements("error")), len(full.Root().SelectElements("error")); got != want {
				t.Errorf("%d error children in the outline, %d in the stanza", got, want)
			}
		})
	}
	if quick != len(tests)-1 {
		t.Errorf("%d of %d stanzas read quickly, want all but the one with a declaration", quick, len(tests))
	}
}

// TestParseOutlineWhole checks what is parsed whole, as Parse does: small
// stanzas, stream tags, and what is not one balanced element.
func TestParseOutlineWhole(t *testing.T) {
	for name, in := range map[string]string{
		"small":           "<iq type='result'><query xmlns='jabber:iq:roster'/></iq>",
		"stream header":   "<stream:stream xmlns:stream='http://etherx.jabber.org/streams' xmlns='jabber:client'>" + strings.Repeat(" ", outlineMin),
		"two elements":    "<a>" + bigItems + "</a><b/>",
		"unclosed":        "<a>" + bigItems,
		"unbalanced":      "<a>" + bigItems + "</a></b>",
		"text after root": "<a>" + bigItems + "</a> tail",
	} {
		t.Run(name, func(t *testing.T) {
			d, err := ParseOutline([]byte(in))
			full, ferr := Parse([]byte(in))
			if (err == nil) != (ferr == nil) {
				t.Fatalf("ParseOutline error %v, Parse error %v", err, ferr)
			}
			if err != nil {
				return
			}
			if d.whole != nil || d.quick != nil {
				t.Error("an outline was parsed")
			}
			if d.Root() != nil && write(t, d.Root()) != write(t, full.Root()) {
				t.Error("the document differs from Parse's")
			}
		})
	}
}

// write is e as etree writes it.
func write(t *testing.T, e *etree.Element) string {
	t.Helper()
	var b strings.Builder
	e.WriteTo(&b, &etree.WriteSettings{})
	return b.String()
}

// TestOutlineIndentMalformed checks that the Indent of an outline whose
// stanza is not well-formed where the outline skipped it is Parse's error.
func TestOutlineIndentMalformed(t *testing.T) {
	in := []byte("<iq type='result'><q>" + bigItems + "<b x='1' <c/></q></iq>")
	d, err := ParseOutline(in)
	if err != nil {
		t.Skipf("not outlined: %v", err)
	}
	_, err = d.Indent()
	_, want := Parse(in)
	if err == nil || want == nil || err.Error() != want.Error() {
		t.Errorf("Indent = %v, want Parse's error %v", err, want)
	}
}
