package session

import (
	"net"
	"syscall"
)

// quickAckConn asks the kernel to acknowledge every read at once.
//
// Right after a TLS 1.3 handshake a server with Nagle's algorithm on (stock
// Prosody) holds back its stream features until its first small write is
// acknowledged, and the client's delayed ACK waits about 40 ms. Linux drops
// back to delayed ACKs after each send, so the option is set before every
// read, not once.
type quickAckConn struct {
	*net.TCPConn
	raw syscall.RawConn
}

func withQuickAck(c net.Conn) net.Conn {
	tc, ok := c.(*net.TCPConn)
	if !ok {
		return c
	}
	raw, err := tc.SyscallConn()
	if err != nil {
		return c
	}
	return quickAckConn{TCPConn: tc, raw: raw}
}

func (c quickAckConn) Read(p []byte) (int, error) {
	c.raw.Control(func(fd uintptr) {
		syscall.SetsockoptInt(int(fd), syscall.IPPROTO_TCP, syscall.TCP_QUICKACK, 1)
	})
	return c.TCPConn.Read(p)
}
