// Command oneshot times whole processes, as a user runs them, against
// baselines measured in the same run: rounds alternate between the
// commands compared (the order rotating each round) and the medians are
// reported with their ratio to the first baseline.
//
//	go run ./internal/oneshot [-rounds 21] [-before BINARY] [-xmppc]
//
// It builds xepl and internal/oneshot/bare, starts a throwaway Prosody and ejabberd
// (internal/localserver) and times:
//
//   - offline start: printf 'quit\n' | xepl, against bare (a Go program
//     that reads stdin and exits) and -before, when given;
//   - on each server: printf 'ping.server\nquit\n' | xepl --jid ...,
//     connect, log in, one ping, print, close and exit; against -before,
//     another xepl binary (say, one built from main), when given.
//
// -xmppc adds xmppc (Debian's xmppc package), which can only dial port
// 5222: run it alone in a private network namespace, as root, so that a
// proxy of this program can take that port:
//
//	sudo unshare --net sh -c 'ip link set lo up && go run ./internal/oneshot -xmppc'
//
// xepl is then timed through the same proxy, so that both pay for it.
package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"xepl/internal/localserver"
)

// command is one process to time: its arguments and standard input.
type command struct {
	name  string
	args  []string
	stdin string
	env   []string // added to the environment
}

func main() {
	rounds := flag.Int("rounds", 21, "rounds of every comparison")
	before := flag.String("before", "", "another xepl binary to time beside this one")
	xmppc := flag.Bool("xmppc", false, "also time xmppc, through a proxy on port 5222 (see the doc comment)")
	flag.Parse()
	if err := run(*rounds, *before, *xmppc); err != nil {
		fmt.Fprintln(os.Stderr, "oneshot:", err)
		os.Exit(1)
	}
}

func run(rounds int, before string, xmppc bool) error {
	dir, err := os.MkdirTemp("", "xepl-oneshot-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	xepl, bare := filepath.Join(dir, "xepl"), filepath.Join(dir, "bare")
	for bin, pkg := range map[string]string{xepl: "./cmd/xepl", bare: "./internal/oneshot/bare"} {
		if out, err := exec.Command("go", "build", "-o", bin, pkg).CombinedOutput(); err != nil {
			return fmt.Errorf("go build %s: %v\n%s", pkg, err, out)
		}
	}
	fmt.Printf("%d rounds, medians; %s\n\n", rounds, machine())
	fmt.Println("| what | command | median | ratio to the first |")
	fmt.Println("|---|---|---|---|")
	offline := []command{{name: "bare", args: []string{bare}, stdin: "quit\n"}}
	if before != "" {
		offline = append(offline, command{name: "before", args: []string{before}, stdin: "quit\n"})
	}
	offline = append(offline, command{name: "xepl", args: []string{xepl}, stdin: "quit\n"})
	if err := compare("offline start", offline, rounds); err != nil {
		return err
	}
	for _, kind := range localserver.Kinds {
		if err := server(kind, dir, xepl, before, xmppc, rounds); err != nil {
			return err
		}
	}
	return nil
}

func server(kind localserver.Kind, dir, xepl, before string, xmppc bool, rounds int) error {
	if ok, why := localserver.Available(kind); !ok {
		fmt.Printf("| %s | skipped: %s | | |\n", kind, why)
		return nil
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	srv, err := localserver.Start(ctx, kind)
	if err != nil {
		return err
	}
	defer srv.Stop()
	pw := filepath.Join(dir, string(kind)+"-password")
	if err := os.WriteFile(pw, []byte(srv.AdminPassword+"\n"), 0o600); err != nil {
		return err
	}
	addr := srv.Addr()
	if xmppc {
		stop, err := proxy5222(addr)
		if err != nil {
			return err
		}
		defer stop()
		addr = "localhost:5222"
	}
	flags := []string{"--jid", srv.AdminJID, "--server", addr, "--ca-file", srv.CertFile, "--password-file", pw}
	script := "ping.server\nquit\n"
	var cmds []command
	if before != "" {
		cmds = append(cmds, command{name: "before", args: append([]string{before}, flags...), stdin: script})
	}
	if xmppc {
		// xmppc's cheapest action that needs a reply: the roster.
		// It reads ~/.config/xmppc.conf, which must exist, and trusts
		// OpenSSL's default CA file.
		home := filepath.Join(dir, "home")
		if err := os.MkdirAll(filepath.Join(home, ".config"), 0o700); err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(home, ".config", "xmppc.conf"), []byte("[default]\n"), 0o600); err != nil {
			return err
		}
		cmds = append(cmds, command{name: "xmppc",
			args: []string{"xmppc", "--jid", srv.AdminJID, "--pwd", srv.AdminPassword, "--mode", "roster", "list"},
			env:  []string{"HOME=" + home, "SSL_CERT_FILE=" + srv.CertFile}})
	}
	cmds = append(cmds, command{name: "xepl", args: append([]string{xepl}, flags...), stdin: script})
	return compare(fmt.Sprintf("one-shot on %s %s", kind, srv.Version), cmds, rounds)
}

// compare times each command rounds times, in turn, and prints a row each.
func compare(what string, cmds []command, rounds int) error {
	times := make([][]time.Duration, len(cmds))
	for r := range rounds {
		for i := range cmds {
			j := (i + r) % len(cmds)
			d, err := timeOne(cmds[j])
			if err != nil {
				return err
			}
			times[j] = append(times[j], d)
		}
	}
	first := median(times[0])
	for i, c := range cmds {
		m := median(times[i])
		fmt.Printf("| %s | %s | %.1f ms | %.2f |\n", what, c.name, m.Seconds()*1e3, float64(m)/float64(first))
	}
	return nil
}

func timeOne(c command) (time.Duration, error) {
	cmd := exec.Command(c.args[0], c.args[1:]...)
	cmd.Stdin = strings.NewReader(c.stdin)
	cmd.Env = append(os.Environ(), c.env...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	begin := time.Now()
	err := cmd.Run()
	d := time.Since(begin)
	if err != nil {
		return 0, fmt.Errorf("%s: %v\n%s", c.name, err, out.Bytes())
	}
	return d, nil
}

func median(ds []time.Duration) time.Duration {
	ds = slices.Clone(ds)
	slices.Sort(ds)
	return ds[len(ds)/2]
}

// proxy5222 forwards 127.0.0.1:5222 to addr, for xmppc.
func proxy5222(addr string) (func(), error) {
	l, err := net.Listen("tcp", "127.0.0.1:5222")
	if err != nil {
		return nil, fmt.Errorf("%w (run in a private network namespace: see go doc ./internal/oneshot)", err)
	}
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			go func() {
				defer c.Close()
				s, err := net.Dial("tcp", addr)
				if err != nil {
					return
				}
				defer s.Close()
				go func() { io.Copy(s, c); s.(*net.TCPConn).CloseWrite() }()
				io.Copy(c, s)
			}()
		}
	}()
	return func() { l.Close() }, nil
}

// machine describes where the figures come from.
func machine() string {
	cpu := "?"
	if b, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for _, line := range strings.Split(string(b), "\n") {
			if k, v, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(k) == "model name" {
				cpu = strings.TrimSpace(v)
				break
			}
		}
	}
	n := bytes.Count(must(os.ReadFile("/proc/cpuinfo")), []byte("processor\t:"))
	return fmt.Sprintf("%d × %s, loopback", n, cpu)
}

func must(b []byte, _ error) []byte { return b }
