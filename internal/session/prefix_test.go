package session_test

import (
	"fmt"
	"testing"
	"time"

	"xepl/internal/fakexmpp"
	"xepl/internal/session"
)

// TestHeaderPrefixes: a server may declare prefixes on its stream header
// and use them in its features and stanzas (XML Namespaces scoping; no
// real server we test on does). The session reads them as declared: the
// feature is in its namespace, a ping whose payload uses a header prefix
// is answered, what the observer gets is readable alone, and the wire
// log holds the bytes as they came.
func TestHeaderPrefixes(t *testing.T) {
	const header = `<?xml version='1.0'?><stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' ` +
		`xmlns:ack='urn:xmpp:sm:3' xmlns:p='urn:xmpp:ping' id='fake' from='` + fakeDomain + `' version='1.0'>`
	const ping = `<iq type='get' id='pp' from='` + fakeDomain + `'><p:ping/></iq>`
	answered := make(chan error, 1)
	f := newFake(t, func(c *fakeConn) error {
		c.Header = header
		steps := []func() error{
			func() error { return c.Open(fakexmpp.FeaturesTLS) }, c.startTLS,
			func() error { return c.Open(fakexmpp.FeaturesSASL) }, c.Auth,
			func() error {
				return c.Open(`<stream:features><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/><ack:sm/></stream:features>`)
			}, c.Bind,
			func() error { return c.Send(ping) },
			func() error {
				u, err := c.nextStanza(func(u session.WireUnit) bool { return u.Attr("id") == "pp" })
				if err == nil && u.Attr("type") != "result" {
					err = fmt.Errorf("the client answered %s", u.Raw)
				}
				return err
			},
		}
		for _, step := range steps {
			if err := step(); err != nil {
				answered <- err
				return err
			}
		}
		answered <- nil
		return c.Hold()
	})
	rec := newRecorder()
	s := connect(t, f.config(rec, 5*time.Second))
	select {
	case err := <-answered:
		if err != nil {
			t.Fatalf("the ping with a header prefix was not answered: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("no answer to the ping within 10s")
	}

	offered := s.Info().Offered
	found := false
	for _, fs := range offered {
		for _, f := range fs.Features {
			if f.Name == "sm" {
				found = true
				if f.Namespace != "urn:xmpp:sm:3" {
					t.Errorf("<ack:sm/> read in namespace %q, want urn:xmpp:sm:3", f.Namespace)
				}
			}
		}
	}
	if !found {
		t.Errorf("the feature <ack:sm/> is missing from %+v", offered)
	}

	rec.mu.Lock()
	defer rec.mu.Unlock()
	var sawWire, sawStanza bool
	for _, u := range rec.wire {
		if u.Dir == session.In && u.Attr("id") == "pp" {
			sawWire = true
			if got := string(u.Exact()); got != ping {
				t.Errorf("the wire log holds %s, want what came: %s", got, ping)
			}
		}
	}
	for _, u := range rec.stanzas {
		if u.Attr("id") == "pp" {
			sawStanza = true
			if want := `<iq type='get' id='pp' from='` + fakeDomain + `'><p:ping/></iq>`; string(u.Raw) == want {
				t.Errorf("the observer got the ping without its prefix declared: %s", u.Raw)
			}
		}
	}
	if !sawWire || !sawStanza {
		t.Errorf("the ping reached the wire log: %v, the observer: %v", sawWire, sawStanza)
	}
}
