package render

import (
	"slices"
	"strings"

	"github.com/alecthomas/chroma/v2"
)

// themeStyles are the styles of the themes a user may ask for (--theme,
// theme = in the configuration file). Without a theme the default style
// is used, which is meant for either background (see DefaultStyle); a
// theme trades that for a style tuned to one background, with more
// contrast on it: github's navy tags, teal attributes and dark red strings
// on a light one, monokai's pink, green and yellow on a dark one.
var themeStyles = map[string]*chroma.Style{
	"light": githubStyle,
	"dark":  monokaiStyle,
}

// githubStyle and monokaiStyle are chroma's github and monokai styles as
// they colour XML on a terminal: the colour each gives to the token types
// Lexer emits, with no background and no default foreground (see
// onTerminal, which drops them). They are built here rather than taken
// from chroma's styles package because that package parses and registers
// every one of its styles at start-up, a cost that was most of xepl's
// start; TestThemesMatchChroma checks them against chroma's own.
var (
	githubStyle = chroma.MustNewStyle("github", chroma.StyleEntries{
		chroma.NameTag:          "#0550ae",
		chroma.NameAttribute:    "#1f2328",
		chroma.LiteralString:    "#0a3069",
		chroma.KeywordNamespace: "#cf222e",
		chroma.NameNamespace:    "#24292e",
		chroma.Punctuation:      "#1f2328",
		chroma.NameEntity:       "#6639ba",
		chroma.Comment:          "#57606a",
		chroma.CommentPreproc:   "#57606a",
	})
	monokaiStyle = chroma.MustNewStyle("monokai", chroma.StyleEntries{
		chroma.NameTag:          "#f92672",
		chroma.NameAttribute:    "#a6e22e",
		chroma.LiteralString:    "#e6db74",
		chroma.KeywordNamespace: "#f92672",
		chroma.NameNamespace:    "#f8f8f2",
		chroma.Punctuation:      "#f8f8f2",
		chroma.NameEntity:       "#f8f8f2",
		chroma.Comment:          "#75715e",
		chroma.CommentPreproc:   "#75715e",
	})
)

// Themes are the names of the themes, sorted.
func Themes() []string {
	var out []string
	for name := range themeStyles {
		out = append(out, name)
	}
	slices.Sort(out)
	return out
}

// KnownTheme reports whether name is a theme ("light", "dark").
func KnownTheme(name string) bool {
	_, ok := themeStyles[strings.ToLower(name)]
	return ok
}

// NewThemedHighlighter returns a Highlighter for the theme ("" for the
// default style) with as many colours as c says. On a 16-colour terminal
// the theme changes nothing: there the terminal's theme decides what each
// of the 16 colours looks like, made readable on its own background, and
// a style's RGB colours would only be rounded to the nearest of them.
func NewThemedHighlighter(theme string, c Colour) *Highlighter {
	style := themeStyles[strings.ToLower(theme)]
	if style == nil || c == Colours16 {
		return NewHighlighter("", c)
	}
	return NewStyleHighlighter(style, c)
}
