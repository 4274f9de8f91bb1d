package repl

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"sort"
	"strings"
	"time"

	"github.com/pelletier/go-toml/v2"
	"github.com/pelletier/go-toml/v2/unstable"
	"mellium.im/xmpp/jid"

	"xepl/internal/render"
)

// configFile is the user's configuration file, config.toml: named
// accounts and defaults. It is read, never written: xepl has no command
// that could put a password in it.
//
// It is parsed with github.com/pelletier/go-toml/v2 because its decoder
// refuses unknown keys itself and gives every error (syntax, type, unknown
// key) a line and column, and its parser gives the line of every key, so
// that xepl's own checks can say FILE:LINE too.
type configFile struct {
	path     string
	Defaults configDefaults           `toml:"defaults"`
	Accounts map[string]*accountEntry `toml:"accounts"`
	// warning is what to tell the user about the file (its permissions),
	// "" when nothing.
	warning string
}

// configDefaults apply to every account and to the shell without one.
type configDefaults struct {
	Timeout  string `toml:"timeout"`
	Theme    string `toml:"theme"`
	Presence *bool  `toml:"presence"`
}

// accountEntry is one [accounts.NAME] table.
type accountEntry struct {
	JID             string `toml:"jid"`
	Server          string `toml:"server"`
	DirectTLS       bool   `toml:"direct_tls"`
	Insecure        bool   `toml:"insecure"`
	CAFile          string `toml:"ca_file"`
	SASL            string `toml:"sasl"`
	PasswordFile    string `toml:"password_file"`
	PasswordCommand string `toml:"password_command"`
	Presence        *bool  `toml:"presence"`
	Theme           string `toml:"theme"`
	Timeout         string `toml:"timeout"`
}

// ConfigPath says which configuration file to read: the --config flag's
// value, else $XEPL_CONFIG, else $XDG_CONFIG_HOME/xepl/config.toml (by
// default ~/.config/xepl/config.toml). A file named by the flag or the
// variable must exist (required); the default one may be missing.
func ConfigPath(flagValue string, getenv func(string) string) (path string, required bool) {
	if flagValue != "" {
		return flagValue, true
	}
	if p := getenv("XEPL_CONFIG"); p != "" {
		return p, true
	}
	return xdgFile(getenv, "XDG_CONFIG_HOME", ".config", "config.toml"), false
}

// loadConfigFile reads and checks the configuration file at path. A
// missing file that is not required gives an empty configuration.
func loadConfigFile(path string, required bool) (*configFile, error) {
	cf := &configFile{path: path}
	if path == "" {
		return cf, nil
	}
	data, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) && !required {
		return cf, nil
	}
	if err != nil {
		return nil, fmt.Errorf("reading the configuration file: %v", err)
	}
	if err := cf.parse(data); err != nil {
		return nil, err
	}
	if fi, err := os.Stat(path); err == nil && fi.Mode().Perm()&0o022 != 0 {
		// Whoever may write the file chooses the command that gives the
		// password, and the server it is sent to.
		cf.warning = fmt.Sprintf("warning: %s is writable by others (mode %04o), who could change the server or password command of an account: chmod go-w %s",
			path, fi.Mode().Perm(), path)
	}
	return cf, nil
}

// parse decodes data and checks what the decoder cannot: every mistake
// is one line of the error, FILE:LINE: what is wrong.
func (cf *configFile) parse(data []byte) error {
	lines := keyLines(data)
	d := toml.NewDecoder(bytes.NewReader(data))
	d.DisallowUnknownFields()
	err := d.Decode(cf)
	var strict *toml.StrictMissingError
	var decode *toml.DecodeError
	switch {
	case errors.As(err, &strict):
		var msgs []string
		for _, e := range strict.Errors {
			row, _ := e.Position()
			msgs = append(msgs, cf.at(row, unknownKey(e.Key())))
		}
		return errors.New(strings.Join(msgs, "\n"))
	case errors.As(err, &decode):
		row, _ := decode.Position()
		return errors.New(cf.at(row, decodeMessage(decode)))
	case err != nil:
		return fmt.Errorf("%s: %v", cf.path, err)
	}
	var msgs []string
	bad := func(key string, format string, args ...any) {
		msgs = append(msgs, cf.at(lines.of(key), fmt.Sprintf(format, args...)))
	}
	checkTimeout("defaults.timeout", cf.Defaults.Timeout, bad)
	checkTheme("defaults.theme", cf.Defaults.Theme, bad)
	for _, name := range cf.names() {
		a, key := cf.Accounts[name], "accounts."+name
		if a == nil {
			bad(key, "account %s is not a table", name)
			continue
		}
		if !isSessionName(name) {
			bad(key, "account name %q: use letters, digits, - and _ (it also names the session)", name)
		}
		switch j, err := jid.Parse(a.JID); {
		case a.JID == "":
			bad(key, "account %s has no jid (jid = \"user@example.org\")", name)
		case err != nil:
			bad(key+".jid", "%q is not a valid JID: %v", a.JID, err)
		case j.Localpart() == "":
			bad(key+".jid", "%s is a server, not an account: jid = \"user@%s\"", j, j)
		}
		if a.PasswordFile != "" && a.PasswordCommand != "" {
			bad(key+".password_command", "account %s has both password_file and password_command: keep one", name)
		}
		if a.Insecure && a.CAFile != "" {
			bad(key+".ca_file", "account %s has both insecure = true and ca_file: keep one", name)
		}
		checkTimeout(key+".timeout", a.Timeout, bad)
		checkTheme(key+".theme", a.Theme, bad)
	}
	if len(msgs) > 0 {
		return errors.New(strings.Join(msgs, "\n"))
	}
	return nil
}

