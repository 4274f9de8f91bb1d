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
	}
	for _, l := range lines {
		sh.execute(context.Background(), l)
	}
	if len(rec.history) != 4 {
		t.Fatalf("history = %q, want 4 entries (the XML once, send, auth, help)", rec.history)
	}
	for _, e := range rec.history {
		for _, secret := range []string{"hunter2", "swordfish", "AGJvYgBodW50ZXIy", "s3cret"} {
			if strings.Contains(e, secret) {
				t.Errorf("history entry %q holds a secret", e)
			}
		}
	}
	if !strings.Contains(rec.history[0], "<username>bob</username><password>********</password>") {
		t.Errorf("the multi-line XML is kept as one masked line: %q", rec.history[0])
	}
}
