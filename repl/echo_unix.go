//go:build linux || darwin || freebsd || openbsd || netbsd || dragonfly

package repl

import "golang.org/x/sys/unix"

// terminalEcho returns what turns the terminal's own echo off while no
// prompt is shown, and what gives the terminal back its state as found.
// Between two prompts the line editor is not reading, so the terminal
// driver would echo what the user types ahead (a line holding a
// password, while a connect still runs) in clear; with its echo off, that
// line is shown only when the line editor reads it, painted like any
// typed line. Before each line the state as found is put back, so that
// the line editor saves and restores that one, and a signal that ends
// xepl while it reads leaves the terminal echoing. Ctrl-C still
// interrupts: only ECHO is cleared.
func terminalEcho(fd int) (quiet, loud func()) {
	saved, err := unix.IoctlGetTermios(fd, getTermios)
	if err != nil {
		return func() {}, func() {}
	}
	q := *saved
	q.Lflag &^= unix.ECHO
	return func() { unix.IoctlSetTermios(fd, setTermios, &q) },
		func() { unix.IoctlSetTermios(fd, setTermios, saved) }
}
