package localserver_test

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"xepl/internal/localserver"
	"xepl/internal/servertest"
)

// helperEnv, when set to a kind, makes TestHelperServer start a server of
// that kind, print its pid and directory, and wait to be killed.
const helperEnv = "XEPL_LOCALSERVER_HELPER"

func TestHelperServer(t *testing.T) {
	kind := os.Getenv(helperEnv)
	if kind == "" {
		return // only a helper process for TestOrphanedServerDies
	}
	s, err := localserver.Start(context.Background(), localserver.Kind(kind))
	if err != nil {
		fmt.Println("ERROR", err)
		os.Exit(1)
	}
	fmt.Printf("SERVER %d %s\n", s.Pid(), s.Dir)
	time.Sleep(time.Minute)
	os.Exit(1)
}

// TestOrphanedServerDies kills a test binary that started a server
// without stopping it, as a timeout or ^C would, and checks that the
// server dies with it.
func TestOrphanedServerDies(t *testing.T) {
	t.Parallel()
	forEachKind(t, func(t *testing.T, kind localserver.Kind) {
		servertest.Require(t, kind)
		cmd := exec.Command(os.Args[0], "-test.run=^TestHelperServer$", "-test.count=1")
		cmd.Env = append(os.Environ(), helperEnv+"="+string(kind))
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		lines := make(chan string, 1)
		go func() {
			sc := bufio.NewScanner(out)
			for sc.Scan() {
				if l := sc.Text(); strings.HasPrefix(l, "SERVER ") || strings.HasPrefix(l, "ERROR ") {
					lines <- l
					return
				}
			}
			close(lines)
		}()
		var line string
		select {
		case line = <-lines:
		case <-time.After(2 * time.Minute):
		}
		f := strings.Fields(line)
		if len(f) != 3 || f[0] != "SERVER" {
			cmd.Process.Kill()
			cmd.Wait()
			t.Fatalf("helper: %q", line)
		}
		pid, _ := strconv.Atoi(f[1])
		dir := f[2]
		defer os.RemoveAll(dir) // the helper had no chance to

		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()
		deadline := time.Now().Add(10 * time.Second)
		for {
			left := processesMentioning(dir)
			if len(left) == 0 && !alive(pid) {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("%s outlived its test binary: %v", kind, left)
			}
			time.Sleep(20 * time.Millisecond)
		}
	})
}

// alive reports whether pid is a live (not zombie) process.
func alive(pid int) bool {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/status")
	return err == nil && !strings.Contains(string(b), "State:\tZ")
}
