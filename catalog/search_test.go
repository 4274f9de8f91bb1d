package catalog_test

import (
	"fmt"
	"strings"
	"testing"

	"xepl/catalog"
)

func TestSearchTop(t *testing.T) {
	ix := catalog.NewIndex(fixtures(t))
	tests := []struct {
		query string
		top   string // the first result
		match string // its Match, when not ""
	}{
		{"delete account", "register.cancel", `keyword "delete account"`},
		{"Delete my account", "register.cancel", ""},
		{"does this username exist", "disco.account", ""},
		{"does this user exist?", "disco.account", ""},
		{"list users", "admin.get-registered-users-list", `keyword "list users"`},
		{"list all accounts", "admin.get-registered-users-list", ""},
		{"who is online", "admin.get-online-users-list", ""},
		{"who's connected", "admin.get-online-users-list", ""},
		{"how many users are online", "admin.get-online-users-num", ""},
		{"change password", "register.change-password", `keyword "change password"`},
		{"change a user's password", "admin.change-user-password", ""},
		{"create account", "register.account", ""},
		{"kick user", "admin.end-user-session", ""},
		{"disconnect someone", "admin.end-user-session", ""},
		{"kick_session", "admin.end-user-session", ""},
		{"ejabberdctl registered_users", "admin.get-registered-users-list", ""},
		{"join room", "muc.join", ""},
		{"enter a groupchat", "muc.join", ""},
		{"leave the room", "muc.leave", ""},
		{"exit channel", "muc.leave", ""},
		{"send a message", "message.chat", ""},
		{"is the server alive", "ping.server", ""},
		{"chat history", "mam.query", ""},
		{"contacts", "roster.get", ""},
		{"what features does the server support", "disco.info", ""},
		{"register.cancel", "register.cancel", "name"},
		{"REGISTER.CANCEL", "register.cancel", "name"},
		{"jabber:iq:roster", "roster.get", "namespace jabber:iq:roster"},
		{"urn:xmpp:mam", "mam.query", "namespace urn:xmpp:mam:2"},
		{"urn:xmpp:mam:2#extended", "mam.query", "namespace urn:xmpp:mam:2#extended"},
		{"http://jabber.org/protocol/muc#user", "muc.join", "namespace http://jabber.org/protocol/muc#user (XEP-0045)"},
		{"urn:xmpp:ping", "ping.server", "namespace urn:xmpp:ping"},
		{"xep-0045 leave", "muc.leave", "XEP-0045"},
		{"313", "mam.query", "XEP-0313"},
		{"pass", "register.change-password", "words pass≈password (name)"},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			rs := ix.Search(tt.query)
			if len(rs) == 0 {
				t.Fatal("no results")
			}
			if rs[0].Template.Name != tt.top {
				t.Errorf("top result %s, want %s\n%s", rs[0].Template.Name, tt.top, describe(rs))
			}
			if tt.match != "" && rs[0].Match != tt.match {
				t.Errorf("Match = %q, want %q", rs[0].Match, tt.match)
			}
		})
	}
}

func TestSearchGroups(t *testing.T) {
	ix := catalog.NewIndex(fixtures(t))
	tests := []struct {
		query  string
		prefix string // the first n results have names with this prefix
		n      int
		match  string
	}{
		{"register", "register.", 4, "group register"},
		{"admin", "admin.", 7, "group admin"},
		{"reg", "register.", 4, "name prefix reg"},
		{"admin.get", "admin.get-", 3, "name prefix admin.get"},
		{"77", "register.", 4, "XEP-0077"},
		{"0077", "register.", 4, "XEP-0077"},
		{"xep-0077", "register.", 4, "XEP-0077"},
		{"XEP77", "register.", 4, "XEP-0077"},
		{"XEP 77", "register.", 4, "XEP-0077"},
		{"xep_0077", "register.", 4, "XEP-0077"},
		{"133", "admin.", 7, "XEP-0133"},
		{"jabber:iq:register", "register.", 4, "namespace jabber:iq:register"},
		{"jabber:iq", "register.", 4, "namespace jabber:iq:register"},
		{"http://jabber.org/protocol/admin", "admin.", 7, ""},
		{"http://jabber.org/protocol/disco", "disco.", 3, ""},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			rs := ix.Search(tt.query)
			// An admin tool's verb of the same word ("register") comes
			// before the group (TestSearchVerbs).
			for len(rs) > 0 && rs[0].Verb != "" {
				rs = rs[1:]
			}
			if len(rs) < tt.n {
				t.Fatalf("%d results, want at least %d\n%s", len(rs), tt.n, describe(rs))
			}
			for _, r := range rs[:tt.n] {
				if !strings.HasPrefix(r.Template.Name, tt.prefix) {
					t.Errorf("results start with %s, want %d named %s*\n%s", r.Template.Name, tt.n, tt.prefix, describe(rs))
					break
				}
				if tt.match != "" && r.Match != tt.match {
					t.Errorf("%s: Match = %q, want %q", r.Template.Name, r.Match, tt.match)
				}
			}
			if len(rs) > tt.n && strings.HasPrefix(rs[tt.n].Template.Name, tt.prefix) && rs[tt.n].Score >= rs[tt.n-1].Score {
				t.Errorf("more than %d results named %s* rank first", tt.n, tt.prefix)
			}
		})
	}
}

