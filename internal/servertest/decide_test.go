package servertest

import (
	"xepl/internal/localserver"

	"strings"
	"testing"
)

func TestDecide(t *testing.T) {
	tests := []struct {
		available bool
		ci        string
		want      testAction
	}{
		{true, "", runTest},
		{true, "true", runTest},
		{false, "", skipTest},
		{false, "false", skipTest},
		{false, "0", skipTest},
		{false, "true", failTest},
		{false, "1", failTest},
		{false, "TRUE", failTest},
		{false, "yes", failTest},
	}
	for _, tt := range tests {
		got, msg := decide(localserver.Ejabberd, tt.available, "ejabberdctl not found", tt.ci)
		if got != tt.want {
			t.Errorf("decide(available=%v, CI=%q) = %v, want %v", tt.available, tt.ci, got, tt.want)
		}
		if got != runTest && !strings.Contains(msg, "ejabberdctl not found") {
			t.Errorf("decide(available=%v, CI=%q): message %q lacks the reason", tt.available, tt.ci, msg)
		}
	}
}
