package render_test

import (
	"bytes"
	"testing"

	"github.com/alecthomas/chroma/v2/styles"

	"xepl/internal/render"
)

// themeInputs are the texts the themes are compared on: every token type
// the lexer emits, line breaks inside tokens, a big indented reply, and
// markup that is not well-formed.
func themeInputs(t *testing.T) map[string][]byte {
	t.Helper()
	roster, err := render.Indent(rosterReply(64 << 10))
	if err != nil {
		t.Fatal(err)
	}
	return map[string][]byte{
		"sample":    []byte(sample),
		"roster":    roster,
		"multiline": []byte("<a b='1\r\n2'><!-- x\ny -->t\r\nu<?pi\n?></a>\n"),
		"broken":    []byte("<a x=\"unclosed <b>&bogus; </c> & <<"),
	}
}

// TestThemesMatchChroma checks that --theme light and --theme dark colour
// XML exactly as chroma's own github and monokai styles do, which the
// themes stand for but are no longer loaded from (chroma's styles package
// is imported by this test only).
func TestThemesMatchChroma(t *testing.T) {
	for theme, name := range map[string]string{"light": "github", "dark": "monokai"} {
		for _, c := range []render.Colour{render.Colours256, render.TrueColour} {
			ours := render.NewThemedHighlighter(theme, c)
			if ours.Style() != name {
				t.Errorf("theme %s uses style %q, want %q", theme, ours.Style(), name)
			}
			theirs := render.NewStyleHighlighter(styles.Get(name), c)
			for input, in := range themeInputs(t) {
				var got, want bytes.Buffer
				if err := ours.Highlight(&got, in); err != nil {
					t.Fatal(err)
				}
				if err := theirs.Highlight(&want, in); err != nil {
					t.Fatal(err)
				}
				if !bytes.Equal(got.Bytes(), want.Bytes()) {
					t.Errorf("theme %s, %s colours, %s: output differs from chroma's %s style\ngot  %q\nwant %q", theme, c, input, name, first(got.Bytes()), first(want.Bytes()))
				}
				if bytes.Equal(got.Bytes(), in) {
					t.Errorf("theme %s, %s colours, %s: nothing coloured", theme, c, input)
				}
			}
		}
	}
}

// TestThemes16ColoursIsDefault checks that a theme changes nothing on a
// 16-colour terminal, whose own theme picks the colours.
func TestThemes16ColoursIsDefault(t *testing.T) {
	for _, theme := range render.Themes() {
		var got, want bytes.Buffer
		render.NewThemedHighlighter(theme, render.Colours16).Highlight(&got, []byte(sample))
		render.NewHighlighter("", render.Colours16).Highlight(&want, []byte(sample))
		if got.String() != want.String() {
			t.Errorf("theme %s on 16 colours = %q, want the default style's %q", theme, got.String(), want.String())
		}
	}
}

// first is the start of b, for a failure message.
func first(b []byte) []byte {
	return b[:min(len(b), 400)]
}
