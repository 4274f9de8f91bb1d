package repl

import (
	"io"
	"time"

	"xepl/internal/localserver"
)

// DefaultTimeout is how long the shell waits for a reply.
const DefaultTimeout = 15 * time.Second

// Config is everything the shell needs from the command line and the
// environment. cmd/xepl fills it from flags; tests fill it directly.
type Config struct {
	// Connect says where to connect at start; an empty JID starts offline.
	Connect ConnectOptions
	// accountMade, when set (by tests), hears of every throwaway account
	// account new makes, with its password, to check that the password
	// shows nowhere. A field, not a package variable, so that tests
	// running shells side by side each hear of their own.
	accountMade func(jid, password string)
	// Shared is a throwaway server already running that the shell uses as
	// if --local had started it, without stopping it at the end: xepl
	// test starts one for all its scripts.
	Shared *localserver.Server
	// Local starts a throwaway server ("prosody" or "ejabberd") on
	// loopback for the session and connects to it as its admin.
	Local string
	// LocalPort pins the throwaway server's STARTTLS port (0: a free one).
	LocalPort int
	// Timeout bounds every wait for a reply, and connecting.
	Timeout time.Duration
	// Wire shows the raw stream in both directions from the start.
	Wire bool
	// Record is a Markdown file to record the whole run in (--record);
	// Log a plain log file of everything shown (--log).
	Record, Log string
	// Colour allows syntax highlighting (on a terminal, without NO_COLOR).
	Colour bool
	// Interactive runs the readline front end: prompts, history, no-echo
	// password prompts, Ctrl-C to stop a wait. Otherwise lines are read
	// from Input, output is plain, and the first failing command stops the
	// run.
	Interactive bool
	// Input is where script lines come from when not Interactive.
	Input io.Reader
	// ScriptName names Input in the FILE:LINE of a script's errors;
	// "stdin" when empty.
	ScriptName string
	// Stdout and Stderr receive the output; errors go to Stderr in scripts.
	Stdout, Stderr io.Writer
	// HistoryFile is where the interactive shell keeps its history; empty
	// means none.
	HistoryFile string
	// XEPList is where xep update keeps the XSF's list of XEPs, and
	// where the shell looks for one newer than its built-in snapshot
	// (DefaultXEPListFile); empty means the snapshot only.
	XEPList string
	// XEPListURL is where xep update fetches the list; empty means
	// xeps.ListURL.
	XEPListURL string
	// Vars are the variables set with -v NAME=VALUE.
	Vars map[string]string
	// Getenv reads the environment (XEPL_PASSWORD, NO_COLOR, TERM...).
	Getenv func(string) string
	// ConfigFile is the configuration file of accounts and defaults
	// (ConfigPath says which); "" reads none. ConfigRequired makes a
	// missing one an error: one the user named must be there.
	ConfigFile     string
	ConfigRequired bool
	// Theme is --theme: "light", "dark", or "" for colours meant for
	// either background.
	Theme string
	// Given names the flags given on the command line (by their long
	// names): they override the values of an account (Connect.Account)
	// and of the configuration file's defaults.
	Given map[string]bool
}

// ConnectOptions are the connection flags (see flagTable), shared by the
// command line and the shell's connect command so that both take the
// same path.
type ConnectOptions struct {
	JID          string
	Server       string
	DirectTLS    bool
	Insecure     bool
	CAFile       string
	SASL         string
	Register     bool
	PasswordFile string
	// As names the session (see sessions.go); empty for the default.
	As string
	// PasswordVar names the script variable that holds the password.
	PasswordVar string
	// Account names the account of the configuration file to use
	// (-a NAME, connect NAME); the other fields override its values
	// where they were given.
	Account string
	// Presence sends initial presence right after login.
	Presence bool
	// PasswordCommand is an account's password_command: no flag sets it,
	// so that no command line holds a way to a password an onlooker could
	// rerun.
	PasswordCommand string
}

func (c Config) timeout() time.Duration {
	if c.Timeout <= 0 {
		return DefaultTimeout
	}
	return c.Timeout
}
