//go:build linux

package main

import (
	"net"
	"strings"
	"testing"
)

// TestPasswordAskedOnlyForAServer: on a terminal, connect asks for the
// password only once the server answers; an address where nothing
// listens fails first, without asking.
func TestPasswordAskedOnlyForAServer(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	dead := ln.Addr().String()
	ln.Close() // nothing listens there now
	x := startXepl(t, true, "--timeout", "3s")
	x.expect(t, `xepl> `)
	x.typeLine("connect --server " + dead + " someone@localhost")
	x.expect(t, `cannot connect`)
	x.expect(t, `xepl> `)
	x.typeLine("quit")
	x.cmd.Wait()
	if out := x.output(); strings.Contains(out, "password for") {
		t.Errorf("the password was asked for a server that is not there:\n%s", ansi.ReplaceAllString(out, ""))
	}
}
