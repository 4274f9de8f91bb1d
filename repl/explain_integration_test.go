package repl

import (
	"context"
	"encoding/xml"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"xepl/internal/localserver"
	"xepl/internal/servertest"
	"xepl/internal/stanza"
	"xepl/xeps"
)

// TestExplainLive asks each real server for its disco#info and explains
// the reply: every feature it advertises must get a line of its own
// naming where it is defined, or saying xepl does not know it. Then it
// runs a command node no server has and explains the error: its condition
// and what it means, and how the other server answers the same.
func TestExplainLive(t *testing.T) {
	servertest.Each(t, func(t *testing.T, srv *localserver.Server) {
		lr := newLiveRunner(t, srv)
		sh, out := lr.connected(t, "user")
		runLines(t, sh, out, "verbose off",
			fmt.Sprintf("<iq type='get' to='%s'><query xmlns='http://jabber.org/protocol/disco#info'/></iq>", srv.Domain))
		var d discoInfo
		if err := xml.Unmarshal(sh.conn.last.raw, &d); err != nil || len(d.Features) == 0 {
			t.Fatalf("no features in the disco#info reply (%v):\n%s", err, sh.conn.last.raw)
		}
		got := runLines(t, sh, out, "explain")
		for _, f := range d.Features {
			want := "unknown to xepl"
			if s, ok := xeps.ForNamespace(f.Var); ok {
				want = shortSpec(s)
			}
			line := regexp.MustCompile(`(?m)^  ` + regexp.QuoteMeta(f.Var) + `  +` + regexp.QuoteMeta(want) + `$`)
			if !line.MatchString(got) {
				t.Errorf("feature %s: no line naming %s", f.Var, want)
			}
		}
		for _, id := range d.Identities {
			if !strings.Contains(got, id.Category+"/"+id.Type) {
				t.Errorf("identity %s/%s not explained", id.Category, id.Type)
			}
		}
		if t.Failed() {
			t.Logf("explain printed:\n%s", got)
		}

		mark := len(out.String())
		err := sh.execute(context.Background(), fmt.Sprintf("<iq type='set' to='%s'><command xmlns='http://jabber.org/protocol/commands' node='xepl-no-such-command' action='execute'/></iq>", srv.Domain))
		e := stanza.ErrorOf(sh.conn.last.raw)
		if err == nil || e == nil {
			t.Fatalf("an unknown command node did not fail (%v):\n%s", err, out.String()[mark:])
		}
		got = runLines(t, sh, out, "explain")
		c, ok := xeps.StanzaCondition(e.Condition)
		if !ok {
			t.Fatalf("the server answered %s, a condition xepl does not know", e.Condition)
		}
		for _, want := range []string{
			"error: " + e.Condition + " (" + e.Type + ")",
			"means: " + c.Meaning,
			"type " + e.Type + ": ",
			"Prosody and ejabberd differ when a command node the server does not offer is run",
		} {
			if !strings.Contains(got, want) {
				t.Errorf("the explanation of %s lacks %q:\n%s", e, want, got)
			}
		}
	})
}
