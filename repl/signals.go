package repl

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"syscall"
)

// stopSignal is why a run was stopped: a signal (SIGINT, SIGTERM,
// SIGHUP).
type stopSignal struct{ sig os.Signal }

func (s stopSignal) Error() string { return "stopped by " + s.sig.String() }

// status is the exit status a shell stopped by the signal returns, as a
// shell's convention has it: 128 plus the signal's number.
func (s stopSignal) status() int {
	if n, ok := s.sig.(syscall.Signal); ok {
		return 128 + int(n)
	}
	return 1
}

// watchSignals makes SIGTERM and SIGHUP (and SIGINT in a script, where no
// one presses Ctrl-C at a prompt) end the run at once, on every path: a
// script stops where it waits (for a reply, for the server, for its next
// line) through cancel; a terminal, whose line editor may hold the main
// goroutine, is put back in its normal mode and the shell exits from
// here. Either way the connection is dropped and a --local server is
// stopped and its directory (the admin's password, the TLS key) removed.
// The returned function stops watching.
func (sh *Shell) watchSignals(cancel context.CancelCauseFunc) func() {
	sigs := make(chan os.Signal, 1)
	watched := []os.Signal{syscall.SIGTERM, syscall.SIGHUP}
	if !sh.interactive {
		watched = append(watched, os.Interrupt)
	}
	signal.Notify(sigs, watched...)
	done := make(chan struct{})
	go func() {
		select {
		case sig := <-sigs:
			stop := stopSignal{sig}
			cancel(stop)
			if tl := sh.term; tl != nil {
				tl.restore()
				if c := sh.conn; c.live() {
					c.stream.Abort()
				}
				sh.stopLocal()
				fmt.Fprintln(os.Stderr, "\nxepl:", stop)
				os.Exit(stop.status())
			}
		case <-done:
		}
	}()
	return func() {
		signal.Stop(sigs)
		close(done)
	}
}

// stoppedBy returns the signal that stopped the run, if one did.
func stoppedBy(ctx context.Context) (stopSignal, bool) {
	var s stopSignal
	ok := errors.As(context.Cause(ctx), &s)
	return s, ok
}
