// Command xepl is an XMPP protocol explorer and stanza shell.
//
// Run without arguments it opens the shell offline; with --jid it connects
// first. When stdin is not a terminal, or with -f FILE, it runs the same
// commands as a script and exits 1 if one failed.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"github.com/chzyer/readline"

	"xepl/repl"
)

func main() {
	os.Exit(run())
}

func run() int {
	var (
		cfg     repl.Config
		script  string
		noColor bool
	)
	fs := flag.NewFlagSet("xepl", flag.ContinueOnError)
	fs.Usage = func() { usage(fs) }
	cfg.Connect.AddFlags(fs)
	fs.DurationVar(&cfg.Timeout, "timeout", repl.DefaultTimeout, "how long to wait for a reply, and to connect")
	fs.BoolVar(&cfg.Wire, "wire", false, "show the raw stream both ways from the first byte, secrets masked")
	fs.BoolVar(&noColor, "no-color", false, "no syntax highlighting (also when NO_COLOR is set or output is not a terminal)")
	fs.StringVar(&script, "f", "", "run the commands in `FILE` as a script")
	fs.StringVar(&cfg.Local, "local", "", "start a throwaway `SERVER` (prosody or ejabberd, installed) on loopback and log in as its admin")
	if err := fs.Parse(os.Args[1:]); err != nil {
		if err == flag.ErrHelp {
			return 0
		}
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(os.Stderr, "xepl: unexpected argument %q (flags only; see xepl -h)\n", fs.Arg(0))
		return 2
	}

	cfg.Stdout, cfg.Stderr, cfg.Getenv = os.Stdout, os.Stderr, os.Getenv
	stdinTTY := readline.IsTerminal(int(os.Stdin.Fd()))
	stdoutTTY := readline.IsTerminal(int(os.Stdout.Fd()))
	cfg.Colour = stdoutTTY && !noColor
	switch {
	case script != "":
		f, err := os.Open(script)
		if err != nil {
			fmt.Fprintln(os.Stderr, "xepl:", err)
			return 2
		}
		defer f.Close()
		cfg.Input = f
	case stdinTTY && stdoutTTY:
		cfg.Interactive = true
		cfg.HistoryFile = repl.DefaultHistoryFile(os.Getenv)
	default:
		cfg.Input = os.Stdin
	}
	if !cfg.Interactive {
		cfg.Colour = false
	}

	// On a terminal, SIGTERM and SIGHUP are the line editor's to handle
	// (it restores the terminal); in a script they end the run.
	ctx := context.Background()
	if !cfg.Interactive {
		var stop context.CancelFunc
		ctx, stop = signal.NotifyContext(ctx, syscall.SIGTERM)
		defer stop()
	}
	return repl.Run(ctx, cfg)
}

func usage(fs *flag.FlagSet) {
	w := fs.Output()
	fmt.Fprint(w, `usage: xepl [flags]

xepl is an XMPP protocol explorer: a shell to send stanzas to a server and
read its replies. Without --jid it starts offline (type help).

  xepl --jid user@example.org                      log in (password asked)
  xepl --jid example.org --register                a stream to register an account
  xepl --jid me@localhost --server 127.0.0.1:5222  skip DNS
  xepl -f script.xepl                              run commands from a file
  xepl --local ejabberd                            try it on a throwaway local server

The password comes from $XEPL_PASSWORD, --password-file, or a prompt.

flags:
`)
	fs.PrintDefaults()
}
