package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// runXepl runs xepl's main with args and stdin, as the binary would, and
// returns its exit status and what it wrote to stdout and stderr.
func runXepl(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	dir := t.TempDir()
	in := filepath.Join(dir, "stdin")
	if err := os.WriteFile(in, []byte(stdin), 0o600); err != nil {
		t.Fatal(err)
	}
	files := map[string]*os.File{}
	for _, name := range []string{"stdin", "stdout", "stderr"} {
		f, err := os.OpenFile(filepath.Join(dir, name), os.O_RDWR|os.O_CREATE, 0o600)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		files[name] = f
	}
	status := run(args, files["stdin"], files["stdout"], files["stderr"])
	read := func(name string) string {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	return status, read("stdout"), read("stderr")
}

func TestRun(t *testing.T) {
	script := filepath.Join(t.TempDir(), "bad.xepl")
	if err := os.WriteFile(script, []byte("help\nfrobnicate\nhelp\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		stdin  string
		args   []string
		status int
		stdout string // a part of what it prints
		stderr string
	}{
		{name: "help flag", args: []string{"-h"}, status: 0, stdout: "usage: xepl [flags]"},
		{name: "help lists every flag", args: []string{"-h"}, status: 0, stdout: "--password-file FILE"},
		{name: "help names the environment and the exit status", args: []string{"--help"}, status: 0, stdout: "XEPL_PASSWORD    the password"},
		{name: "help for xepl test", args: []string{"test", "-h"}, status: 0, stdout: "xepl test [flags] FILE|DIR..."},
		{name: "unknown flag", args: []string{"--bogus"}, status: 2, stderr: "flag provided but not defined: -bogus"},
		{name: "stray argument", args: []string{"user@example.org"}, status: 2, stderr: `unexpected argument "user@example.org"`},
		{name: "version", args: []string{"--version"}, status: 0, stdout: "xepl "},
		{name: "script from stdin", stdin: "status\n", status: 0, stdout: "not connected"},
		{name: "failing piped script", stdin: "status\nfrobnicate\nstatus\n", status: 1, stderr: `stdin:2: error: unknown command: type help`},
		{name: "failing script file", args: []string{"-f", script}, status: 1, stderr: script + `:2: error: unknown command: type help`},
		{name: "input ends inside XML", stdin: "status\n<iq type='get'>\n  <query xmlns='jabber:iq:version'/>\n", status: 1,
			stderr: "stdin:2: error: the input ended inside the XML element that begins here; nothing was sent"},
		{name: "malformed XML located in the file", stdin: "# a comment\n<iq type='get'>\n<query xmlns='jabber:iq:version'>\n</iq>\n", status: 1,
			stderr: "stdin:4:1: error: not sent: </iq> does not close <query>"},
		{name: "missing script file", args: []string{"-f", script + ".missing"}, status: 2, stderr: "no such file"},
		{name: "zero timeout", args: []string{"--timeout", "0"}, status: 2, stderr: "--timeout must be a positive duration"},
		{name: "negative timeout", args: []string{"--timeout", "-1s"}, status: 2, stderr: "--timeout must be a positive duration"},
		{name: "bad timeout", args: []string{"--timeout", "soon"}, status: 2, stderr: "invalid value \"soon\" for flag -timeout"},
		{name: "variables from the command line", args: []string{"-v", "who=world", "-v", "n=2"}, stdin: "let greeting = hello $who, ${n} times\nvars\n",
			status: 0, stdout: "greeting = hello world, 2 times"},
		{name: "a bad variable flag", args: []string{"-v", "1x=2"}, status: 2, stderr: "want NAME=VALUE"},
		{name: "an unset variable", stdin: "let a = $nope\n", status: 1, stderr: "stdin:1: error: $nope is not set"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, stdout, stderr := runXepl(t, tt.stdin, tt.args...)
			if status != tt.status {
				t.Errorf("exit status %d, want %d\nstdout:\n%s\nstderr:\n%s", status, tt.status, stdout, stderr)
			}
			if !strings.Contains(stdout, tt.stdout) {
				t.Errorf("stdout lacks %q:\n%s", tt.stdout, stdout)
			}
			if !strings.Contains(stderr, tt.stderr) {
				t.Errorf("stderr lacks %q:\n%s", tt.stderr, stderr)
			}
		})
	}
}
