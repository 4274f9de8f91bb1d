package repl

import (
	"errors"
	"fmt"
	"strings"
)

// singleQuoted is s in single quotes, each quote inside it ending the
// quoted run, written escaped, and starting a new run: a POSIX shell and
// splitArgs both read it back as s, whatever it holds.
func singleQuoted(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// splitArgs splits a command line into words. Single or double quotes
// group words; a backslash escapes the next character outside single
// quotes.
func splitArgs(line string) ([]string, error) {
	var (
		args    []string
		cur     strings.Builder
		inWord  bool
		quote   rune
		escaped bool
	)
	for _, r := range line {
		switch {
		case escaped:
			cur.WriteRune(r)
			escaped = false
		case r == '\\' && quote != '\'':
			escaped, inWord = true, true
		case quote != 0:
			if r == quote {
				quote = 0
			} else {
				cur.WriteRune(r)
			}
		case r == '\'' || r == '"':
			quote, inWord = r, true
		case r == ' ' || r == '\t':
			if inWord {
				args = append(args, cur.String())
				cur.Reset()
				inWord = false
			}
		default:
			cur.WriteRune(r)
			inWord = true
		}
	}
	if quote != 0 {
		return nil, errors.New("unterminated quote")
	}
	if escaped {
		cur.WriteRune('\\')
	}
	if inWord {
		args = append(args, cur.String())
	}
	return args, nil
}

// parseValues reads NAME=VALUE words: a template's parameters, a form's
// fields. A later word for the same name wins.
func parseValues(words []string) (map[string]string, error) {
	values := make(map[string]string, len(words))
	for _, w := range words {
		k, v, ok := strings.Cut(w, "=")
		if !ok || k == "" {
			return nil, fmt.Errorf("%q is not NAME=VALUE", w)
		}
		values[k] = v
	}
	return values, nil
}

// splitPositional cuts the words before the first NAME=VALUE from the
// rest.
func splitPositional(words []string) (positional, rest []string) {
	for i, w := range words {
		if strings.Contains(w, "=") {
			return words[:i], words[i:]
		}
	}
	return words, nil
}
