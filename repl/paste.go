package repl

import (
	"bytes"
	"io"
	"strings"
	"sync"
)

// Bracketed paste: a terminal asked with bracketedPasteOn sends what is
// pasted between pasteStart and pasteEnd. The line editor inserts a
// character at a time and redraws the line after each, which makes a
// long paste take time that grows with the square of its length (a 50 KB
// line took minutes). xepl takes the paste out of the key stream instead
// and inserts it in one step.
const (
	bracketedPasteOn  = "\x1b[?2004h"
	bracketedPasteOff = "\x1b[?2004l"
	pasteStart        = "\x1b[200~"
	pasteEnd          = "\x1b[201~"
	// pasteMark stands in the key stream where a paste was: a private-use
	// character that no keyboard sends.
	pasteMark = '\uE000'
)

// paster sits between the terminal and the line editor: it passes keys
// on, and keeps what is pasted for the editor's listener to insert at
// pasteMark. The lines of a paste after its first wait in more, to be
// read as if they had been typed.
type paster struct {
	r       io.ReadCloser
	mu      sync.Mutex
	pending []byte // read from the terminal, not yet handed on
	inPaste bool
	paste   strings.Builder // the paste being read
	ready   []string        // pastes whose mark is on its way to the editor
	more    []string        // lines of a paste after its first
	partial string          // the last line of a paste, still to be edited
}

func (p *paster) Close() error { return p.r.Close() }

// Read hands the editor the keys read, a mark for each paste.
func (p *paster) Read(b []byte) (int, error) {
	for {
		p.mu.Lock()
		out := p.take()
		p.mu.Unlock()
		if len(out) > 0 {
			return copy(b, out), nil
		}
		buf := make([]byte, 4096)
		n, err := p.r.Read(buf)
		p.mu.Lock()
		p.pending = append(p.pending, buf[:n]...)
		p.mu.Unlock()
		if err != nil {
			p.mu.Lock()
			out := p.take()
			p.mu.Unlock()
			if len(out) > 0 {
				return copy(b, out), nil
			}
			return 0, err
		}
	}
}

// take returns what of pending may go to the editor now: the keys before
// a paste, or a mark (and Enter, when the paste holds a line break) once
// a paste is complete. A sequence cut in two by a read waits for the
// rest.
func (p *paster) take() []byte {
	var out []byte
	for len(p.pending) > 0 {
		if p.inPaste {
			i := bytes.Index(p.pending, []byte(pasteEnd))
			if i < 0 {
				keep := partialSuffix(p.pending, pasteEnd)
				p.paste.Write(p.pending[:len(p.pending)-keep])
				p.pending = p.pending[len(p.pending)-keep:]
				return out
			}
			p.paste.Write(p.pending[:i])
			p.pending = p.pending[i+len(pasteEnd):]
			p.inPaste = false
			text := strings.ReplaceAll(p.paste.String(), "\r\n", "\n")
			text = strings.ReplaceAll(text, "\r", "\n")
			p.paste.Reset()
			p.ready = append(p.ready, text)
			out = append(out, string(pasteMark)...)
			if strings.Contains(text, "\n") {
				out = append(out, '\r')
			}
			continue
		}
		i := bytes.Index(p.pending, []byte(pasteStart))
		if i < 0 {
			keep := partialSuffix(p.pending, pasteStart)
			out = append(out, p.pending[:len(p.pending)-keep]...)
			p.pending = p.pending[len(p.pending)-keep:]
			return out
		}
		out = append(out, p.pending[:i]...)
		p.pending = p.pending[i+len(pasteStart):]
		p.inPaste = true
	}
	return out
}

// partialSuffix is how many bytes at the end of b begin seq.
func partialSuffix(b []byte, seq string) int {
	for n := min(len(b), len(seq)-1); n > 0; n-- {
		if bytes.HasSuffix(b, []byte(seq[:n])) {
			return n
		}
	}
	return 0
}

// OnChange implements readline.Listener: it puts the paste in at its
// mark, in one step. A paste of several lines leaves its first on the
// line (Enter follows in the key stream), and the rest for the lines
// after.
func (p *paster) OnChange(line []rune, pos int, key rune) ([]rune, int, bool) {
	if key != pasteMark {
		return nil, 0, false
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if len(p.ready) == 0 {
		return nil, 0, false
	}
	text := p.ready[0]
	p.ready = p.ready[1:]
	at := pos - 1 // the mark was just written before pos
	if at < 0 || at >= len(line) || line[at] != pasteMark {
		return nil, 0, false
	}
	first, rest, multi := strings.Cut(text, "\n")
	if multi {
		lines := strings.Split(rest, "\n")
		p.more = append(p.more, lines[:len(lines)-1]...)
		p.partial = lines[len(lines)-1]
	}
	ins := []rune(first)
	out := make([]rune, 0, len(line)-1+len(ins))
	out = append(out, line[:at]...)
	out = append(out, ins...)
	out = append(out, line[at+1:]...)
	return out, at + len(ins), true
}

// next returns a pasted line waiting to be read as typed, and whether
// there was one; the last line of a paste is returned as partial, to be
// edited before Enter.
func (p *paster) next() (line string, complete, ok bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if len(p.more) > 0 {
		line, p.more = p.more[0], p.more[1:]
		return line, true, true
	}
	if p.partial != "" {
		line, p.partial = p.partial, ""
		return line, false, true
	}
	return "", false, false
}
