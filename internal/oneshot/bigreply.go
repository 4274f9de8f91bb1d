package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"xepl/internal/fakexmpp"
	"xepl/internal/procmem"
)

// runTimeout bounds each measured process: a client or fake that hangs
// fails the measurement instead of holding it forever.
const runTimeout = 2 * time.Minute

// bigReplySize is the size of the roster in -bigreply: issue 13's 10 MB.
const bigReplySize = 10 << 20

// bigReply measures the peak RSS of whole processes fetching one 10 MB
// reply from fakeXMPP: xepl, with verbose on and off, against rawfetch.
// Peak RSS, not the Go heap, because it is what a user's machine pays
// for: the runtime, the binary's pages, the reply and every copy of it.
func bigReply(rounds int) error {
	dir, err := os.MkdirTemp("", "xepl-bigreply-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	xepl, raw := filepath.Join(dir, "xepl"), filepath.Join(dir, "rawfetch")
	for bin, pkg := range map[string]string{xepl: "./cmd/xepl", raw: "./internal/oneshot/rawfetch"} {
		if err := build(bin, pkg); err != nil {
			return err
		}
	}
	certFile, pw := filepath.Join(dir, "cert.pem"), filepath.Join(dir, "password")
	if err := os.WriteFile(pw, []byte("pw\n"), 0o600); err != nil {
		return err
	}
	srv, err := startFake(certFile, bigReplySize)
	if err != nil {
		return err
	}
	defer srv.stop()
	flags := []string{"--jid", "user@" + fakexmpp.Domain, "--server", srv.addr(), "--ca-file", certFile, "--password-file", pw}
	// xepl's home is the temporary directory, so that a user's
	// configuration and history neither change the figure nor are
	// changed by it.
	env := []string{"HOME=" + dir, "XDG_CONFIG_HOME=" + filepath.Join(dir, "config"), "XDG_STATE_HOME=" + filepath.Join(dir, "state")}
	cmds := []command{
		{name: "rawfetch", args: []string{raw, srv.addr(), certFile}},
		{name: "xepl, verbose on", args: append([]string{xepl}, flags...), stdin: "roster.get\nquit\n", env: env},
		{name: "xepl, verbose off", args: append([]string{xepl}, flags...), stdin: "verbose off\nroster.get\nquit\n", env: env},
	}
	fmt.Printf("%d rounds, medians; %s\n\n", rounds, machine())
	fmt.Println("| what | command | median peak RSS | ratio to the first |")
	fmt.Println("|---|---|---|---|")
	peaks := make([][]int64, len(cmds))
	for r := range rounds {
		for i := range cmds {
			j := (i + r) % len(cmds)
			// With verbose off xepl prints the reply's label and notes
			// only: no size to check.
			want := bigReplySize
			if strings.Contains(cmds[j].stdin, "verbose off") {
				want = 0
			}
			kib, err := peakRSS(cmds[j], want, runTimeout)
			if err != nil {
				return err
			}
			peaks[j] = append(peaks[j], kib)
		}
	}
	first := medianInt(peaks[0])
	for i, c := range cmds {
		m := medianInt(peaks[i])
		fmt.Printf("| 10 MB reply | %s | %.1f MiB | %.2f |\n", c.name, float64(m)/1024, float64(m)/float64(first))
	}
	return nil
}

// peakRSS runs c with its output drained and counted (not kept, so that
// the measuring process adds nothing to the pipe's cost) and returns its
// peak resident set in KiB. An output shorter than want means the reply
// was not printed: then the figure would measure nothing. A process
// still running after limit is killed, and the figure refused.
func peakRSS(c command, want int, limit time.Duration) (int64, error) {
	ctx, cancel := context.WithTimeout(context.Background(), limit)
	defer cancel()
	cmd := exec.CommandContext(ctx, c.args[0], c.args[1:]...)
	cmd.Stdin = strings.NewReader(c.stdin)
	cmd.Env = append(os.Environ(), c.env...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return 0, err
	}
	if err := cmd.Start(); err != nil {
		return 0, err
	}
	drained := make(chan struct{})
	peak := make(chan int64, 1)
	go func() { peak <- procmem.Watch(cmd.Process.Pid, time.Millisecond, drained) >> 10 }()
	n, _ := io.Copy(io.Discard, stdout)
	close(drained)
	hwm := <-peak
	if err := cmd.Wait(); err != nil {
		if ctx.Err() != nil {
			return 0, fmt.Errorf("%s: still running after %v, killed\n%s", c.name, limit, stderr.Bytes())
		}
		return 0, fmt.Errorf("%s: %v\n%s", c.name, err, stderr.Bytes())
	}
	if n < int64(want)/2 {
		return 0, fmt.Errorf("%s printed only %d bytes:\n%s", c.name, n, stderr.Bytes())
	}
	if hwm == 0 {
		return 0, fmt.Errorf("%s: no VmHWM read from /proc", c.name)
	}
	return hwm, nil
}

// The peak is read while the child runs (procmem says why not from its
// rusage), until its output ends: both programs print after their peak.

func medianInt(xs []int64) int64 {
	xs = slices.Clone(xs)
	slices.Sort(xs)
	return xs[len(xs)/2]
}
