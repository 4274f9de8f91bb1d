package repl

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const goodConfig = `# accounts for xepl
[defaults]
timeout = "30s"
theme = "dark"
presence = false

[accounts.al]
jid = "alice@example.org"
server = "127.0.0.1:5222"
direct_tls = false
insecure = false
password_file = "al.pw"
presence = true
theme = "light"

[accounts.bo]
jid = "bob@example.org"
ca_file = "~/ca.pem"
password_command = "pass show xmpp/bob"
`

func TestConfigGood(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "config.toml")
	writeFile(t, path, goodConfig)
	cf, err := loadConfigFile(path, true)
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(cf.names(), " "); got != "al bo" {
		t.Errorf("accounts %q, want al bo", got)
	}
	al := cf.Accounts["al"]
	if al.JID != "alice@example.org" || al.Server != "127.0.0.1:5222" || al.Presence == nil || !*al.Presence || al.Theme != "light" {
		t.Errorf("al = %+v", al)
	}
	if cf.Defaults.Timeout != "30s" || cf.Defaults.Theme != "dark" || cf.Defaults.Presence == nil || *cf.Defaults.Presence {
		t.Errorf("defaults = %+v", cf.Defaults)
	}
	if got, want := cf.resolvePath(al.PasswordFile), filepath.Join(dir, "al.pw"); got != want {
		t.Errorf("password_file resolves to %s, want %s (beside the file)", got, want)
	}
	home, _ := os.UserHomeDir()
	if got := cf.resolvePath(cf.Accounts["bo"].CAFile); got != filepath.Join(home, "ca.pem") {
		t.Errorf("~/ca.pem resolves to %s", got)
	}
	if cf.warning != "" {
		t.Errorf("a private file is warned about: %s", cf.warning)
	}
}

// TestConfigMistakes: each mistake is an error that says FILE:LINE and
// what is wrong.
func TestConfigMistakes(t *testing.T) {
	for _, tc := range []struct {
		name, file string
		want       []string // each a line of the error, after FILE
	}{
		{"password refused", "[accounts.al]\njid = \"a@example.org\"\npassword = \"hunter2\"\n",
			[]string{`:3: accounts.al.password: a password may not be written in the configuration file; use password_file`}},
		{"unknown key", "[accounts.al]\njid = \"a@example.org\"\nservre = \"x\"\n",
			[]string{`:3: unknown key accounts.al.servre: an account takes jid, server,`}},
		{"unknown table", "[account.al]\njid = \"a@example.org\"\n",
			[]string{`:1: unknown table or key account: the file has [defaults] and [accounts.NAME] tables`}},
		{"unknown default", "[defaults]\ncolour = \"x\"\n",
			[]string{`:2: unknown key defaults.colour: [defaults] takes timeout, theme and presence`}},
		{"two mistakes", "[accounts.al]\njid = \"a@example.org\"\npassword = \"x\"\nfoo = 1\n",
			[]string{`:3: accounts.al.password: a password`, `:4: unknown key accounts.al.foo`}},
		{"bool as string", "[accounts.al]\njid = \"a@example.org\"\npresence = \"yes\"\n",
			[]string{`:3: accounts.al.presence: want true or false, not a TOML string`}},
		{"string as integer", "[accounts.al]\njid = 3\n",
			[]string{`:2: accounts.al.jid: want a string, not a TOML integer`}},
		{"account not a table", "[accounts]\nal = 3\n",
			[]string{`:2: accounts.al: want a table, not a TOML integer`}},
		{"syntax", "[accounts.al]\njid = \n",
			[]string{`:2: unexpected character`}},
		{"no jid", "[accounts.al]\nserver = \"x\"\n",
			[]string{`:1: account al has no jid`}},
		{"bad jid", "[accounts.al]\n\njid = \"a@b@c\"\n",
			[]string{`:3: "a@b@c" is not a valid JID`}},
		{"server jid", "[accounts.al]\njid = \"example.org\"\n",
			[]string{`:2: example.org is a server, not an account`}},
		{"two password sources", "[accounts.al]\njid = \"a@example.org\"\npassword_file = \"f\"\npassword_command = \"c\"\n",
			[]string{`:4: account al has both password_file and password_command`}},
		{"insecure and ca_file", "[accounts.al]\njid = \"a@example.org\"\ninsecure = true\nca_file = \"c\"\n",
			[]string{`:4: account al has both insecure = true and ca_file`}},
		{"bad theme", "[defaults]\ntheme = \"blue\"\n",
			[]string{`:2: theme = "blue": want dark or light`}},
		{"bad timeout", "[accounts.al]\njid = \"a@example.org\"\ntimeout = \"soon\"\n",
			[]string{`:3: timeout = "soon": want a positive duration`}},
		{"bad name", "[accounts.\"a b\"]\njid = \"a@example.org\"\n",
			[]string{`:1: account name "a b": use letters, digits`}},
		{"inline table", "[accounts]\nal = { jid = \"a@example.org\", theme = \"x\" }\n",
			[]string{`:2: theme = "x"`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "config.toml")
			writeFile(t, path, tc.file)
			_, err := loadConfigFile(path, true)
			if err == nil {
				t.Fatal("no error")
			}
			lines := strings.Split(err.Error(), "\n")
			if len(lines) != len(tc.want) {
				t.Fatalf("error %q: want %d lines", err, len(tc.want))
			}
			for i, want := range tc.want {
				if !strings.HasPrefix(lines[i], path+want) {
					t.Errorf("line %d of the error is\n  %s\nwant it to start with\n  %s%s", i+1, lines[i], path, want)
				}
			}
			if strings.Contains(err.Error(), "hunter2") {
				t.Error("the error shows the password")
			}
		})
	}
}

