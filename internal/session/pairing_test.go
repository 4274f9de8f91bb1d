package session

import (
	"testing"

	"mellium.im/xmpp/jid"
)

// TestAnswers: who may answer a request, by where it went (RFC 6120
// §8.2.3), with JIDs compared in canonical form.
func TestAnswers(t *testing.T) {
	me := newAddresses(jid.MustParse("user@example.org/desk"))
	tests := []struct {
		to, from string
		want     bool
	}{
		{"", "", true},
		{"", "user@example.org", true},
		{"", "User@Example.ORG", true},
		{"", "example.org", true},
		{"", "user@example.org/desk", true}, // ejabberd, for a registration's <remove/>
		{"", "user@example.org/other", false},
		{"", "evil@example.org", false},
		{"", "a@b@c", false},
		{"user@example.org", "", true},
		{"USER@example.org", "user@example.org", true},
		{"example.org", "", true},
		{"example.org", "EXAMPLE.org", true},
		{"example.org", "user@example.org", false},
		{"example.org", "sub.example.org", false},
		{"peer@example.org/r", "Peer@Example.org/r", true},
		{"peer@example.org/r", "peer@example.org/R", false},
		{"peer@example.org/r", "peer@example.org", false},
		{"peer@example.org/r", "", false},
		{"peer@example.org/r", "example.org", false},
		{"peer@example.org", "peer@example.org/r", false},
		{"peer@example.org", "peer@example.org", true},
		{"a@b@c", "a@b@c", true},
		{"a@b@c", "A@b@c", false},
		{"a@b@c", "", false},
	}
	for _, tt := range tests {
		if got := me.answers(tt.to, tt.from); got != tt.want {
			t.Errorf("a request to %q answered from %q: %v, want %v", tt.to, tt.from, got, tt.want)
		}
	}
}

// TestIsAccount: a roster push comes with no from or from the account.
func TestIsAccount(t *testing.T) {
	me := newAddresses(jid.MustParse("user@example.org/desk"))
	for from, want := range map[string]bool{
		"": true, "user@example.org": true, "USER@example.org": true,
		"example.org": false, "user@example.org/desk": false, "evil@example.org": false,
	} {
		if got := me.isAccount(from); got != want {
			t.Errorf("isAccount(%q) = %v, want %v", from, got, want)
		}
	}
}
