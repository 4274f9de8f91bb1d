package localserver

import (
	"context"
	"fmt"
	"os/exec"
	"strings"
	"time"
)

// process is a server's top process, started in a process group of its
// own so that everything it forks can be signalled together.
type process struct {
	cmd  *exec.Cmd
	pgid int
	done chan struct{} // closed when the top process has exited and been reaped
	err  error         // Wait's result; read only after done is closed
}

// exited reports whether the top process has exited.
func (p *process) exited() bool {
	select {
	case <-p.done:
		return true
	default:
		return false
	}
}

// wait waits up to d for the top process to exit.
func (p *process) wait(d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-p.done:
		return true
	case <-t.C:
		return false
	}
}

// runCtl runs a control program (prosodyctl, ejabberdctl) as the server's
// account. On failure the error names what (never the password) and
// includes the program's output.
func runCtl(ctx context.Context, s *Server, what, name string, args ...string) (string, error) {
	bin, err := lookBin(name)
	if err != nil {
		return "", err
	}
	out, err := runContext(ctx, s.acct.command(s.Dir, bin, args))
	if err != nil {
		return out, fmt.Errorf("localserver: %s %s: %w: %s", name, what, err, strings.TrimSpace(out))
	}
	return out, nil
}
