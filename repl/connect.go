package repl

import (
	"context"
	"crypto/x509"
	"errors"
	"fmt"
	"net"
	"os"
	"strings"
	"text/tabwriter"

	"mellium.im/xmpp/jid"

	"xepl/catalog"
	"xepl/internal/session"
	"xepl/xeps"
)

// connect opens a connection as opts say, replacing the current one once
// the new stream is up. The command line and the connect command both
// come here.
func (sh *Shell) connect(ctx context.Context, opts ConnectOptions) error {
	return sh.connectWith(ctx, opts, "")
}

// connectWith connects, using password if it is not empty instead of
// looking for one (reconnect passes the one kept in memory).
func (sh *Shell) connectWith(ctx context.Context, opts ConnectOptions, password string) error {
	opts = sh.withDefaults(opts)
	c, cfg, err := sh.sessionConfig(ctx, opts, password)
	if err != nil {
		return err
	}
	return sh.open(ctx, c, cfg)
}

// open dials and negotiates the stream cfg describes for c, and makes c
// the current connection, closing the previous one once the new one is
// up.
func (sh *Shell) open(ctx context.Context, c *conn, cfg session.Config) error {
	replaces, name, err := sh.slot(c.opts)
	if err != nil {
		return err
	}
	c.captureName.Store(&name) // what it is captured as, from its first byte
	ctx, cancel := sh.waitContext(ctx)
	defer cancel()
	go xeps.Preload() // while TLS and SASL wait on the server
	stream, err := session.Connect(ctx, cfg)
	if err != nil {
		var stalled *session.StalledError
		if errors.Is(err, context.Canceled) && !errors.As(err, &stalled) {
			return errors.New("connecting stopped (interrupted)")
		}
		return explainConnectError(sh.maskServerText(err), cfg)
	}
	if replaces.live() {
		sh.out.say("closing the previous session as %s", replaces.stream.JID())
	}
	if replaces == nil && sh.conn.name == "" {
		sh.conn.close() // the shell's first connection, before sessions
	}
	replaces.close() // the old session, once the new one is up
	c.stream = stream
	c.name = name
	sh.sessions.put(c, replaces)
	sh.makeCurrent(c)
	available := c.opts.Presence && !stream.Info().Register
	sh.out.text(connectSummary(stream.Info(), available))
	if len(sh.sessions.all()) > 1 {
		sh.out.say("session %s (sessions lists them; use NAME switches)", safeText(name))
	}
	if available {
		return sh.sendInitialPresence(ctx)
	}
	return nil
}

// sendInitialPresence sends the catalog's presence.available, as typing
// it would (so it is shown as sent), for --presence and presence = true:
// the catalog is the one source of stanza XML.
func (sh *Shell) sendInitialPresence(ctx context.Context) error {
	t, ok := catalog.Lookup("presence.available")
	if !ok {
		return errors.New("the catalog has no presence.available (a bug)")
	}
	if _, err := sh.runTemplate(ctx, t, catalog.Values{}); err != nil {
		return fmt.Errorf("logged in, but the initial presence was not sent: %w", err)
	}
	return nil
}

// maskServerText masks, in the text a server gave with a stream error or
// a SASL failure, the echoes of secrets: the rest of an error is xepl's
// own words, and left alone.
func (sh *Shell) maskServerText(err error) error {
	var saslErr *session.SASLError
	var streamErr *session.StreamError
	switch {
	case errors.As(err, &saslErr):
		saslErr.Text = sh.out.secrets.text(saslErr.Text)
	case errors.As(err, &streamErr):
		streamErr.Text = sh.out.secrets.text(streamErr.Text)
	}
	return err
}

