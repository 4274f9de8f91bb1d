package repl

import (
	"bytes"
	"context"
	"encoding/xml"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"mellium.im/xmpp/jid"

	"xepl/internal/localserver"
	"xepl/internal/servertest"
)

// TestRunTests runs xepl test over a directory of scripts on both
// servers: two throwaway accounts that message each other, a script
// that fails on purpose after making an account, and a MUC conversation.
// It checks the lines printed, the exit status, the JUnit file, that
// every throwaway account is gone afterwards (its login fails), and that
// no password shows anywhere.
func TestRunTests(t *testing.T) {
	servertest.Each(t, func(t *testing.T, srv *localserver.Server) {
		dir := t.TempDir()
		writeFile(t, filepath.Join(dir, "a-message.xepl"), `# two throwaway users: one messages the other
account new alice
<presence/>
account new bob
<presence/>
@alice <message to='${bob.bare}' type='chat'><body>hi bob</body></message>
expect stanza message from ${alice.bare} type chat within 5s
expect xpath //body = "hi bob"
`)
		writeFile(t, filepath.Join(dir, "b-fails.xepl"), `account new carol
<iq type='get' to='${domain}'><query xmlns='jabber:iq:version'/></iq>
expect xpath //name = NoSuchServer
`)
		writeFile(t, filepath.Join(dir, "c-room.xepl"), `# two users in a room: one speaks, the other hears it
account new dave
account new erin
let room = r${rand}@`+srv.MUCDomain+`
@dave <presence to='${room}/dave'><x xmlns='http://jabber.org/protocol/muc'/></presence>
@dave expect stanza presence from ${room}/dave within 5s
@dave muc.create-instant room=${room}
@erin <presence to='${room}/erin'><x xmlns='http://jabber.org/protocol/muc'/></presence>
@erin expect stanza presence from ${room}/erin within 5s
@dave <message to='${room}' type='groupchat'><body>hello room</body></message>
@erin expect stanza message from ${room}/dave type groupchat xpath //body within 5s
@erin expect xpath //body = "hello room"
`)
		var mu sync.Mutex
		made := map[string]string{}

		pw := filepath.Join(t.TempDir(), "admin-password")
		if err := os.WriteFile(pw, []byte(srv.AdminPassword+"\n"), 0o600); err != nil {
			t.Fatal(err)
		}
		junit := filepath.Join(t.TempDir(), "results.xml")
		var out bytes.Buffer
		cfg := Config{
			Connect: ConnectOptions{JID: srv.AdminJID, Server: srv.Addr(), CAFile: srv.CertFile, PasswordFile: pw},
			Timeout: 10e9, Stdout: &out, Stderr: &out,
			accountMade: func(j, pw string) { mu.Lock(); made[j] = pw; mu.Unlock() },
		}
		status := RunTests(context.Background(), cfg, []string{dir}, junit)
		got := out.String()
		if status != 1 {
			t.Errorf("exit status %d, want 1 (one script fails)\n%s", status, got)
		}
		for _, want := range []string{
			"ok   " + filepath.Join(dir, "a-message.xepl") + " (",
			"FAIL " + filepath.Join(dir, "b-fails.xepl") + `:3 expect xpath //name = NoSuchServer: not met`,
			"ok   " + filepath.Join(dir, "c-room.xepl") + " (",
			"2 passed, 1 failed",
		} {
			if !strings.Contains(got, want) {
				t.Errorf("the output lacks %q:\n%s", want, got)
			}
		}

		b, err := os.ReadFile(junit)
		if err != nil {
			t.Fatal(err)
		}
		var doc struct {
			Suites []struct {
				Tests    int `xml:"tests,attr"`
				Failures int `xml:"failures,attr"`
				Cases    []struct {
					Name    string `xml:"name,attr"`
					Failure *struct {
						Message string `xml:"message,attr"`
					} `xml:"failure"`
				} `xml:"testcase"`
			} `xml:"testsuite"`
		}
		if err := xml.Unmarshal(b, &doc); err != nil {
			t.Fatalf("the JUnit file does not parse: %v\n%s", err, b)
		}
		if len(doc.Suites) != 1 || doc.Suites[0].Tests != 3 || doc.Suites[0].Failures != 1 || len(doc.Suites[0].Cases) != 3 {
			t.Errorf("JUnit counts: %+v", doc)
		} else if f := doc.Suites[0].Cases[1].Failure; f == nil || !strings.Contains(f.Message, "b-fails.xepl:3") {
			t.Errorf("the failing case in JUnit: %+v", doc.Suites[0].Cases[1])
		}

		if len(made) != 5 {
			t.Errorf("%d accounts made, want 5: %v", len(made), made)
		}
		for j, p := range made {
			for what, text := range map[string]string{"the output": got, "the JUnit file": string(b)} {
				if strings.Contains(text, p) {
					t.Errorf("%s holds the password of %s", what, j)
				}
			}
			if err := tryLogin(srv, jid.MustParse(j).Localpart(), p); err == nil {
				t.Errorf("%s can still log in: the throwaway account was not deleted", j)
			}
		}
	})
}
