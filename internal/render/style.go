package render

import (
	"strings"

	"github.com/alecthomas/chroma/v2"
)

// DefaultStyle names the style used when no style, or an unknown one, is
// asked for. It is xepl's own, not one of chroma's.
const DefaultStyle = "xepl"

// defaultStyle is built on the accent colours of Ethan Schoonover's
// Solarized palette. Those accents were chosen to keep the same contrast
// against a light background and against a dark one, which is what a
// terminal tool needs: it cannot know which one the user has. Chroma's own
// styles are each tuned for one background (monokai, dracula, native,
// swapoff and solarized-dark put pale text and bright cyan or yellow on
// black, which fade out on white; github, tango and friendly use navy and
// black, which vanish on black). Text, white space and punctuation get no
// colour at all, so they keep the terminal's own foreground, readable by
// definition. Namespaces (xmlns attributes and their values) take magenta,
// a colour nothing else uses, so that they stand out.
var defaultStyle = chroma.MustNewStyle(DefaultStyle, chroma.StyleEntries{
	chroma.NameTag:          "#268bd2", // blue
	chroma.NameAttribute:    "#859900", // green
	chroma.LiteralString:    "#2aa198", // cyan
	chroma.KeywordNamespace: "#d33682", // magenta
	chroma.NameNamespace:    "#d33682",
	chroma.NameEntity:       "#cb4b16", // orange
	chroma.Comment:          "italic #839496",
	chroma.CommentPreproc:   "noitalic #6c71c4", // violet
	chroma.Error:            "#dc322f",          // red
})

// defaultStyle16 is the default style for 16-colour terminals. There the
// terminal's theme decides what each of the 16 colours looks like, and a
// theme makes its palette readable on its own background, so the style
// picks palette slots rather than RGB values: each colour below is one that
// chroma's TTY16 formatter maps exactly to a slot (by nearest colour, which
// would send Solarized blue to yellow). Tag names are bold, which most
// terminals also brighten, because plain ANSI blue is dark on black in some
// palettes.
var defaultStyle16 = chroma.MustNewStyle(DefaultStyle, chroma.StyleEntries{
	chroma.NameTag:          "bold #00007f", // blue, \033[1m\033[34m
	chroma.NameAttribute:    "#007f00",      // green, \033[32m
	chroma.LiteralString:    "#007f7f",      // cyan, \033[36m
	chroma.KeywordNamespace: "#7f007f",      // magenta, \033[35m
	chroma.NameNamespace:    "#7f007f",
	chroma.NameEntity:       "#7f0000",          // red, \033[31m
	chroma.Comment:          "italic #555555",   // grey, \033[90m
	chroma.CommentPreproc:   "noitalic #555555", // grey, \033[90m
	chroma.Error:            "#ff0000",          // bright red, \033[91m
})

// lookupStyle returns the style called name among the themes' (github,
// monokai), or the default style for c when name is "", DefaultStyle or
// another name.
func lookupStyle(name string, c Colour) *chroma.Style {
	for _, s := range themeStyles {
		if strings.EqualFold(name, s.Name) {
			return s
		}
	}
	if c == Colours16 {
		return defaultStyle16
	}
	return defaultStyle
}

// onTerminal adapts a style to a terminal. Chroma's terminal formatters drop
// the style's background colour, so text sits on the terminal's own
// background, but they keep the style's default foreground: a dark style's
// near-white text then disappears on a light terminal. Dropping the default
// foreground too (the colour of the Background and Text entries) gives plain
// text the terminal's own colour pair. Colours set on other token types are
// kept.
func onTerminal(s *chroma.Style) *chroma.Style {
	b := s.Builder()
	for _, t := range []chroma.TokenType{chroma.Background, chroma.Text} {
		e := b.Get(t)
		e.Colour, e.Background, e.NoInherit = 0, 0, true
		b.AddEntry(t, e)
	}
	out, err := b.Build()
	if err != nil {
		return s
	}
	return out
}
