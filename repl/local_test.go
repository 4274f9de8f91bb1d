package repl

import (
	"strings"
	"testing"

	"xepl/internal/localserver"
)

// TestSecondTerminalEntry: the config.toml entry printed for a second
// terminal reads back, by the shell's own config parser, as the values
// it was written from, whatever bytes the paths hold.
func TestSecondTerminalEntry(t *testing.T) {
	for _, path := range []string{
		"/tmp/xepl-local-1/cert.pem",
		`/tmp/it's "quoted" \ here/cert.pem`,
		"/tmp/tab\there/bell\a/vt\v/esc\x1b/del\x7f/nul\x00/cert.pem",
		"/tmp/café/\u2028/\U0001F600/cert.pem",
	} {
		srv := &localserver.Server{Host: "127.0.0.1", Port: 5222, CertFile: path}
		admin := ConnectOptions{JID: "admin@localhost", PasswordFile: path + ".pw"}
		out := secondTerminal("xepl", srv, admin, "~/.config/xepl/config.toml")
		_, entry, ok := strings.Cut(out, "  [accounts.local]\n")
		if !ok {
			t.Errorf("%q: no config entry in\n%s", path, out)
			continue
		}
		var cf configFile
		if err := cf.parse([]byte("[accounts.local]\n" + entry)); err != nil {
			t.Errorf("%q: the entry does not parse: %v\n%s", path, err, entry)
			continue
		}
		got := cf.Accounts["local"]
		if got == nil || got.CAFile != path || got.PasswordFile != path+".pw" || got.JID != admin.JID || got.Server != srv.Addr() {
			t.Errorf("%q: the entry reads back as %+v\n%s", path, got, entry)
		}
	}
}

// TestSecondTerminalInvalidUTF8: a path that is not UTF-8 cannot be
// written in TOML at all (a TOML file is UTF-8, escapes included): the
// entry is left out, saying why, and the command still given.
func TestSecondTerminalInvalidUTF8(t *testing.T) {
	path := "/tmp/latin1-caf\xe9/cert.pem"
	srv := &localserver.Server{Host: "127.0.0.1", Port: 5222, CertFile: path}
	admin := ConnectOptions{JID: "admin@localhost", PasswordFile: "/tmp/pw"}
	out := secondTerminal("xepl", srv, admin, "~/.config/xepl/config.toml")
	if strings.Contains(out, "[accounts.local]") {
		t.Errorf("a config entry for a path that is not UTF-8:\n%s", out)
	}
	if !strings.Contains(out, "not UTF-8") || !strings.Contains(out, "--ca-file '"+path+"'") {
		t.Errorf("want the command, and why there is no config entry:\n%s", out)
	}
}
