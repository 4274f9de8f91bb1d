package repl

import (
	"context"
	"fmt"
	"strings"
)

func init() {
	register(
		&command{
			names: []string{"help", "?"},
			group: groupShell,
			usage: "[COMMAND]",
			help: `Show the commands, or everything about one.
Without an argument, lists every command with a one-line summary.
With a command name, shows its usage, aliases and details.`,
			run: runHelp,
		},
		&command{
			names: []string{"clear", "cls"},
			group: groupShell,
			help:  "Clear the screen (on a terminal; Ctrl-L does the same while typing).",
			run: func(sh *Shell, ctx context.Context, args []string) error {
				if sh.cfg.Interactive {
					sh.out.write(sh.out.out, []byte("\x1b[H\x1b[2J"))
				}
				return nil
			},
		},
		&command{
			names: []string{"quit", "exit"},
			group: groupShell,
			help: `Close the stream politely and leave.
Ctrl-D on an empty line does the same.`,
			run: func(sh *Shell, ctx context.Context, args []string) error {
				sh.quit = true
				return nil
			},
		},
	)
}

func runHelp(sh *Shell, ctx context.Context, args []string) error {
	var b strings.Builder
	switch len(args) {
	case 0:
		writeHelp(&b)
	case 1:
		c := lookup(strings.TrimPrefix(args[0], "<"))
		if args[0] == "<" || strings.HasPrefix(args[0], "<") {
			c = lookup("send")
		}
		if c == nil {
			return fmt.Errorf("no command %q: type help for the list", args[0])
		}
		writeCommandHelp(&b, c)
	default:
		return fmt.Errorf("help takes at most one command name")
	}
	sh.out.text(b.String())
	return nil
}
