package repl

import "strings"

// completer completes command names at the start of a line.
type completer struct{}

// Do implements readline.AutoCompleter.
func (completer) Do(line []rune, pos int) ([][]rune, int) {
	typed := string(line[:pos])
	if strings.ContainsAny(typed, " \t<") {
		return nil, 0
	}
	var out [][]rune
	for _, c := range commands {
		for _, n := range c.names {
			if strings.HasPrefix(n, typed) && n != "?" {
				out = append(out, []rune(n[len(typed):]+" "))
			}
		}
	}
	return out, len([]rune(typed))
}
