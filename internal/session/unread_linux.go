package session

import (
	"net"

	"golang.org/x/sys/unix"
)

// unreadBytes reports whether the kernel holds bytes from the server that
// have not been read yet (SIOCINQ). Close's quiet wait asks it when its
// deadline passes: a reader that was not scheduled in time must not take
// bytes already here for a quiet server.
func unreadBytes(c net.Conn) bool {
	q, ok := c.(quickAckConn)
	if !ok {
		return false
	}
	n := 0
	q.raw.Control(func(fd uintptr) { n, _ = unix.IoctlGetInt(int(fd), unix.SIOCINQ) })
	return n > 0
}
