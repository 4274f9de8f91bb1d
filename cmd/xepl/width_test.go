//go:build linux

package main

import (
	"os"
	"path/filepath"
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

// TestXMLFitsTheTerminal: on an 80-column terminal, a reply whose start
// tag is wider than the terminal is broken between its attributes, not
// by the terminal inside a name or value; the transcript keeps the tag
// on one line, as the server sent it.
func TestXMLFitsTheTerminal(t *testing.T) {
	servertest.Each(t, func(t *testing.T, srv *localserver.Server) {
		x := startXepl(t, true, asAdmin(t, srv)...)
		x.expect(t, `admin@localhost> `)
		x.typeLine("record ~/class.md")
		x.expect(t, `recording to`)
		x.typeLine("ping.server")
		x.expect(t, `← result`)
		x.expect(t, `admin@localhost> `)
		x.typeLine("quit")
		x.cmd.Wait()
		out := strings.ReplaceAll(ansi.ReplaceAllString(x.output(), ""), "\r", "")
		lines := strings.Split(out, "\n")
		reply := -1
		for i, line := range lines {
			if strings.HasPrefix(line, `<iq `) && strings.Contains(line, `type="result"`) ||
				strings.HasPrefix(line, `<iq `) && i+1 < len(lines) && strings.Contains(lines[i+1], `type="result"`) {
				reply = i
			}
		}
		if reply < 0 {
			t.Fatalf("no result iq on the terminal:\n%s", out)
		}
		// The server's reply to our full JID, with its id, from and
		// type, is wider than 80 columns on one line.
		tag := lines[reply]
		for j := reply + 1; j < len(lines) && !strings.HasSuffix(lines[j-1], ">"); j++ {
			if !strings.HasPrefix(lines[j], "    ") {
				t.Fatalf("line %d continues the start tag without its indentation: %q", j+1, lines[j])
			}
			tag += " " + strings.TrimSpace(lines[j])
		}
		if tag == lines[reply] {
			t.Fatalf("the reply's start tag is on one line: %q", tag)
		}
		for _, line := range lines[reply:] {
			if strings.Contains(line, "admin@localhost> ") {
				break // the prompt after the reply, and what was typed
			}
			if n := utf8.RuneCountInString(line); n > 80 {
				t.Errorf("an XML line of %d columns: %q", n, line)
			}
		}
		md, err := os.ReadFile(filepath.Join(x.home, "class.md"))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(md), "\n"+tag+"\n") {
			t.Errorf("the transcript lacks the start tag on one line, %q:\n%s", tag, md)
		}
	})
}
