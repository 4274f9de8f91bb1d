package main

import (
	"slices"
	"strings"
	"testing"

	"xepl/repl"
)

// TestLocalFlag: --local takes its server's name with or without =, or
// none (the first installed); the flags after it are still read; xepl
// test's scripts stay arguments.
func TestLocalFlag(t *testing.T) {
	for _, tc := range []struct {
		args    []string
		testing bool
		local   string
		port    int
		wire    bool
		rest    []string
	}{
		{args: []string{"--local"}, local: repl.LocalAuto},
		{args: []string{"--local", "ejabberd"}, local: "ejabberd"},
		{args: []string{"--local=prosody-minimal"}, local: "prosody-minimal"},
		{args: []string{"--local", "prosody", "--wire"}, local: "prosody", wire: true},
		{args: []string{"--local", "--wire"}, local: repl.LocalAuto, wire: true},
		{args: []string{"--local", "--local-port", "5222"}, local: repl.LocalAuto, port: 5222},
		{args: []string{"--local", "ejabberd", "examples/"}, testing: true, local: "ejabberd", rest: []string{"examples/"}},
		{args: []string{"--local", "examples/"}, testing: true, local: repl.LocalAuto, rest: []string{"examples/"}},
		{args: []string{"examples/", "--local", "prosody"}, testing: true, local: "prosody", rest: []string{"examples/"}},
		{args: []string{"--local", "bob@localhost"}, local: repl.LocalAuto, rest: []string{"bob@localhost"}},
	} {
		var opts repl.Options
		fs := opts.FlagSet()
		rest, err := parseFlags(&opts, fs, tc.args, tc.testing)
		if err != nil {
			t.Errorf("%q: %v", tc.args, err)
			continue
		}
		if opts.Local != tc.local || opts.LocalPort != tc.port || opts.Wire != tc.wire || !slices.Equal(rest, tc.rest) {
			t.Errorf("%q: local %q, port %d, wire %v, rest %q; want %q, %d, %v, %q",
				tc.args, opts.Local, opts.LocalPort, opts.Wire, rest, tc.local, tc.port, tc.wire, tc.rest)
		}
	}
}

// TestLocalFlagErrors: what --local and --local-port refuse.
func TestLocalFlagErrors(t *testing.T) {
	for _, tc := range []struct {
		args   []string
		stderr string
	}{
		{[]string{"--local-port", "5222"}, "--local-port goes with --local"},
		{[]string{"--local", "--local-port", "70000"}, "--local-port takes a TCP port (1-65535), not 70000"},
		{[]string{"--local=openfire"}, `--local takes prosody, ejabberd or prosody-minimal, not "openfire"`},
	} {
		status, _, stderr := runXepl(t, "quit\n", tc.args...)
		if status != 2 || !strings.Contains(stderr, tc.stderr) {
			t.Errorf("%q: status %d, stderr %q; want 2 and %q", tc.args, status, stderr, tc.stderr)
		}
	}
}
