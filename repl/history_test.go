package repl

import (
	"bytes"
	"context"
	"strings"
	"testing"
)

// recordingLines is a line source that keeps what would go to history.
type recordingLines struct {
	scriptLines
	history []string
}

func (r *recordingLines) Remember(entry string) { r.history = append(r.history, entry) }

func TestHistoryHasNoSecrets(t *testing.T) {
	var out bytes.Buffer
	sh, err := newShell(Config{Stdout: &out, Input: strings.NewReader(""), Getenv: func(string) string { return "" }})
	if err != nil {
		t.Fatal(err)
	}
	rec := &recordingLines{}
	sh.lines = rec
	lines := []string{
		"<iq type='set'><query xmlns='jabber:iq:register'>",
		"  <username>bob</username><password>hunter2</password>",
		"</query></iq>",
		"send <iq type='set'><query xmlns='jabber:iq:register'><password>swordfish</password></query></iq>",
		"<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>AGJvYgBodW50ZXIy</auth>",
		"help",
		"s3cret pass", // a password typed at the prompt by mistake
		"show register.submit username=bob password=hunter3",
		"run add-user accountjid=bob@example.org password=hunter4",
		"configure room@conference.example.org muc#roomconfig_roomsecret=hunter5",
		"muc.config-set room=room@conference.example.org 'password=hunter 6'",
		"register username=bob password=result", // a secret that is a word
	}
	for _, l := range lines {
		sh.execute(context.Background(), l)
	}
	if len(rec.history) != 9 {
		t.Fatalf("history = %q, want 9 entries (the XML once, send, auth, help, and the five commands)", rec.history)
	}
	for _, e := range rec.history {
		for _, secret := range []string{"hunter2", "swordfish", "AGJvYgBodW50ZXIy", "s3cret", "hunter3", "hunter4", "hunter5", "hunter 6", "=result"} {
			if strings.Contains(e, secret) {
				t.Errorf("history entry %q holds a secret", e)
			}
		}
	}
	if !strings.Contains(rec.history[0], "<username>bob</username><password>********</password>") {
		t.Errorf("the multi-line XML is kept as one masked line: %q", rec.history[0])
	}
	if want := "muc.config-set room=room@conference.example.org password=********"; rec.history[7] != want {
		t.Errorf("a masked entry reads %q, want %q", rec.history[7], want)
	}
	if want := "show register.submit username=bob password=********"; rec.history[4] != want {
		t.Errorf("a masked entry reads %q, want %q", rec.history[4], want)
	}
}
