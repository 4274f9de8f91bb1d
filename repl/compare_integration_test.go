package repl

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"xepl/internal/localserver"
	"xepl/internal/servertest"
)

// TestCompareServers compares Prosody and ejabberd: a ping is answered
// the same way, disco#info of the server is not, and expect same and
// expect differ hold the compare to its word.
func TestCompareServers(t *testing.T) {
	p := servertest.Shared(t, localserver.Prosody)
	e := servertest.Shared(t, localserver.Ejabberd)
	dir := t.TempDir()
	connect := func(name string, srv *localserver.Server) string {
		pw := filepath.Join(dir, name+"-password")
		if err := os.WriteFile(pw, []byte(srv.AdminPassword+"\n"), 0o600); err != nil {
			t.Fatal(err)
		}
		return "connect --as " + name + " --server " + srv.Addr() + " --ca-file " + srv.CertFile + " --password-file " + pw + " " + srv.AdminJID + "\n"
	}
	script := connect("p", p) + connect("e", e) + `compare p e ping.server
expect same
compare p e <iq type='get' to='${domain}'><query xmlns='jabber:iq:version'/></iq>
expect differ
compare p e disco.server-info
expect differ
expect same
`
	var out bytes.Buffer
	status := Run(context.Background(), Config{Input: strings.NewReader(script), Stdout: &out, Stderr: &out, Timeout: 10e9})
	got := out.String()
	if status != 1 {
		t.Errorf("exit status %d, want 1: the last expect same must fail\n%s", status, got)
	}
	for _, want := range []string{
		`compare p e: the same`,
		`(?m)^- +<name>Prosody</name>$`, `(?m)^\+ +<name>ejabberd</name>$`,
		`(?m)^   +<query xmlns="jabber:iq:version">$`,
		`stdin:9: error: expect same: not met: p and e: they differ`,
	} {
		if !regexp.MustCompile(want).MatchString(got) {
			t.Errorf("the output lacks %q:\n%s", want, got)
		}
	}
	if strings.Count(got, "they differ") < 3 {
		t.Errorf("want two differing compares and the failed expect:\n%s", got)
	}
}
