package repl

import (
	"strings"
	"unicode/utf8"
)

// fitWidth lays text out for a terminal width columns wide: a line that is
// longer breaks at spaces, and its continuation lines hang under where
// its text begins (after its indentation, or under the last column of a
// table row: the text after a run of two spaces), so that lists and
// tables keep their shape. A word longer than the room left is cut.
// width <= 0 leaves text as it is. Text is measured in runes: it is safe
// text (termsafe), without escape sequences.
func fitWidth(text string, width int) string {
	if width <= 0 {
		return text
	}
	var b strings.Builder
	lines := strings.SplitAfter(text, "\n")
	for _, line := range lines {
		nl := strings.HasSuffix(line, "\n")
		line = strings.TrimSuffix(line, "\n")
		wrapLine(&b, line, width)
		if nl {
			b.WriteByte('\n')
		}
	}
	return b.String()
}

// wrapLine writes one line, wrapped.
func wrapLine(b *strings.Builder, line string, width int) {
	if utf8.RuneCountInString(line) <= width {
		b.WriteString(line)
		return
	}
	hang := hangingIndent(line, width)
	pad := strings.Repeat(" ", hang)
	col := 0
	first := true
	for _, word := range splitKeepingLead(line) {
		w := utf8.RuneCountInString(word)
		switch {
		case first:
			first = false
		case col+w > width && utf8.RuneCountInString(strings.TrimLeft(word, " ")) <= width-hang:
			b.WriteString("\n" + pad)
			col = hang
			word = strings.TrimLeft(word, " ")
			w = utf8.RuneCountInString(word)
		}
		for col+w > width && width-col > 0 && w > width-hang {
			// A word too long for any line: cut it where the line ends.
			cut := runePrefix(word, width-col)
			b.WriteString(cut + "\n" + pad)
			word = word[len(cut):]
			w = utf8.RuneCountInString(word)
			col = hang
		}
		b.WriteString(word)
		col += w
	}
}

// splitKeepingLead splits a line into words, each with the spaces before
// it (the first keeps the line's indentation).
func splitKeepingLead(line string) []string {
	var words []string
	for i := 0; i < len(line); {
		j := i
		for j < len(line) && line[j] == ' ' {
			j++
		}
		for j < len(line) && line[j] != ' ' {
			j++
		}
		words = append(words, line[i:j])
		i = j
	}
	return words
}

// hangingIndent is where continuation lines of line begin: under the
// last column of a table row (text after two spaces) when that leaves
// room, else two past the line's own indentation.
func hangingIndent(line string, width int) int {
	lead := len(line) - len(strings.TrimLeft(line, " "))
	hang := lead + 2
	if i := strings.LastIndex(strings.TrimRight(line[lead:], " "), "  "); i >= 0 {
		at := lead + i + 2 // bytes: past the two spaces, then any more
		for at < len(line) && line[at] == ' ' {
			at++
		}
		if col := utf8.RuneCountInString(line[:at]); col <= width/2 {
			hang = col
		}
	}
	if hang > width/2 {
		hang = 2
	}
	return hang
}

// runePrefix returns the first n runes of s.
func runePrefix(s string, n int) string {
	i := 0
	for j := range s {
		if i == n {
			return s[:j]
		}
		i++
	}
	return s
}

// wrapWords breaks text into lines of at most width runes at spaces,
// with no indentation of their own (the caller places them); a word
// longer than width is a line by itself.
func wrapWords(text string, width int) []string {
	var lines []string
	line := ""
	for _, w := range strings.Fields(text) {
		switch {
		case line == "":
			line = w
		case utf8.RuneCountInString(line)+1+utf8.RuneCountInString(w) <= width:
			line += " " + w
		default:
			lines = append(lines, line)
			line = w
		}
	}
	if line != "" || len(lines) == 0 {
		lines = append(lines, line)
	}
	return lines
}