// explainConnectError adds what a SASL failure or a stream error means,
// and what to do about a certificate that could not be verified or a
// server that could not be found.
func explainConnectError(err error, cfg session.Config) error {
	var saslErr *session.SASLError
	var streamErr *session.StreamError
	var certErr *session.CertificateError
	var dnsErr *net.DNSError
	var opErr *net.OpError
	switch {
	case cfg.Server == "" && (errors.As(err, &dnsErr) || errors.As(err, &opErr) && opErr.Op == "dial"):
		return fmt.Errorf("%w\n  if the domain's DNS does not lead to the server, give its address with connect --server HOST[:PORT]", err)
	case errors.As(err, &certErr):
		return fmt.Errorf("%w\n  if you trust this server anyway, connect again with --insecure (or give its CA with --ca-file)", err)
	case errors.As(err, &saslErr):
		if c, ok := xeps.SASLCondition(saslErr.Condition); ok {
			return fmt.Errorf("%w\n  %s", err, explain(c))
		}
	case errors.As(err, &streamErr):
		if c, ok := xeps.StreamCondition(streamErr.Condition); ok {
			return fmt.Errorf("%w\n  %s", err, explain(c))
		}
	}
	return err
}

// sessionConfig turns the options into a connection still to open and
// its session configuration: it parses the JID, loads the CA file and
// finds the password. What the session reports goes to the shell's
// observer for that connection.
func (sh *Shell) sessionConfig(ctx context.Context, opts ConnectOptions, password string) (*conn, session.Config, error) {
	cfg, err := sh.sessionConfigFor(ctx, opts, password)
	if err != nil {
		return nil, cfg, err
	}
	c := &conn{opts: opts, password: cfg.Password}
	cfg.Observer = observer{sh: sh, c: c}
	return c, cfg, nil
}

func (sh *Shell) sessionConfigFor(ctx context.Context, opts ConnectOptions, password string) (session.Config, error) {
	if opts.JID == "" {
		return session.Config{}, errors.New("connect needs a JID: connect user@example.org, or connect --register example.org")
	}
	j, err := jid.Parse(opts.JID)
	if err != nil {
		return session.Config{}, fmt.Errorf("%q is not a valid JID: %v", opts.JID, err)
	}
	cfg := session.Config{
		JID:       j,
		Server:    opts.Server,
		DirectTLS: opts.DirectTLS,
		Insecure:  opts.Insecure,
		Mechanism: opts.SASL,
		Register:  opts.Register,
		Timeout:   sh.cfg.timeout(),
	}
	if opts.CAFile != "" {
		pool, err := loadCAFile(opts.CAFile)
		if err != nil {
			return cfg, err
		}
		cfg.RootCAs = pool
	}
	if !opts.Register {
		if j.Localpart() == "" {
			return cfg, fmt.Errorf("%s is a server, not an account: log in as user@%s, or register with connect --register %s", j, j, j)
		}
		cfg.Password = password
		if cfg.Password == "" {
			cfg.Password, err = sh.findPassword(ctx, opts, cfg)
			if err != nil {
				return cfg, err
			}
		}
		sh.out.secrets.add(cfg.Password)
	}
	return cfg, nil
}

// findPassword takes the password from --password-file, XEPL_PASSWORD, or
// a prompt without echo, in that order. Never from a flag.
//
// Before asking, the server is reached (session.Reach): an address that
// leads nowhere fails then, not after the user typed a secret for it.
func (sh *Shell) findPassword(ctx context.Context, opts ConnectOptions, cfg session.Config) (string, error) {
	j := cfg.JID
	if opts.PasswordVar != "" {
		v, ok := sh.vars[opts.PasswordVar]
		if !ok {
			return "", fmt.Errorf("--password-var %s: no such variable (let %s = ... sets it)", opts.PasswordVar, opts.PasswordVar)
		}
		sh.passwordVars[opts.PasswordVar] = true
		return v, nil
	}
	if opts.PasswordFile != "" {
		b, err := os.ReadFile(opts.PasswordFile)
		if err != nil {
			return "", fmt.Errorf("reading the password file: %v", err)
		}
		first, _, _ := strings.Cut(string(b), "\n")
		return strings.TrimSuffix(first, "\r"), nil
	}
	if opts.PasswordCommand != "" {
		p, err := runPasswordCommand(ctx, opts.PasswordCommand)
		if err != nil {
			return "", fmt.Errorf("account %s: %w", opts.Account, err)
		}
		sh.out.secrets.add(p) // at once, before anything can show it
		return p, nil
	}
	if p := sh.cfg.Getenv("XEPL_PASSWORD"); p != "" {
		return p, nil
	}
	if sh.lines.Asks() {
		wctx, cancel := sh.waitContext(ctx)
		err := session.Reach(wctx, cfg)
		cancel()
		if err != nil {
			return "", explainConnectError(err, cfg)
		}
	}
	p, err := sh.askSecret(fmt.Sprintf("password for %s: ", j.Bare()))
	switch {
	case errors.Is(err, errNoTerminal):
		return "", fmt.Errorf("no password for %s: set XEPL_PASSWORD or use --password-file", j.Bare())
	case err != nil:
		return "", fmt.Errorf("no password given: %v", err)
	}
	return p, nil
}

