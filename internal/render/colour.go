package render

import (
	"os"
	"strings"
)

// Colour says how many colours the terminal has.
type Colour int

// Colour levels, from none to 24-bit.
const (
	None       Colour = iota // plain text, no escape sequences
	Colours16                // the 16 ANSI colours
	Colours256               // the xterm 256-colour palette
	TrueColour               // 24-bit RGB
)

// String names the colour level as a person would.
func (c Colour) String() string {
	switch c {
	case None:
		return "none"
	case Colours16:
		return "16"
	case Colours256:
		return "256"
	case TrueColour:
		return "truecolor"
	}
	return "unknown"
}

// ColourFromEnv decides the colour level from the environment, read through
// getenv (os.Getenv when nil). In order: NO_COLOR set to anything non-empty
// gives None; TERM empty or "dumb" gives None; COLORTERM "truecolor" or
// "24bit" gives TrueColour; TERM containing "256color" gives Colours256;
// anything else gives Colours16.
//
// Whether the output is a terminal at all is for the caller to decide.
func ColourFromEnv(getenv func(string) string) Colour {
	if getenv == nil {
		getenv = os.Getenv
	}
	if getenv("NO_COLOR") != "" {
		return None
	}
	term := getenv("TERM")
	if term == "" || term == "dumb" {
		return None
	}
	switch ct := getenv("COLORTERM"); {
	case strings.EqualFold(ct, "truecolor"), strings.EqualFold(ct, "24bit"):
		return TrueColour
	}
	if strings.Contains(term, "256color") {
		return Colours256
	}
	return Colours16
}
