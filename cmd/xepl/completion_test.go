//go:build linux

package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestCompletionScripts: xepl completion bash gives a script that bash
// runs, completing flags, a file after a flag that takes one, the
// servers of --local and the words of xepl completion; the zsh and fish
// scripts name every flag. A shell it does not know is a usage error.
func TestCompletionScripts(t *testing.T) {
	status, script, stderr := runXepl(t, "", "completion", "bash")
	if status != 0 {
		t.Fatalf("exit status %d: %s", status, stderr)
	}
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "class.xepl"), nil, 0o600)
	file := filepath.Join(dir, "xepl.bash")
	if err := os.WriteFile(file, []byte(script), 0o600); err != nil {
		t.Fatal(err)
	}
	complete := func(words ...string) []string {
		t.Helper()
		line := "source " + file + "; COMP_WORDS=(" + strings.Join(words, " ") + "); COMP_CWORD=" +
			strconv.Itoa(len(words)-1) + "; _xepl; printf '%s\\n' \"${COMPREPLY[@]}\""
		cmd := exec.Command("bash", "-c", line)
		cmd.Dir = dir
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("bash: %v\n%s", err, out)
		}
		return strings.Fields(string(out))
	}
	for _, tt := range []struct {
		words []string
		want  string
	}{
		{[]string{"xepl", "--ji"}, "--jid"},
		{[]string{"xepl", "--rec"}, "--record"},
		{[]string{"xepl", "-f", "cla"}, "class.xepl"},
		{[]string{"xepl", "--local", "ej"}, "ejabberd"},
		{[]string{"xepl", "completion", "fi"}, "fish"},
		{[]string{"xepl", "te"}, "test"},
	} {
		if got := complete(tt.words...); len(got) != 1 || got[0] != tt.want {
			t.Errorf("%v completes to %v, want %s", tt.words, got, tt.want)
		}
	}
	for _, shell := range []string{"zsh", "fish"} {
		status, script, _ := runXepl(t, "", "completion", shell)
		if status != 0 {
			t.Errorf("completion %s: exit status %d", shell, status)
		}
		for _, flag := range []string{"jid", "record", "local", "junit"} {
			if !strings.Contains(script, flag) {
				t.Errorf("the %s script lacks --%s", shell, flag)
			}
		}
	}
	if status, _, _ := runXepl(t, "", "completion", "tcsh"); status != 2 {
		t.Errorf("completion tcsh: exit status %d, want 2", status)
	}
}
