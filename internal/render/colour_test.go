package render_test

import (
	"testing"

	"xepl/internal/render"
)

func TestColourFromEnv(t *testing.T) {
	tests := []struct {
		name string
		env  map[string]string
		want render.Colour
	}{
		{"nothing set", nil, render.None},
		{"NO_COLOR wins over everything", map[string]string{"NO_COLOR": "1", "TERM": "xterm-256color", "COLORTERM": "truecolor"}, render.None},
		{"NO_COLOR any value", map[string]string{"NO_COLOR": "0", "TERM": "xterm"}, render.None},
		{"NO_COLOR empty is unset", map[string]string{"NO_COLOR": "", "TERM": "xterm"}, render.Colours16},
		{"dumb terminal", map[string]string{"TERM": "dumb", "COLORTERM": "truecolor"}, render.None},
		{"no TERM", map[string]string{"COLORTERM": "truecolor"}, render.None},
		{"truecolor", map[string]string{"TERM": "xterm", "COLORTERM": "truecolor"}, render.TrueColour},
		{"24bit", map[string]string{"TERM": "xterm-256color", "COLORTERM": "24bit"}, render.TrueColour},
		{"COLORTERM case", map[string]string{"TERM": "xterm", "COLORTERM": "TrueColor"}, render.TrueColour},
		{"256 colours", map[string]string{"TERM": "xterm-256color"}, render.Colours256},
		{"256 colours in screen", map[string]string{"TERM": "screen-256color", "COLORTERM": "yes"}, render.Colours256},
		{"plain xterm", map[string]string{"TERM": "xterm"}, render.Colours16},
		{"linux console", map[string]string{"TERM": "linux"}, render.Colours16},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := render.ColourFromEnv(func(k string) string { return tt.env[k] })
			if got != tt.want {
				t.Errorf("ColourFromEnv = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestColourString(t *testing.T) {
	tests := []struct {
		c    render.Colour
		want string
	}{
		{render.None, "none"},
		{render.Colours16, "16"},
		{render.Colours256, "256"},
		{render.TrueColour, "truecolor"},
		{render.Colour(42), "unknown"},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			if got := tt.c.String(); got != tt.want {
				t.Errorf("String() = %q, want %q", got, tt.want)
			}
		})
	}
}
