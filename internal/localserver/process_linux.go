package localserver

// The processes of a throwaway server: the system account it runs as,
// its process group, and what /proc says of its members. Linux only, like
// the Debian packages the servers come from.

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// platformSupport says whether servers can run here: they can on Linux.
func platformSupport() error { return nil }

// account is the system user a server runs as: as root, the packaged
// user (Prosody refuses root; ejabberdctl would switch with su, which
// hides the pid); otherwise whoever we are.
type account struct {
	name string
	cred *syscall.Credential // nil: run as ourselves
}

// lookupAccount returns the account to run a server as. As root it is the
// named system user, with its groups (like setpriv --init-groups).
func lookupAccount(name string) (account, error) {
	if os.Geteuid() != 0 {
		return account{}, nil
	}
	u, err := user.Lookup(name)
	if err != nil {
		return account{}, fmt.Errorf("localserver: no system user %q: %w", name, err)
	}
	uid, err1 := strconv.ParseUint(u.Uid, 10, 32)
	gid, err2 := strconv.ParseUint(u.Gid, 10, 32)
	if err := errors.Join(err1, err2); err != nil {
		return account{}, fmt.Errorf("localserver: user %q: %w", name, err)
	}
	cred := &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid)}
	if ids, err := u.GroupIds(); err == nil {
		for _, id := range ids {
			if g, err := strconv.ParseUint(id, 10, 32); err == nil {
				cred.Groups = append(cred.Groups, uint32(g))
			}
		}
	}
	return account{name: name, cred: cred}, nil
}

// chownTree gives dir and everything in it to the account.
func (a account) chownTree(dir string) error {
	if a.cred == nil {
		return nil
	}
	uid, gid := int(a.cred.Uid), int(a.cred.Gid)
	return filepath.WalkDir(dir, func(path string, _ os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		return os.Lchown(path, uid, gid)
	})
}

// checkReachable reports an error if the account cannot get to dir
// because an ancestor denies it search permission (a TMPDIR under /root,
// say).
func (a account) checkReachable(dir string) error {
	if a.cred == nil {
		return nil
	}
	for p := filepath.Dir(dir); ; p = filepath.Dir(p) {
		fi, err := os.Stat(p)
		if err != nil {
			return err
		}
		st, ok := fi.Sys().(*syscall.Stat_t)
		if ok {
			bit := os.FileMode(0o001) // others
			switch {
			case st.Uid == a.cred.Uid:
				bit = 0o100
			case st.Gid == a.cred.Gid || slices.Contains(a.cred.Groups, st.Gid):
				bit = 0o010
			}
			if fi.Mode().Perm()&bit == 0 {
				return fmt.Errorf("localserver: user %s cannot reach %s (%s is %v); set TMPDIR to a directory it can, such as /tmp", a.name, dir, p, fi.Mode().Perm())
			}
		}
		if p == filepath.Dir(p) {
			return nil
		}
	}
}

// command builds a command that runs as the account with a small, fixed
// environment (nothing of the caller's ERL_*, LUA_* or HOME leaks in).
func (a account) command(dir, name string, args []string, env ...string) *exec.Cmd {
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = append([]string{
		"PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
		"HOME=" + dir,
		"LANG=C.UTF-8",
	}, env...)
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: a.cred}
	return cmd
}

// startProcess starts cmd as the leader of a new process group. The
// process gets SIGKILL if this program dies first (Pdeathsig), so an
// interrupted test binary leaves no server behind. The credential switch
// happens in the forked child before exec, so the pid is the server's own
// and Pdeathsig survives it (setpriv would reset it when changing uid).
func startProcess(cmd *exec.Cmd) (*process, error) {
	if cmd.SysProcAttr == nil {
		cmd.SysProcAttr = &syscall.SysProcAttr{}
	}
	cmd.SysProcAttr.Setpgid = true
	cmd.SysProcAttr.Pdeathsig = syscall.SIGKILL
	// Pdeathsig fires when the forking thread exits. Fork from a fresh
	// goroutine: it never runs on a thread locked by the caller
	// (runtime.LockOSThread), and Go keeps unlocked threads alive.
	errc := make(chan error, 1)
	go func() { errc <- cmd.Start() }()
	if err := <-errc; err != nil {
		return nil, err
	}
	p := &process{cmd: cmd, pgid: cmd.Process.Pid, done: make(chan struct{})}
	go func() {
		p.err = cmd.Wait()
		close(p.done)
	}()
	return p, nil
}

// signal sends sig to pid if that process still belongs to our group
// (it cannot then be an unrelated process that reused the pid).
func (p *process) signal(pid int, sig syscall.Signal) error {
	if pid <= 0 {
		return errors.New("no pid")
	}
	if pid != p.pgid {
		if st, ok := procStat(pid); !ok || st.pgrp != p.pgid {
			return fmt.Errorf("pid %d is not in process group %d", pid, p.pgid)
		}
	}
	return syscall.Kill(pid, sig)
}

// terminate asks the server to stop: SIGTERM to its own pid when that is
// known and still ours, else to the whole group.
func (p *process) terminate(pid int) {
	if pid == 0 || p.signal(pid, syscall.SIGTERM) != nil {
		_ = syscall.Kill(-p.pgid, syscall.SIGTERM)
	}
}

// killGroup sends SIGKILL to every process in the group.
func (p *process) killGroup() {
	_ = syscall.Kill(-p.pgid, syscall.SIGKILL)
}

// groupGone waits up to d until no live process is left in the group.
// Zombies do not count: their reaping is their parent's (or init's) job.
func (p *process) groupGone(d time.Duration) bool {
	deadline := time.Now().Add(d)
	for {
		if len(groupMembers(p.pgid)) == 0 {
			return true
		}
		if time.Now().After(deadline) {
			return false
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// stat is what we need from /proc/PID/stat.
type stat struct {
	state byte
	pgrp  int
}

// procStat reads /proc/PID/stat.
func procStat(pid int) (stat, bool) {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return stat{}, false
	}
	// "pid (comm) state ppid pgrp ..."; comm may contain anything, so
	// split after its closing parenthesis.
	i := bytes.LastIndexByte(b, ')')
	if i < 0 {
		return stat{}, false
	}
	f := strings.Fields(string(b[i+1:]))
	if len(f) < 3 || len(f[0]) != 1 {
		return stat{}, false
	}
	pgrp, err := strconv.Atoi(f[2])
	if err != nil {
		return stat{}, false
	}
	return stat{state: f[0][0], pgrp: pgrp}, true
}

// groupMembers lists the live (not zombie) processes of a process group.
func groupMembers(pgid int) []int {
	entries, err := os.ReadDir("/proc")
	if err != nil {
		return nil
	}
	var pids []int
	for _, e := range entries {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		if st, ok := procStat(pid); ok && st.pgrp == pgid && st.state != 'Z' && st.state != 'X' {
			pids = append(pids, pid)
		}
	}
	return pids
}

// runContext runs cmd in a process group of its own and returns its
// output; if ctx ends first, it kills the group.
func runContext(ctx context.Context, cmd *exec.Cmd) (string, error) {
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	cmd.SysProcAttr.Setpgid = true
	cmd.WaitDelay = time.Second
	if err := cmd.Start(); err != nil {
		return "", err
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		return out.String(), err
	case <-ctx.Done():
		_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
		<-done
		return out.String(), context.Cause(ctx)
	}
}
