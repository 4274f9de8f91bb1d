package localserver

import (
	"context"
	"crypto/rand"
	"crypto/x509"
	"encoding/hex"
	"errors"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"xepl/internal/selfsigned"
)

// Kind names a server implementation.
type Kind string

// The server implementations this package can start.
const (
	Prosody  Kind = "prosody"
	Ejabberd Kind = "ejabberd"
	// ProsodyMinimal is a Prosody with little beyond the core protocol:
	// no ad-hoc commands (XEP-0050/0133), no MUC, no pubsub, no upload,
	// no offline storage, no MAM, no PEP. It stands for the servers xepl
	// was not built against, so that every "not offered" and "not
	// advertised" path runs against a real server.
	ProsodyMinimal Kind = "prosody-minimal"
)

// Kinds lists the full-featured kinds, in a stable order: the servers
// most tests run against.
var Kinds = []Kind{Prosody, Ejabberd}

// AllKinds lists every kind, ProsodyMinimal too.
var AllKinds = []Kind{Prosody, Ejabberd, ProsodyMinimal}

// Server is a running throwaway server. Its fields describe it and must
// not be changed.
type Server struct {
	Kind          Kind
	Domain        string // "localhost"
	Host          string // "127.0.0.1"; every port listens there only
	Port          int    // c2s with STARTTLS (required)
	DirectTLSPort int    // c2s with direct TLS (XEP-0368)
	HTTPPort      int    // HTTPS, serving the XEP-0363 uploads of UploadDomain
	Proxy65Port   int    // SOCKS5 bytestreams proxy (XEP-0065) of ProxyDomain

	MUCDomain    string // "conference.localhost", XEP-0045 with MAM
	PubSubDomain string // "pubsub.localhost", XEP-0060 service
	UploadDomain string // "upload.localhost", XEP-0363 service
	ProxyDomain  string // "proxy.localhost", XEP-0065 service

	CertFile string         // PEM of the self-signed certificate (its own CA) for Domain and the components
	CertPool *x509.CertPool // holds that certificate: use it as tls.Config.RootCAs

	AdminJID      string // "admin@localhost", the server's admin (XEP-0133)
	AdminPassword string // random

	Dir        string // temporary directory holding config, data and logs
	ConfigFile string // the server's main configuration file
	LogFile    string // the server's console: its log and anything it printed
	Version    string // as the server reports itself, e.g. "0.12.3" or "23.01-1"

	impl   impl
	acct   account
	proc   *process
	pid    func() int // the server's own process (may differ from proc's)
	extras []*os.File // kept open for the server's lifetime (ejabberd's watchdog pipe)

	mu      sync.Mutex
	stopped bool
}

// impl is what differs between server kinds.
type impl interface {
	// user is the system account the server runs as when we are root.
	user() string
	// ports is how many free ports configure needs.
	ports() int
	// configure writes the configuration into s.Dir using ports and sets
	// s's ports and file names.
	configure(s *Server, ports []int, cert *selfsigned.Cert) error
	// start starts the server process.
	start(s *Server) (*process, []*os.File, error)
	// listening is a line the server logs once it listens on s.Port:
	// proof that the stream features came from it, not from another
	// process that took the port.
	listening(s *Server) string
	// started runs once the server accepts connections: find its own pid
	// and version, create the admin account.
	started(ctx context.Context, s *Server) error
	// register creates an account or resets its password.
	register(ctx context.Context, s *Server, user, password string) error
	// stopTimeout is how long a graceful stop may take.
	stopTimeout() time.Duration
	// startTimeout bounds Start when ctx has no deadline.
	startTimeout() time.Duration
}

func implFor(kind Kind) (impl, error) {
	switch kind {
	case Prosody:
		return prosodyImpl{}, nil
	case ProsodyMinimal:
		return prosodyImpl{minimal: true}, nil
	case Ejabberd:
		return ejabberdImpl{}, nil
	}
	return nil, fmt.Errorf("localserver: unknown server kind %q (want one of %v)", kind, AllKinds)
}

// startAttempts is how often Start tries when a port it picked was taken
// by someone else in the meantime.
const startAttempts = 3

