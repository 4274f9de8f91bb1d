package repl

import (
	"context"
	"fmt"
	"strings"
	"time"
)

// startSinks opens the transcript and the log the command line asked for.
func (sh *Shell) startSinks() error {
	if sh.cfg.Record != "" {
		if err := sh.startRecord(sh.cfg.Record); err != nil {
			return err
		}
	}
	if sh.cfg.Log != "" {
		if err := sh.logTo(sh.cfg.Log); err != nil {
			return err
		}
	}
	return nil
}

// cmdRecord starts or stops a Markdown transcript.
func (sh *Shell) cmdRecord(_ context.Context, args []string) error {
	switch {
	case len(args) == 0:
		if k := sh.out.sinks.current(&sh.out.sinks.record); k != "" {
			sh.out.say("recording to %s (record stop ends it)", k)
		} else {
			sh.out.say("not recording: record FILE.md starts")
		}
		return nil
	case len(args) != 1:
		return fmt.Errorf("usage: record FILE.md, or record stop")
	case args[0] == "stop" || args[0] == "off":
		old, err := sh.out.sinks.set(&sh.out.sinks.record, nil)
		if old == "" {
			return fmt.Errorf("not recording")
		}
		if err != nil {
			return fmt.Errorf("closing %s: %v", old, err)
		}
		sh.out.say("recorded to %s", old)
		return nil
	}
	return sh.startRecord(args[0])
}

func (sh *Shell) startRecord(name string) error {
	name = expandHome(name, sh.cfg.Getenv)
	if !strings.HasSuffix(name, ".md") {
		return fmt.Errorf("record %s: a transcript is Markdown, name it FILE.md", name)
	}
	m, err := newMarkdown(name, "xepl session, "+time.Now().Format("2006-01-02"))
	if err != nil {
		return fmt.Errorf("record: %v", err)
	}
	sh.replaceSink(&sh.out.sinks.record, m, "stopped recording to %s")
	sh.out.say("recording to %s: every command, what was sent and received, notes and errors (secrets masked as on screen); record stop ends it", name)
	return nil
}

// logTo starts a plain log, or stops it (off).
func (sh *Shell) logTo(name string) error {
	if name == "off" {
		old, err := sh.out.sinks.set(&sh.out.sinks.log, nil)
		if old == "" {
			return fmt.Errorf("no log is being written")
		}
		if err != nil {
			return fmt.Errorf("closing %s: %v", old, err)
		}
		sh.out.say("stopped the log %s", old)
		return nil
	}
	name = expandHome(name, sh.cfg.Getenv)
	l, err := newPlainLog(name)
	if err != nil {
		return fmt.Errorf("log to: %v", err)
	}
	sh.replaceSink(&sh.out.sinks.log, l, "stopped the log %s")
	sh.out.say("logging everything shown to %s (log to off stops)", name)
	return nil
}

// replaceSink puts k in slot, and says the one it replaces was stopped
// (stopped has a %s for its path).
func (sh *Shell) replaceSink(slot *sink, k sink, stopped string) {
	old, err := sh.out.sinks.set(slot, k)
	if old != "" {
		sh.out.say(stopped, old)
	}
	if err != nil {
		sh.out.fail(fmt.Errorf("closing %s: %v", old, err))
	}
}
