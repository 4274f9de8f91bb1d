package catalog_test

import (
	"strings"
	"testing"

	"xepl/catalog"
)

const goodLesson = `# a comment
name: good
title: A good lesson
summary: Two steps,
  and a cleanup.
spec: XEP-0030 §3.1
spec: RFC 6121
needs: admin

step: First
One paragraph
over two lines.

Another one.
  kept as it is
> disco.server-info
> expect result

step: Second
Text.
> @bob expect stanza message within 5s
> account new bob
> connect --as me --password-var pw me@example.org

cleanup:
> register.cancel
`

// TestParseLesson reads a lesson with every part of the format.
func TestParseLesson(t *testing.T) {
	l, err := catalog.ParseLesson("good.lesson", []byte(goodLesson))
	if err != nil {
		t.Fatal(err)
	}
	if l.Name != "good" || l.Title != "A good lesson" || l.Summary != "Two steps, and a cleanup." || l.Needs != catalog.NeedsAdmin {
		t.Errorf("header: %+v", l)
	}
	if len(l.Specs) != 2 || l.Specs[0].String() != "XEP-0030 §3.1" || l.Specs[1].String() != "RFC 6121" {
		t.Errorf("specs: %v", l.Specs)
	}
	if len(l.Steps) != 2 {
		t.Fatalf("%d steps, want 2", len(l.Steps))
	}
	s := l.Steps[0]
	if want := "One paragraph over two lines.\n\nAnother one.\n  kept as it is"; s.Text != want {
		t.Errorf("text %q, want %q", s.Text, want)
	}
	if s.Title != "First" || s.Line != 10 || len(s.Lines) != 2 || s.Lines[0] != (catalog.LessonLine{Text: "disco.server-info", Line: 16}) {
		t.Errorf("step 1: %+v", s)
	}
	if len(l.Cleanup) != 1 || l.Cleanup[0].Text != "register.cancel" || l.Cleanup[0].Line != 26 {
		t.Errorf("cleanup: %+v", l.Cleanup)
	}
	if got := strings.Join(l.Sessions(), ","); got != "bob,me" {
		t.Errorf("sessions %s, want bob,me", got)
	}
}

// TestParseLessonErrors: each mistake is refused with its FILE:LINE and
// what to do.
func TestParseLessonErrors(t *testing.T) {
	head := "name: bad\ntitle: T\nsummary: S\nspec: XEP-0030\n"
	step := "step: S\nText.\n> disco.server-info\n> expect result\n"
	for _, c := range []struct{ name, src, want string }{
		{"unknown key", head + "level: easy\n" + step, "bad.lesson:5: unknown key \"level\""},
		{"bad needs", head + "needs: root\n" + step, "bad.lesson:5: needs: \"root\" is not one of"},
		{"bad spec", "name: bad\ntitle: T\nsummary: S\nspec: XEP-77\n" + step, "bad.lesson:4: bad spec"},
		{"name and file", strings.Replace(head, "name: bad", "name: other", 1) + step, "bad.lesson:1: name other does not match the file name"},
		{"no title", "name: bad\nsummary: S\nspec: XEP-0030\n" + step, "bad.lesson: no title: line"},
		{"no steps", head, "bad.lesson: no steps"},
		{"line before a step", head + "> disco.server-info\n", "bad.lesson:5: a shell line (> LINE) before the first step"},
		{"no text", head + "step: S\n> disco.server-info\n> expect result\n", "bad.lesson:5: step \"S\" explains nothing"},
		{"no lines", head + "step: S\nText.\n", "bad.lesson:5: step \"S\" has no shell lines"},
		{"no expect", head + "step: S\nText.\n> disco.server-info\n", "bad.lesson:5: step \"S\" checks nothing: add an expect line"},
		{"text after lines", head + step + "More text.\n", "bad.lesson:9: text after the step's lines"},
		{"connect without --as", head + "step: S\nText.\n> connect me@example.org\n> expect result\n", "bad.lesson:7: a lesson's connect names its session"},
		{"quit", head + step + "> quit\n", "bad.lesson:9: a lesson does not quit"},
		{"step after cleanup", head + step + "cleanup:\n> register.cancel\n" + step, "bad.lesson:11: a step after cleanup: (line 9)"},
		{"prose in cleanup", head + step + "cleanup:\nundo it\n", "bad.lesson:10: cleanup holds shell lines only"},
		{"empty cleanup", head + step + "cleanup:\n", "bad.lesson:9: cleanup: has no shell lines"},
		{"title given twice", head + "title: again\n" + step, "bad.lesson:5: title given again (first on line 2)"},
		{"untitled step", head + "step:\nText.\n", "bad.lesson:5: a step needs a title"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := catalog.ParseLesson("bad.lesson", []byte(c.src))
			if err == nil || !strings.HasPrefix(err.Error(), c.want) {
				t.Errorf("error %v\nwant one starting %q", err, c.want)
			}
		})
	}
}

// TestEmbeddedLessons: every embedded lesson parses, and the five the
// teaching issue asks for are there.
func TestEmbeddedLessons(t *testing.T) {
	if err := catalog.LoadLessons(); err != nil {
		for _, line := range strings.Split(err.Error(), "\n") {
			t.Error(line)
		}
	}
	for _, name := range []string{"registration", "disco", "presence", "admin", "groupchat"} {
		if l, ok := catalog.LookupLesson(name); !ok || l.Name != name {
			t.Errorf("no lesson %s", name)
		}
	}
	if _, ok := catalog.LookupLesson("no-such-lesson"); ok {
		t.Error("LookupLesson found a lesson that does not exist")
	}
}
