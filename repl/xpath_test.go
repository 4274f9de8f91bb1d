package repl

import (
	"strings"
	"testing"
)

// TestXPathPanicIsAnError: an expression the XPath library compiles but
// panics on (a path where starts-with wants a string) is an error, not
// the end of the shell.
func TestXPathPanicIsAnError(t *testing.T) {
	raw := []byte(`<iq type='result'><query xmlns='http://jabber.org/protocol/disco#items'><item jid='conference.localhost'/></query></iq>`)
	_, _, _, err := xpathValue(raw, "//item[starts-with(@jid,conference.)]/@jid")
	if err == nil || !strings.Contains(err.Error(), "xpath") {
		t.Fatalf("err = %v, want an xpath error", err)
	}
	v, ok, _, err := xpathValue(raw, "//item[starts-with(@jid,'conference.')]/@jid")
	if err != nil || !ok || v != "conference.localhost" {
		t.Errorf("the quoted expression: %q, %v, %v", v, ok, err)
	}
}
