package rawxml

import (
	"errors"
	"fmt"
	"unicode/utf8"
)

// ErrIncomplete reports that the input ends inside an element, or before
// any element started: nothing is wrong yet, but more input is needed. A
// shell that gets it reads another line, appends it and tries again.
var ErrIncomplete = errors.New("incomplete element")

// SyntaxError reports malformed input at a 1-based line and column. The
// column counts characters (runes), not bytes. Msg says what is wrong in
// words meant for the person who typed the input.
type SyntaxError struct {
	Line, Column int
	Msg          string
}

// Error formats the error as "line L, column C: message".
func (e *SyntaxError) Error() string {
	return fmt.Sprintf("line %d, column %d: %s", e.Line, e.Column, e.Msg)
}

// offsetError is a syntax error located by byte offset; Parse turns it
// into a SyntaxError once, at the end.
type offsetError struct {
	off int
	msg string
}

func (e *offsetError) Error() string { return e.msg }

// failAt returns an offsetError at off with a formatted message.
func failAt(off int, format string, args ...any) error {
	return &offsetError{off: off, msg: fmt.Sprintf(format, args...)}
}

// position converts a byte offset in src into a 1-based line and a 1-based
// column counted in runes. A line ends at "\n", "\r\n" or a lone "\r", as
// XML's end-of-line handling has it; an invalid byte counts as one column.
func position(src []byte, off int) (line, col int) {
	line, col = 1, 1
	if off > len(src) {
		off = len(src)
	}
	for i := 0; i < off; {
		switch c := src[i]; {
		case c == '\n':
			line, col = line+1, 1
			i++
		case c == '\r':
			if i+1 < len(src) && src[i+1] == '\n' {
				i++ // the '\n' ends the line
				continue
			}
			line, col = line+1, 1
			i++
		case c < utf8.RuneSelf:
			col++
			i++
		default:
			_, size := utf8.DecodeRune(src[i:])
			col++
			i += size
		}
	}
	return line, col
}
