// Package procmem reads a running process's peak resident set (Linux's
// VmHWM in /proc/PID/status), for the measurements of whole processes:
// the backlog test and internal/oneshot.
//
// Why not the child's rusage after it exits: Go starts a child with
// vfork, sharing the parent's memory until the exec, and Linux keeps
// that high-water mark in the child's ru_maxrss, so it counts the
// parent's RSS too. VmHWM belongs to the child's own memory after the
// exec, but can only be read while it runs: Watch reads it until told to
// stop, at a time the caller knows the peak is behind.
package procmem

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"
)

// Peak returns the peak RSS of process pid so far, in bytes, and false
// when it cannot be read (the process is gone, or this is not Linux).
func Peak(pid int) (int64, bool) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, false
	}
	for _, line := range strings.Split(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, err := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")), 10, 64)
			return kb << 10, err == nil
		}
	}
	return 0, false
}

// Watch reads the peak RSS of pid every interval until stop is closed,
// and returns the last reading, in bytes (0 if none could be read).
func Watch(pid int, interval time.Duration, stop <-chan struct{}) int64 {
	var last int64
	for {
		if v, ok := Peak(pid); ok {
			last = v
		}
		select {
		case <-stop:
			return last
		case <-time.After(interval):
		}
	}
}
