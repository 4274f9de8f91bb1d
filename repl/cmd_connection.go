package repl

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
)

func init() {
	register(
		&command{
			names: []string{"connect", "login"},
			group: groupConnection,
			usage: "[flags] [JID]",
			help: `Connect to a server and log in, or open a stream to register.
The JID may be given as the last word or with --jid. Flags:
  --server HOST[:PORT]   skip DNS: connect to this host (default: SRV records, then the domain on 5222)
  --direct-tls           TLS from the first byte (XEP-0368; default port 5223) instead of STARTTLS
  --insecure             do not verify the server's certificate (the prompt says so)
  --ca-file FILE         trust the CA certificates in FILE (PEM) instead of the system's
  --sasl MECHANISM       force one SASL mechanism (SCRAM-SHA-512, SCRAM-SHA-256, SCRAM-SHA-1, PLAIN, ...-PLUS)
  --register             do not log in: open a stream for in-band registration (XEP-0077);
                         the JID may be a bare domain
  --password-file FILE   read the password from FILE
The password comes from --password-file, else $XEPL_PASSWORD, else a prompt
without echo; it is never a flag. The current session, if any, is closed
once the new one is up.`,
			run: runConnect,
		},
		&command{
			names: []string{"reconnect"},
			group: groupConnection,
			help: `Connect again as the last connect did.
Useful after the server dropped the stream, or to log in again after
registering an account (a stream cannot log in once it has been used
unauthenticated).`,
			run: func(sh *Shell, ctx context.Context, args []string) error {
				if sh.last == nil {
					return errors.New("nothing to reconnect to: use connect first")
				}
				return sh.connectWith(ctx, *sh.last, sh.password)
			},
		},
		&command{
			names: []string{"disconnect", "close"},
			group: groupConnection,
			help:  "Close the stream politely (</stream:stream>) and stay in the shell.",
			run: func(sh *Shell, ctx context.Context, args []string) error {
				if sh.live() == nil {
					return errors.New("not connected")
				}
				sh.disconnect()
				sh.out.say("disconnected")
				return nil
			},
		},
		&command{
			names: []string{"status"},
			group: groupConnection,
			help:  "Show the current session: address, TLS, SASL, JID and the stream features offered.",
			run: func(sh *Shell, ctx context.Context, args []string) error {
				s := sh.live()
				if s == nil {
					sh.out.say("not connected")
					return nil
				}
				sh.out.text(summary(s.Info()))
				return nil
			},
		},
		&command{
			names: []string{"verbose"},
			group: groupConnection,
			usage: "[on|off]",
			help: `Show every stanza's XML (on, the default), or one line per stanza (off).
Off, the shell still prints what each stanza is, the round-trip times,
the notes on namespaces and errors, command notes, forms and tables: a
quieter view for long sessions and for scripts whose output is kept.`,
			run: func(sh *Shell, ctx context.Context, args []string) error {
				switch {
				case len(args) == 0:
				case args[0] == "on":
					sh.out.terse.Store(false)
				case args[0] == "off":
					sh.out.terse.Store(true)
				default:
					return fmt.Errorf("verbose takes on or off, not %q", args[0])
				}
				state := "on"
				if sh.out.terse.Load() {
					state = "off"
				}
				sh.out.say("verbose %s", state)
				return nil
			},
		},
		&command{
			names: []string{"wire"},
			group: groupConnection,
			usage: "[on|off]",
			help: `Show or hide the raw stream, both ways, with timestamps.
C: is what xepl sends, S: what the server sends. Secrets (SASL payloads,
passwords, private form fields) are masked in both directions. --wire turns
it on from the first byte of the connection.`,
			run: runWire,
		},
	)
}

func runConnect(sh *Shell, ctx context.Context, args []string) error {
	opts := ConnectOptions{}
	fs := flag.NewFlagSet("connect", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	opts.AddFlags(fs)
	rest, err := parseInterleaved(fs, args)
	if err != nil {
		return fmt.Errorf("connect: %v (help connect)", err)
	}
	if len(rest) > 0 && opts.JID == "" {
		opts.JID, rest = rest[0], rest[1:]
	}
	if len(rest) > 0 {
		return fmt.Errorf("connect: unexpected %q (help connect)", strings.Join(rest, " "))
	}
	return sh.connect(ctx, opts)
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

func runWire(sh *Shell, ctx context.Context, args []string) error {
	switch {
	case len(args) == 0:
	case args[0] == "on":
		sh.out.wire.Store(true)
	case args[0] == "off":
		sh.out.wire.Store(false)
	default:
		return fmt.Errorf("wire takes on or off, not %q", args[0])
	}
	state := "off"
	if sh.out.wire.Load() {
		state = "on"
	}
	sh.out.say("wire log %s", state)
	return nil
}
