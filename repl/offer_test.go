package repl

import (
	"testing"

	"xepl/catalog"
)

// TestJudge: survey's verdicts from what entities advertise, for the
// cases a real server does not show in one run: an older version of a
// namespace, a stanza with no payload of its own, a room that does not
// exist yet, a service that is not there.
func TestJudge(t *testing.T) {
	if err := catalog.Load(); err != nil {
		t.Fatal(err)
	}
	muc := componentInfo{entity: entity{jid: "conference.example.org", features: []string{"http://jabber.org/protocol/muc"}}, categories: []string{"conference"}}
	withMUC := &offerFacts{
		server:     &entity{jid: "example.org", features: []string{"urn:xmpp:mam:2", "urn:xmpp:mam:2#extended", "urn:xmpp:ping"}},
		account:    &entity{jid: "me@example.org"},
		components: []componentInfo{muc},
	}
	noMUC := &offerFacts{server: withMUC.server, account: withMUC.account}
	for _, tc := range []struct {
		facts    *offerFacts
		template string
		want     verdict
	}{
		{withMUC, "mam.query", offered},
		{withMUC, "mam.query-v0", verdictNotOffered}, // mam:2 says nothing of mam:0
		{withMUC, "mam.prefs-tmp", verdictNotOffered},
		{withMUC, "ping.server", offered},
		{withMUC, "muc.leave", offered},        // no payload: XEP-0045 on the service counts
		{withMUC, "muc.message", offered},      // likewise
		{withMUC, "muc.self-ping", cannotTell}, // the occupant answers for itself
		{withMUC, "muc.register", cannotTell},  // optional in a room: XEP-0077 there
		{withMUC, "muc.config-get", offered},   // XEP-0045 itself
		{noMUC, "muc.leave", verdictNotOffered},
		{noMUC, "muc.self-ping", verdictNotOffered},
		{withMUC, "message.chat", cannotTell},
	} {
		tm, ok := catalog.Lookup(tc.template)
		if !ok {
			t.Fatalf("no template %s", tc.template)
		}
		if got := tc.facts.judge(tm); got != tc.want {
			t.Errorf("%s: verdict %v, want %v", tc.template, got, tc.want)
		}
	}
}
