package repl

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

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
	srv, admin, err := startThrowaway(ctx, k)
	if err != nil {
		return nil, err
	}
	sh.local = srv
	pwFile := admin.PasswordFile
	sh.out.say("%s %s is running for this session only, in %s", k, srv.Version, srv.Dir)
	if k == localserver.ProsodyMinimal {
		sh.out.say("  domain %s: STARTTLS on %s, direct TLS on %s; no components (the core protocol only)",
			srv.Domain, srv.Addr(), srv.DirectTLSAddr())
	} else {
		sh.out.say("  domain %s: STARTTLS on %s, direct TLS on %s; components %s, %s, %s",
			srv.Domain, srv.Addr(), srv.DirectTLSAddr(), srv.MUCDomain, srv.PubSubDomain, srv.UploadDomain)
	}
	sh.out.say("  admin %s (password in %s); its certificate: %s", srv.AdminJID, pwFile, srv.CertFile)
	sh.defaults = ConnectOptions{Server: srv.Addr(), CAFile: srv.CertFile}
	return &admin, nil
}

// localKind reads the name of a throwaway server's kind, as --local
// takes it.
func localKind(name string) (localserver.Kind, error) {
	k := localserver.Kind(strings.ToLower(name))
	if !slices.Contains(localserver.AllKinds, k) {
		return "", fmt.Errorf("--local takes prosody, ejabberd or prosody-minimal, not %q", name)
	}
	return k, nil
}

// startThrowaway starts a throwaway server and writes its admin's
// password into its directory (removed with it), for a connect as the
// admin that never shows the password: the shell's --local and xepl
// test's both come here.
func startThrowaway(ctx context.Context, k localserver.Kind) (*localserver.Server, ConnectOptions, error) {
	srv, err := localserver.Start(ctx, k)
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
