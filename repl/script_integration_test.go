package repl

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"xepl/internal/localserver"
	"xepl/internal/servertest"
)

func TestMain(m *testing.M) { servertest.Main(m) }

// account is a throwaway account for one test: its name, its password,
// and a file holding the password.
type account struct {
	user, password, passwordFile string
}

func newAccount(t *testing.T) account {
	b := make([]byte, 6)
	rand.Read(b)
	a := account{user: "u" + hex.EncodeToString(b[:3]), password: "pw-" + hex.EncodeToString(b[3:]) + "-Zq"}
	a.passwordFile = filepath.Join(t.TempDir(), "password")
	if err := os.WriteFile(a.passwordFile, []byte(a.password+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	return a
}

func writeFile(t *testing.T, name, content string) {
	t.Helper()
	if err := os.WriteFile(name, []byte(content+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
}

// placeholders are what a live transcript's input may use, and what its
// output says instead of the values that change from run to run.
func placeholders(srv *localserver.Server, lr *liveRunner, a account) []string {
	all := []string{
		"{{addr}}", srv.Addr(), "{{ca}}", srv.CertFile, "{{domain}}", srv.Domain,
		"{{admin}}", srv.AdminJID, "{{admin-password}}", lr.adminPW,
		"{{user}}", a.user, "{{password}}", a.password, "{{password-file}}", a.passwordFile,
	}
	var out []string
	for i := 0; i < len(all); i += 2 {
		if all[i+1] != "" {
			out = append(out, all[i], all[i+1])
		}
	}
	return out
}

// streamEnded is the report of a stream the server ends right after its
// last reply (as both servers do after <remove/>): whether it comes
// before the script's end closes the stream is a race, so live
// transcripts leave it out.
var streamEnded = regexp.MustCompile(`(?m)^error: (\[[^]]+\] )?the stream has ended: .*\n  the shell is still here.*\n|^(\[[^]]+\] )?the server ended the stream, as it does once the account is deleted .*\n`)

// wireLine is a line of the wire log, which live transcripts leave out:
// servers order attributes and child elements as they please. (A test
// that turns the wire log on checks its lines in the output itself.)
var wireLine = regexp.MustCompile(`(?m)^[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{3} [CS]: .*\n`)

// arrival is the line that shows a message or presence as it arrives,
// which live transcripts leave out: whether it comes during the line
// that caused it or the next is a race. (expect stanza shows what it
// waited for again, in its own step.)
var arrival = regexp.MustCompile(`(?m)^(\[[^]]+\] )?← (message|presence)\b.*\n`)

// accountCount is how many accounts a shared server holds, as
// account.exists says it: what other tests made before decides it.
var accountCount = regexp.MustCompile(`(get-registered-users-list, )[0-9]+ in all`)

// playScript plays testdata/scripts/NAME.KIND.txt as a script (xepl -f)
// against srv, as account a, and compares what it printed with the file
// (-update rewrites it). It returns the output as printed, placeholders
// filled in, for the checks the transcript cannot make.
func playScript(t *testing.T, srv *localserver.Server, name string, a account) string {
	t.Helper()
	lr := newLiveRunner(t, srv)
	file := filepath.Join("testdata", "scripts", name+"."+string(srv.Kind)+".txt")
	want := readTranscript(t, file)
	values := placeholders(srv, lr, a)
	var reverse []string
	for i := 0; i < len(values); i += 2 {
		if values[i] != "{{domain}}" { // "localhost" is also in words that must stay
			reverse = append(reverse, values[i+1], values[i])
		}
	}
	unfill := strings.NewReplacer(reverse...)
	p := &player{
		want:   want,
		script: true,
		fill:   strings.NewReplacer(values...).Replace,
		unfill: func(s string) string {
			s = arrival.ReplaceAllString(wireLine.ReplaceAllString(s, ""), "")
			s = accountCount.ReplaceAllString(s, "${1}N in all")
			return unfill.Replace(streamEnded.ReplaceAllString(normalize(s), ""))
		},
	}
	got := p.play(t, Config{})
	checkTranscript(t, file, want, got)
	return p.out.String()
}

// TestScriptInputsAgree: the transcripts of one script on the two servers
// type the same lines.
func TestScriptInputsAgree(t *testing.T) {
	files, _ := filepath.Glob("testdata/scripts/*.prosody.txt")
	if len(files) == 0 {
		t.Fatal("no script transcripts")
	}
	for _, pf := range files {
		ef := strings.TrimSuffix(pf, ".prosody.txt") + ".ejabberd.txt"
		p, e := readTranscript(t, pf), readTranscript(t, ef)
		if len(p.steps) != len(e.steps) {
			t.Errorf("%s and %s differ in length", pf, ef)
			continue
		}
		for i := range p.steps {
			if p.steps[i].input != e.steps[i].input {
				t.Errorf("%s and %s differ at step %d: %q, %q", pf, ef, i+1, p.steps[i].input, e.steps[i].input)
			}
		}
	}
}

// TestScriptAccountLifecycle registers, logs in, uses and cancels an
// account by typing raw XML; then logging in fails. The password shows
// nowhere.
func TestScriptAccountLifecycle(t *testing.T) {
	servertest.Each(t, func(t *testing.T, srv *localserver.Server) {
		a := newAccount(t)
		out := playScript(t, srv, "account", a)
		out += playScript(t, srv, "account-gone", a)
		noSecret(t, out, a)
	})
}

// noSecret fails the test if out holds the account's password, or its
// PLAIN authentication.
func noSecret(t *testing.T, out string, a account) {
	t.Helper()
	plain := base64.StdEncoding.EncodeToString([]byte("\x00" + a.user + "\x00" + a.password))
	for _, secret := range []string{a.password, plain} {
		if strings.Contains(out, secret) {
			t.Errorf("the output shows a secret (%q); output:\n%s", secret, out)
		}
	}
}

// TestWireMasksSecrets logs in with PLAIN with the wire log on: the
// authentication is on the wire, masked, and the password nowhere.
func TestWireMasksSecrets(t *testing.T) {
	servertest.Each(t, func(t *testing.T, srv *localserver.Server) {
		a := newAccount(t)
		if err := srv.Register(context.Background(), a.user, a.password); err != nil {
			t.Fatal(err)
		}
		var out bytes.Buffer
		status := Run(context.Background(), Config{
			Input: strings.NewReader("connect --sasl PLAIN --server " + srv.Addr() + " --ca-file " + srv.CertFile +
				" --password-file " + a.passwordFile + " " + a.user + "@" + srv.Domain + "\n"),
			Stdout: &out, Stderr: &out, Wire: true,
			Getenv: func(string) string { return "" },
		})
		if status != 0 {
			t.Fatalf("exit status %d:\n%s", status, out.String())
		}
		if !regexp.MustCompile(`C: <auth xmlns=.urn:ietf:params:xml:ns:xmpp-sasl. mechanism=.PLAIN.>\*{8}</auth>`).MatchString(out.String()) {
			t.Errorf("the wire log should show the PLAIN auth masked; output:\n%s", out.String())
		}
		noSecret(t, out.String(), a)
	})
}

// TestScriptStopsAtFirstFailure: an unexpected error reply fails the
// script, and nothing after it runs.
func TestScriptStopsAtFirstFailure(t *testing.T) {
	servertest.Each(t, func(t *testing.T, srv *localserver.Server) {
		playScript(t, srv, "stops", account{})
	})
}

// TestScriptMalformedNotSent: malformed XML is refused with its position
// in the script and never reaches the wire.
func TestScriptMalformedNotSent(t *testing.T) {
	servertest.Each(t, func(t *testing.T, srv *localserver.Server) {
		out := playScript(t, srv, "malformed", account{})
		if strings.Contains(out, "→ sent") {
			t.Errorf("malformed XML was sent:\n%s", out)
		}
	})
}

// TestRegisterCommand registers through the server's form (a data form on
// Prosody, plain fields on ejabberd); the account then logs in.
func TestRegisterCommand(t *testing.T) {
	servertest.Each(t, func(t *testing.T, srv *localserver.Server) {
		a := newAccount(t)
		noSecret(t, playScript(t, srv, "register", a), a)
		if err := tryLogin(srv, a.user, a.password); err != nil {
			t.Errorf("the account registered through the form cannot log in: %v", err)
		}
	})
}

// TestCommandMissingFieldInScript: a required field left out in a script
// cancels the command on the server, and its form is never submitted.
func TestCommandMissingFieldInScript(t *testing.T) {
	servertest.Each(t, func(t *testing.T, srv *localserver.Server) {
		out := playScript(t, srv, "missing-field", account{})
		if !regexp.MustCompile(`C: <iq[^\n]*action=.cancel.`).MatchString(out) || regexp.MustCompile(`C: [^\n]*type=.submit.`).MatchString(out) {
			t.Errorf("the command should be canceled, its form never submitted:\n%s", out)
		}
	})
}

// TestSecretThatIsAWord: a password that is also a protocol word
// ("result") or the server's name is masked where it is a secret, and
// nowhere else: type="result" stays as it is.
func TestSecretThatIsAWord(t *testing.T) {
	servertest.Each(t, func(t *testing.T, srv *localserver.Server) {
		for _, password := range []string{"result", srv.Domain} {
			a := newAccount(t)
			a.password = password
			writeFile(t, a.passwordFile, password)
			var out bytes.Buffer
			script := strings.NewReplacer("{{addr}}", srv.Addr(), "{{ca}}", srv.CertFile, "{{domain}}", srv.Domain,
				"{{user}}", a.user, "{{password}}", password, "{{pwfile}}", a.passwordFile).Replace(`connect --register --server {{addr}} --ca-file {{ca}} {{domain}}
register username={{user}} password={{password}}
expect error conflict
<iq type='set' to='{{domain}}'><query xmlns='jabber:iq:register'><username>{{user}}</username><password>{{password}}</password></query></iq>
connect --server {{addr}} --ca-file {{ca}} --password-file {{pwfile}} {{user}}@{{domain}}
<iq type='get' to='{{domain}}'><ping xmlns='urn:xmpp:ping'/></iq>
`)
			status := Run(context.Background(), Config{Input: strings.NewReader(script), Stdout: &out, Stderr: &out, Wire: true,
				Getenv: func(string) string { return "" }})
			got := out.String()
			if status != 0 {
				t.Fatalf("password %q: exit status %d:\n%s", password, status, got)
			}
			for _, want := range []string{`type="result"`, `to="` + srv.Domain + `"`, `<password>********</password>`} {
				if !strings.Contains(got, want) {
					t.Errorf("password %q: the output lacks %s:\n%s", password, want, got)
				}
			}
			for _, bad := range []string{`type="********"`, `to="********"`, `<password>` + password + `</password>`} {
				if strings.Contains(got, bad) {
					t.Errorf("password %q: the output shows %s:\n%s", password, bad, got)
				}
			}
		}
	})
}

// TestScriptComments: comments in XML pasted from the XEPs are taken out
// before sending, with a word (the transcript shows what was sent).
func TestScriptComments(t *testing.T) {
	servertest.Each(t, func(t *testing.T, srv *localserver.Server) {
		playScript(t, srv, "comments", account{})
	})
}

// TestScriptBareJIDNote: the error disco.bare-jid gets about a
// stranger is explained as proving nothing, on both servers.
func TestScriptBareJIDNote(t *testing.T) {
	servertest.Each(t, func(t *testing.T, srv *localserver.Server) {
		out := playScript(t, srv, "disco-bare-jid", account{})
		if !strings.Contains(out, "proves nothing") || strings.Contains(out, "Send a subscription request") {
			t.Errorf("the error is not explained as proving nothing:\n%s", out)
		}
	})
}

// TestScriptLegacyAuth: after a XEP-0078 login on a registration stream
// (the minimal server offers it), the stream counts as logged in.
func TestScriptLegacyAuth(t *testing.T) {
	srv := servertest.Shared(t, localserver.ProsodyMinimal)
	a := newAccount(t)
	out := playScript(t, srv, "legacy-auth", a)
	noSecret(t, out, a)
	if !strings.Contains(out, "logged in with XEP-0078") {
		t.Errorf("status does not say the stream is logged in:\n%s", out)
	}
}

// TestScriptSessions: several named sessions in one script.
func TestScriptSessions(t *testing.T) {
	servertest.Each(t, func(t *testing.T, srv *localserver.Server) {
		a := newAccount(t)
		noSecret(t, playScript(t, srv, "sessions", a), a)
	})
}

// TestScriptExpectations: expectations after the fact hold on both
// servers, and a failed one says where and what came.
func TestScriptExpectations(t *testing.T) {
	servertest.Each(t, func(t *testing.T, srv *localserver.Server) {
		playScript(t, srv, "expect", account{})
		out := playScript(t, srv, "expect-fail", account{})
		if !strings.Contains(out, "stdin:6: error: expect xpath //name = NoSuchServer: not met") || !strings.Contains(out, "<name>") {
			t.Errorf("the failure does not say where, or what came:\n%s", out)
		}
	})
}

// TestScriptVariables: let, $NAME and the built-ins on both servers.
func TestScriptVariables(t *testing.T) {
	servertest.Each(t, func(t *testing.T, srv *localserver.Server) {
		playScript(t, srv, "vars", account{})
	})
}

// TestScriptAgain: again resends a ping with a fresh id, and after an
// ad-hoc command refuses with the reason instead of resending a stanza
// sent before it.
func TestScriptAgain(t *testing.T) {
	servertest.Each(t, func(t *testing.T, srv *localserver.Server) {
		playScript(t, srv, "again", newAccount(t))
	})
}

// TestScriptAgainAfterProbe: again after account.exists refuses with the
// reason instead of resending the ping sent before it.
func TestScriptAgainAfterProbe(t *testing.T) {
	servertest.Each(t, func(t *testing.T, srv *localserver.Server) {
		playScript(t, srv, "again-probe", newAccount(t))
	})
}
