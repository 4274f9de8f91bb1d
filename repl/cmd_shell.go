package repl

import (
	"context"
	"errors"
	"fmt"
	"strings"
)

func (sh *Shell) cmdHelp(ctx context.Context, args []string) error {
	var b strings.Builder
	switch len(args) {
	case 0:
		sh.cmds.writeHelp(&b)
	case 1:
		name := args[0]
		if strings.HasPrefix(name, "<") {
			name = "send"
		}
		c := sh.cmds.lookup(name)
		if c == nil {
			return fmt.Errorf("no command %q: type help for the list", args[0])
		}
		writeCommandHelp(&b, c)
	default:
		return errors.New("help takes at most one command name")
	}
	sh.out.text(b.String())
	return nil
}

func (sh *Shell) cmdClear(ctx context.Context, args []string) error {
	sh.out.clearScreen()
	return nil
}

func (sh *Shell) cmdQuit(ctx context.Context, args []string) error {
	sh.quit = true
	return nil
}
