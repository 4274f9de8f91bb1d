//go:build linux

package main

import (
	"strings"
	"testing"
	"unicode/utf8"

	"xepl/internal/localserver"
	"xepl/internal/servertest"
)

// TestFitsTheTerminal: on an 80-column terminal, what xepl lays out
// itself (the connect summary, survey, notes, help) stays within 80
// columns; XML and the lines typed are left as they are.
func TestFitsTheTerminal(t *testing.T) {
	srv := servertest.Shared(t, localserver.Prosody)
	x := startXepl(t, true, asAdmin(t, srv)...)
	x.expect(t, `admin@localhost> `)
	x.typeLine("survey")
	x.expect(t, `cannot tell from disco`)
	x.expect(t, `admin@localhost> `)
	x.typeLine("help expect")
	x.expect(t, `admin@localhost> `)
	x.typeLine("quit")
	x.cmd.Wait()
	out := ansi.ReplaceAllString(x.output(), "")
	checked := 0
	for _, line := range strings.Split(strings.ReplaceAll(out, "\r", ""), "\n") {
		trimmed := strings.TrimSpace(line)
		if strings.Contains(line, "> ") || strings.HasPrefix(trimmed, "<") {
			continue // a prompt with what was typed, or XML
		}
		checked++
		if n := utf8.RuneCountInString(line); n > 80 {
			t.Errorf("a line of %d columns on an 80-column terminal: %q", n, line)
		}
	}
	if checked < 20 {
		t.Errorf("only %d lines checked:\n%s", checked, out)
	}
}
