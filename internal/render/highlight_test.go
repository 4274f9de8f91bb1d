package render_test

import (
	"bytes"
	"errors"
	"regexp"
	"strings"
	"testing"

	"xepl/internal/render"
	"xepl/internal/termsafe"
)

// sample has one token of each kind, each spelled so it occurs once.
const sample = `<?xml version='1.0'?>
<iq xmlns='jabber:client' type='result' id='r1'>
  <!-- a comment -->
  <query xmlns:x='urn:example'>
    <item x:jid='a@example.net'>Tom &amp; Jerry<![CDATA[ <raw> ]]></item>
    <empty/>
  </query>
</iq>
`

// ansi matches one terminal escape sequence as chroma writes them.
var ansi = regexp.MustCompile("\x1b\\[[0-9;]*m")

// levels are the colour levels that produce escapes.
var levels = []render.Colour{render.Colours16, render.Colours256, render.TrueColour}

// TestHighlightNoneIsPlain checks that without colour Highlight writes
// its input as it is, unless the input is unfit for a terminal: then it is
// made safe with termsafe.
func TestHighlightNoneIsPlain(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{sample, sample},
		{"", ""},
		{"not xml at all < & >", "not xml at all < & >"},
		{string(rosterReply(32 << 10)), string(rosterReply(32 << 10))},
		{`termsafe's \x1b ⟨U+202E⟩`, `termsafe's \x1b ⟨U+202E⟩`},
		{"\xff\xfe<a>", `\xff\xfe<a>`},
		{"<a>\x1b[2J\r\n</a>", `<a>\x1b[2J\x0d` + "\n</a>"},
	} {
		var out bytes.Buffer
		if err := render.NewHighlighter("", render.None).Highlight(&out, []byte(tt.in)); err != nil {
			t.Fatal(err)
		}
		if out.String() != tt.want {
			t.Errorf("Highlight with None changed %.40q into %.40q, want %.40q", tt.in, out.String(), tt.want)
		}
	}
	t.Run("zero Highlighter", func(t *testing.T) {
		var out bytes.Buffer
		var h render.Highlighter
		if err := h.Highlight(&out, []byte(sample)); err != nil || out.String() != sample {
			t.Errorf("zero Highlighter wrote %q, %v", out.String(), err)
		}
	})
}

func TestHighlightStripsBackToInput(t *testing.T) {
	inputs := map[string]string{
		"sample":         sample,
		"malformed":      "<a b='x<c & </> <![CDATA[",
		"CRLF":           "<a>\r\n  <b/>\r\n</a>\r\n", // carriage returns shown as \x0d
		"roster":         string(rosterReply(16 << 10)),
		"indented reply": mustIndent(t, rosterReply(16<<10)),
	}
	for _, c := range levels {
		for _, style := range []string{"", "monokai", "github", "no-such-style"} {
			for name, in := range inputs {
				t.Run(c.String()+"/"+style+"/"+name, func(t *testing.T) {
					var out bytes.Buffer
					if err := render.NewHighlighter(style, c).Highlight(&out, []byte(in)); err != nil {
						t.Fatal(err)
					}
					if !ansi.Match(out.Bytes()) {
						t.Fatalf("no escape sequence in the output")
					}
					if got := ansi.ReplaceAllString(out.String(), ""); got != termsafe.String(in) {
						t.Errorf("without escapes the output is\n%q\nwant\n%q", got, termsafe.String(in))
					}
				})
			}
		}
	}
}

// escapeBefore returns the escape sequences (other than resets) written
// just before token in out, requiring them to be followed by a reset; ""
// when token is plain.
func escapeBefore(t *testing.T, out, token string) string {
	t.Helper()
	re := regexp.MustCompile("((?:\x1b\\[[1-9][0-9;]*m)*)" + regexp.QuoteMeta(token) + "(\x1b\\[0m)?")
	m := re.FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("%q not in the output", token)
	}
	if (m[1] == "") != (m[2] == "") {
		t.Fatalf("%q: escape %q without reset, or reset without escape", token, m[1])
	}
	return m[1]
}

func TestHighlightColoursTokenKinds(t *testing.T) {
	kinds := []struct{ name, token string }{
		{"tag name", "iq"},
		{"prefixed tag name", "query"},
		{"attribute name", "type"},
		{"attribute value", "'result'"},
		{"namespace declaration", "xmlns:x"},
		{"namespace value", "'urn:example'"},
		{"entity", "&amp;"},
		{"comment", "<!-- a comment -->"},
		{"declaration", "<?xml version='1.0'?>"},
	}
	// Kinds that must look different from one another.
	distinct := []string{"tag name", "attribute name", "attribute value", "namespace declaration", "entity", "comment"}
	for _, c := range levels {
		t.Run(c.String(), func(t *testing.T) {
			var b bytes.Buffer
			if err := render.NewHighlighter("", c).Highlight(&b, []byte(sample)); err != nil {
				t.Fatal(err)
			}
			out := b.String()
			esc := map[string]string{}
			for _, k := range kinds {
				esc[k.name] = escapeBefore(t, out, k.token)
				if esc[k.name] == "" {
					t.Errorf("%s %q is not coloured", k.name, k.token)
				}
			}
			if esc["tag name"] != esc["prefixed tag name"] {
				t.Errorf("tag names coloured differently: %q, %q", esc["tag name"], esc["prefixed tag name"])
			}
			if esc["namespace declaration"] != esc["namespace value"] {
				t.Errorf("namespace name %q and value %q coloured differently", esc["namespace declaration"], esc["namespace value"])
			}
			for i, a := range distinct {
				for _, b := range distinct[i+1:] {
					if esc[a] == esc[b] {
						t.Errorf("%s and %s both coloured %q", a, b, esc[a])
					}
				}
			}
			// Character data and punctuation keep the terminal's colours.
			for _, plain := range []string{"Tom ", " Jerry", "</", "/>", "="} {
				if e := escapeBefore(t, out, plain); e != "" {
					t.Errorf("%q coloured %q, want plain", plain, e)
				}
			}
		})
	}
}

