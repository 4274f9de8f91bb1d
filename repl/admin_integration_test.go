package repl

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"testing"
	"time"

	"mellium.im/xmpp/jid"

	"xepl/internal/localserver"
	"xepl/internal/servertest"
	"xepl/internal/session"
)

// adminSession is what an admin does in one sitting: list the commands,
// add accounts two ways, look at users, change a password, announce, try
// a command the server lacks, delete the accounts. It is played on both
// servers and compared with testdata/transcripts/live/admin.KIND.txt
// (-update rewrites them), after the parts that change from run to run
// (times, resources, ports, node names) are replaced by placeholders.
var adminSession = []string{
	"verbose off",
	"commands",
	"admin.add-user jid=bob@localhost password=bob-pw-1",
	"run add-user accountjid=carol@localhost password=carol-pw-1 password-verify=carol-pw-1",
	"admin.get-registered-users-num",
	"admin.get-registered-users-list",
	"admin.get-online-users-num",
	"admin.get-online-users-list",
	"admin.change-user-password jid=bob@localhost password=bob-pw-2",
	"admin.announce text='Hello, everyone'",
	"sync",
	"admin.disable-user jids=bob@localhost",
	"admin.reenable-user jids=bob@localhost",
	"admin.delete-user jids=bob@localhost,carol@localhost",
}

// volatile are the parts of a live transcript that change between runs.
var volatile = []struct {
	re   *regexp.Regexp
	with string
}{
	{regexp.MustCompile(`[0-9]+(\.[0-9]+)? ms`), "N ms"},
	{regexp.MustCompile(`127\.0\.0\.1:[0-9]+`), "127.0.0.1:PORT"},
	{regexp.MustCompile(`(@localhost)/[^\s"'<,)]+`), "$1/RESOURCE"},
	{regexp.MustCompile(`xepl[0-9]+@localhost`), "NODE@localhost"},
	{regexp.MustCompile(`TLS_[A-Z0-9_]+`), "CIPHER"},
	{regexp.MustCompile(`[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]+Z?`), "TIME"},
	{regexp.MustCompile(`SCRAM-SHA-[0-9]+`), "SCRAM"},
	// Columns aligned around what was replaced.
	{regexp.MustCompile(`  +`), "  "},
}

func normalize(s string) string {
	for _, v := range volatile {
		s = v.re.ReplaceAllString(s, v.with)
	}
	return asyncMessage.ReplaceAllString(s, "")
}

// asyncMessage is a message the server pushes on its own time, such as
// ejabberd's copy of an announcement to the admin's own session: it may
// come before or after the command's reply, so transcripts leave it out
// (TestAdminSession checks it arrived).
var asyncMessage = regexp.MustCompile(`(?m)^← message headline from localhost\n`)

// TestAdminSession plays the admin session on both servers, checks the
// accounts it creates can log in and are gone once deleted, and compares
// the transcript with the golden one.
func TestAdminSession(t *testing.T) {
	for _, kind := range localserver.Kinds {
		t.Run(string(kind), func(t *testing.T) {
			srv := servertest.Own(t, kind)
			lr := newLiveRunner(t, srv)
			ctx := context.Background()
			sh, out := lr.connected(t, "admin")
			out.b.Reset()

			var got transcript
			for i, line := range adminSession {
				mark := len(out.String())
				if err := sh.execute(ctx, line); err != nil {
					var told errFailed
					if !errors.As(err, &told) {
						sh.out.fail(err)
					}
				}
				got.steps = append(got.steps, step{input: []string{line}, output: normalize(out.String()[mark:])})
				if line == "sync" && kind == localserver.Ejabberd && !asyncMessage.MatchString(out.String()) {
					t.Errorf("ejabberd's announcement did not reach the admin's own session")
				}
				if line == "admin.change-user-password jid=bob@localhost password=bob-pw-2" {
					if err := tryLogin(srv, "bob", "bob-pw-2"); err != nil {
						t.Errorf("bob cannot log in with the password the admin set: %v", err)
					}
				}
				if i == 3 { // both accounts exist now
					for user, pw := range map[string]string{"bob": "bob-pw-1", "carol": "carol-pw-1"} {
						if err := tryLogin(srv, user, pw); err != nil {
							t.Errorf("%s, added by the admin, cannot log in: %v", user, err)
						}
					}
				}
			}
			if err := tryLogin(srv, "carol", "carol-pw-1"); err == nil {
				t.Errorf("carol can still log in after admin.delete-user")
			}
			if err := tryLogin(srv, "bob", "bob-pw-2"); err == nil {
				t.Errorf("bob can still log in after admin.delete-user")
			} else if saslErr := (*session.SASLError)(nil); !errors.As(err, &saslErr) {
				t.Errorf("logging in as deleted bob: %v, want a SASL failure", err)
			}
			file := filepath.Join("testdata", "transcripts", "live", "admin."+string(kind)+".txt")
			if *update {
				os.MkdirAll(filepath.Dir(file), 0o755)
				os.WriteFile(file, []byte(got.String()), 0o644)
				return
			}
			text, err := os.ReadFile(file)
			if err != nil {
				t.Fatalf("%v (go test ./repl -run TestAdminSession -update)", err)
			}
			compareTranscripts(t, parseTranscript(string(text)), got)
		})
	}
}

// tryLogin logs in and out again.
func tryLogin(srv *localserver.Server, user, password string) error {
	s, err := session.Connect(context.Background(), session.Config{
		JID:      jid.MustParse(user + "@" + srv.Domain),
		Password: password,
		Server:   srv.Addr(),
		RootCAs:  srv.CertPool,
		Timeout:  10 * time.Second,
	})
	if err != nil {
		return err
	}
	return s.Close()
}
