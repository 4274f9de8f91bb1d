package catalog_test

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"

	"xepl/catalog"
)

// fillSession is the session FuzzFill fills templates for.
var fillSession = catalog.Session{JID: "tester@example.org/xepl", Rand: "abc"}

// FuzzFill fills every text and password parameter of every template in
// the catalog with the fuzzed value, the others with their test values,
// and checks that there is no markup injection: Fill either refuses the
// value with a *ValueError that names the template and the parameter (and
// never shows a password), or renders XML that encoding/xml reads with
// the same markup (elements, attribute names, their order) as when the
// parameter holds "x", with the value found whole in a text or an
// attribute value.
func FuzzFill(f *testing.F) {
	for _, s := range []string{
		"plain", "</body><evil xmlns='urn:x'/>", `' onclick='x`, `" x="`, "]]>", "<![CDATA[x]]>",
		"<!-- c -->", "<?pi x?>", "&amp;", "&#x41;", "&bogus;", "{{x}}", "{{sessionid}}", "{domain}",
		"\x00", "\x1b[2J", "\u202Egnp.exe", "\u0085", "a\r\nb\rc\n", "\t", "\xff", "\uFFFE", "é 😀",
	} {
		f.Add(s)
	}
	type target struct {
		t      *catalog.Template
		p      catalog.Param
		shape  []string // the markup with "x" for p
		values catalog.Values
	}
	var targets []target
	for _, tm := range catalog.All() {
		for _, p := range tm.Params {
			if p.Type != catalog.TypeText && p.Type != catalog.TypePassword {
				continue
			}
			values := tm.TestValues(fillSession)
			values[p.Name] = "x"
			filled, err := tm.Fill(values, fillSession)
			if err != nil {
				f.Fatalf("%s with %s=x: %v", tm.Name, p.Name, err)
			}
			shape, _, err := markup(filled.XML)
			if err != nil {
				f.Fatalf("%s with %s=x: %v\n%s", tm.Name, p.Name, err, filled.XML)
			}
			targets = append(targets, target{tm, p, shape, values})
		}
	}
	if len(targets) < 50 {
		f.Fatalf("only %d text and password parameters in the catalog", len(targets))
	}
	f.Fuzz(func(t *testing.T, v string) {
		if v == "" {
			return // no value: sections on the parameter change the markup
		}
		for _, tg := range targets {
			values := catalog.Values{}
			for k, x := range tg.values {
				values[k] = x
			}
			values[tg.p.Name] = v
			filled, err := tg.t.Fill(values, fillSession)
			if err != nil {
				checkRefusal(t, tg.t, tg.p, v, err)
				continue
			}
			shape, content, err := markup(filled.XML)
			if err != nil {
				t.Fatalf("%s with %s=%q: %v\n%s", tg.t.Name, tg.p.Name, v, err, filled.XML)
			}
			if d := diffShape(shape, tg.shape); d != "" {
				t.Fatalf("%s with %s=%q: the value changed the markup: %s\n%s", tg.t.Name, tg.p.Name, v, d, filled.XML)
			}
			if strings.TrimSpace(v) != "" && !slicesContain(content, v) {
				t.Fatalf("%s with %s=%q: the value is in no text or attribute\n%s", tg.t.Name, tg.p.Name, v, filled.XML)
			}
		}
	})
}

// checkRefusal checks that err is a clear refusal of v for p.
func checkRefusal(t *testing.T, tm *catalog.Template, p catalog.Param, v string, err error) {
	t.Helper()
	var ve *catalog.ValueError
	if !errors.As(err, &ve) || ve.Param.Name != p.Name {
		t.Fatalf("%s with %s=%q: %T %v, want a *ValueError for %s", tm.Name, p.Name, v, err, err, p.Name)
	}
	msg := err.Error()
	if !strings.HasPrefix(msg, tm.Name+": "+p.Name+": ") || len(msg) <= len(tm.Name+": "+p.Name+": ") {
		t.Fatalf("%s with %s=%q: unclear error %q", tm.Name, p.Name, v, msg)
	}
	if p.Secret && len(v) >= 8 && strings.Contains(msg, v) {
		t.Fatalf("%s: the password %q is in the error %q", tm.Name, v, msg)
	}
}

// markup reads b with encoding/xml and returns its markup, one string per
// start tag (name and attribute names), end tag, comment, processing
// instruction or directive, and its content: each text and attribute
// value, decoded.
func markup(b []byte) (shape, content []string, err error) {
	d := xml.NewDecoder(bytes.NewReader(b))
	text := ""
	for {
		tok, err := d.RawToken()
		if errors.Is(err, io.EOF) {
			return shape, content, nil
		}
		if err != nil {
			return nil, nil, err
		}
		if _, ok := tok.(xml.CharData); !ok && text != "" {
			content, text = append(content, text), ""
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			s := "<" + qname(tok.Name)
			for _, a := range tok.Attr {
				s += " " + qname(a.Name)
				content = append(content, a.Value)
			}
			shape = append(shape, s+">")
		case xml.EndElement:
			shape = append(shape, "</"+qname(tok.Name)+">")
		case xml.CharData:
			text += string(tok)
		case xml.Comment:
			shape = append(shape, fmt.Sprintf("<!--%s-->", tok))
		case xml.ProcInst:
			shape = append(shape, fmt.Sprintf("<?%s %s?>", tok.Target, tok.Inst))
		case xml.Directive:
			shape = append(shape, fmt.Sprintf("<!%s>", tok))
		}
	}
}

func qname(n xml.Name) string {
	if n.Space != "" {
		return n.Space + ":" + n.Local
	}
	return n.Local
}

// diffShape describes the first difference between two markups, or "".
func diffShape(got, want []string) string {
	for i := range max(len(got), len(want)) {
		switch {
		case i >= len(got):
			return fmt.Sprintf("%s missing", want[i])
		case i >= len(want):
			return fmt.Sprintf("extra %s", got[i])
		case got[i] != want[i]:
			return fmt.Sprintf("%s instead of %s", got[i], want[i])
		}
	}
	return ""
}

// slicesContain reports whether one of texts holds v.
func slicesContain(texts []string, v string) bool {
	for _, s := range texts {
		if strings.Contains(s, v) {
			return true
		}
	}
	return false
}
