//go:build linux

package main

import (
	"strings"
	"testing"
)

// TestPaste pastes, the way a terminal in bracketed-paste mode does, a
// 50 KB line (the line editor alone redraws the line after each
// character: minutes), then an element over several lines followed by a
// line left to edit.
func TestPaste(t *testing.T) {
	x := startXepl(t, true)
	x.expect(t, `xepl> `)
	if !strings.Contains(x.output(), "\x1b[?2004h") {
		t.Errorf("bracketed paste was not asked for")
	}
	big := "<message to='a@example.org'><body>" + strings.Repeat("x", 50_000) + "</body></message>"
	x.in.Write([]byte("\x1b[200~" + big + "\x1b[201~\r"))
	x.expect(t, `not connected, nothing sent`)

	multi := "<iq type='get'>\n  <query xmlns='jabber:iq:version'/>\n</iq>\nstat"
	x.in.Write([]byte("\x1b[200~" + multi + "\x1b[201~"))
	x.expect(t, `not connected, nothing sent`)
	x.in.Write([]byte("us\r")) // the last line, edited, then Enter
	x.expect(t, `\nnot connected\r?\n`)
	if n := strings.Count(x.output(), "nothing sent"); n != 2 {
		t.Errorf("%d sends refused, want 2 (the long line, the element)", n)
	}
	x.typeLine("quit")
	x.cmd.Wait()
	// What xepl wrote last may still be on its way from the terminal.
	x.waitFor(t, `\x1b\[\?2004l`)
}
