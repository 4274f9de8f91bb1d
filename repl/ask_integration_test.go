package repl

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"xepl/internal/localserver"
	"xepl/internal/servertest"
)

// TestAddUserAsksNothingWhenAllGiven: at a terminal, admin.add-user with
// the JID and password given asks nothing, not even the action: Prosody
// offers next beside complete, but complete is the default and nothing
// is left to say. Without the password the template asks for it, and
// then nothing more; a run whose form still has a field to ask asks it,
// and the action after it.
func TestAddUserAsksNothingWhenAllGiven(t *testing.T) {
	srv := servertest.Shared(t, localserver.Prosody)
	pw := filepath.Join(t.TempDir(), "pw")
	writeFile(t, pw, srv.AdminPassword)
	user := newAccount(t).user
	for _, tt := range []struct {
		line    string
		answers []string
		prompts int
	}{
		{fmt.Sprintf("admin.add-user jid=%s@%s password=pw-1-Zq", user, srv.Domain), nil, 0},
		{fmt.Sprintf("admin.add-user jid=%s2@%s", user, srv.Domain), []string{"pw-2-Zq"}, 1},
		{fmt.Sprintf("run add-user accountjid=%s3@%s password=pw-3-Zq", user, srv.Domain), []string{"pw-3-Zq", ""}, 2},
	} {
		t.Run(tt.line, func(t *testing.T) {
			a := &askingLines{}
			a.want.steps = []step{
				{input: fmt.Sprintf("connect --server %s --ca-file %s --password-file %s %s", srv.Addr(), srv.CertFile, pw, srv.AdminJID)},
				{input: tt.line},
			}
			a.out = &syncBuffer{}
			answers := tt.answers
			a.answer = func(prompt string) (string, error) {
				if len(answers) == 0 {
					t.Errorf("asked %q, with nothing left to ask", prompt)
					return "", errInterrupted
				}
				ans := answers[0]
				answers = answers[1:]
				return ans, nil
			}
			a.runAtTerminal(t)
			if len(a.prompts) != tt.prompts || !strings.Contains(a.out.String(), "the command completed") {
				t.Errorf("prompts %q, want %d, and the command completed:\n%s", a.prompts, tt.prompts, a.out.String())
			}
			if asksForm := strings.HasPrefix(tt.line, "run "); asksForm && len(a.prompts) > 0 && !strings.HasPrefix(a.prompts[len(a.prompts)-1], "action [complete]") {
				t.Errorf("the last question %q is not the action", a.prompts[len(a.prompts)-1])
			}
		})
	}
}
