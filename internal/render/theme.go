package render

import (
	"slices"
	"strings"
)

// themeStyles are the chroma styles of the themes a user may ask for
// (--theme, theme = in the configuration file). Without a theme the
// default style is used, which is meant for either background (see
// DefaultStyle); a theme trades that for a style tuned to one background,
// with more contrast on it: github's navy tags, teal attributes and dark
// red strings on a light one, monokai's pink, green and yellow on a dark
// one.
var themeStyles = map[string]string{
	"light": "github",
	"dark":  "monokai",
}

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
	if c == Colours16 {
		style = ""
	}
	return NewHighlighter(style, c)
}
