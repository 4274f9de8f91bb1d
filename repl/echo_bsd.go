//go:build darwin || freebsd || openbsd || netbsd || dragonfly

package repl

import "golang.org/x/sys/unix"

const (
	getTermios = unix.TIOCGETA
	setTermios = unix.TIOCSETA
)
