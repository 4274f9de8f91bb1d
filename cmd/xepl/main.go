// Command xepl is an XMPP protocol explorer and stanza shell.
//
// Run without arguments it opens the shell offline; with --jid it connects
// first. When stdin is not a terminal, or with -f FILE, it runs the same
// commands as a script and exits 1 if one failed. The flags are defined
// once, in repl's flag table; main only wires the terminal to the shell.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"runtime/debug"
	"strings"

	"github.com/chzyer/readline"

	"xepl/repl"
)

func main() {
	tuneGC()
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// run is xepl with its arguments and standard files, and returns the exit
// status: 0, 1 when a script's command failed, 2 for a usage error.
func run(args []string, stdin, stdout, stderr *os.File) int {
	if len(args) > 0 && args[0] == "completion" {
		if len(args) != 2 {
			fmt.Fprintf(stderr, "xepl: usage: xepl completion %s\n", strings.Join(repl.CompletionShells, "|"))
			return 2
		}
		if err := repl.WriteCompletion(stdout, args[1]); err != nil {
			fmt.Fprintln(stderr, "xepl:", err)
			return 2
		}
		return 0
	}
	var opts repl.Options
	fs := opts.FlagSet()
	fs.SetOutput(stderr) // the flag package's own errors
	fs.Usage = func() {} // -h is written below, to stdout; an error says where to look
	testing := len(args) > 0 && args[0] == "test"
	if testing {
		args = args[1:]
	}
	paths, err := parseFlags(fs, args, testing)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			repl.Usage(stdout)
			return 0
		}
		fmt.Fprintln(stderr, "xepl: see xepl -h for the flags")
		return 2
	}
	if err := opts.Check(); err != nil {
		fmt.Fprintln(stderr, "xepl:", err)
		return 2
	}
	if testing {
		cfg := opts.Config
		cfg.Stdout, cfg.Stderr, cfg.Getenv = stdout, stderr, os.Getenv
		return repl.RunTests(context.Background(), cfg, paths, opts.JUnit)
	}
	if opts.JUnit != "" {
		fmt.Fprintln(stderr, "xepl: --junit goes with xepl test")
		return 2
	}
	if len(paths) > 0 {
		fmt.Fprintf(stderr, "xepl: unexpected argument %q (flags only; see xepl -h)\n", paths[0])
		return 2
	}
	if opts.Version {
		fmt.Fprintln(stdout, version())
		return 0
	}

	cfg := opts.Config
	cfg.Stdout, cfg.Stderr, cfg.Getenv = stdout, stderr, os.Getenv
	cfg.XEPList = repl.DefaultXEPListFile(os.Getenv)
	cfg.ConfigFile, cfg.ConfigRequired = repl.ConfigPath(opts.ConfigFile, os.Getenv)
	stdinTTY := readline.IsTerminal(int(stdin.Fd()))
	stdoutTTY := readline.IsTerminal(int(stdout.Fd()))
	switch {
	case opts.Script != "":
		f, err := os.Open(opts.Script)
		if err != nil {
			fmt.Fprintln(stderr, "xepl:", err)
			return 2
		}
		defer f.Close()
		cfg.Input, cfg.ScriptName = f, opts.Script
	case stdinTTY && stdoutTTY:
		cfg.Interactive = true
		cfg.HistoryFile = repl.DefaultHistoryFile(os.Getenv)
	default:
		cfg.Input = stdin
		if stdinTTY {
			// xepl | tee: typed lines, but no terminal to prompt on.
			fmt.Fprintln(stderr, "xepl: the output is not a terminal, so the lines typed run as a script (no prompt; the first error ends it); to keep a log of an interactive session, use --log FILE")
		}
	}
	cfg.Colour = cfg.Interactive && !opts.NoColor

	return repl.Run(context.Background(), cfg)
}

// parseFlags parses the command line; xepl test takes scripts among its
// flags, which may come before or after them. It returns the arguments
// that are not flags.
func parseFlags(fs *flag.FlagSet, args []string, testing bool) ([]string, error) {
	var rest []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		if fs.NArg() == 0 || !testing {
			return append(rest, fs.Args()...), nil
		}
		rest = append(rest, fs.Arg(0))
		args = fs.Args()[1:]
	}
}

// version says which xepl this is, from what the Go toolchain recorded
// in the binary: the module version, or the commit it was built from.
func version() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "xepl (no build information)"
	}
	v := info.Main.Version
	var rev, modified string
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			if s.Value == "true" {
				modified = ", with uncommitted changes"
			}
		}
	}
	s := "xepl " + v
	if rev != "" {
		if len(rev) > 12 {
			rev = rev[:12]
		}
		s += " (commit " + rev + modified + ")"
	}
	return s + ", " + info.GoVersion
}