func loadCAFile(path string) (*x509.CertPool, error) {
	pem, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("reading the CA file: %v", err)
	}
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM(pem) {
		return nil, fmt.Errorf("%s holds no PEM certificate", path)
	}
	return pool, nil
}

// connectSummary is what a connect says: how the stream is secured and
// who it is, in two lines, with a count of the stream features (status
// lists them).
// When available, initial presence is about to be sent, and the line
// saying the account is not yet available is left out.
func connectSummary(info session.Info, available bool) string {
	full := summary(info)
	lines := strings.SplitN(full, "\n", 3)
	n := 0
	for _, stage := range info.Offered {
		n += len(stage.Features)
	}
	var b strings.Builder
	b.WriteString(lines[0] + "\n" + lines[1])
	fmt.Fprintf(&b, "; %d stream features in %d stages (status lists them)\n", n, len(info.Offered))
	if info.Register {
		fmt.Fprintf(&b, "ask for the registration form: <iq type='get' to='%s'><query xmlns='jabber:iq:register'/></iq>\n", info.JID.Domain())
	} else if !available {
		// RFC 6121 §4.2: until the first available presence the server
		// delivers nothing sent to the bare JID to this resource.
		b.WriteString("not yet available: send <presence/> (presence.available) to get messages sent to your bare JID\n")
	}
	return b.String()
}

// summary describes a session: how it is secured, who it is, and what
// the server offered at each stage, with the specification of each
// feature (status).
func summary(info session.Info) string {
	var b strings.Builder
	how := "STARTTLS"
	if info.DirectTLS {
		how = "direct TLS"
	}
	verified := "certificate verified"
	if info.Insecure {
		verified = "certificate NOT verified (--insecure)"
	}
	fmt.Fprintf(&b, "connected to %s in %s: %s, %s %s, %s\n", info.Addr, ms(info.Elapsed), how,
		info.TLSVersion(), info.CipherSuite(), verified)
	if info.Register {
		fmt.Fprintf(&b, "not logged in: a stream for in-band registration (XEP-0077) with %s\n", info.JID.Domain())
	} else {
		fmt.Fprintf(&b, "logged in with %s as %s\n", info.Mechanism, info.JID)
	}
	tw := tabwriter.NewWriter(&b, 0, 4, 2, ' ', 0)
	for _, stage := range info.Offered {
		fmt.Fprintf(tw, "features %s:\n", stage.Stage)
		for _, f := range stage.Features {
			fmt.Fprintf(tw, "  %s\t%s\n", f.Name, featureDetail(f))
		}
	}
	tw.Flush()
	if info.Register {
		fmt.Fprintf(&b, "ask for the registration form: <iq type='get' to='%s'><query xmlns='jabber:iq:register'/></iq>\n", info.JID.Domain())
	}
	return b.String()
}

// featureDetail says what a stream feature is: its mechanisms, or its
// namespace and where it is specified.
func featureDetail(f session.Feature) string {
	if len(f.Values) > 0 {
		return strings.Join(f.Values, " ")
	}
	s := xeps.DescribeElement(f.Namespace, f.Name)
	if f.Required {
		s += " (required)"
	}
	return s
}