// Start starts a server of kind in a new temporary directory on free
// loopback ports and returns once it answers a stream header with stream
// features, with its admin account created. If it cannot, the error says
// why and includes the tail of the server's log. ctx bounds the start
// (a default deadline applies if it has none); cancelling it later does
// not stop the server: call Stop.
func Start(ctx context.Context, kind Kind) (*Server, error) {
	return StartOn(ctx, kind, 0)
}

// StartOn is Start with the STARTTLS port pinned to port (0: a free one),
// so that a command or configuration entry written for it holds from one
// run to the next; the other ports are free ones, as with Start. A pinned
// port that is taken is an error at once, not a retry: it would be taken
// again.
func StartOn(ctx context.Context, kind Kind, port int) (*Server, error) {
	im, err := implFor(kind)
	if err != nil {
		return nil, err
	}
	if ok, why := Available(kind); !ok {
		return nil, fmt.Errorf("localserver: %s is not available: %s", kind, why)
	}
	if _, ok := ctx.Deadline(); !ok {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, im.startTimeout())
		defer cancel()
	}
	if port != 0 {
		if err := portFree(port); err != nil {
			return nil, err
		}
	}
	for attempt := 1; ; attempt++ {
		s, err := start(ctx, kind, im, port)
		if err == nil {
			return s, nil
		}
		var se *startError
		if attempt >= startAttempts || !errors.As(err, &se) || !se.portConflict || ctx.Err() != nil {
			return nil, err
		}
	}
}

// startError is a failed start, with the server's log tail.
type startError struct {
	kind         Kind
	err          error
	log          string
	portConflict bool // the log says a port was taken: worth another try
}

func (e *startError) Error() string {
	msg := fmt.Sprintf("localserver: start %s: %s", e.kind, strings.TrimPrefix(e.err.Error(), "localserver: "))
	if e.log != "" {
		msg += "\n--- server log (tail) ---\n" + e.log
	}
	return msg
}

func (e *startError) Unwrap() error { return e.err }

// start makes one attempt at starting a server.
func start(ctx context.Context, kind Kind, im impl, port int) (_ *Server, err error) {
	acct, err := lookupAccount(im.user())
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp("", "xepl-"+string(kind)+"-")
	if err != nil {
		return nil, fmt.Errorf("localserver: %w", err)
	}
	s := &Server{
		Kind:          kind,
		Domain:        "localhost",
		Host:          "127.0.0.1",
		MUCDomain:     "conference.localhost",
		PubSubDomain:  "pubsub.localhost",
		UploadDomain:  "upload.localhost",
		ProxyDomain:   "proxy.localhost",
		AdminJID:      "admin@localhost",
		AdminPassword: randomHex(12),
		Dir:           dir,
		CertFile:      filepath.Join(dir, "cert.pem"),
		LogFile:       filepath.Join(dir, "console.log"),
		impl:          im,
		acct:          acct,
	}
	defer func() {
		if err != nil {
			se := &startError{kind: kind, err: err, log: s.LogTail(40), portConflict: portConflict(s.LogTail(-1))}
			s.Stop()
			err = se
		}
	}()
	if err := acct.checkReachable(dir); err != nil {
		return s, err
	}
	cert, err := selfsigned.New(s.Domain, s.MUCDomain, s.PubSubDomain, s.UploadDomain, s.ProxyDomain)
	if err != nil {
		return s, err
	}
	s.CertPool = cert.Pool
	if err := os.WriteFile(s.CertFile, cert.PEM, 0o644); err != nil {
		return s, err
	}
	ports, err := portsWith(port, im.ports())
	if err != nil {
		return s, err
	}
	if err := im.configure(s, ports, cert); err != nil {
		return s, err
	}
	if err := acct.chownTree(dir); err != nil {
		return s, err
	}
	s.proc, s.extras, err = im.start(s)
	if err != nil {
		return s, err
	}
	others := []string{s.DirectTLSAddr(), s.addr(s.HTTPPort), s.addr(s.Proxy65Port)}
	if kind == ProsodyMinimal {
		others = others[:1] // no upload, no proxy: nothing listens there
	}
	if err := waitReady(ctx, s, others); err != nil {
		return s, err
	}
	if err := im.started(ctx, s); err != nil {
		return s, err
	}
	if portConflict(s.LogTail(-1)) {
		return s, errors.New("a port was taken by another process")
	}
	return s, nil
}

