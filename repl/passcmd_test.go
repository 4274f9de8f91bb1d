package repl

import (
	"context"
	"strings"
	"testing"
)

// TestPasswordCommand: the first line of the output is the password; a
// command in the shell's syntax runs with sh -c, one without runs as it
// is (so a $ in it would stay literal only through the shell's rules);
// a failure says what the command wrote, made safe for the terminal.
func TestPasswordCommand(t *testing.T) {
	for _, tc := range []struct {
		command, password, err string
	}{
		{"echo s3cret", "s3cret", ""},
		{"printf 'one\\r\\ntwo\\n'", "one", ""},
		{"echo a | tr a b", "b", ""},
		{"true", "", "printed no password"},
		{"no-such-command-xepl", "", `password_command "no-such-command-xepl" failed: exec: "no-such-command-xepl": executable file not found`},
		{"echo 'locked \x1b[31m' >&2; exit 2", "", "failed: exit status 2; it said:\n    locked \\x1b[31m"},
		{"echo leaked; echo leaked >&2; exit 1", "", "it said:\n    " + "********"},
	} {
		p, err := runPasswordCommand(context.Background(), tc.command)
		if p != tc.password {
			t.Errorf("%q gives password %q, want %q", tc.command, p, tc.password)
		}
		switch {
		case tc.err == "" && err != nil:
			t.Errorf("%q: %v", tc.command, err)
		case tc.err != "" && (err == nil || !strings.Contains(err.Error(), tc.err)):
			t.Errorf("%q: error %v, want one saying %q", tc.command, err, tc.err)
		}
	}
}
