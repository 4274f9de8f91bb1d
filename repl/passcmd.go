package repl

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os/exec"
	"strings"
	"time"

	"xepl/internal/rawxml"
	"xepl/internal/termsafe"
)

// passwordCommandTimeout bounds a password command: long enough for a
// password manager to ask for its own passphrase in a window of its own
// (gpg-agent's pinentry), short enough that a command that hangs does not
// hang the shell. Ctrl-C stops it sooner.
const passwordCommandTimeout = 60 * time.Second

// shellSyntax are the characters that mean a password command is written
// for a shell: pipes, redirections, variables, quotes of the shell's own
// kinds, globs, ~.
const shellSyntax = "|&;<>()$`\\\"'*?[]{}~\n"

// runPasswordCommand runs an account's password_command and returns the
// first line of its output: the password.
//
// It runs without a shell when the command needs none (pass show
// xmpp/alice, secret-tool lookup xmpp alice, gpg -dq FILE): the words are
// split on blanks and run as they are, so nothing in them is expanded
// and no shell stands between xepl and the password manager. A command
// written in the shell's syntax (a pipe, ~, $VAR, quotes) runs with sh -c,
// as other XMPP clients run theirs (profanity's eval_password), so that
// such a line can be copied from their configuration as it is.
//
// The command gets no standard input, so that it cannot read the
// terminal the shell reads; its error output is kept and shown, made
// safe for the terminal, only when it fails. The output is a secret: the
// caller adds it to the shell's secrets at once.
func runPasswordCommand(ctx context.Context, command string) (string, error) {
	ctx, cancel := context.WithTimeout(ctx, passwordCommandTimeout)
	defer cancel()
	var cmd *exec.Cmd
	if strings.ContainsAny(command, shellSyntax) {
		cmd = exec.CommandContext(ctx, "sh", "-c", command)
	} else {
		words := strings.Fields(command)
		if len(words) == 0 {
			return "", errors.New("password_command is empty")
		}
		cmd = exec.CommandContext(ctx, words[0], words[1:]...)
	}
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	cmd.WaitDelay = time.Second // a child that keeps the pipes open
	err := cmd.Run()
	first, _, _ := strings.Cut(stdout.String(), "\n")
	first = strings.TrimSuffix(first, "\r")
	stdout.Reset()
	why := errorOutput(stderr.String(), first)
	switch {
	case ctx.Err() == context.DeadlineExceeded:
		return "", fmt.Errorf("password_command %q did not finish within %v%s", command, passwordCommandTimeout, why)
	case errors.Is(ctx.Err(), context.Canceled):
		return "", fmt.Errorf("password_command %q stopped (interrupted)", command)
	case err != nil:
		return "", fmt.Errorf("password_command %q failed: %v%s", command, err, why)
	case first == "":
		return "", fmt.Errorf("password_command %q printed no password (its first line is empty)%s", command, why)
	}
	return first, nil
}

// errorOutput is a failed command's error output to show: its last lines,
// made safe for the terminal, the password (if it printed one) masked.
func errorOutput(stderr, password string) string {
	stderr = strings.TrimSpace(stderr)
	if stderr == "" {
		return ""
	}
	if password != "" {
		// Its echoes, as the shell masks every secret's (words of their
		// own), never by substring: masking every "a" of the text would
		// tell an onlooker the password is "a".
		stderr = string(rawxml.MaskWords([]byte(stderr), []string{password}))
	}
	lines := strings.Split(stderr, "\n")
	if len(lines) > 5 {
		lines = lines[len(lines)-5:]
	}
	var b strings.Builder
	b.WriteString("; it said:")
	for _, l := range lines {
		l = termsafe.String(strings.TrimRight(l, "\r"))
		if r := []rune(l); len(r) > 200 {
			l = string(r[:200]) + "..."
		}
		b.WriteString("\n    " + l)
	}
	return b.String()
}
