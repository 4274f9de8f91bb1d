package catalog

import (
	"slices"
	"strings"
	"testing"
)

func TestStem(t *testing.T) {
	// Each group must share one stem.
	groups := [][]string{
		{"user", "users", "user's"},
		{"delete", "deleted", "deleting", "deletes", "deletion"},
		{"register", "registered", "registering", "registers"},
		{"message", "messages"},
		{"change", "changed", "changing", "changes"},
		{"connect", "connected", "connecting", "connection", "connections"},
		{"password", "passwords"},
		{"query", "queries"},
		{"box", "boxes"},
		{"pass", "passes", "passed"},
		{"stop", "stopped", "stopping"},
		{"call", "called"},
		{"server", "servers"},
		{"create", "created", "creating", "creation"},
		{"exist", "exists", "existing", "existed"},
		{"online"},
		{"kick", "kicked", "kicking", "kicks"},
		{"log", "logged", "logging", "logs"},
		{"list", "lists", "listing", "listed"},
		{"join", "joined", "joining", "joins"},
	}
	for _, g := range groups {
		t.Run(g[0], func(t *testing.T) {
			want := stem(tokens(g[0])[0])
			for _, w := range g[1:] {
				if got := stem(tokens(w)[0]); got != want {
					t.Errorf("stem(%q) = %q, want %q as for %q", w, got, want, g[0])
				}
			}
		})
	}
	// Words that must keep their shape.
	for _, w := range []string{"status", "address", "is", "this", "xep", "mam", "0077", "über", "ping"} {
		if got := stem(w); got != w {
			t.Errorf("stem(%q) = %q, want it unchanged", w, got)
		}
	}
	for _, w := range []string{"a", "ab", "abc", "abcd", "ies", "ing", "ed", "ers", "sses"} {
		if got := stem(w); len(got) < min(len(w), 3) {
			t.Errorf("stem(%q) = %q: too short", w, got)
		}
	}
}

func TestTokens(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"Delete my Account!", []string{"delete", "my", "account"}},
		{"kick_session end-user-session", []string{"kick", "session", "end", "user", "session"}},
		{"who's online? user's", []string{"who", "online", "user"}},
		{"a b xep-0077 2", []string{"xep", "0077", "2"}},
		{"'quoted' words", []string{"quoted", "words"}},
		{"", nil},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := tokens(tt.in); !slices.Equal(got, tt.want) {
				t.Errorf("tokens(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestLexicon(t *testing.T) {
	for _, w := range []string{"who", "which", "all", "exist", "user", "delete", "list", "online"} {
		if words().stop[w] {
			t.Errorf("%q is a stop word; it carries meaning", w)
		}
	}
	for _, w := range []string{"how", "do", "i", "the", "to", "is", "my", "of", "does", "can", "what", "this"} {
		if !words().stop[w] {
			t.Errorf("%q is not a stop word", w)
		}
	}
	tests := []struct{ word, synonym string }{
		{"delete", "remove"}, {"delete", "cancel"}, {"delete", "unregister"}, {"delete", "deregister"},
		{"delete", "drop"}, {"delete", "destroy"},
		{"user", "account"}, {"user", "users"}, {"user", "member"}, {"user", "registered"},
		{"list", "show"}, {"list", "get"}, {"list", "which"}, {"list", "who"}, {"list", "all"},
		{"online", "connected"}, {"online", "logged"}, {"online", "session"}, {"online", "active"},
		{"password", "passwd"}, {"password", "pass"}, {"password", "credentials"},
		{"create", "add"}, {"create", "new"}, {"create", "make"}, {"create", "register"},
		{"join", "enter"}, {"leave", "exit"}, {"leave", "part"},
		{"message", "msg"}, {"message", "chat"}, {"message", "send"},
		{"kick", "disconnect"}, {"exist", "registered"}, {"exist", "lookup"},
		{"registration", "register"},
	}
	for _, tt := range tests {
		a, b := stem(tt.word), stem(tt.synonym)
		if a != b && !slices.Contains(words().same[a], b) {
			t.Errorf("%q is not a synonym of %q", tt.synonym, tt.word)
		}
	}
	for _, line := range strings.Split(searchWords, "\n") {
		if line != "" && !strings.HasPrefix(line, "#") && !strings.HasPrefix(line, "stop: ") && !strings.HasPrefix(line, "same: ") {
			t.Errorf("search_words.txt: line %q is neither a comment, stop: nor same:", line)
		}
		if strings.ToLower(line) != line && !strings.HasPrefix(line, "#") {
			t.Errorf("search_words.txt: %q is not lower case", line)
		}
	}
}
