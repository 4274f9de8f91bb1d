package repl

import (
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/chzyer/readline"
)

// TestSecretNeverInEditorHistory reads secrets in a row as ReadSecret
// does, each followed by what the shell does next (Remember puts back the
// history, the next question offers Up). The line editor goes on with
// the line it handed over after handing it over; with its own password
// settings it then saved the secret into whichever history was in place,
// which, when the shell had put its settings back first, was the shell's.
// Under -race this fails on that unsynchronised history (without the
// race detector, 60,000 secrets never hit the narrow window, so the Up
// check is the rarer witness).
func TestSecretNeverInEditorHistory(t *testing.T) {
	in, typed := io.Pipe()
	defer typed.Close()
	rl, err := readline.NewEx(&readline.Config{
		Stdin:                  in,
		Stdout:                 io.Discard,
		Stderr:                 io.Discard,
		DisableAutoSaveHistory: true,
		HistoryLimit:           historyLimit,
		FuncIsTerminal:         func() bool { return true },
		FuncMakeRaw:            func() error { return nil },
		FuncExitRaw:            func() error { return nil },
		FuncGetWidth:           func() int { return 80 },
		FuncOnWidthChanged:     func(func()) {},
	})
	if err != nil {
		t.Fatal(err)
	}
	defer rl.Close()
	for i := range 200 {
		secret := fmt.Sprintf("s3cret-%d", i)
		go typed.Write([]byte(secret + "\r"))
		got, err := rl.ReadPasswordWithConfig(secretConfig(rl, "password: ", nil))
		if err != nil || string(got) != secret {
			t.Fatalf("read %q, %v; want %q", got, err, secret)
		}
		rl.ResetHistory()
		rl.SaveHistory("ping.server")
		// The next question: Up, then Enter, gives what Up recalled.
		go typed.Write([]byte("\x10\r"))
		line, err := rl.Readline()
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(line, "s3cret") {
			t.Fatalf("after secret %d, Up recalled %q", i, line)
		}
	}
}
