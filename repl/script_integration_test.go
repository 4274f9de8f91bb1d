package repl

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"xepl/internal/localserver"
	"xepl/internal/servertest"
)

func TestMain(m *testing.M) { servertest.Main(m) }

// runScript runs a script through the shell as xepl -f would and returns
// the exit status and everything printed. {{addr}}, {{ca}} and
// {{domain}} in the script name srv.
func runScript(t *testing.T, srv *localserver.Server, wire bool, script string) (int, string) {
	t.Helper()
	script = strings.NewReplacer("{{addr}}", srv.Addr(), "{{ca}}", srv.CertFile, "{{domain}}", srv.Domain).Replace(script)
	var out bytes.Buffer
	status := Run(context.Background(), Config{
		Input:  strings.NewReader(script),
		Stdout: &out, Stderr: &out,
		Wire:   wire,
		Getenv: func(string) string { return "" },
	})
	return status, out.String()
}

func newAccount(t *testing.T) (user, password, passwordFile string) {
	b := make([]byte, 6)
	rand.Read(b)
	user, password = "u"+hex.EncodeToString(b[:3]), "pw-"+hex.EncodeToString(b[3:])+"-Zq"
	passwordFile = filepath.Join(t.TempDir(), "password")
	if err := os.WriteFile(passwordFile, []byte(password+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	return user, password, passwordFile
}

func writeFile(t *testing.T, name, content string) {
	t.Helper()
	if err := os.WriteFile(name, []byte(content+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
}

// inOrder checks that each pattern matches out, each after the previous.
func inOrder(t *testing.T, out string, patterns ...string) {
	t.Helper()
	rest := out
	for _, p := range patterns {
		loc := regexp.MustCompile(p).FindStringIndex(rest)
		if loc == nil {
			t.Fatalf("output lacks %q (after the earlier matches); output:\n%s", p, out)
		}
		rest = rest[loc[1]:]
	}
}

// TestScriptAccountLifecycle registers, logs in, uses and cancels an
// account by typing raw XML, with the wire log on and PLAIN
// authentication, and checks that the password shows nowhere.
func TestScriptAccountLifecycle(t *testing.T) {
	servertest.Each(t, func(t *testing.T, srv *localserver.Server) {
		user, password, pwFile := newAccount(t)
		register := fmt.Sprintf(`<iq type='set' to='{{domain}}'><query xmlns='jabber:iq:register'><username>%s</username><password>%s</password></query></iq>`, user, password)
		status, out := runScript(t, srv, true, `
connect --register --server {{addr}} --ca-file {{ca}} {{domain}}
<iq type='get' to='{{domain}}'>
  <query xmlns='jabber:iq:register'/>
</iq>
`+register+`
expect error conflict
`+register+`
connect --sasl PLAIN --server {{addr}} --ca-file {{ca}} --password-file `+pwFile+` `+user+`@{{domain}}
<iq type='get' to='{{domain}}'><ping xmlns='urn:xmpp:ping'/></iq>
<iq type='get' to='{{domain}}'><query xmlns='http://jabber.org/protocol/disco#info'/></iq>
<iq type='set'><query xmlns='jabber:iq:register'><remove/></query></iq>
`)
		if status != 0 {
			t.Fatalf("exit status %d; output:\n%s", status, out)
		}
		inOrder(t, out,
			`not logged in: a stream for in-band registration`,
			`← result in [0-9.]+ ms from localhost`, `<password/>`,
			`→ sent iq set to localhost`, `← result in`,
			`← error in .*conflict`, `as expected`,
			`logged in with PLAIN as `+user+`@localhost/`,
			`urn:xmpp:ping — XEP-0199`, `← result in`,
			`disco#info`, `← result in`,
			`<remove/>`, `← result in`,
		)
		plain := base64.StdEncoding.EncodeToString([]byte("\x00" + user + "\x00" + password))
		for _, secret := range []string{password, plain} {
			if strings.Contains(out, secret) {
				t.Errorf("the output shows a secret (%q); output:\n%s", secret, out)
			}
		}
		if !regexp.MustCompile(`C: <auth xmlns=.urn:ietf:params:xml:ns:xmpp-sasl. mechanism=.PLAIN.>\*{8}</auth>`).MatchString(out) {
			t.Errorf("the wire log should show the PLAIN auth masked; output:\n%s", out)
		}

		// The account is gone: logging in fails, and the script says so.
		status, out = runScript(t, srv, false, `connect --server {{addr}} --ca-file {{ca}} --password-file `+pwFile+` `+user+`@{{domain}}
status`)
		if status != 1 || !strings.Contains(out, "not-authorized") || strings.Contains(out, "not connected") {
			t.Errorf("logging in to a cancelled account: status %d, output:\n%s", status, out)
		}
	})
}

// TestScriptStopsAtFirstFailure: an unexpected error reply fails the
// script, and nothing after it runs.
func TestScriptStopsAtFirstFailure(t *testing.T) {
	servertest.Each(t, func(t *testing.T, srv *localserver.Server) {
		status, out := runScript(t, srv, false, `connect --register --server {{addr}} --ca-file {{ca}} {{domain}}
<iq type='get' to='{{domain}}'><query xmlns='urn:xmpp:no-such-thing'/></iq>
<iq type='get' to='{{domain}}'><query xmlns='jabber:iq:register'/></iq>
`)
		if status != 1 {
			t.Errorf("exit status %d, want 1", status)
		}
		if strings.Count(out, "→ sent") != 1 {
			t.Errorf("the script went on after a failure:\n%s", out)
		}
	})
}

// TestScriptMalformedNotSent: malformed XML is refused with its position
// and never reaches the wire.
func TestScriptMalformedNotSent(t *testing.T) {
	servertest.Each(t, func(t *testing.T, srv *localserver.Server) {
		status, out := runScript(t, srv, true, `connect --register --server {{addr}} --ca-file {{ca}} {{domain}}
<iq type='get' to='{{domain}}'>
  <query xmlns='jabber:iq:register'>
</iq>
`)
		if status != 1 || !strings.Contains(out, "not sent: line 3, column 1: </iq> does not close <query>") {
			t.Errorf("status %d, output:\n%s", status, out)
		}
		if strings.Contains(out, "C: <iq") {
			t.Errorf("malformed XML reached the wire:\n%s", out)
		}
	})
}
