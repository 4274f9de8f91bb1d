//go:build linux || darwin || freebsd || openbsd || netbsd || dragonfly

package repl

import "golang.org/x/sys/unix"

// quietTerminal turns the terminal's own echo off while no prompt is
// shown, and returns what gives the terminal back as it was. Between
// two prompts the line editor is not reading, so the terminal driver
// would echo what the user types ahead (a line holding a password, while
// a connect still runs) in clear; with its echo off, that line is shown
// only when the line editor reads it, painted like any typed line. The
// line editor saves and restores this state around each line it reads.
// Ctrl-C still interrupts: only ECHO is cleared.
func quietTerminal(fd int) (restore func()) {
	saved, err := unix.IoctlGetTermios(fd, getTermios)
	if err != nil {
		return func() {}
	}
	quiet := *saved
	quiet.Lflag &^= unix.ECHO
	if unix.IoctlSetTermios(fd, setTermios, &quiet) != nil {
		return func() {}
	}
	return func() { unix.IoctlSetTermios(fd, setTermios, saved) }
}
