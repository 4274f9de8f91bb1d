package repl

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"xepl/internal/render"
)

// flagDef is one command-line flag. flagTable is the one definition of
// xepl's flags: the flag sets of the command line and of the connect
// command, xepl -h, help connect and the README's flag table are all
// made from it.
type flagDef struct {
	name    string  // without dashes
	short   string  // a one-letter alias (-a for --account), or ""
	value   string  // what its value is called in help (JID, FILE); "" for a switch
	kind    argKind // what its value is, for completion
	connect bool    // a connection flag: the connect command takes it too
	group   string  // where xepl -h lists it: one of flagGroups
	help    string  // what it does; `code` is written as in Markdown
}

// The groups of xepl -h, in its order.
const (
	flagsConnection   = "connection"
	flagsLocalServers = "local servers"
	flagsOutput       = "output"
	flagsScripts      = "scripts and tests"
	flagsOther        = "other"
)

var flagGroups = []string{flagsConnection, flagsLocalServers, flagsOutput, flagsScripts, flagsOther}

var flagTable = []flagDef{
	{name: "account", group: flagsConnection, short: "a", value: "NAME", kind: argAccount, connect: true,
		help: "connect as the account NAME of the configuration file (see `accounts`); the flags given beside it override its values"},
	{name: "jid", group: flagsConnection, value: "JID", kind: argJID, connect: true,
		help: "the account to log in as (`user@domain`, optionally `/resource`); with `--register`, the domain (a bare domain is a JID) or `user@domain`"},
	{name: "server", group: flagsConnection, value: "HOST[:PORT]", kind: argText, connect: true,
		help: "connect there instead of looking up the domain's SRV records (`_xmpp-client._tcp`, or `_xmpps-client._tcp` with `--direct-tls`) and falling back to the domain on port 5222 (5223)"},
	{name: "direct-tls", group: flagsConnection, connect: true,
		help: "TLS from the first byte (XEP-0368) instead of STARTTLS"},
	{name: "insecure", group: flagsConnection, connect: true,
		help: "do not verify the server's certificate; the prompt says `[insecure]`"},
	{name: "ca-file", group: flagsConnection, value: "FILE", kind: argFile, connect: true,
		help: "trust the CA certificates in this PEM file instead of the system's"},
	{name: "sasl", group: flagsConnection, value: "MECHANISM", kind: argText, connect: true,
		help: "use only this SASL mechanism; by default the best offered of SCRAM-SHA-512, SCRAM-SHA-256, SCRAM-SHA-1 and PLAIN (PLAIN only ever over TLS)"},
	{name: "register", group: flagsConnection, connect: true,
		help: "open a TLS stream without logging in, for in-band registration (XEP-0077)"},
	{name: "password-file", group: flagsConnection, value: "FILE", kind: argFile, connect: true,
		help: "read the password from the first line of FILE"},
	{name: "password-var", group: flagsScripts, value: "NAME", kind: argText, connect: true,
		help: "take the password from the script variable NAME (`let NAME = ...`, `-v NAME=...`)"},
	{name: "as", group: flagsConnection, value: "NAME", kind: argText, connect: true,
		help: "name the session (`use NAME`, `@NAME COMMAND`); a new name opens a session beside the others, an open one's name replaces it; by default a connect replaces the current session and is named after its account (`connect NAME`), else the JID's local part (the domain for `--register`)"},
	{name: "presence", group: flagsConnection, connect: true,
		help: "send initial presence (`presence.available`) right after login, so that messages to the bare JID arrive"},
	{name: "config", group: flagsConnection, value: "FILE", kind: argFile,
		help: "read accounts and defaults from FILE instead of `$XEPL_CONFIG` or `$XDG_CONFIG_HOME/xepl/config.toml` (`~/.config/xepl/config.toml`)"},
	{name: "timeout", group: flagsConnection, value: "DURATION", kind: argDuration,
		help: "how long to wait for a reply and to connect (default `15s`)"},
	{name: "wire", group: flagsOutput,
		help: "show the raw stream in both directions from the first byte, with timestamps, secrets masked"},
	{name: "record", group: flagsOutput, value: "FILE.md", kind: argFile,
		help: "record the whole run as a Markdown transcript (see `help record`)"},
	{name: "log", group: flagsOutput, value: "FILE", kind: argFile,
		help: "write a plain, timestamped log of everything shown to FILE while the shell stays interactive (`xepl | tee` would make it a script)"},
	{name: "theme", group: flagsOutput, value: "THEME", kind: argTheme,
		help: "`light` or `dark`: colours for a light or a dark terminal background; without it, colours meant for either"},
	{name: "no-color", group: flagsOutput,
		help: "plain output (also when `NO_COLOR` is set or output is not a terminal)"},
	{name: "f", group: flagsScripts, value: "FILE", kind: argFile,
		help: "run the commands in FILE as a script"},
	{name: "local", group: flagsLocalServers, value: "[SERVER]", kind: argText,
		help: "start a throwaway `prosody`, `ejabberd` or `prosody-minimal` (a Prosody with the core protocol only; installed) on loopback for this session and log in as its admin; without SERVER, the first installed of Prosody (which runs as any user) and ejabberd (root only); it prints a command and a config entry for a second terminal"},
	{name: "local-port", group: flagsLocalServers, value: "PORT", kind: argText,
		help: "with `--local`: listen for STARTTLS on PORT (direct TLS on another, printed), so that what a second terminal uses holds from one run to the next"},
	{name: "v", group: flagsScripts, value: "NAME=VALUE", kind: argText,
		help: "set a script variable, `$NAME` (may be repeated; see `help let`)"},
	{name: "junit", group: flagsScripts, value: "FILE", kind: argFile,
		help: "with `xepl test`: also write the results to FILE as JUnit XML, for CI"},
	{name: "version", group: flagsOther,
		help: "print xepl's version and exit"},
}

