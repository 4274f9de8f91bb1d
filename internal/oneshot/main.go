// Command oneshot times whole processes, as a user runs them, against
// baselines measured in the same run: rounds alternate between the
// commands compared (the order rotating each round) and the medians are
// reported with their ratio to the first baseline.
//
//	go run ./internal/oneshot [-rounds 21] [-before BINARY] [-peers]
//
// It builds xepl and internal/oneshot/bare without cgo (as the README
// says to keep a binary), starts a throwaway Prosody and ejabberd
// (internal/localserver) and times:
//
//   - offline start: printf 'quit\n' | xepl, against bare (a Go program
//     that reads stdin and exits) and -before, when given;
//   - on each server: printf 'ping.server\nquit\n' | xepl --jid ...,
//     connect, log in, one ping, print, close and exit; against -before,
//     another xepl binary (say, one built from main), when given.
//
// -peers adds two other one-shot clients, Debian's xmppc (roster list,
// its cheapest action that waits for a reply) and go-sendxmpp (a message
// to the admin's own bare JID): apt-get install xmppc go-sendxmpp.
// xmppc can only dial port 5222, so each server is started on 5222
// itself (localserver.StartOn): run it alone in a private network
// namespace, as root, where that port is free:
//
//	sudo unshare --net sh -c 'ip link set lo up && go run ./internal/oneshot -peers'
//
// Every client then dials the same port, with nothing in between.
//
// -bigreply measures peak RSS instead of time, for what no real server
// sends (Prosody and ejabberd cap a stanza at 256 KB): a 10 MB roster.
//
//	go run ./internal/oneshot -bigreply -rounds 7
//
// It starts an XMPP server inside itself (fakexmpp.go: STARTTLS with a
// fresh self-signed certificate, PLAIN, bind, the roster) and compares
// the children's peak RSS (their VmHWM, internal/procmem), printf 'roster.get\nquit\n' | xepl ..., with
// verbose on and with verbose off, against internal/oneshot/rawfetch (the
// same exchange written onto a TLS socket by hand, the reply kept whole
// in memory and printed). Both outputs go to a pipe the measuring
// process drains.
package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
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
	peers := flag.Bool("peers", false, "also time xmppc and go-sendxmpp, each server on port 5222 (see the doc comment)")
	big := flag.Bool("bigreply", false, "measure the peak RSS of a 10 MB reply instead (see the doc comment)")
	flag.Parse()
	var err error
	if *big {
		err = bigReply(*rounds)
	} else {
		err = run(*rounds, *before, *peers)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "oneshot:", err)
		os.Exit(1)
	}
}

func run(rounds int, before string, peers bool) error {
	dir, err := os.MkdirTemp("", "xepl-oneshot-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	xepl, bare := filepath.Join(dir, "xepl"), filepath.Join(dir, "bare")
	for bin, pkg := range map[string]string{xepl: "./cmd/xepl", bare: "./internal/oneshot/bare"} {
		if err := build(bin, pkg); err != nil {
			return err
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
		if err := server(kind, dir, xepl, before, peers, rounds); err != nil {
			return err
		}
	}
	return nil
}

func server(kind localserver.Kind, dir, xepl, before string, peers bool, rounds int) error {
	if ok, why := localserver.Available(kind); !ok {
		fmt.Printf("| %s | skipped: %s | | |\n", kind, why)
		return nil
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	port := 0
	if peers {
		port = 5222
	}
	srv, err := localserver.StartOn(ctx, kind, port)
	if err != nil {
		return fmt.Errorf("%w (with -peers, run in a private network namespace: see go doc ./internal/oneshot)", err)
	}
	defer srv.Stop()
	pw := filepath.Join(dir, string(kind)+"-password")
	if err := os.WriteFile(pw, []byte(srv.AdminPassword+"\n"), 0o600); err != nil {
		return err
	}
	addr := srv.Addr()
	flags := []string{"--jid", srv.AdminJID, "--server", addr, "--ca-file", srv.CertFile, "--password-file", pw}
	script := "ping.server\nquit\n"
	var cmds []command
	if before != "" {
		cmds = append(cmds, command{name: "before", args: append([]string{before}, flags...), stdin: script})
	}
	if peers {
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
		// go-sendxmpp logs in, sends the message read from stdin and
		// closes; Go's TLS trusts SSL_CERT_FILE.
		cmds = append(cmds, command{name: "go-sendxmpp",
			args:  []string{"go-sendxmpp", "-u", srv.AdminJID, "-p", srv.AdminPassword, "-j", addr, srv.AdminJID},
			stdin: "ping\n", env: []string{"HOME=" + home, "SSL_CERT_FILE=" + srv.CertFile}})
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

// build builds pkg into bin as the README says to keep a binary: without
// cgo, so statically linked. The programs measured use no C, and a
// dynamically linked Go binary pays for the dynamic loader at every start
// (about 0.8 ms on the machine of BENCHMARKS.md); -before takes a binary
// built otherwise, to compare.
func build(bin, pkg string) error {
	cmd := exec.Command("go", "build", "-o", bin, pkg)
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("go build %s: %v\n%s", pkg, err, out)
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
