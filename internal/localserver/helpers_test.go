package localserver_test

import (
	"bufio"
	"bytes"
	"crypto/tls"
	"encoding/base64"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"xepl/internal/localserver"
)

// dial connects to addr with a deadline for the whole test step.
func dial(t *testing.T, addr string) net.Conn {
	t.Helper()
	conn, err := net.DialTimeout("tcp", addr, 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	conn.SetDeadline(time.Now().Add(10 * time.Second))
	t.Cleanup(func() { conn.Close() })
	return conn
}

// openStream sends a stream header and returns the stream features.
func openStream(t *testing.T, conn net.Conn, domain string) string {
	t.Helper()
	f, err := streamFeatures(conn, bufio.NewReader(conn), domain)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func streamFeatures(w net.Conn, r *bufio.Reader, domain string) (string, error) {
	_, err := fmt.Fprintf(w, "<?xml version='1.0'?><stream:stream to='%s' version='1.0' xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'>", domain)
	if err != nil {
		return "", err
	}
	got, err := readUntil(r, "</stream:features>", "<stream:features/>")
	if err != nil {
		return got, err
	}
	return got[strings.Index(got, "<stream:features"):], nil
}

// readUntil reads until one of the markers has been read, or an error.
func readUntil(r *bufio.Reader, markers ...string) (string, error) {
	var buf []byte
	for {
		b, err := r.ReadByte()
		if err != nil {
			return string(buf), fmt.Errorf("%w after %q", err, buf)
		}
		buf = append(buf, b)
		for _, m := range markers {
			if bytes.HasSuffix(buf, []byte(m)) {
				return string(buf), nil
			}
		}
	}
}

// login authenticates with SASL PLAIN after STARTTLS, verifying the
// certificate against s.CertPool.
func login(s *localserver.Server, jid, password string) error {
	conn, err := net.DialTimeout("tcp", s.Addr(), 5*time.Second)
	if err != nil {
		return err
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(10 * time.Second))
	r := bufio.NewReader(conn)
	if _, err := streamFeatures(conn, r, s.Domain); err != nil {
		return err
	}
	fmt.Fprint(conn, "<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>")
	if got, err := readUntil(r, "/>", "</proceed>"); err != nil || !strings.Contains(got, "proceed") {
		return fmt.Errorf("starttls: %q %v", got, err)
	}
	tc := tls.Client(conn, &tls.Config{ServerName: s.Domain, RootCAs: s.CertPool})
	if err := tc.Handshake(); err != nil {
		return err
	}
	r = bufio.NewReader(tc)
	if _, err := streamFeatures(tc, r, s.Domain); err != nil {
		return err
	}
	local, _, _ := strings.Cut(jid, "@")
	fmt.Fprintf(tc, "<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>%s</auth>",
		base64.StdEncoding.EncodeToString([]byte("\x00"+local+"\x00"+password)))
	got, err := readUntil(r, "</success>", "xmpp-sasl'/>", `xmpp-sasl"/>`, "</failure>")
	if err != nil {
		return err
	}
	if !strings.Contains(got, "success") {
		return fmt.Errorf("login %s: %s", jid, got)
	}
	return nil
}

// processesMentioning lists the live processes whose command line
// contains s (a server's directory appears in all of its processes').
func processesMentioning(s string) []string {
	var found []string
	entries, _ := os.ReadDir("/proc")
	for _, e := range entries {
		if _, err := strconv.Atoi(e.Name()); err != nil {
			continue
		}
		cmdline, err := os.ReadFile(filepath.Join("/proc", e.Name(), "cmdline"))
		if err != nil || !bytes.Contains(cmdline, []byte(s)) {
			continue
		}
		status, _ := os.ReadFile(filepath.Join("/proc", e.Name(), "status"))
		if bytes.Contains(status, []byte("State:\tZ")) {
			continue
		}
		found = append(found, e.Name()+": "+string(bytes.ReplaceAll(cmdline, []byte{0}, []byte{' '})))
	}
	return found
}

// epmds lists the running epmd processes.
func epmds() []string {
	var found []string
	entries, _ := os.ReadDir("/proc")
	for _, e := range entries {
		comm, err := os.ReadFile(filepath.Join("/proc", e.Name(), "comm"))
		if err == nil && strings.TrimSpace(string(comm)) == "epmd" {
			found = append(found, e.Name())
		}
	}
	return found
}

// listeningAddrs lists the TCP addresses pid listens on.
func listeningAddrs(t *testing.T, pid int) []string {
	t.Helper()
	inodes := map[string]bool{}
	fds, err := os.ReadDir(fmt.Sprintf("/proc/%d/fd", pid))
	if err != nil {
		t.Fatal(err)
	}
	for _, fd := range fds {
		l, err := os.Readlink(fmt.Sprintf("/proc/%d/fd/%s", pid, fd.Name()))
		if err == nil && strings.HasPrefix(l, "socket:[") {
			inodes[strings.TrimSuffix(strings.TrimPrefix(l, "socket:["), "]")] = true
		}
	}
	var addrs []string
	for _, file := range []string{"tcp", "tcp6"} {
		b, err := os.ReadFile(fmt.Sprintf("/proc/%d/net/%s", pid, file))
		if err != nil {
			continue
		}
		for _, line := range strings.Split(string(b), "\n")[1:] {
			f := strings.Fields(line)
			if len(f) < 10 || f[3] != "0A" || !inodes[f[9]] { // 0A: LISTEN
				continue
			}
			addrs = append(addrs, procNetAddr(f[1]))
		}
	}
	return addrs
}

// procNetAddr decodes a /proc/net/tcp address ("0100007F:1F90").
func procNetAddr(s string) string {
	hexIP, hexPort, _ := strings.Cut(s, ":")
	port, _ := strconv.ParseUint(hexPort, 16, 16)
	ip := make(net.IP, len(hexIP)/2)
	for i := range ip {
		b, _ := strconv.ParseUint(hexIP[2*i:2*i+2], 16, 8)
		ip[i] = byte(b)
	}
	// The kernel prints each 32-bit word in host (little-endian) order.
	for w := 0; w+4 <= len(ip); w += 4 {
		ip[w], ip[w+1], ip[w+2], ip[w+3] = ip[w+3], ip[w+2], ip[w+1], ip[w]
	}
	return net.JoinHostPort(ip.String(), strconv.FormatUint(port, 10))
}
