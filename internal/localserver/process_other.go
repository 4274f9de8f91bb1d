//go:build !linux

package localserver

import (
	"context"
	"fmt"
	"os/exec"
	"runtime"
	"time"
)

// errUnsupported is what every throwaway server says off Linux: the
// servers are Debian's packages, and their processes are managed with
// Linux calls (process groups, Pdeathsig, /proc).
var errUnsupported = fmt.Errorf("throwaway servers (--local and the tests' servers) run on Linux only, with Debian's prosody and ejabberd packages; this is %s", runtime.GOOS)

// platformSupport says whether servers can run here.
func platformSupport() error { return errUnsupported }

type account struct{ name string }

func lookupAccount(string) (account, error)                           { return account{}, errUnsupported }
func (account) chownTree(string) error                                { return errUnsupported }
func (account) checkReachable(string) error                           { return errUnsupported }
func (account) command(string, string, []string, ...string) *exec.Cmd { return nil }

func startProcess(*exec.Cmd) (*process, error)              { return nil, errUnsupported }
func (*process) terminate(int)                              {}
func (*process) killGroup()                                 {}
func (*process) groupGone(time.Duration) bool               { return true }
func runContext(context.Context, *exec.Cmd) (string, error) { return "", errUnsupported }