// Addr is the address of the STARTTLS c2s port, "127.0.0.1:port".
func (s *Server) Addr() string { return s.addr(s.Port) }

// DirectTLSAddr is the address of the direct TLS c2s port.
func (s *Server) DirectTLSAddr() string { return s.addr(s.DirectTLSPort) }

func (s *Server) addr(port int) string { return net.JoinHostPort(s.Host, strconv.Itoa(port)) }

// Pid is the server's own process id (Prosody's Lua interpreter,
// ejabberd's beam.smp), or 0 if unknown.
func (s *Server) Pid() int {
	if s.pid == nil {
		return 0
	}
	return s.pid()
}

// Running reports whether the server process is still alive (it is not
// after Stop or Kill, or if it died).
func (s *Server) Running() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return !s.stopped && s.proc != nil && !s.proc.exited()
}

// Register creates the account user@Domain with password directly in the
// server's store (prosodyctl or ejabberdctl with this server's
// configuration). If the account exists, its password is set to password.
func (s *Server) Register(ctx context.Context, user, password string) error {
	if !s.Running() {
		return fmt.Errorf("localserver: register %s: the %s server is not running", user, s.Kind)
	}
	if _, ok := ctx.Deadline(); !ok {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, 30*time.Second)
		defer cancel()
	}
	return s.impl.register(ctx, s, user, password)
}

// Kill sends SIGKILL to the server and everything it started, now, and
// waits for them to die. It is for tests of a server dying mid-session;
// call Stop afterwards to remove the directory.
func (s *Server) Kill() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.proc == nil {
		return nil
	}
	s.proc.killGroup()
	if !s.proc.wait(5*time.Second) || !s.proc.groupGone(5*time.Second) {
		return fmt.Errorf("localserver: %s (pid %d) survived SIGKILL", s.Kind, s.proc.pgid)
	}
	return nil
}

// Stop stops the server: SIGTERM to its own pid, SIGKILL to whatever is
// left of its process group after a deadline, then removes Dir. Calling
// it again, or after Kill, is fine.
func (s *Server) Stop() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.stopped {
		return nil
	}
	s.stopped = true
	var errs []error
	if p := s.proc; p != nil {
		if !p.exited() {
			p.terminate(s.Pid())
			p.wait(s.impl.stopTimeout())
		}
		// Whatever is left (the server if it ignored SIGTERM, helpers
		// it started) goes now.
		p.killGroup()
		if !p.wait(5*time.Second) || !p.groupGone(5*time.Second) {
			errs = append(errs, fmt.Errorf("processes of group %d survived SIGKILL", p.pgid))
		}
	}
	for _, f := range s.extras {
		f.Close()
	}
	if s.Dir != "" {
		if err := os.RemoveAll(s.Dir); err != nil {
			errs = append(errs, err)
		}
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("localserver: stop %s: %w", s.Kind, err)
	}
	return nil
}

// LogTail returns the last n lines of the server's console log (all of
// it if n < 0), or "" if there is none.
func (s *Server) LogTail(n int) string {
	b, err := readTail(s.LogFile, 1<<20)
	if err != nil || len(b) == 0 {
		return ""
	}
	text := strings.TrimRight(string(b), "\n")
	if n < 0 {
		return text + "\n"
	}
	lines := strings.Split(text, "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n") + "\n"
}

// readTail reads at most limit bytes from the end of a file.
func readTail(name string, limit int64) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, err
	}
	off := max(fi.Size()-limit, 0)
	b := make([]byte, fi.Size()-off)
	n, err := f.ReadAt(b, off)
	if err != nil && n == 0 {
		return nil, err
	}
	return b[:n], nil
}

// randomHex returns n random bytes in hex.
func randomHex(n int) string {
	b := make([]byte, n)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// binAndLog finds a server's program and opens its log file, which the
// server writes to as its standard output and error.
func (s *Server) binAndLog(name string) (string, *os.File, error) {
	bin, err := lookBin(name)
	if err != nil {
		return "", nil, err
	}
	out, err := os.OpenFile(s.LogFile, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	return bin, out, err
}
