//go:build linux

package main

import (
	"encoding/xml"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"xepl/internal/localserver"
	"xepl/internal/servertest"
)

// examples are the scripts under examples/ that pass on any server, as
// xepl test runs them as the server's admin.
var examples = []string{"account-lifecycle", "admin-adds-user", "two-users-message", "muc-groupchat"}

// asAdmin returns the flags that log in as srv's admin.
func asAdmin(t *testing.T, srv *localserver.Server) []string {
	pw := filepath.Join(t.TempDir(), "admin-password")
	if err := os.WriteFile(pw, []byte(srv.AdminPassword+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	return []string{"--jid", srv.AdminJID, "--server", srv.Addr(), "--ca-file", srv.CertFile, "--password-file", pw}
}

// TestExamples runs the example scripts with xepl test on both servers:
// they pass, the JUnit file counts them, the one meant to fail fails
// with its FILE:LINE and the stanza that came, and no password shows.
func TestExamples(t *testing.T) {
	servertest.Each(t, func(t *testing.T, srv *localserver.Server) {
		junit := filepath.Join(t.TempDir(), "examples.xml")
		args := append([]string{"test", "--junit", junit}, asAdmin(t, srv)...)
		for _, e := range examples {
			args = append(args, filepath.Join("..", "..", "examples", e+".xepl"))
		}
		status, stdout, stderr := runXepl(t, "", args...)
		if status != 0 {
			t.Errorf("xepl test: exit status %d\n%s%s", status, stdout, stderr)
		}
		if want := "4 passed, 0 failed"; !strings.Contains(stdout, want) {
			t.Errorf("the summary is not %q:\n%s", want, stdout)
		}
		b, err := os.ReadFile(junit)
		if err != nil {
			t.Fatal(err)
		}
		var suites struct {
			Suite struct {
				Tests    int `xml:"tests,attr"`
				Failures int `xml:"failures,attr"`
				Cases    []struct {
					Name string `xml:"name,attr"`
				} `xml:"testcase"`
			} `xml:"testsuite"`
		}
		if err := xml.Unmarshal(b, &suites); err != nil {
			t.Fatalf("the JUnit file does not parse: %v", err)
		}
		if suites.Suite.Tests != len(examples) || suites.Suite.Failures != 0 || len(suites.Suite.Cases) != len(examples) {
			t.Errorf("JUnit counts %+v, want %d tests and no failure", suites.Suite, len(examples))
		}
		if strings.Contains(stdout+stderr+string(b), srv.AdminPassword) {
			t.Error("the admin's password shows in the output or the JUnit file")
		}

		fail := filepath.Join("..", "..", "examples", "expected-to-fail.xepl")
		status, stdout, _ = runXepl(t, "", append(append([]string{"test"}, asAdmin(t, srv)...), fail)...)
		if status != 1 {
			t.Errorf("the failing example: exit status %d, want 1", status)
		}
		for _, want := range []string{"FAIL " + fail + ":4 expect xpath //name = NoSuchServer: not met", "<name>", "0 passed, 1 failed"} {
			if !strings.Contains(stdout, want) {
				t.Errorf("the failing example's output lacks %q:\n%s", want, stdout)
			}
		}
	})
}

// TestCompareExample compares Prosody and ejabberd with the example
// script, the servers given with -v.
func TestCompareExample(t *testing.T) {
	p := servertest.Shared(t, localserver.Prosody)
	e := servertest.Shared(t, localserver.Ejabberd)
	args := []string{"test"}
	for name, srv := range map[string]*localserver.Server{"a": p, "b": e} {
		args = append(args, "-v", name+"_jid="+srv.AdminJID, "-v", name+"_password="+srv.AdminPassword,
			"-v", name+"_server="+srv.Addr(), "-v", name+"_ca="+srv.CertFile)
	}
	args = append(args, filepath.Join("..", "..", "examples", "compare-servers.xepl"))
	status, stdout, stderr := runXepl(t, "", args...)
	if status != 0 || !strings.Contains(stdout, "1 passed, 0 failed") {
		t.Errorf("exit status %d\n%s%s", status, stdout, stderr)
	}
	for _, pw := range []string{p.AdminPassword, e.AdminPassword} {
		if strings.Contains(stdout+stderr, pw) {
			t.Error("an admin's password shows in the output")
		}
	}
}

// TestAsOnCommandLine: --as names the first session, the one the
// command line opens.
func TestAsOnCommandLine(t *testing.T) {
	srv := servertest.Shared(t, localserver.Prosody)
	status, stdout, stderr := runXepl(t, "sessions\n", append([]string{"--as", "boss"}, asAdmin(t, srv)...)...)
	if status != 0 || !strings.Contains(stdout, "* boss  "+srv.AdminJID+"/") {
		t.Errorf("exit status %d; sessions does not list boss as the current session:\n%s%s", status, stdout, stderr)
	}
}

// TestAccountNewAsksNothing: on a terminal, account new makes the
// account with the admin's command without asking the form's questions.
func TestAccountNewAsksNothing(t *testing.T) {
	srv := servertest.Shared(t, localserver.Prosody)
	x := startXepl(t, true, asAdmin(t, srv)...)
	x.expect(t, `admin@localhost> `)
	x.typeLine("account new al")
	x.expect(t, `session al `)
	x.typeLine("quit")
	x.cmd.Wait()
	if out := x.output(); strings.Contains(out, "action [") {
		t.Errorf("account new asked a question:\n%s", ansi.ReplaceAllString(out, ""))
	}
}