// Options are what the command line says: the shell's Config, and what
// main does itself.
type Options struct {
	Config
	// Script is the file to run as a script (-f).
	Script string
	// NoColor turns highlighting off.
	NoColor bool
	// Version asks for the version only.
	Version bool
	// JUnit is where xepl test writes JUnit XML.
	JUnit string

	fs *flag.FlagSet // the flag set FlagSet made, for Check
}

// FlagSet returns xepl's flag set, writing into o; its usage is the flag
// table.
func (o *Options) FlagSet() *flag.FlagSet {
	o.Timeout = DefaultTimeout
	fs := flag.NewFlagSet("xepl", flag.ContinueOnError)
	targets := o.Connect.targets()
	for name, t := range map[string]any{
		"timeout": &o.Timeout, "wire": &o.Wire, "no-color": &o.NoColor,
		"f": &o.Script, "local": localFlag{&o.Local}, "version": &o.Version,
		"local-port": &o.LocalPort,
		"v":          varsFlag{&o.Vars}, "junit": &o.JUnit,
		"record": &o.Record, "log": &o.Log,
		"config": &o.ConfigFile, "theme": &o.Theme,
	} {
		targets[name] = t
	}
	define(fs, targets, func(flagDef) bool { return true })
	fs.Usage = func() { writeUsage(fs.Output()) }
	o.fs = fs
	return fs
}

// Check reports what is wrong with options the flags parsed but could
// not judge one by one, and notes which flags were given, so that they
// override an account's values (Config.Given).
func (o *Options) Check() error {
	if o.Timeout <= 0 {
		return fmt.Errorf("--timeout must be a positive duration such as 5s, not %v", o.Timeout)
	}
	if o.Theme != "" && !render.KnownTheme(o.Theme) {
		return fmt.Errorf("--theme takes %s, not %q", strings.Join(render.Themes(), " or "), o.Theme)
	}
	if o.LocalPort != 0 && o.Local == "" {
		return errors.New("--local-port goes with --local")
	}
	if o.LocalPort < 0 || o.LocalPort > 65535 {
		return fmt.Errorf("--local-port takes a TCP port (1-65535), not %d", o.LocalPort)
	}
	if o.fs != nil {
		o.Given = map[string]bool{}
		o.fs.Visit(func(f *flag.Flag) { o.Given[longName(f.Name)] = true })
	}
	return nil
}