func checkTimeout(key, value string, bad func(string, string, ...any)) {
	if value == "" {
		return
	}
	if d, err := time.ParseDuration(value); err != nil || d <= 0 {
		bad(key, "timeout = %q: want a positive duration such as \"15s\" or \"1m\"", value)
	}
}

func checkTheme(key, value string, bad func(string, string, ...any)) {
	if value != "" && !render.KnownTheme(value) {
		bad(key, "theme = %q: want %s", value, strings.Join(render.Themes(), " or "))
	}
}

// at is a message about line row of the file: FILE:LINE: message.
func (cf *configFile) at(row int, msg string) string {
	if row <= 0 {
		return cf.path + ": " + msg
	}
	return fmt.Sprintf("%s:%d: %s", cf.path, row, msg)
}

// unknownKey says what is wrong with a key xepl does not know; a
// password is refused in words of its own, since the file must never
// hold one.
func unknownKey(k toml.Key) string {
	name := strings.Join(k, ".")
	last := k[len(k)-1]
	switch {
	case last == "password" || last == "pass" || last == "passwd":
		return fmt.Sprintf("%s: a password may not be written in the configuration file; use password_file = \"FILE\" (its first line) or password_command = \"pass show xmpp/NAME\"", name)
	case k[0] != "defaults" && k[0] != "accounts":
		return fmt.Sprintf("unknown table or key %s: the file has [defaults] and [accounts.NAME] tables", k[0])
	case k[0] == "defaults":
		return fmt.Sprintf("unknown key %s: [defaults] takes timeout, theme and presence", name)
	case k[0] == "accounts" && len(k) == 3:
		return fmt.Sprintf("unknown key %s: an account takes %s", name, strings.Join(accountKeys(), ", "))
	}
	return "unknown key " + name
}

// accountKeys are the keys an account table takes, from its struct tags.
func accountKeys() []string {
	return []string{"jid", "server", "direct_tls", "insecure", "ca_file", "sasl",
		"password_file", "password_command", "presence", "theme", "timeout"}
}

// decodeMessage rewords the decoder's type errors in TOML's words rather
// than Go's.
func decodeMessage(e *toml.DecodeError) string {
	msg := strings.TrimPrefix(e.Error(), "toml: ")
	key := strings.Join(e.Key(), ".")
	if from, into, ok := strings.Cut(strings.TrimPrefix(msg, "cannot decode TOML "), " into "); ok && strings.HasPrefix(msg, "cannot decode") {
		want := "a string"
		switch {
		case strings.HasSuffix(into, "bool"):
			want = "true or false"
		case strings.Contains(into, "map["), strings.HasSuffix(into, "accountEntry"), strings.HasSuffix(into, "configDefaults"):
			want = "a table"
		}
		return fmt.Sprintf("%s: want %s, not a TOML %s", key, want, from)
	}
	if key != "" {
		return key + ": " + msg
	}
	return msg
}

// names are the account names, sorted.
func (cf *configFile) names() []string {
	var out []string
	for name := range cf.Accounts {
		out = append(out, name)
	}
	sort.Strings(out)
	return out
}

// keyTable maps each dotted key of a TOML document, and each table, to
// the line it is on.
type keyTable map[string]int

// keyLines finds the line of every key and table of data; a document
// that does not parse gives what was found before the error (the
// decoder reports the error itself).
func keyLines(data []byte) keyTable {
	lines := keyTable{}
	var p unstable.Parser
	p.Reset(data)
	var table []string
	for p.NextExpression() {
		e := p.Expression()
		switch e.Kind {
		case unstable.Table, unstable.ArrayTable, unstable.KeyValue:
			var key []string
			line := 0
			for it := e.Key(); it.Next(); {
				if line == 0 {
					line = p.Shape(it.Node().Raw).Start.Line
				}
				key = append(key, string(it.Node().Data))
			}
			if e.Kind != unstable.KeyValue {
				table, key = key, nil
			}
			full := strings.Join(append(append([]string{}, table...), key...), ".")
			if _, seen := lines[full]; !seen {
				lines[full] = line
			}
		}
	}
	return lines
}

// of is the line of key, or of the nearest table or inline table that
// holds it; 0 when unknown.
func (k keyTable) of(key string) int {
	for {
		if line, ok := k[key]; ok {
			return line
		}
		i := strings.LastIndex(key, ".")
		if i < 0 {
			return 0
		}
		key = key[:i]
	}
}
