//go:build !(linux || darwin || freebsd || openbsd || netbsd || dragonfly)

package repl

// terminalEcho does nothing where the terminal's echo cannot be turned
// off this way.
func terminalEcho(int) (quiet, loud func()) { return func() {}, func() {} }
