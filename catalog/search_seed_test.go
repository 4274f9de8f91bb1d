package catalog_test

import (
	"testing"

	"xepl/catalog"
)

// TestSearchSeedQuestions ranks the embedded catalog for the questions
// people ask first: the self-service template and the admin's one come
// first, in either order, for the ways of saying "make an account".
func TestSearchSeedQuestions(t *testing.T) {
	tests := []struct {
		query string
		top   []string // the first results, in any order
	}{
		{"register a user", []string{"register.submit", "admin.add-user"}},
		{"register user", []string{"register.submit", "admin.add-user"}},
		{"create account", []string{"register.submit", "admin.add-user"}},
		{"create an account", []string{"register.submit", "admin.add-user"}},
		{"add user", []string{"register.submit", "admin.add-user"}},
		{"add a user", []string{"register.submit", "admin.add-user"}},
		{"does a username exist", []string{"account.exists"}},
		{"user exists", []string{"account.exists"}},
		{"does this user exist", []string{"account.exists"}},
		{"cancel a registration", []string{"register.cancel"}},
		{"list the users", []string{"admin.get-registered-users-list"}},
		{"run an admin command", []string{"command.execute"}},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			rs := catalog.Search(tt.query)
			if len(rs) < len(tt.top) {
				t.Fatalf("%d results\n%s", len(rs), describe(rs))
			}
			for _, r := range rs[:len(tt.top)] {
				if !contains(tt.top, r.Template.Name) {
					t.Errorf("want %v first\n%s", tt.top, describe(rs))
					break
				}
			}
		})
	}
}

// TestSearchVerbs: an admin tool's command, whole or its verb alone,
// ranks the admin template that does it first, and says which verb
// matched.
func TestSearchVerbs(t *testing.T) {
	tests := []struct {
		query, top, verb string
	}{
		{"ejabberdctl register", "admin.add-user", "ejabberdctl register"},
		{"EJABBERDCTL  Register", "admin.add-user", "ejabberdctl register"},
		{"register", "admin.add-user", "ejabberdctl register"},
		{"prosodyctl adduser", "admin.add-user", "prosodyctl adduser"},
		{"adduser", "admin.add-user", "prosodyctl adduser"},
		{"kick_session", "admin.end-user-session", "ejabberdctl kick_session"},
		{"ejabberdctl registered_users", "admin.get-registered-users-list", "ejabberdctl registered_users"},
		{"prosodyctl deluser", "admin.delete-user", "prosodyctl deluser"},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			rs := catalog.Search(tt.query)
			if len(rs) == 0 {
				t.Fatal("no results")
			}
			if rs[0].Template.Name != tt.top || rs[0].Verb != tt.verb {
				t.Errorf("top %s (verb %q), want %s (verb %q)\n%s", rs[0].Template.Name, rs[0].Verb, tt.top, tt.verb, describe(rs))
			}
			for _, r := range rs[1:] {
				if r.Verb != "" && r.Template.Stage != catalog.StageAdmin {
					t.Errorf("%s is not an admin template but matched verb %q", r.Template.Name, r.Verb)
				}
			}
		})
	}
	t.Run("words are not verbs", func(t *testing.T) {
		for _, q := range []string{"register a user", "delete account", "ejabberdctl"} {
			for _, r := range catalog.Search(q) {
				if r.Verb != "" {
					t.Errorf("%q: %s matched verb %q", q, r.Template.Name, r.Verb)
				}
			}
		}
	})
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
