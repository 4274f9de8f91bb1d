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

// portConflictRE matches what Prosody and ejabberd log when a port they
// were told to bind is taken.
var portConflictRE = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(?i)eaddrinuse|address already in use|in use by another application|failed to open server port`)
})

// portConflict reports whether a server log says a port was taken.
func portConflict(log string) bool {
	return portConflictRE().MatchString(log)
}
