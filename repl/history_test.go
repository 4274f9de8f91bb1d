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

// TestSecretVariables: a variable whose name says it holds a secret, or
// that a connect took its password from, is masked in the history and
// in vars, and its value wherever it is echoed.
func TestSecretVariables(t *testing.T) {
	var out bytes.Buffer
	script := "let password = hunter2-Zq\nlet colour = blue\nlet pin = 0451-Zq\nvars\n"
	sh, err := newShell(Config{Input: strings.NewReader(script), Stdout: &out, Vars: map[string]string{"b_secret": "s3cr3t-Zq"}})
	if err != nil {
		t.Fatal(err)
	}
	sh.passwordVars["pin"] = true // as connect --password-var pin would
	if status := sh.run(context.Background()); status != 0 {
		t.Fatalf("exit status %d:\n%s", status, out.String())
	}
	for _, s := range []string{"hunter2-Zq", "0451-Zq", "s3cr3t-Zq"} {
		if strings.Contains(out.String(), s) {
			t.Errorf("vars shows the secret %s:\n%s", s, out.String())
		}
	}
	if !strings.Contains(out.String(), "colour = blue") {
		t.Errorf("vars does not show a plain variable:\n%s", out.String())
	}
	for _, line := range []string{"let password = hunter2-Zq", "let pin = 0451-Zq"} {
		words, _ := splitArgs(line)
		if got := sh.historyEntry(line, words); strings.Contains(got, "-Zq") {
			t.Errorf("the history keeps %q as %q", line, got)
		}
	}
}
