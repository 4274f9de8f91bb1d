package repl

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestTranscriptMarkdown drives the sinks as the shell does, a command
// nested in another (a lesson's line) included, and reads the Markdown
// and the plain log back.
func TestTranscriptMarkdown(t *testing.T) {
	dir := t.TempDir()
	md, err := newMarkdown(filepath.Join(dir, "t.md"), "class")
	if err != nil {
		t.Fatal(err)
	}
	log, err := newPlainLog(filepath.Join(dir, "t.log"))
	if err != nil {
		t.Fatal(err)
	}
	var s sinks
	s.record, s.log = md, log
	s.begin("xepl> ")
	s.name("lesson x")
	s.add(shown{kind: shownProse, text: "[1/2] A step", xml: "Some *words* <b>here</b>.\n\nA second paragraph."})
	s.begin("xepl> ") // the lesson's own line
	s.add(shown{kind: shownStanza, text: "→ sent iq get", xml: "<iq type='get'>```</iq>", notes: []string{"  a note_with_underscores"}})
	s.add(shown{kind: shownError, text: "error: it failed\n  try again"})
	s.end("ping.server")
	s.add(shown{kind: shownText, text: "lesson x: done"})
	s.end("lesson x --final")
	s.add(shown{kind: shownText, text: "← message from bob"}) // between commands
	if err := s.closeAll(); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(filepath.Join(dir, "t.md"))
	got := string(b)
	order := []string{
		"# class\n",
		"```console\nxepl> lesson x\n```",
		"### \\[1/2\\] A step\n\nSome \\*words\\* &lt;b&gt;here&lt;/b&gt;.\n\nA second paragraph.\n",
		"```console\nxepl> ping.server\n```",
		"→ sent iq get *(",
		"````xml\n<iq type='get'>```</iq>\n````",
		"- a note\\_with\\_underscores\n",
		"> **error: it failed**  \n>   try again  \n",
		"```text\nlesson x: done\n```",
		"```text\n← message from bob\n```",
		"End of the recording",
	}
	at := 0
	for _, want := range order {
		i := strings.Index(got[at:], want)
		if i < 0 {
			t.Fatalf("the transcript lacks %q after byte %d:\n%s", want, at, got)
		}
		at += i + len(want)
	}
	if strings.Contains(got, "--final") {
		t.Error("the outer command was written twice")
	}
	b, _ = os.ReadFile(filepath.Join(dir, "t.log"))
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	if len(lines) != 13 {
		t.Errorf("the log has %d lines, want 13:\n%s", len(lines), b)
	}
	for _, l := range lines {
		if len(l) < len(logStamp) || l[4] != '-' || l[10] != ' ' {
			t.Errorf("a log line without its time: %q", l)
		}
	}
}

// TestSinkFailureStopsIt: a sink that cannot write is closed, said, and
// let go; the shell goes on.
func TestSinkFailureStopsIt(t *testing.T) {
	log, err := newPlainLog(filepath.Join(t.TempDir(), "t.log"))
	if err != nil {
		t.Fatal(err)
	}
	log.f.Close() // every write fails now
	var said []error
	s := sinks{log: log, failed: func(err error) { said = append(said, err) }}
	s.add(shown{kind: shownText, text: strings.Repeat("x", 1<<16)})
	s.add(shown{kind: shownText, text: "more"})
	if s.log != nil || len(said) != 1 {
		t.Errorf("after a failed write: sink %v, %d failures said", s.log, len(said))
	}
}
