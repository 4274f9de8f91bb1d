package repl

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"strings"

	"mellium.im/xmpp/jid"

	"xepl/internal/session"
)

func (sh *Shell) cmdConnect(ctx context.Context, args []string) error {
	sh.refusedLogin = ""
	opts := ConnectOptions{}
	fs := opts.flagSet()
	rest, err := parseInterleaved(fs, args)
	if err != nil {
		return fmt.Errorf("connect: %v (help connect)", err)
	}
	if opts.Account != "" || len(rest) > 0 && opts.JID == "" && !strings.Contains(rest[0], "@") {
		// It may name an account: read the file again, so that one added
		// while the shell runs can be used at once.
		if _, err := sh.reloadConfig(); err != nil {
			return err
		}
	}
	switch {
	case len(rest) > 0 && opts.Account == "" && sh.isAccountName(rest[0]):
		opts.Account, rest = rest[0], rest[1:]
	case len(rest) > 0 && opts.JID == "":
		opts.JID, rest = rest[0], rest[1:]
	}
	if len(rest) > 0 {
		return fmt.Errorf("connect: unexpected %q (help connect)", strings.Join(rest, " "))
	}
	given := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { given[longName(f.Name)] = true })
	opts, err = sh.resolveAccount(opts, given)
	if err != nil {
		return err
	}
	if opts.Account == "" {
		// An account says how to reach its server; a JID alone may follow
		// the last connection to its domain.
		opts = sh.inherit(opts, given)
	}
	err = sh.connect(ctx, opts)
	var refused *session.SASLError
	if errors.As(err, &refused) {
		// A refused login is the server's answer: a script may expect it
		// (expect error not-authorized), as it may an error reply.
		sh.refusedLogin = refused.Condition
		return errReplyError{errFailed{err.Error() + "\n  (expect error " + refused.Condition + " on the next line accepts it)"}}
	}
	return err
}

// inheritedFlags are the flags that say how to reach a server, which a
// connect to the same domain keeps from the connection before (or the
// command line): after registering on a stream opened with --server,
// connect user@domain must reach the same server.
var inheritedFlags = []string{"server", "direct-tls", "insecure", "ca-file"}

// inherit fills the connection flags not given from the last connection,
// when it was to the same domain, and says so.
func (sh *Shell) inherit(opts ConnectOptions, given map[string]bool) ConnectOptions {
	prev := sh.cfg.Connect
	if sh.conn.stream != nil {
		prev = sh.conn.opts
	}
	if prev.JID == "" || domainOf(prev.JID) != domainOf(opts.JID) || domainOf(opts.JID) == "" {
		return opts
	}
	var used []string
	from, to := prev.targets(), opts.targets()
	for _, name := range inheritedFlags {
		if given[name] {
			continue
		}
		switch v := from[name].(type) {
		case *string:
			if *v != "" {
				*to[name].(*string) = *v
				used = append(used, "--"+name+" "+*v)
			}
		case *bool:
			if *v {
				*to[name].(*bool) = true
				used = append(used, "--"+name)
			}
		}
	}
	if len(used) > 0 {
		sh.out.say("(%s, as the last connection to %s)", strings.Join(used, " "), domainOf(opts.JID))
	}
	return opts
}

// domainOf is the domain of a JID as typed, or "" when it does not parse.
func domainOf(s string) string {
	j, err := jid.Parse(s)
	if err != nil {
		return ""
	}
	return j.Domainpart()
}

// parseInterleaved parses flags that may come before or after positional
// arguments, and returns the positional ones.
func parseInterleaved(fs *flag.FlagSet, args []string) ([]string, error) {
	var rest []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		if fs.NArg() == 0 {
			return rest, nil
		}
		rest = append(rest, fs.Arg(0))
		args = fs.Args()[1:]
	}
}

func (sh *Shell) cmdReconnect(ctx context.Context, args []string) error {
	if sh.conn.stream == nil {
		return errors.New("nothing to reconnect to: use connect first")
	}
	return sh.connectWith(ctx, sh.conn.opts, sh.conn.password)
}

func (sh *Shell) cmdDisconnect(ctx context.Context, args []string) error {
	c := sh.live()
	if c == nil {
		return errors.New("not connected")
	}
	c.close()
	sh.out.say("disconnected")
	return nil
}

func (sh *Shell) cmdStatus(ctx context.Context, args []string) error {
	c := sh.live()
	if c == nil {
		sh.out.say("not connected")
		return nil
	}
	sh.out.text(summary(c.stream.Info()))
	return nil
}

func (sh *Shell) cmdVerbose(ctx context.Context, args []string) error {
	on, err := onOff("verbose", args, !sh.out.terse.Load())
	if err != nil {
		return err
	}
	sh.out.terse.Store(!on)
	sh.out.say("verbose %s", onOffWord(on))
	return nil
}

func (sh *Shell) cmdWire(ctx context.Context, args []string) error {
	on, err := onOff("wire", args, sh.out.wire.Load())
	if err != nil {
		return err
	}
	sh.out.wire.Store(on)
	sh.out.say("wire log %s", onOffWord(on))
	return nil
}

// onOff reads the optional on|off argument of command name; without one
// it is the current state.
func onOff(name string, args []string, current bool) (bool, error) {
	switch {
	case len(args) == 0:
		return current, nil
	case args[0] == "on":
		return true, nil
	case args[0] == "off":
		return false, nil
	}
	return false, fmt.Errorf("%s takes on or off, not %q", name, args[0])
}

func onOffWord(on bool) string {
	if on {
		return "on"
	}
	return "off"
}
