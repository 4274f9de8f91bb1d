package rawxml_test

import (
	"slices"
	"testing"

	"xepl/internal/rawxml"
)

// TestStandalone: an element of a stream whose header declared prefixes
// is made readable on its own, and Exact gives back the wire's bytes.
func TestStandalone(t *testing.T) {
	const hdr = `<stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' xmlns:ack='urn:xmpp:ack' xmlns:a="x&amp;y" version='1.0'>`
	for _, tc := range []struct {
		name, header, el, want string
	}{
		{"features using a header prefix", hdr, `<stream:features><ack:ack/></stream:features>`,
			`<stream:features xmlns:a='x&amp;y' xmlns:ack='urn:xmpp:ack'><ack:ack/></stream:features>`},
		{"a prefixed root", hdr, `<ack:r/>`, `<ack:r xmlns:a='x&amp;y' xmlns:ack='urn:xmpp:ack'/>`},
		{"a root that declares one itself", hdr, `<ack:r xmlns:ack='urn:other'/>`, `<ack:r xmlns:a='x&amp;y' xmlns:ack='urn:other'/>`},
		{"no prefixes but the stream's", `<stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'>`,
			`<iq type='get'/>`, `<iq type='get'/>`},
		{"stream prefix of another name", `<s:stream xmlns='jabber:client' xmlns:s='http://etherx.jabber.org/streams'>`,
			`<s:features/>`, `<s:features/>`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var units []rawxml.Unit
			s := rawxml.NewSplitter(func(u rawxml.Unit) { units = append(units, u) })
			s.Write([]byte(tc.header + tc.el))
			s.Flush()
			if len(units) != 2 || units[1].Kind != rawxml.KindElement {
				t.Fatalf("units: %+v", units)
			}
			u := units[1].Standalone()
			if got := string(u.Raw); got != tc.want {
				t.Errorf("Standalone:\n got %s\nwant %s", got, tc.want)
			}
			if got := string(u.Exact()); got != tc.el {
				t.Errorf("Exact: got %s, want the wire's %s", got, tc.el)
			}
			if again := u.Standalone(); string(again.Raw) != string(u.Raw) {
				t.Errorf("Standalone twice added more: %s", again.Raw)
			}
		})
	}
}

// TestWithoutAdded: masking what Standalone returned and taking the
// declarations out again gives the wire's bytes, masked; a changed
// declaration is kept rather than cutting the wrong bytes.
func TestWithoutAdded(t *testing.T) {
	var units []rawxml.Unit
	s := rawxml.NewSplitter(func(u rawxml.Unit) { units = append(units, u) })
	s.Write([]byte(`<stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' xmlns:r='jabber:iq:register'>` +
		`<iq type='result'><r:query><r:password>hunter2</r:password></r:query></iq>`))
	s.Flush()
	u := units[1].Standalone()
	masked := rawxml.Redact(u.Raw)
	if got, want := string(u.WithoutAdded(masked)), `<iq type='result'><r:query><r:password>********</r:password></r:query></iq>`; got != want {
		t.Errorf("masked on the wire:\n got %s\nwant %s", got, want)
	}
	changed := slices.Clone(u.Raw)
	changed[u.Added[0]+3] = 'X'
	if got := u.WithoutAdded(changed); string(got) != string(changed) {
		t.Errorf("a changed declaration was cut: %s", got)
	}
}