// TestConfigFiles: a missing default file is no error, a missing named
// one is; a group-writable file is warned about.
func TestConfigFiles(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "none.toml")
	if cf, err := loadConfigFile(missing, false); err != nil || len(cf.Accounts) != 0 {
		t.Errorf("missing default file: %v, %v", cf, err)
	}
	if _, err := loadConfigFile(missing, true); err == nil || !strings.Contains(err.Error(), missing) {
		t.Errorf("missing named file: %v", err)
	}
	path := filepath.Join(dir, "config.toml")
	writeFile(t, path, goodConfig)
	if err := os.Chmod(path, 0o664); err != nil {
		t.Fatal(err)
	}
	cf, err := loadConfigFile(path, true)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(cf.warning, "writable by others") || !strings.Contains(cf.warning, "chmod go-w "+path) {
		t.Errorf("warning %q", cf.warning)
	}
	// Readable by others is fine: it names where the password is, not
	// the password.
	os.Chmod(path, 0o644)
	if cf, _ := loadConfigFile(path, true); cf.warning != "" {
		t.Errorf("a world-readable file is warned about: %s", cf.warning)
	}
}

func TestConfigPath(t *testing.T) {
	env := map[string]string{}
	getenv := func(k string) string { return env[k] }
	home, _ := os.UserHomeDir()
	for _, tc := range []struct {
		flag, xeplConfig, xdg string
		want                  string
		required              bool
	}{
		{"", "", "", filepath.Join(home, ".config", "xepl", "config.toml"), false},
		{"", "", "/x", "/x/xepl/config.toml", false},
		{"", "/e.toml", "/x", "/e.toml", true},
		{"f.toml", "/e.toml", "/x", "f.toml", true},
	} {
		env["XEPL_CONFIG"], env["XDG_CONFIG_HOME"] = tc.xeplConfig, tc.xdg
		got, req := ConfigPath(tc.flag, getenv)
		if got != tc.want || req != tc.required {
			t.Errorf("ConfigPath(%q) with XEPL_CONFIG=%q XDG_CONFIG_HOME=%q = %s, %v; want %s, %v",
				tc.flag, tc.xeplConfig, tc.xdg, got, req, tc.want, tc.required)
		}
	}
}

// TestAccountResolve: an account fills the connection; flags given
// beside it override its values; the defaults' presence applies without
// an account.
func TestAccountResolve(t *testing.T) {
	path := filepath.Join(t.TempDir(), "config.toml")
	writeFile(t, path, goodConfig)
	cf, err := loadConfigFile(path, true)
	if err != nil {
		t.Fatal(err)
	}
	sh := &Shell{config: cf}
	got, err := sh.resolveAccount(ConnectOptions{Account: "al"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got.JID != "alice@example.org" || got.Server != "127.0.0.1:5222" || !got.Presence || got.PasswordFile != filepath.Join(filepath.Dir(path), "al.pw") {
		t.Errorf("al resolves to %+v", got)
	}
	got, _ = sh.resolveAccount(ConnectOptions{Account: "al", Server: "other:5222", Presence: false},
		map[string]bool{"server": true, "presence": true})
	if got.Server != "other:5222" || got.Presence {
		t.Errorf("flags do not override: %+v", got)
	}
	got, _ = sh.resolveAccount(ConnectOptions{Account: "bo", PasswordFile: "mine"}, map[string]bool{"password-file": true})
	if got.PasswordCommand != "" || got.PasswordFile != "mine" {
		t.Errorf("--password-file does not replace the password command: %+v", got)
	}
	if _, err := sh.resolveAccount(ConnectOptions{Account: "cy"}, nil); err == nil || !strings.Contains(err.Error(), `no account "cy" in `+path) {
		t.Errorf("unknown account: %v", err)
	}
	cf.Defaults.Presence = new(bool)
	*cf.Defaults.Presence = true
	if got, _ := sh.resolveAccount(ConnectOptions{JID: "x@example.org"}, nil); !got.Presence {
		t.Error("defaults.presence does not apply to a connect without an account")
	}
	timeout, theme := cf.startSettings(Config{Connect: ConnectOptions{Account: "al"}})
	if timeout.String() != "30s" || theme != "light" {
		t.Errorf("start settings %v %q, want 30s light", timeout, theme)
	}
	timeout, theme = cf.startSettings(Config{Theme: "dark", Timeout: 5e9, Given: map[string]bool{"timeout": true, "theme": true}, Connect: ConnectOptions{Account: "al"}})
	if timeout.String() != "5s" || theme != "dark" {
		t.Errorf("flags do not override start settings: %v %q", timeout, theme)
	}
}
