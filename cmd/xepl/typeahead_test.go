//go:build linux

package main

import (
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/sys/unix"
)

// TestTypeaheadNotEchoed: a line typed while a command still runs is not
// echoed by the terminal driver in clear; the line editor shows it once
// it reads it, with its secret painted over. Here the command is a
// connect to a server that never answers, and the line typed ahead holds
// a password.
func TestTypeaheadNotEchoed(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			defer c.Close() // silent: the connect waits for its timeout
		}
	}()
	pwFile := filepath.Join(t.TempDir(), "pw")
	if err := os.WriteFile(pwFile, []byte("unused\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	x := startXepl(t, true, "--timeout", "2s")
	x.expect(t, `xepl> `)
	x.typeLine("connect --server " + ln.Addr().String() + " --password-file " + pwFile + " a@localhost")
	x.expect(t, `a@localhost\r\n`) // Enter read: the connect runs
	pw := secret(t, "ahead")
	x.typeLine("admin.add-user jid=b@localhost password=" + pw)
	x.expect(t, `password=\*+`)
	x.typeLine("quit")
	x.cmd.Wait()
	x.checkEchoing(t, "quit")
	if out := x.output(); strings.Contains(out, pw) {
		t.Errorf("the password typed ahead reached the terminal in clear:\n%s", ansi.ReplaceAllString(out, ""))
	}
}

// checkEchoing fails unless xepl, gone after how, left its terminal
// echoing, as it found it (tcgetattr on the master side reads the
// terminal's settings).
func (x *xepl) checkEchoing(t *testing.T, how string) {
	t.Helper()
	tio, err := unix.IoctlGetTermios(int(x.in.(*os.File).Fd()), unix.TCGETS)
	if err != nil {
		t.Error(err)
	} else if tio.Lflag&unix.ECHO == 0 {
		t.Errorf("xepl ended by %s and left the terminal's echo off", how)
	}
}
