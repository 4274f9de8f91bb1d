package fakexmpp_test

import (
	"io"
	"net"
	"strings"
	"testing"
	"time"

	"xepl/internal/fakexmpp"
)

// TestExpectReports: a client that sends the wrong element gets no
// answer, and the script's error, passed to report, names both.
func TestExpectReports(t *testing.T) {
	errs := make(chan error, 1)
	s, err := fakexmpp.Listen(5*time.Second, func(c *fakexmpp.Conn) error { return c.Open(fakexmpp.FeaturesTLS) }, func(err error) { errs <- err })
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close(5 * time.Second)
	conn, err := net.Dial("tcp", s.Addr())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	conn.Write([]byte("  <presence/>"))
	select {
	case err := <-errs:
		if !strings.Contains(err.Error(), "want <stream>, client sent <presence/>") {
			t.Errorf("the script reported %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("no error reported")
	}
	conn.SetReadDeadline(time.Now().Add(5 * time.Second))
	if b, err := io.ReadAll(conn); len(b) > 0 || err != nil {
		t.Errorf("the client read %q, %v; want the connection closed without a word", b, err)
	}
}

// TestCloseEndsHold: Close ends a script that holds a connection open
// without a deadline.
func TestCloseEndsHold(t *testing.T) {
	held := make(chan struct{})
	s, err := fakexmpp.Listen(time.Minute, func(c *fakexmpp.Conn) error {
		if err := c.Open(fakexmpp.FeaturesBind); err != nil {
			return err
		}
		close(held)
		return c.Hold()
	}, func(err error) { t.Errorf("the script failed: %v", err) })
	if err != nil {
		t.Fatal(err)
	}
	conn, err := net.Dial("tcp", s.Addr())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	conn.Write([]byte("<?xml version='1.0'?><stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' to='localhost' version='1.0'>"))
	select {
	case <-held:
	case <-time.After(5 * time.Second):
		t.Fatal("the script never got the stream header")
	}
	if !s.Close(5 * time.Second) {
		t.Error("Close: the holding script still runs")
	}
}
