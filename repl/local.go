package repl

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"unicode/utf8"

	"mellium.im/xmpp/jid"

	"xepl/internal/localserver"
)

// startLocal starts a throwaway server of the named kind and makes it the
// default target of connect: its address and CA file fill in what a
// connect leaves out, and its admin's password is known without showing
// it. The server is stopped when the shell ends.
func (sh *Shell) startLocal(ctx context.Context, kind string) (*ConnectOptions, error) {
	k, err := localKind(kind)
	if err != nil {
		return nil, err
	}
	sh.out.say("starting a throwaway %s on loopback...", k)
	srv, admin, err := startThrowaway(ctx, k, sh.cfg.LocalPort)
	if err != nil {
		return nil, err
	}
	sh.local = srv
	sh.out.say("%s %s, for this session only, in %s", k, srv.Version, srv.Dir)
	sh.out.say("  STARTTLS on %s, direct TLS on %s", srv.Addr(), srv.DirectTLSAddr())
	if k == localserver.ProsodyMinimal {
		sh.out.say("  domain %s, no components (the core protocol only)", srv.Domain)
	} else {
		sh.out.say("  domain %s; components %s, %s, %s", srv.Domain, srv.MUCDomain, srv.PubSubDomain, srv.UploadDomain)
	}
	sh.out.say("  admin %s; its password in %s there, the certificate in %s",
		srv.AdminJID, filepath.Base(admin.PasswordFile), filepath.Base(srv.CertFile))
	if sh.interactive {
		sh.out.say("In a second terminal, while this one runs, paste this to log in as the admin beside it; for another account, make one here (admin.add-user jid=bob@%s) and give --jid bob@%s there:", srv.Domain, srv.Domain)
		sh.out.verbatim(secondTerminal(selfCommand(), srv, admin, sh.cfg.ConfigFile))
	}
	sh.defaults = ConnectOptions{Server: srv.Addr(), CAFile: srv.CertFile}
	return &admin, nil
}

// secondTerminal is what a second terminal needs to reach a throwaway
// server: a command to paste, and the same as an entry of config.toml.
// Its lines are not wrapped, so that they paste as they are: the
// command's continue after a backslash, as a shell reads them.
func secondTerminal(xepl string, srv *localserver.Server, admin ConnectOptions, configFile string) string {
	quote := shellQuote
	cmd := fmt.Sprintf(`  %s --jid %s --server %s \
    --ca-file %s \
    --password-file %s
`, xepl, quote(admin.JID), quote(srv.Addr()), quote(srv.CertFile), quote(admin.PasswordFile))
	entry, err := tomlEntry("accounts.local", [][2]string{
		{"jid", admin.JID}, {"server", srv.Addr()}, {"ca_file", srv.CertFile}, {"password_file", admin.PasswordFile},
	})
	if err != nil {
		return cmd + fmt.Sprintf("\n  # no entry for %s: %v\n", configFile, err)
	}
	return cmd + fmt.Sprintf("\n  # or, in %s, then %s -a local:\n%s", configFile, xepl, entry)
}

// tomlEntry writes a TOML table of string keys, indented as
// secondTerminal prints it, or says why it cannot.
func tomlEntry(table string, keys [][2]string) (string, error) {
	var b strings.Builder
	fmt.Fprintf(&b, "  [%s]\n", table)
	for _, kv := range keys {
		v, ok := tomlString(kv[1])
		if !ok {
			return "", fmt.Errorf("%s %q is not UTF-8, and a TOML file holds only UTF-8", kv[0], kv[1])
		}
		fmt.Fprintf(&b, "  %s = %s\n", kv[0], v)
	}
	return b.String(), nil
}

// selfCommand is how a second terminal runs this xepl: xepl when that is
// the one on PATH; go run ./cmd/xepl when this one is go run's, whose
// binary is gone when it ends; else this binary's path.
func selfCommand() string {
	exe, err := os.Executable()
	if err != nil {
		return "xepl"
	}
	if onPath, err := exec.LookPath("xepl"); err == nil && sameFile(onPath, exe) {
		return "xepl"
	}
	if strings.Contains(exe, string(filepath.Separator)+"go-build") {
		return "go run ./cmd/xepl"
	}
	return shellQuote(exe)
}

