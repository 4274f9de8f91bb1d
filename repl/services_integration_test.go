package repl

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"

	"xepl/catalog"
	"xepl/internal/forms"
	"xepl/internal/localserver"
	"xepl/internal/servertest"
)

// runLines types lines into sh and returns what it printed, failing the
// test on any error.
func runLines(t *testing.T, sh *Shell, out *syncBuffer, lines ...string) string {
	t.Helper()
	mark := len(out.String())
	for _, line := range lines {
		if err := sh.execute(context.Background(), line); err != nil {
			t.Fatalf("%s: %v\n%s", line, err, out.String()[mark:])
		}
	}
	return out.String()[mark:]
}

// TestConfigure fills a room's configuration form and a pubsub node's,
// and reads the new values back.
func TestConfigure(t *testing.T) {
	servertest.Each(t, func(t *testing.T, srv *localserver.Server) {
		lr := newLiveRunner(t, srv)
		sh, out := lr.connected(t, "admin")
		room := "cfg" + strings.ToLower(catalog.RandWord()) + "@" + srv.MUCDomain
		runLines(t, sh, out,
			"verbose off",
			fmt.Sprintf("<presence to='%s/boss'><x xmlns='http://jabber.org/protocol/muc'/></presence>", room),
			"sync",
			fmt.Sprintf("configure %s muc#roomconfig_roomname='Planning room' muc#roomconfig_persistentroom=1", room),
			"verbose on",
		)
		got := runLines(t, sh, out, fmt.Sprintf("<iq type='get' to='%s'><query xmlns='http://jabber.org/protocol/muc#owner'/></iq>", room))
		if !strings.Contains(got, "Planning room") {
			t.Errorf("the room's form does not hold the new name:\n%s", got)
		}

		node := "n" + catalog.RandWord()
		runLines(t, sh, out, "verbose off",
			fmt.Sprintf("pubsub.create service=%s node=%s", srv.PubSubDomain, node),
			fmt.Sprintf("configure %s %s pubsub#max_items=7", srv.PubSubDomain, node),
			"verbose on")
		get, _ := catalog.Lookup("pubsub.configure-get")
		reply, err := sh.runTemplate(context.Background(), get, catalog.Values{"service": srv.PubSubDomain, "node": node})
		if err != nil {
			t.Fatal(err)
		}
		f, err := forms.Find(reply)
		if err != nil || f == nil || f.Field("pubsub#max_items") == nil || !slices.Equal(f.Field("pubsub#max_items").Values, []string{"7"}) {
			t.Errorf("the node's form does not hold the new max_items (%v):\n%s", err, reply)
		}
	})
}

// TestDiscoAndSurvey browses a server and follows an item by number, then
// sorts the catalog by what the server advertises.
func TestDiscoAndSurvey(t *testing.T) {
	servertest.Each(t, func(t *testing.T, srv *localserver.Server) {
		lr := newLiveRunner(t, srv)
		sh, out := lr.connected(t, "user")
		got := runLines(t, sh, out, "disco")
		for _, want := range []string{"server/im", `urn:xmpp:ping\s+XEP-0199: XMPP Ping`, regexp.QuoteMeta(srv.MUCDomain)} {
			if !regexp.MustCompile(want).MatchString(got) {
				t.Errorf("disco lacks %q:\n%s", want, got)
			}
		}
		n := -1
		for i, it := range sh.conn.disco.last {
			if it.JID.String() == srv.MUCDomain {
				n = i + 1
			}
		}
		if n < 0 {
			t.Fatalf("the MUC service is not among the items")
		}
		got = runLines(t, sh, out, fmt.Sprintf("disco %d", n))
		if !strings.Contains(got, "conference/text") || !regexp.MustCompile(`http://jabber.org/protocol/muc\s+XEP-0045`).MatchString(got) {
			t.Errorf("following the MUC service:\n%s", got)
		}

		got = runLines(t, sh, out, "survey")
		groups := surveyGroups(got)
		for _, name := range []string{"disco.info", "ping.server", "muc.rooms", "muc.config-get", "pubsub.create", "upload.slot"} {
			if !groups["offered"][name] {
				t.Errorf("%s should be offered:\n%s", name, got)
			}
		}
		if !groups["cannot tell from disco"]["presence.subscribe"] {
			t.Errorf("presence is core protocol, never advertised:\n%s", got)
		}
		privacy := map[localserver.Kind]string{localserver.Prosody: "not advertised", localserver.Ejabberd: "offered"}[srv.Kind]
		if !groups[privacy]["privacy.get"] {
			t.Errorf("privacy.get should be %s on %s:\n%s", privacy, srv.Kind, got)
		}
		if !groups["not advertised"]["admin.add-user"] {
			t.Errorf("a normal user is not offered admin commands:\n%s", got)
		}
	})
}

// surveyGroups reads survey's output: group title → template names.
func surveyGroups(out string) map[string]map[string]bool {
	groups := map[string]map[string]bool{}
	var cur map[string]bool
	for _, line := range strings.Split(out, "\n") {
		switch {
		case strings.HasPrefix(line, "  "):
			for _, name := range strings.Fields(line) {
				if cur != nil {
					cur[name] = true
				}
			}
		case strings.Contains(line, " ("):
			title, _, _ := strings.Cut(line, " (")
			cur = map[string]bool{}
			groups[title] = cur
		}
	}
	return groups
}

// TestSurveyOnMinimalServer: on a server with no commands, MUC, pubsub or
// offline storage, survey calls none of the templates for them offered,
// while the core still is.
func TestSurveyOnMinimalServer(t *testing.T) {
	srv := servertest.Shared(t, localserver.ProsodyMinimal)
	lr := newLiveRunner(t, srv)
	sh, out := lr.connected(t, "user")
	got := runLines(t, sh, out, "survey")
	groups := surveyGroups(got)
	for _, name := range []string{"command.list", "offline.count", "offline.list", "muc.rooms", "muc.room-info",
		"muc.join", "muc.config-get", "pubsub.nodes", "pubsub.node-info", "pubsub.create", "upload.slot", "mam.query",
		"admin.add-user", "sm.enable", "carbons.enable", "blocking.list"} {
		if groups["offered"][name] {
			t.Errorf("%s is called offered on a server without it:\n%s", name, got)
		}
	}
	for _, name := range []string{"disco.info", "disco.items", "ping.server", "version.get", "register.change-password"} {
		if !groups["offered"][name] {
			t.Errorf("%s should be offered:\n%s", name, got)
		}
	}
	if !groups["cannot tell from disco"]["presence.subscribe"] {
		t.Errorf("presence is core protocol, never advertised:\n%s", got)
	}
}
