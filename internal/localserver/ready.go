package localserver

import (
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"net"
	"os"
	"strings"
	"time"
)

// streamHeader opens a client stream to domain.
func streamHeader(domain string) string {
	return "<?xml version='1.0'?><stream:stream to='" + domain +
		"' version='1.0' xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'>"
}

// probeFeatures connects to addr, opens a stream to domain and reads the
// stream features. It reports whether they offer STARTTLS.
func probeFeatures(ctx context.Context, addr, domain string, timeout time.Duration) (starttls bool, err error) {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	var d net.Dialer
	conn, err := d.DialContext(ctx, "tcp", addr)
	if err != nil {
		return false, err
	}
	defer conn.Close()
	if dl, ok := ctx.Deadline(); ok {
		conn.SetDeadline(dl)
	}
	if _, err := conn.Write([]byte(streamHeader(domain))); err != nil {
		return false, err
	}
	return readFeatures(xml.NewDecoder(conn))
}

// readFeatures reads a stream up to the end of its stream:features and
// reports whether they contain starttls.
func readFeatures(dec *xml.Decoder) (starttls bool, err error) {
	const streamNS = "http://etherx.jabber.org/streams"
	depth, inFeatures := 0, false
	for {
		tok, err := dec.Token()
		if err != nil {
			return false, fmt.Errorf("reading stream features: %w", err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			switch {
			case depth == 1 && (t.Name.Space != streamNS || t.Name.Local != "stream"):
				return false, fmt.Errorf("expected stream:stream, got %s", t.Name.Local)
			case depth == 2 && t.Name.Space == streamNS && t.Name.Local == "error":
				return false, errors.New("stream error")
			case depth == 2 && t.Name.Space == streamNS && t.Name.Local == "features":
				inFeatures = true
			case depth == 3 && inFeatures && t.Name.Local == "starttls":
				starttls = true
			}
		case xml.EndElement:
			depth--
			if inFeatures && depth == 1 {
				return starttls, nil
			}
			if depth == 0 {
				return false, errors.New("stream closed before features")
			}
		}
	}
}

// waitReady polls the server until a stream on s.Addr gets features
// that offer STARTTLS and the server's log says it listens there, the
// process exits, or ctx ends. The other ports only need to accept a TCP
// connection.
func waitReady(ctx context.Context, s *Server, others []string) error {
	p := s.proc
	// A silent listener (another process on our port) must not hold up
	// the checks of the log for long, a slow server must get time to
	// answer: the timeout grows each time it is hit.
	timeout := 250 * time.Millisecond
	var last error
	for {
		if portConflict(s.LogTail(-1)) {
			return errors.New("a port was taken by another process")
		}
		ok, err := probeFeatures(ctx, s.Addr(), s.Domain, timeout)
		if err == nil && !ok {
			err = errors.New("stream features without starttls")
		}
		if err == nil && !strings.Contains(s.LogTail(-1), s.impl.listening(s)) {
			err = fmt.Errorf("features, but no %q in the log yet", s.impl.listening(s))
		}
		if err == nil {
			break
		}
		if errors.Is(err, context.DeadlineExceeded) || errors.Is(err, os.ErrDeadlineExceeded) {
			timeout = min(2*timeout, 5*time.Second)
		}
		last = err
		select {
		case <-p.done:
			return fmt.Errorf("server exited (%v)", p.err)
		case <-ctx.Done():
			return fmt.Errorf("%w; last attempt: %v", context.Cause(ctx), last)
		case <-time.After(15 * time.Millisecond):
		}
	}
	for _, a := range others {
		for {
			var d net.Dialer
			tctx, cancel := context.WithTimeout(ctx, time.Second)
			c, err := d.DialContext(tctx, "tcp", a)
			cancel()
			if err == nil {
				c.Close()
				break
			}
			select {
			case <-p.done:
				return fmt.Errorf("server exited (%v)", p.err)
			case <-ctx.Done():
				return fmt.Errorf("%w; port %s: %v", context.Cause(ctx), a, err)
			case <-time.After(15 * time.Millisecond):
			}
		}
	}
	return nil
}
