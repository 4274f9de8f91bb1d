package session

import (
	"net"
	"testing"
	"time"
)

// TestUnreadBytes checks that unreadBytes sees bytes the kernel holds
// for us, and only until they are read.
func TestUnreadBytes(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	accepted := make(chan net.Conn, 1)
	go func() {
		c, err := ln.Accept()
		if err == nil {
			accepted <- c
		}
		close(accepted)
	}()
	d, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	c := withQuickAck(d)
	peer := <-accepted
	if peer == nil {
		t.Fatal("no connection accepted")
	}
	defer peer.Close()
	if unreadBytes(c) {
		t.Fatal("unread bytes before the peer wrote any")
	}
	if _, err := peer.Write([]byte("<presence/>")); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(5 * time.Second)
	for !unreadBytes(c) {
		if time.Now().After(deadline) {
			t.Fatal("the peer's bytes never showed as unread")
		}
		time.Sleep(time.Millisecond)
	}
	buf := make([]byte, 64)
	if n, err := c.Read(buf); err != nil || n != len("<presence/>") {
		t.Fatalf("read %d bytes, %v", n, err)
	}
	if unreadBytes(c) {
		t.Error("unread bytes after everything was read")
	}
}