// sameFile reports whether two paths name one file.
func sameFile(a, b string) bool {
	fa, errA := os.Stat(a)
	fb, errB := os.Stat(b)
	return errA == nil && errB == nil && os.SameFile(fa, fb)
}

// shellQuote quotes s for a POSIX shell when it needs it.
func shellQuote(s string) string {
	if s != "" && strings.IndexFunc(s, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("@%+=:,./-_", r))
	}) < 0 {
		return s
	}
	return singleQuoted(s)
}

// tomlString is s as a TOML basic string, and false when s is not
// UTF-8: no TOML string can hold it, since a TOML document is UTF-8 and
// its escapes (\uXXXX, \UXXXXXXXX) name code points, not bytes. Go's
// strconv.Quote is not TOML: its \xNN, \a and \v are refused there.
func tomlString(s string) (string, bool) {
	if !utf8.ValidString(s) {
		return "", false
	}
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		if e, ok := tomlEscapes[r]; ok {
			b.WriteString(e)
		} else if r < 0x20 || r == 0x7f { // the other control characters TOML wants escaped
			fmt.Fprintf(&b, `\u%04X`, r)
		} else {
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String(), true
}

// tomlEscapes are the short escapes of TOML's basic strings.
var tomlEscapes = map[rune]string{'"': `\"`, '\\': `\\`, '\b': `\b`, '\t': `\t`, '\n': `\n`, '\f': `\f`, '\r': `\r`}

// localKind reads the name of a throwaway server's kind, as --local
// takes it (LocalAuto: the first installed), and says why when this
// machine cannot run it, and which can.
func localKind(name string) (localserver.Kind, error) {
	if name == LocalAuto {
		return localserver.FirstAvailable()
	}
	k := localserver.Kind(strings.ToLower(name))
	if !slices.Contains(localserver.AllKinds, k) {
		return "", fmt.Errorf("--local takes prosody, ejabberd or prosody-minimal, not %q", name)
	}
	if ok, why := localserver.Available(k); !ok {
		if other, err := localserver.FirstAvailable(); err == nil && other != k {
			return "", fmt.Errorf("--local %s cannot run here: %s; --local %s can", k, why, other)
		}
		return "", fmt.Errorf("--local %s cannot run here: %s", k, why)
	}
	return k, nil
}

// startThrowaway starts a throwaway server, its STARTTLS port pinned
// unless port is 0, and writes its admin's password into its directory
// (removed with it), for a connect as the admin that never shows the
// password: the shell's --local and xepl test's both come here.
func startThrowaway(ctx context.Context, k localserver.Kind, port int) (*localserver.Server, ConnectOptions, error) {
	srv, err := localserver.StartOn(ctx, k, port)
	if err != nil {
		return nil, ConnectOptions{}, err
	}
	pwFile := filepath.Join(srv.Dir, "admin-password")
	if err := os.WriteFile(pwFile, []byte(srv.AdminPassword+"\n"), 0o600); err != nil {
		srv.Stop()
		return nil, ConnectOptions{}, err
	}
	return srv, ConnectOptions{JID: srv.AdminJID, PasswordFile: pwFile}, nil
}

// withDefaults fills what a connect left out from the local server, when
// the JID is one of its domain.
func (sh *Shell) withDefaults(opts ConnectOptions) ConnectOptions {
	if sh.local == nil || opts.Server != "" {
		return opts
	}
	if j, err := jid.Parse(opts.JID); err != nil || j.Domainpart() != sh.local.Domain {
		return opts
	}
	opts.Server = sh.local.Addr()
	if opts.DirectTLS {
		opts.Server = sh.local.DirectTLSAddr()
	}
	if opts.CAFile == "" {
		opts.CAFile = sh.defaults.CAFile
	}
	return opts
}

// stopLocal stops the throwaway server, if one was started.
// Stopping twice is harmless (a signal may stop it while the shell
// does).
func (sh *Shell) stopLocal() {
	if srv := sh.local; srv != nil && !sh.localShared {
		srv.Stop()
	}
}