func TestSearchOrder(t *testing.T) {
	ix := catalog.NewIndex(fixtures(t))
	t.Run("second", func(t *testing.T) {
		rs := ix.Search("delete account")
		if len(rs) < 2 || rs[1].Template.Name != "admin.delete-user" {
			t.Errorf("want admin.delete-user second\n%s", describe(rs))
		}
	})
	t.Run("best first, ties by name", func(t *testing.T) {
		for _, q := range []string{"register", "list users", "user", "room", "77", "message"} {
			rs := ix.Search(q)
			for i := 1; i < len(rs); i++ {
				a, b := rs[i-1], rs[i]
				if a.Score < b.Score || a.Score == b.Score && a.Template.Name > b.Template.Name {
					t.Errorf("%q: %s (%v) before %s (%v)", q, a.Template.Name, a.Score, b.Template.Name, b.Score)
				}
			}
		}
	})
	t.Run("all words beat some", func(t *testing.T) {
		// message.chat matches both words; mam.query only "chat" and
		// roster.get nothing.
		rs := ix.Search("send chat")
		if rs[0].Template.Name != "message.chat" {
			t.Errorf("top %s\n%s", rs[0].Template.Name, describe(rs))
		}
	})
	t.Run("nothing", func(t *testing.T) {
		for _, q := range []string{"", "   ", "how do i", "zzzzqx", "the of"} {
			if rs := ix.Search(q); len(rs) != 0 {
				t.Errorf("Search(%q) = %s", q, describe(rs))
			}
		}
	})
}

func TestSearchEmbedded(t *testing.T) {
	if catalog.Search("") != nil {
		t.Error(`Search("") is not nil`)
	}
	for _, tm := range catalog.All() {
		rs := catalog.Search(tm.Name)
		if len(rs) == 0 || rs[0].Template != tm || rs[0].Match != "name" {
			t.Errorf("Search(%q) does not find it first by name:\n%s", tm.Name, describe(rs))
		}
	}
}

// describe lists results for failure messages.
func describe(rs []catalog.Result) string {
	var b strings.Builder
	for i, r := range rs {
		if i == 8 {
			fmt.Fprintf(&b, "  ... %d more\n", len(rs)-i)
			break
		}
		fmt.Fprintf(&b, "  %-36s %10.1f  %s\n", r.Template.Name, r.Score, r.Match)
	}
	return b.String()
}

// TestSearchKeywordAfterStopWords: a keyword of stop words alone makes
// no phrase, so a template's phrases and keywords are numbered apart;
// the match still names the keyword that matched.
func TestSearchKeywordAfterStopWords(t *testing.T) {
	tm := mustParse(t, "ping.zorp.tmpl", `name: ping.zorp
title: Zorp the server
spec: XEP-0199 §4.2
stage: user
summary: Checks the zorp.
keywords: the, how it is, zorp quux, blorb
param: to jid default={domain} -- whom to ping
expect: result
---
<iq type='get' to='{{to}}'>
  <ping xmlns='urn:xmpp:ping'/>
</iq>
`)
	ix := catalog.NewIndex(append(fixtures(t), tm))
	for query, want := range map[string]string{"zorp quux": `keyword "zorp quux"`, "blorb": `keyword "blorb"`} {
		rs := ix.Search(query)
		if len(rs) == 0 || rs[0].Template != tm || rs[0].Match != want {
			t.Errorf("%s: got %s, want ping.zorp with Match %s", query, describe(rs), want)
		}
	}
}
