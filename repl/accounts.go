package repl

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"time"

	"mellium.im/xmpp/jid"

	"xepl/catalog"
	"xepl/internal/session"
)

// throwaway is an account a script created with account new: it is
// deleted when the script ends, whether it passed or failed.
type throwaway struct {
	session  string // the session it was connected as
	jid      jid.JID
	password string
	opts     ConnectOptions // how its session reached the server
}

const addUserNode = "http://jabber.org/protocol/admin#add-user"

func (sh *Shell) cmdAccount(ctx context.Context, args []string) error {
	switch {
	case len(args) == 2 && args[0] == "new":
		return sh.newAccount(ctx, args[1])
	case len(args) == 1 && args[0] == "cleanup":
		return sh.cleanupAccounts(ctx)
	}
	return errors.New("usage: account new NAME | account cleanup")
}

// newAccount creates an account with a random name and password on the
// current session's server and connects it as session name: by XEP-0133
// add-user when the current session may run it, else by XEP-0077
// in-band registration on a stream of its own.
func (sh *Shell) newAccount(ctx context.Context, name string) error {
	c := sh.live()
	if c == nil {
		return errors.New("account new: connect first: the account is made on the current session's server")
	}
	if !isSessionName(name) {
		return fmt.Errorf("account new %q: a session name is letters, digits, - and _", name)
	}
	if sh.sessions.find(name) != nil {
		return fmt.Errorf("account new %s: a session of that name is open already", name)
	}
	domain := c.stream.JID().Domainpart()
	local := "xepl-" + catalog.RandWord()
	j, err := jid.New(local, domain, "")
	if err != nil {
		return err
	}
	password := randomPassword()
	sh.out.secrets.add(password)
	opts := c.opts
	opts.As, opts.PasswordFile, opts.Register = name, "", false
	// Not the current session's account: its password command, and its
	// presence (a script sends the throwaway's own when it wants one).
	opts.Account, opts.PasswordCommand, opts.Presence = "", "", false
	opts.JID = j.String()
	how := "in-band registration (XEP-0077)"
	if !c.stream.Info().Register && sh.offersCommand(ctx, c, domain, addUserNode) {
		how = "the admin's add-user command (XEP-0133)"
		t, _ := catalog.Lookup("admin.add-user")
		sh.noQuestions = true
		_, err := sh.runTemplate(ctx, t, catalog.Values{"jid": j.String(), "password": password})
		sh.noQuestions = false
		if err != nil {
			return fmt.Errorf("account new %s: %w", name, err)
		}
	} else if err := sh.registerQuietly(ctx, opts, local, password); err != nil {
		return fmt.Errorf("account new %s: %w", name, err)
	}
	sh.accounts = append(sh.accounts, throwaway{session: name, jid: j, password: password, opts: opts})
	if sh.cfg.accountMade != nil {
		sh.cfg.accountMade(j.String(), password)
	}
	sh.out.say("account %s: %s, made by %s; deleted when the script ends (account cleanup does it now)", name, j, how)
	return sh.connectWith(ctx, opts, password)
}

// offersCommand reports whether to offers the command node to c, and
// not only cannot say (checkOffered gives the benefit of the doubt).
func (sh *Shell) offersCommand(ctx context.Context, c *conn, to, node string) bool {
	if _, err := sh.commandList(ctx, c, to); err != nil {
		return false
	}
	return sh.checkOffered(ctx, c, to, node) == nil
}

// registerQuietly registers local with password on a registration
// stream of its own, reaching the server as opts says, and closes it.
func (sh *Shell) registerQuietly(ctx context.Context, opts ConnectOptions, local, password string) error {
	reg := opts
	reg.Register, reg.As = true, ""
	reg.JID = domainOf(opts.JID)
	tmp, err := sh.quietConn(ctx, reg, "")
	if err != nil {
		return fmt.Errorf("a registration stream: %w", err)
	}
	defer tmp.stream.Close()
	if cond, err := sh.quietTemplate(ctx, tmp, "register.submit", catalog.Values{"username": local, "password": password}); err != nil || cond != "" {
		if err != nil {
			return err
		}
		return fmt.Errorf("the server refused the registration: %s (it may not allow in-band registration; log in as an admin first, and account new uses add-user)", cond)
	}
	return nil
}

// quietConn opens a stream as opts say that shows nothing: for the
// shell's own errands.
func (sh *Shell) quietConn(ctx context.Context, opts ConnectOptions, password string) (*conn, error) {
	cfg, err := sh.sessionConfigFor(ctx, opts, password)
	if err != nil {
		return nil, err
	}
	wctx, cancel := sh.waitContext(ctx)
	defer cancel()
	s, err := session.Connect(wctx, cfg)
	if err != nil {
		return nil, err
	}
	return &conn{stream: s}, nil
}

// quietTemplate sends a catalog template on c without showing it, and
// returns the error condition of its reply ("" for a result).
func (sh *Shell) quietTemplate(ctx context.Context, c *conn, name string, values catalog.Values) (string, error) {
	iq, err := c.fromCatalog(name, values)
	if err != nil {
		return "", err
	}
	raw, err := sh.quietRequest(ctx, c, iq)
	if err != nil {
		return "", err
	}
	if typ, cond, _ := replyFacts(raw); typ != "result" {
		return cond, nil
	}
	return "", nil
}

// cleanupAccounts deletes every account the script created: each
// cancels its own registration (XEP-0077 <remove/>), on its session if
// that is still open, else on a stream of its own.
func (sh *Shell) cleanupAccounts(ctx context.Context) error {
	return sh.cleanupAccountsFrom(ctx, 0)
}

// cleanupAccountsFrom deletes the accounts made since there were from
// of them: those of a lesson, the script's own kept.
func (sh *Shell) cleanupAccountsFrom(ctx context.Context, from int) error {
	if len(sh.accounts) <= from {
		return nil
	}
	var failed []error
	for _, a := range sh.accounts[from:] {
		if err := sh.deleteAccount(ctx, a); err != nil {
			failed = append(failed, fmt.Errorf("%s (%s): %w", a.session, a.jid, err))
		}
	}
	n := len(sh.accounts) - from - len(failed)
	sh.accounts = sh.accounts[:from]
	sh.out.say("deleted %d throwaway account(s)", n)
	if len(failed) > 0 {
		return fmt.Errorf("could not delete: %w", errors.Join(failed...))
	}
	return nil
}

func (sh *Shell) deleteAccount(ctx context.Context, a throwaway) error {
	c := sh.sessions.find(a.session)
	if !c.live() || !c.stream.JID().Bare().Equal(a.jid) {
		own, err := sh.quietConn(ctx, a.opts, a.password)
		if err != nil {
			return err
		}
		defer own.stream.Close()
		c = own
	}
	c.deleting.Store(true)
	cond, err := sh.quietTemplate(ctx, c, "register.cancel", nil)
	if err == nil && cond != "" {
		err = fmt.Errorf("the server refused to remove it: %s", cond)
	}
	return err
}

// randomPassword is a throwaway account's password: 24 random bytes.
func randomPassword() string {
	b := make([]byte, 24)
	rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

// cleanupTimeout bounds deleting the accounts at the end of a run, when
// the run's own context may be over (a signal).
const cleanupTimeout = 30 * time.Second
