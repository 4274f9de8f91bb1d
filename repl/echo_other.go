//go:build !(linux || darwin || freebsd || openbsd || netbsd || dragonfly)

package repl

// quietTerminal does nothing where the terminal's echo cannot be turned
// off this way (Windows consoles echo nothing outside a read).
func quietTerminal(int) (restore func()) { return func() {} }
