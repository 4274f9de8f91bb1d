package repl

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"
	"time"
)

// accountsHelp is the help of the accounts command: the file's format.
const accountsHelp = `List the accounts of the configuration file: name, JID, server, password.
The file is --config FILE, else $XEPL_CONFIG, else
$XDG_CONFIG_HOME/xepl/config.toml (~/.config/xepl/config.toml):

  [defaults]                   # optional; timeout, theme, presence
  presence = true
  [accounts.al]
  jid = "alice@example.org"
  server = "127.0.0.1:5222"    # optional, else DNS
  direct_tls = false
  insecure = false             # or ca_file = "FILE"
  password_file = "FILE"       # or password_command = "pass show xmpp/al"
  presence = true              # send initial presence on login
  theme = "light"              # or "dark"; with -a

connect al (or xepl -a al) logs in as al; flags given beside it override
its values. Paths may start with ~/ and are relative to the file. The
file never holds a password: a password key is refused. A password
command runs without a shell unless it is written in the shell's syntax,
for at most a minute; its output's first line is the password, masked
like any other.`

func (sh *Shell) cmdAccounts(ctx context.Context, args []string) error {
	cf, err := sh.reloadConfig()
	if err != nil {
		return err
	}
	if len(cf.Accounts) == 0 {
		where := "no configuration file"
		if cf.path != "" {
			where = "none in " + cf.path
		}
		sh.out.say("no accounts (%s); help accounts shows how to write one", where)
		return nil
	}
	var b strings.Builder
	tw := tabwriter.NewWriter(&b, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "NAME\tJID\tSERVER\tPASSWORD")
	for _, name := range cf.names() {
		a := cf.Accounts[name]
		server := a.Server
		if server == "" {
			server = "(DNS)"
		}
		if a.DirectTLS {
			server += " direct TLS"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", name, a.JID, server, a.passwordSource())
	}
	tw.Flush()
	sh.out.text(safeText(b.String()))
	sh.out.say("(from %s; connect NAME logs in)", safeText(cf.path))
	return nil
}

// passwordSource says where an account's password comes from, never
// what it is.
func (a *accountEntry) passwordSource() string {
	switch {
	case a.PasswordFile != "":
		return "file " + a.PasswordFile
	case a.PasswordCommand != "":
		return "command " + a.PasswordCommand
	}
	return "asked (or $XEPL_PASSWORD)"
}

// reloadConfig reads the configuration file again, so that an account
// added while the shell runs can be used at once.
func (sh *Shell) reloadConfig() (*configFile, error) {
	cf, err := loadConfigFile(sh.cfg.ConfigFile, sh.cfg.ConfigRequired)
	if err != nil {
		return nil, err
	}
	sh.config = cf
	return cf, nil
}

// isAccountName reports whether word, typed where connect takes a JID,
// names an account: a name of the file with no @ in it (a JID with a
// local part always has one).
func (sh *Shell) isAccountName(word string) bool {
	if strings.Contains(word, "@") || sh.config == nil {
		return false
	}
	_, ok := sh.config.Accounts[word]
	return ok
}

// resolveAccount fills opts from the account it names, the fields given
// (flags typed beside it) overriding the account's; without an account,
// only the file's defaults apply (presence).
func (sh *Shell) resolveAccount(opts ConnectOptions, given map[string]bool) (ConnectOptions, error) {
	cf := sh.config
	if cf == nil {
		cf = &configFile{}
	}
	presence := cf.Defaults.Presence
	if opts.Account == "" {
		if !given["presence"] && presence != nil {
			opts.Presence = *presence
		}
		return opts, nil
	}
	a, ok := cf.Accounts[opts.Account]
	if !ok {
		return opts, fmt.Errorf("no account %q in %s (accounts lists them; help accounts tells how to add one)", opts.Account, cf.describe())
	}
	out := ConnectOptions{
		JID: a.JID, Server: a.Server, DirectTLS: a.DirectTLS, Insecure: a.Insecure,
		CAFile: cf.resolvePath(a.CAFile), SASL: a.SASL,
		PasswordFile:    cf.resolvePath(a.PasswordFile),
		PasswordCommand: a.PasswordCommand,
		Account:         opts.Account, As: opts.As,
	}
	if a.Presence != nil {
		presence = a.Presence
	}
	if presence != nil {
		out.Presence = *presence
	}
	from, to := opts.targets(), out.targets()
	for name := range given {
		switch v := from[name].(type) {
		case *string:
			*to[name].(*string) = *v
		case *bool:
			*to[name].(*bool) = *v
		}
	}
	if given["password-file"] || given["password-var"] {
		out.PasswordCommand = "" // the flag says where the password is
	}
	out.Account = opts.Account
	return out, nil
}

// describe names the file for an error: its path, or that there is none.
func (cf *configFile) describe() string {
	if cf.path == "" {
		return "the configuration (no file)"
	}
	if _, err := os.Stat(cf.path); err != nil {
		return cf.path + " (which does not exist)"
	}
	return cf.path
}

// resolvePath reads a path of the file: ~/ is the home directory, and a
// relative path is relative to the file's directory, not to wherever the
// shell was started.
func (cf *configFile) resolvePath(p string) string {
	if p == "" {
		return ""
	}
	if strings.HasPrefix(p, "~/") {
		return expandHome(p, os.Getenv)
	}
	if !filepath.IsAbs(p) && cf.path != "" {
		return filepath.Join(filepath.Dir(cf.path), p)
	}
	return p
}

// startSettings are the timeout and theme the shell starts with: the
// flags', else the account's (-a), else the file's defaults.
func (cf *configFile) startSettings(cfg Config) (time.Duration, string) {
	timeout, theme := cfg.timeout(), cfg.Theme
	var pick []string
	var themes []string
	if a := cf.Accounts[cfg.Connect.Account]; a != nil {
		pick, themes = append(pick, a.Timeout), append(themes, a.Theme)
	}
	pick, themes = append(pick, cf.Defaults.Timeout), append(themes, cf.Defaults.Theme)
	if !cfg.Given["timeout"] {
		for _, s := range pick {
			if d, err := time.ParseDuration(s); err == nil && d > 0 {
				timeout = d
				break
			}
		}
	}
	if !cfg.Given["theme"] && theme == "" {
		for _, s := range themes {
			if s != "" {
				theme = s
				break
			}
		}
	}
	return timeout, theme
}

// accountNames are the names of the accounts, for completion.
func (sh *Shell) accountNames() []string {
	if sh.config == nil {
		return nil
	}
	return sh.config.names()
}

// connectTargets are what connect may take where it takes a JID: the
// accounts, then the JIDs known.
func (c completer) connectTargets() []string {
	return append(c.sh.accountNames(), c.jids()...)
}

// startConfig reads the configuration file as the shell starts, and
// applies it: the account -a names becomes the connection to open, and
// the timeout and theme come from it or from the defaults unless flags
// gave them.
func (sh *Shell) startConfig() error {
	cf, err := loadConfigFile(sh.cfg.ConfigFile, sh.cfg.ConfigRequired)
	if err != nil {
		return err
	}
	sh.config = cf
	opts, err := sh.resolveAccount(sh.cfg.Connect, sh.cfg.Given)
	if err != nil {
		return err
	}
	sh.cfg.Connect = opts
	sh.cfg.Timeout, sh.cfg.Theme = cf.startSettings(sh.cfg)
	return nil
}