// longName is the name of the flag that name is, or is the alias of.
func longName(name string) string {
	for _, d := range flagTable {
		if d.short == name {
			return d.name
		}
	}
	return name
}

// flagSet returns the connect command's flag set, writing into o.
func (o *ConnectOptions) flagSet() *flag.FlagSet {
	fs := flag.NewFlagSet("connect", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	define(fs, o.targets(), func(d flagDef) bool { return d.connect })
	return fs
}

// targets maps each connection flag to where its value goes.
func (o *ConnectOptions) targets() map[string]any {
	return map[string]any{
		"jid": &o.JID, "server": &o.Server, "direct-tls": &o.DirectTLS,
		"insecure": &o.Insecure, "ca-file": &o.CAFile, "sasl": &o.SASL,
		"register": &o.Register, "password-file": &o.PasswordFile, "as": &o.As,
		"password-var": &o.PasswordVar, "account": &o.Account,
		"presence": &o.Presence,
	}
}

// define defines the flags of the table that keep says to keep, each
// writing into its target. A flag without a target is a bug that the
// tests catch at once.
func define(fs *flag.FlagSet, targets map[string]any, keep func(flagDef) bool) {
	for _, d := range flagTable {
		if !keep(d) {
			continue
		}
		help := plainText(d.help)
		for _, name := range []string{d.name, d.short} {
			if name == "" {
				continue
			}
			switch t := targets[d.name].(type) {
			case *string:
				fs.StringVar(t, name, *t, help)
			case *bool:
				fs.BoolVar(t, name, *t, help)
			case *time.Duration:
				fs.DurationVar(t, name, *t, help)
			case *int:
				fs.IntVar(t, name, *t, help)
			case flag.Value:
				fs.Var(t, name, help)
			default:
				panic(fmt.Sprintf("repl: flag --%s has no target", d.name))
			}
		}
	}
}

// flagName is how a flag is written: -f, --timeout.
func (d flagDef) flagName() string {
	if len(d.name) == 1 {
		return "-" + d.name
	}
	return "--" + d.name
}

// synopsis is the flag with its value: --jid JID, -a, --account NAME.
func (d flagDef) synopsis() string {
	name := d.flagName()
	if d.short != "" {
		name = "-" + d.short + ", " + name
	}
	return strings.TrimSpace(name + " " + d.value)
}

// plainText drops the Markdown code marks of a help text.
func plainText(s string) string { return strings.ReplaceAll(s, "`", "") }

// writeFlags writes the flags that keep keeps as an aligned list, the
// texts wrapped to fit 80 columns.
func writeFlags(w io.Writer, keep func(flagDef) bool) {
	writeFlagRows(w, flagColumn(keep), keep)
}

// flagColumn is how wide the synopses of the flags that keep keeps are.
func flagColumn(keep func(flagDef) bool) int {
	width := 0
	for _, d := range flagTable {
		if keep(d) {
			width = max(width, len(d.synopsis()))
		}
	}
	return width
}

// writeFlagRows writes the flags that keep keeps, their synopses width
// wide: the groups of xepl -h share one column.
func writeFlagRows(w io.Writer, width int, keep func(flagDef) bool) {
	indent := strings.Repeat(" ", width+4)
	for _, d := range flagTable {
		if !keep(d) {
			continue
		}
		lines := strings.Split(fitWidth(plainText(d.help), 80-len(indent)), "\n")
		fmt.Fprintf(w, "  %-*s  %s\n", width, d.synopsis(), lines[0])
		for _, l := range lines[1:] {
			fmt.Fprintf(w, "%s%s\n", indent, strings.TrimLeft(l, " "))
		}
	}
}

// writeFlagGroups writes every flag under the heading of its group.
func writeFlagGroups(w io.Writer) {
	width := flagColumn(func(flagDef) bool { return true })
	for i, g := range flagGroups {
		if i > 0 {
			fmt.Fprintln(w)
		}
		fmt.Fprintf(w, "%s\n", strings.ToUpper(g))
		writeFlagRows(w, width, func(d flagDef) bool { return d.group == g })
	}
}

// Usage writes xepl -h to w.
func Usage(w io.Writer) { writeUsage(w) }

// writeUsage is xepl -h.
func writeUsage(w io.Writer) {
	fmt.Fprint(w, `usage: xepl [flags]
       xepl test [flags] FILE|DIR...
       xepl completion bash|zsh|fish

xepl is an XMPP protocol explorer: a shell to send stanzas to a server and
read its replies. Without --jid it starts offline (type help).

  xepl --jid user@example.org              log in (the password is asked)
  xepl --jid example.org --register        a stream to register an account
  xepl --jid me@localhost --server 127.0.0.1:5222
                                           the same, without DNS
  xepl -a work                             the account work of config.toml
  xepl -f script.xepl                      run commands from a file
  xepl --local                             try it on a throwaway server
  xepl test --local prosody examples/      scripts as tests (FAIL: exit 1)

The password comes from --password-file, an account's password_file or
password_command, $XEPL_PASSWORD, or a prompt.

`)
	writeFlagGroups(w)
	fmt.Fprint(w, `
ENVIRONMENT
  XEPL_PASSWORD    the password, when no --password-file is given
  XEPL_CONFIG      the configuration file, when no --config is given
  XDG_CONFIG_HOME  where config.toml is (xepl/config.toml; else ~/.config)
  XDG_STATE_HOME   where the history is kept (xepl/history; else ~/.local/state)
  XDG_CACHE_HOME   where xep update keeps the XEP list (else ~/.cache)
  VISUAL, EDITOR   the editor of the edit command
  NO_COLOR         plain output, without highlighting

EXIT STATUS
  0       every command (or test) passed
  1       a command or a test failed
  2       a usage error, or a server that could not start
  128+N   stopped by signal N (130 for Ctrl-C in a script, 143 for SIGTERM)
`)
}

// connectHelp is the help of the connect command: its flags are the
// connection flags of the command line.
func connectHelp() string {
	var b strings.Builder
	b.WriteString(`Connect to a server and log in, or open a stream to register.
The JID may be given as the last word or with --jid. Flags:
`)
	writeFlags(&b, func(d flagDef) bool { return d.connect && d.name != "jid" })
	b.WriteString(`The password comes from --password-file, else $XEPL_PASSWORD, else a prompt
without echo; it is never a flag. Without --as, the current session, if
any, is closed once the new one is up; --as NAME opens one beside it.
A connect says how the stream is secured and who it is in two lines;
status lists the stream features the server offered.`)
	return b.String()
}

// LocalAuto is --local without a server's name: the first one installed
// (localserver.Preferred).
const LocalAuto = "auto"

// localFlag is --local, whose value may be left out: the flag package
// takes it as a switch (IsBoolFlag), so --local alone is LocalAuto and
// --local=ejabberd names the server; --local ejabberd, with a space, is
// claimed back from the arguments by ClaimLocalServer.
type localFlag struct{ kind *string }

func (f localFlag) String() string {
	if f.kind == nil {
		return ""
	}
	return *f.kind
}

func (f localFlag) Set(s string) error {
	switch s {
	case "true":
		*f.kind = LocalAuto
	case "false":
		*f.kind = ""
	default:
		*f.kind = s
	}
	return nil
}

func (localFlag) IsBoolFlag() bool { return true }

// ClaimLocalServer takes arg as the value of a --local given without
// one, when arg names a server (--local ejabberd): it reports whether it
// did, and then arg is not an argument.
func (o *Options) ClaimLocalServer(arg string) bool {
	if o.Local != LocalAuto || (arg != LocalAuto && !slices.Contains(localKindNames(), strings.ToLower(arg))) {
		return false
	}
	o.Local = arg
	return true
}

// varsFlag is -v NAME=VALUE, which may be given any number of times.
type varsFlag struct{ vars *map[string]string }

func (f varsFlag) String() string { return "" }

func (f varsFlag) Set(s string) error {
	name, value, ok := strings.Cut(s, "=")
	if !ok || !varNameOK(name) {
		return fmt.Errorf("want NAME=VALUE (NAME: letters, digits, _), not %q", s)
	}
	if *f.vars == nil {
		*f.vars = map[string]string{}
	}
	(*f.vars)[name] = value
	return nil
}
