package repl

import (
	"context"
	"errors"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"mellium.im/xmpp/jid"

	"xepl/internal/localserver"
	"xepl/internal/servertest"
	"xepl/internal/session"
)

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
	{regexp.MustCompile(`sessionid="[^"]*"`), `sessionid="SESSIONID"`},
	{regexp.MustCompile(`xepl-[0-9a-f]{16}`), "xepl-ID"},
	// Columns aligned around what was replaced.
	{regexp.MustCompile(`  +`), "  "},
}

func normalize(s string) string {
	s = sortFeatures(s)
	s = sortAttributes(s)
	for _, v := range volatile {
		s = v.re.ReplaceAllString(s, v.with)
	}
	return asyncMessage.ReplaceAllString(s, "")
}

// startTag is a start tag as the printer writes it, attributes in double
// quotes.
var (
	startTag  = regexp.MustCompile(`<([A-Za-z_][\w:.-]*)((?:\s+[\w:.-]+="[^"]*")+)(\s*/?>)`)
	attribute = regexp.MustCompile(`[\w:.-]+="[^"]*"`)
)

// sortAttributes sorts the attributes of every start tag: Prosody writes
// them in a different order each time.
func sortAttributes(s string) string {
	return startTag.ReplaceAllStringFunc(s, func(tag string) string {
		m := startTag.FindStringSubmatch(tag)
		attrs := attribute.FindAllString(m[2], -1)
		slices.Sort(attrs)
		return "<" + m[1] + " " + strings.Join(attrs, " ") + m[3]
	})
}

// sortFeatures sorts the lines of each list of stream features that
// connect prints, and the mechanisms on their line: Prosody lists them
// in a different order each time.
func sortFeatures(s string) string {
	lines := strings.Split(s, "\n")
	for i := 0; i < len(lines); i++ {
		if !strings.HasPrefix(lines[i], "features ") {
			continue
		}
		j := i + 1
		for j < len(lines) && strings.HasPrefix(lines[j], "  ") {
			if rest, ok := strings.CutPrefix(lines[j], "  mechanisms  "); ok {
				mechs := strings.Fields(rest)
				slices.Sort(mechs)
				lines[j] = "  mechanisms  " + strings.Join(mechs, " ")
			}
			j++
		}
		slices.Sort(lines[i+1 : j])
		i = j - 1
	}
	return strings.Join(lines, "\n")
}

// asyncMessage is a message the server pushes on its own time, such as
// ejabberd's copy of an announcement to the admin's own session: it may
// come before or after the command's reply, so transcripts leave it out
// (TestAdminSession checks it arrived).
var asyncMessage = regexp.MustCompile(`(?m)^← message headline from localhost\n`)

// TestAdminSession plays what an admin does in one sitting, on both
// servers: list the commands, add accounts two ways, look at users, change
// a password, announce, try a command the server lacks, delete the
// accounts. It checks that the accounts it creates can log in and are gone
// once deleted, and compares the output with
// testdata/transcripts/live/admin.KIND.txt (-update rewrites it), after
// the parts that change from run to run (times, resources, ports, node
// names) are replaced by placeholders.
func TestAdminSession(t *testing.T) {
	for _, kind := range localserver.Kinds {
		t.Run(string(kind), func(t *testing.T) {
			srv := servertest.Own(t, kind)
			lr := newLiveRunner(t, srv)
			file := filepath.Join("testdata", "transcripts", "live", "admin."+string(kind)+".txt")
			want := readTranscript(t, file)
			p := &player{
				want:   want,
				unfill: normalize,
				fill: strings.NewReplacer("{{admin}}", srv.AdminJID, "{{admin-password}}", lr.adminPW,
					"{{addr}}", srv.Addr(), "{{ca}}", srv.CertFile).Replace,
			}
			p.before = func(done []step) {
				if len(done) == 0 {
					return
				}
				switch last := done[len(done)-1].input; {
				case last == "sync" && kind == localserver.Ejabberd && !eventually(func() bool { return asyncMessage.MatchString(p.out.String()) }):
					t.Errorf("ejabberd's announcement did not reach the admin's own session")
				case strings.HasPrefix(last, "admin.change-user-password"):
					if err := tryLogin(srv, "bob", "bob-pw-2"); err != nil {
						t.Errorf("bob cannot log in with the password the admin set: %v", err)
					}
				case strings.HasPrefix(last, "run add-user"): // both accounts exist now
					for user, pw := range map[string]string{"bob": "bob-pw-1", "carol": "carol-pw-1"} {
						if err := tryLogin(srv, user, pw); err != nil {
							t.Errorf("%s, added by the admin, cannot log in: %v", user, err)
						}
					}
				}
			}
			got := p.play(t, Config{})
			if err := tryLogin(srv, "carol", "carol-pw-1"); err == nil {
				t.Errorf("carol can still log in after admin.delete-user")
			}
			if err := tryLogin(srv, "bob", "bob-pw-2"); err == nil {
				t.Errorf("bob can still log in after admin.delete-user")
			} else if saslErr := (*session.SASLError)(nil); !errors.As(err, &saslErr) {
				t.Errorf("logging in as deleted bob: %v, want a SASL failure", err)
			}
			checkTranscript(t, file, want, got)
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

// eventually reports whether cond holds within a few seconds. ejabberd
// routes an announcement through processes of its own, so a ping's
// reply (sync) can come before it: seen once in CI.
func eventually(cond func() bool) bool {
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if cond() {
			return true
		}
	}
	return cond()
}
