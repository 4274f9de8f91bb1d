package repl

import (
	"fmt"
	"sync"
	"sync/atomic"

	"xepl/catalog"
	"xepl/internal/session"
)

// conn is one connection of the shell and everything that belongs to it:
// the stream, the options that opened it, the password kept in memory for
// reconnect, what disco learnt, the expectation for its next reply and
// its stanza ids. The shell holds a current one; a connection whose
// stream has ended keeps its options, so that reconnect can open it again.
type conn struct {
	name     string           // the session's name (sessions.go); "" before the first connect
	stream   *session.Session // nil before the first connect
	opts     ConnectOptions   // what connect used, with the defaults filled in
	password string           // the login password, in memory only
	disco    discoCache
	expect   *expectation // what the next iq reply should be
	last     lastReply    // what after-the-fact expectations look at
	replies  int          // how many replies became the last one
	// deleting is set while the account's cleanup removes it: the stream
	// the server then ends is no news.
	deleting atomic.Bool
	// removed is set once the account cancelled its own registration
	// and the server agreed: the stream it then ends is the expected end.
	removed atomic.Bool
	inbox   inbox // stanzas no request waited for, for expect stanza
	// errorNotes, while a template is sent, says what its errors mean
	// there (catalog.Template.ErrorNotes).
	errorNotes map[string]string

	// lastKept is the unit the capture kept last for this connection: set
	// and read by its dispatcher only (Wire, then Stanza, for each unit).
	lastKept captured
	// captureName is the session's name for the capture: set before the
	// stream opens, read by its dispatcher.
	captureName atomic.Pointer[string]

	mu      sync.Mutex
	answers chan []byte // while a template waits for a nonza answer
}

// awaitAnswer makes the next nonza the server sends (such as <enabled/>)
// go to the channel returned, until stop is called.
func (c *conn) awaitAnswer() (answers <-chan []byte, stop func()) {
	ch := make(chan []byte, 1)
	c.mu.Lock()
	c.answers = ch
	c.mu.Unlock()
	return ch, func() {
		c.mu.Lock()
		c.answers = nil
		c.mu.Unlock()
	}
}

// answered hands a nonza from the server to whoever awaits one.
func (c *conn) answered(raw []byte) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.answers != nil {
		select {
		case c.answers <- raw:
		default:
		}
	}
}

// live reports whether the connection's stream is up.
func (c *conn) live() bool {
	if c == nil || c.stream == nil {
		return false
	}
	select {
	case <-c.stream.Done():
		return false
	default:
		return true
	}
}

// server is the domain of the connection's JID: where requests without a
// to go.
func (c *conn) server() string { return c.stream.JID().Domainpart() }

// bare is the connection's own bare JID (the domain for a registration
// stream).
func (c *conn) bare() string { return c.stream.JID().Bare().String() }

// newID returns a fresh stanza id: unpredictable, so that no one else on
// the server can answer a request before its addressee does, with a
// readable prefix.
func (c *conn) newID() string { return session.NewID("xepl-") }

// takeExpectation returns what the next reply should be, and forgets it:
// an expectation holds for one reply.
func (c *conn) takeExpectation() *expectation {
	e := c.expect
	c.expect = nil
	return e
}

// catalogSession gives templates the connection's values: its own JID
// and domain, and its ids. Offline (for show) it stands in
// you@example.org.
func (c *conn) catalogSession() catalog.Session {
	if !c.live() {
		return catalog.Session{JID: "you@example.org/xepl", NewID: c.newID}
	}
	info := c.stream.Info()
	if info.Register {
		return catalog.Session{Domain: info.JID.Domainpart(), NewID: c.newID}
	}
	return catalog.Session{JID: info.JID.String(), NewID: c.newID}
}

// close ends the stream politely, if it is up.
func (c *conn) close() {
	if c.live() {
		c.stream.Close()
	}
}

// fromCatalog fills the catalog template name for a request the shell
// makes on its own behalf: the catalog is the one source of stanza XML.
func (c *conn) fromCatalog(name string, values catalog.Values) ([]byte, error) {
	t, ok := catalog.Lookup(name)
	if !ok {
		return nil, fmt.Errorf("the catalog has no template %s (a bug in xepl)", name)
	}
	f, err := t.Fill(values, c.catalogSession())
	if err != nil {
		return nil, err
	}
	return f.XML, nil
}
