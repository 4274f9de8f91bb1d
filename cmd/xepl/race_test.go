//go:build linux

package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// reportRaces sends the race detector's reports of a child xepl to files
// of their own and fails t with each one in full when the child is gone.
// Printed on the child's terminal, a report broke the expectation after
// it (a prompt was no longer the last thing shown) and the failure showed
// only its last lines, never where the race was.
func reportRaces(t *testing.T, cmd *exec.Cmd) {
	t.Helper()
	dir := t.TempDir()
	opts := os.Getenv("GORACE")
	if opts != "" {
		opts += " "
	}
	cmd.Env = append(cmd.Env, "GORACE="+opts+"log_path="+filepath.Join(dir, "race"))
	t.Cleanup(func() {
		if cmd.Process != nil {
			cmd.Process.Kill()
			cmd.Wait()
		}
		logs, _ := filepath.Glob(filepath.Join(dir, "race*"))
		for _, name := range logs {
			b, err := os.ReadFile(name)
			if err == nil && len(b) > 0 {
				t.Errorf("the race detector reported, in %s:\n%s", filepath.Base(name), b)
			}
		}
	})
}