func TestHighlightEscapes(t *testing.T) {
	// The exact sequences, so that a change of palette is a visible decision.
	tests := []struct {
		c             render.Colour
		tag, attr, ns string
	}{
		{render.Colours16, "\x1b[1m\x1b[34m", "\x1b[32m", "\x1b[35m"},
		{render.Colours256, "\x1b[38;5;32m", "\x1b[38;5;100m", "\x1b[38;5;168m"},
		{render.TrueColour, "\x1b[38;2;38;139;210m", "\x1b[38;2;133;153;0m", "\x1b[38;2;211;54;130m"},
	}
	for _, tt := range tests {
		t.Run(tt.c.String(), func(t *testing.T) {
			var b bytes.Buffer
			if err := render.NewHighlighter(render.DefaultStyle, tt.c).Highlight(&b, []byte(`<a b='c' xmlns='d'/>`)); err != nil {
				t.Fatal(err)
			}
			want := "<" + tt.tag + "a\x1b[0m " + tt.attr + "b\x1b[0m=" + "\x1b[" // value colour checked elsewhere
			if !strings.HasPrefix(b.String(), want) {
				t.Errorf("output %q, want it to start %q", b.String(), want)
			}
			if !strings.Contains(b.String(), " "+tt.ns+"xmlns\x1b[0m="+tt.ns+"'d'\x1b[0m") {
				t.Errorf("output %q, want xmlns='d' in %q", b.String(), tt.ns)
			}
		})
	}
}

func TestHighlightLinesEndWithReset(t *testing.T) {
	var b bytes.Buffer
	in := "<a>\n<!-- one\ntwo -->\n</a>"
	if err := render.NewHighlighter("", render.Colours256).Highlight(&b, []byte(in)); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(b.String(), "\n")
	if len(lines) != strings.Count(in, "\n")+1 {
		t.Fatalf("%d lines, want %d", len(lines), strings.Count(in, "\n")+1)
	}
	for _, line := range lines {
		if all := ansi.FindAllString(line, -1); len(all) > 0 && all[len(all)-1] != "\x1b[0m" {
			t.Errorf("line %q leaves colour on at its end", line)
		}
	}
	// The comment spans two lines: each must be coloured on its own.
	if e := escapeBefore(t, b.String(), "two -->"); e == "" {
		t.Errorf("second line of a comment not coloured")
	}
}

func TestHighlighterStyle(t *testing.T) {
	tests := []struct {
		name, want string
	}{
		{"", render.DefaultStyle},
		{render.DefaultStyle, render.DefaultStyle},
		{"XEPL", render.DefaultStyle},
		{"no-such-style", render.DefaultStyle},
		{"monokai", "monokai"},
		{"GitHub", "github"},
		{"dracula", render.DefaultStyle}, // a chroma style xepl does not build
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := render.NewHighlighter(tt.name, render.Colours256).Style(); got != tt.want {
				t.Errorf("Style() = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestHighlightChromaStyle(t *testing.T) {
	// monokai sets a near-white default foreground (#f8f8f2): plain text
	// must keep the terminal's colour instead, while tags keep monokai's
	// pink (#f92672).
	var b bytes.Buffer
	if err := render.NewHighlighter("monokai", render.TrueColour).Highlight(&b, []byte("<a>hello</a>")); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	if e := escapeBefore(t, out, "hello"); e != "" {
		t.Errorf("text coloured %q with monokai, want the terminal's colour", e)
	}
	if e := escapeBefore(t, out, "a"); e != "\x1b[38;2;249;38;114m" {
		t.Errorf("tag coloured %q with monokai, want its pink", e)
	}
}

// failingWriter fails every write.
type failingWriter struct{}

var errWrite = errors.New("disk on fire")

func (failingWriter) Write([]byte) (int, error) { return 0, errWrite }

func TestHighlightWriteError(t *testing.T) {
	for _, c := range append([]render.Colour{render.None}, levels...) {
		t.Run(c.String(), func(t *testing.T) {
			err := render.NewHighlighter("", c).Highlight(failingWriter{}, []byte(sample))
			if !errors.Is(err, errWrite) {
				t.Fatalf("Highlight = %v, want the write error", err)
			}
		})
	}
}
