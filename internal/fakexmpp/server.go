package fakexmpp

import (
	"net"
	"sync"
	"time"
)

// Server accepts connections on a loopback port and runs a script on
// each, in a goroutine of its own.
type Server struct {
	ln    net.Listener
	wg    sync.WaitGroup
	mu    sync.Mutex
	conns []net.Conn
}

// Listen starts a server on a free loopback port. Every read and write
// of a script's Conn is bounded by timeout, so that a script never
// waits long on a client that went away. A script's error is passed to
// report (which may be called from several goroutines at once); a
// script ended by Close gets one that wraps net.ErrClosed.
func Listen(timeout time.Duration, script func(*Conn) error, report func(error)) (*Server, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	s := &Server{ln: ln}
	s.wg.Add(1)
	go s.accept(timeout, script, report)
	return s, nil
}

// Addr is the host:port the server listens on.
func (s *Server) Addr() string { return s.ln.Addr().String() }

func (s *Server) accept(timeout time.Duration, script func(*Conn) error, report func(error)) {
	defer s.wg.Done()
	for {
		conn, err := s.ln.Accept()
		if err != nil {
			return
		}
		s.mu.Lock()
		s.conns = append(s.conns, conn)
		s.mu.Unlock()
		s.wg.Add(1)
		go func() {
			defer s.wg.Done()
			defer conn.Close()
			if err := script(NewConn(conn, timeout)); err != nil {
				report(err)
			}
		}()
	}
}

// Close stops listening, closes every connection and waits up to wait
// for the scripts to return. It reports whether they all did.
func (s *Server) Close(wait time.Duration) bool {
	s.ln.Close()
	s.mu.Lock()
	for _, c := range s.conns {
		c.Close()
	}
	s.mu.Unlock()
	done := make(chan struct{})
	go func() { s.wg.Wait(); close(done) }()
	select {
	case <-done:
		return true
	case <-time.After(wait):
		return false
	}
}
