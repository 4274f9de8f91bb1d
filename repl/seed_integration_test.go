package repl

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"xepl/internal/localserver"
	"xepl/internal/servertest"
)

// streamErrorShown is the stream error a server ends the stream with
// after register.cancel, as the interactive shell shows it: whether it
// comes before the transcript's end is a race, so it is left out (the
// test checks that the account is gone).
var streamErrorShown = regexp.MustCompile(`(?m)^← stream error\n(  .*\n)?`)

// TestSeedQuestions plays testdata/transcripts/live/seed.KIND.txt on a
// server of its own (so that the count of its users is known): the
// seed's questions (register a user, does a username exist, cancel a
// registration, list the users, run an admin command), each answered by
// one command, before login, as a plain user and as the admin. Between
// steps it checks the server: account.exists before login leaves no
// account behind (the next line registers the same name), carol, added
// and deleted by the admin with jid=, is gone, and so is the user once
// it cancels its registration.
func TestSeedQuestions(t *testing.T) {
	for _, kind := range localserver.Kinds {
		t.Run(string(kind), func(t *testing.T) {
			srv := servertest.Own(t, kind)
			lr := newLiveRunner(t, srv)
			a := newAccount(t)
			file := filepath.Join("testdata", "transcripts", "live", "seed."+string(kind)+".txt")
			want := readTranscript(t, file)
			values := placeholders(srv, lr, a)
			var reverse []string
			for i := 0; i < len(values); i += 2 {
				if values[i] != "{{domain}}" {
					reverse = append(reverse, values[i+1], values[i])
				}
			}
			unfill := strings.NewReplacer(reverse...)
			p := &player{
				want: want,
				fill: strings.NewReplacer(values...).Replace,
				unfill: func(s string) string {
					s = streamErrorShown.ReplaceAllString(streamEnded.ReplaceAllString(s, ""), "")
					return unfill.Replace(normalize(s))
				},
			}
			firstProbe := true
			p.before = func(done []step) {
				if len(done) == 0 {
					return
				}
				switch last := done[len(done)-1].input; {
				case last == "account.exists user={{user}}" && firstProbe:
					firstProbe = false
					if err := tryLogin(srv, a.user, a.password); err == nil {
						t.Errorf("%s can log in before registering", a.user)
					}
				case strings.HasPrefix(last, "register.submit"):
					if err := tryLogin(srv, a.user, a.password); err != nil {
						t.Errorf("%s cannot log in after registering (was the probe's account left behind?): %v", a.user, err)
					}
				case strings.HasPrefix(last, "admin.add-user"):
					if err := tryLogin(srv, "carol", "carol-pw-1"); err != nil {
						t.Errorf("carol, added by the admin, cannot log in: %v", err)
					}
				case strings.HasPrefix(last, "admin.delete-user"):
					if err := tryLogin(srv, "carol", "carol-pw-1"); err == nil {
						t.Errorf("carol can still log in after admin.delete-user jid=")
					}
				}
			}
			got := p.play(t, Config{})
			if err := tryLogin(srv, a.user, a.password); err == nil {
				t.Errorf("%s can still log in after register.cancel", a.user)
			}
			out := p.out.String()
			noSecret(t, out, a)
			for _, want := range []string{
				a.user + "@localhost does not exist: registering it succeeded, and the account made to find out was deleted again at once",
				a.user + "@localhost exists: the server answered conflict",
				"cannot tell whether admin@localhost exists",
				a.user + "@localhost exists: ",
				"nobody-xepl@localhost does not exist: ",
			} {
				if !strings.Contains(out, want) {
					t.Errorf("the output does not say %q", want)
				}
			}
			checkTranscript(t, file, want, got)
		})
	}
}
