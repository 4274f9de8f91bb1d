package localserver

import (
	"fmt"
	"net"
	"regexp"
	"sync"
)

// pickPorts picks the ports of a new server (a variable for tests).
var pickPorts = freePorts

// freePorts returns n distinct TCP ports that were free on 127.0.0.1 a
// moment ago. They are held open together, so they differ from each
// other, and released before returning: another process may take one
// before the server binds it, which Start detects (portConflict) and
// retries with new ports.
func freePorts(n int) ([]int, error) {
	ports := make([]int, 0, n)
	listeners := make([]net.Listener, 0, n)
	defer func() {
		for _, l := range listeners {
			l.Close()
		}
	}()
	for range n {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			return nil, fmt.Errorf("localserver: find a free port: %w", err)
		}
		listeners = append(listeners, l)
		ports = append(ports, l.Addr().(*net.TCPAddr).Port)
	}
	return ports, nil
}

// portsWith returns the n ports of a new server, the first of them
// pinned (the STARTTLS port) unless pinned is 0; the others are free ones
// that differ from it.
func portsWith(pinned, n int) ([]int, error) {
	if pinned == 0 {
		return pickPorts(n)
	}
	// n+1 distinct free ports: at most one of them is the pinned one.
	free, err := pickPorts(n + 1)
	if err != nil {
		return nil, err
	}
	ports := []int{pinned}
	for _, p := range free {
		if p != pinned && len(ports) < n {
			ports = append(ports, p)
		}
	}
	return ports, nil
}

// portFree reports, as an error that names it, a port on 127.0.0.1 that
// another process holds.
func portFree(port int) error {
	if port < 1 || port > 65535 {
		return fmt.Errorf("localserver: port %d is not a TCP port (1-65535)", port)
	}
	l, err := net.Listen("tcp", fmt.Sprintf("127.0.0.1:%d", port))
	if err != nil {
		return fmt.Errorf("localserver: port %d on 127.0.0.1 is taken (%v): pick another, or stop what holds it", port, err)
	}
	return l.Close()
}

// portConflictRE matches what Prosody and ejabberd log when a port they
// were told to bind is taken.
var portConflictRE = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(?i)eaddrinuse|address already in use|in use by another application|failed to open server port`)
})

// portConflict reports whether a server log says a port was taken.
func portConflict(log string) bool {
	return portConflictRE().MatchString(log)
}
