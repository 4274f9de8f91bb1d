package repl

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"strings"
	"text/tabwriter"

	"xepl/catalog"
)

func (sh *Shell) cmdLesson(ctx context.Context, args []string) error {
	switch len(args) {
	case 0:
		sh.listLessons()
		return nil
	case 1:
		l, ok := catalog.LookupLesson(args[0])
		if !ok {
			return fmt.Errorf("no lesson %q: lesson lists them", args[0])
		}
		return sh.runLesson(ctx, l)
	}
	return errors.New("usage: lesson [NAME]")
}

// listLessons prints every lesson: its name, title and summary.
func (sh *Shell) listLessons() {
	var b strings.Builder
	tw := tabwriter.NewWriter(&b, 0, 4, 2, ' ', 0)
	for _, l := range catalog.Lessons() {
		fmt.Fprintf(tw, "%s\t%s (%s)\n", l.Name, l.Title, l.Specs[0])
		fmt.Fprintf(tw, "\t%s\n", l.Summary)
	}
	tw.Flush()
	b.WriteString("lesson NAME runs one on the current session's server (xepl --local prosody starts one).\n")
	sh.out.text(b.String())
}

// lessonState is what a lesson changes in the shell and gives back at
// its end: the session it started from, the variables, and how many
// throwaway accounts there were.
type lessonState struct {
	home         *conn
	lines        lineSource
	at           int // the line of the script that ran lesson
	sessions     map[*conn]bool
	vars         map[string]string
	passwordVars map[string]bool
	accounts     int
	noQuestions  bool
}

// runLesson runs a lesson: its steps through the shell's own loop, as a
// script, then undoes what it made (the cleanup when it stopped early,
// its throwaway accounts, its sessions) and puts the shell back as it
// was. A failed step fails the command; a person stopping it does not.
func (sh *Shell) runLesson(ctx context.Context, l *catalog.Lesson) error {
	if err := sh.lessonReady(ctx, l); err != nil {
		return err
	}
	st := sh.saveForLesson()
	if st.home.name != "" {
		sh.vars["home"] = st.home.name
	}
	where := ""
	if c := sh.live(); c != nil {
		where = " on " + c.stream.JID().Domainpart()
	}
	pace := ""
	if sh.lines.Asks() {
		pace = "; after each, Enter goes on and q stops"
	}
	sh.out.say("lesson %s: %s (%s), %d steps%s%s", l.Name, l.Title, l.Specs[0], len(l.Steps), where, pace)
	src := newLessonLines(sh, st.lines, l)
	sh.lines, sh.noQuestions = src, true
	if sh.interactive {
		sh.lost.Store(false) // an earlier stream's loss is not the lesson's
	}
	status := sh.loop(ctx, true)
	failed := status != 0 || sh.lost.Load()
	stopped := src.stopped || ctx.Err() != nil // q at a pause, or Ctrl-C
	passed := !failed && !stopped && src.finished()
	sh.endLesson(ctx, l, st, passed)

	again := fmt.Sprintf("lesson %s runs it again from the start", l.Name)
	switch {
	case passed:
		sh.out.say("lesson %s: done, all %d steps passed; what it made is gone", l.Name, len(l.Steps))
		return nil
	case stopped:
		sh.out.say("lesson %s: stopped after step %d of %d; what it made is gone; %s", l.Name, src.done(), len(l.Steps), again)
		return nil
	}
	sh.out.say("lesson %s: step %d of %d failed (above); what it made is gone; %s", l.Name, src.step+1, len(l.Steps), again)
	return errFailed{fmt.Sprintf("lesson %s failed at step %d of %d", l.Name, src.step+1, len(l.Steps))}
}

// lessonReady says plainly what is missing for l to run here.
func (sh *Shell) lessonReady(ctx context.Context, l *catalog.Lesson) error {
	for _, name := range l.Sessions() {
		if sh.sessions.find(name) != nil {
			return fmt.Errorf("lesson %s opens a session called %s, and there is one already: give yours another name (connect --as OTHER ...), then lesson %s", l.Name, name, l.Name)
		}
	}
	if l.Needs == catalog.NeedsNothing {
		return nil
	}
	start := fmt.Sprintf("or start a throwaway server on this machine: xepl --local prosody, then lesson %s", l.Name)
	c := sh.live()
	if c == nil {
		return fmt.Errorf("lesson %s needs a server: connect to one (connect you@example.org), %s", l.Name, start)
	}
	if l.Needs == catalog.NeedsServer {
		return nil
	}
	if c.stream.Info().Register {
		return fmt.Errorf("lesson %s needs a logged-in session, and this one is a registration stream: connect you@%s, %s", l.Name, c.stream.JID().Domainpart(), start)
	}
	if l.Needs == catalog.NeedsAdmin {
		domain := c.stream.JID().Domainpart()
		if !sh.offersCommand(ctx, c, domain, addUserNode) {
			return fmt.Errorf("lesson %s needs the server's admin, and %s is not offered its add-user command (XEP-0133): log in as the admin (connect --as admin admin@%s), where you are its admin, %s", l.Name, c.stream.JID().Bare(), domain, start)
		}
	}
	return nil
}

func (sh *Shell) saveForLesson() lessonState {
	st := lessonState{
		home: sh.conn, lines: sh.lines, at: sh.at, sessions: map[*conn]bool{},
		vars: maps.Clone(sh.vars), passwordVars: maps.Clone(sh.passwordVars),
		accounts: len(sh.accounts), noQuestions: sh.noQuestions,
	}
	for _, c := range sh.sessions.all() {
		st.sessions[c] = true
	}
	return st
}

// endLesson undoes what the lesson made and gives the shell back: the
// cleanup lines when it did not pass, then its throwaway accounts are
// deleted and its sessions closed, even after Ctrl-C.
func (sh *Shell) endLesson(ctx context.Context, l *catalog.Lesson, st lessonState, passed bool) {
	cctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), cleanupTimeout)
	defer cancel()
	if !passed && len(l.Cleanup) > 0 {
		sh.out.say("lesson %s: undoing what its steps made", l.Name)
		sh.lines = newCleanupLines(sh, st.lines, l)
		if sh.loop(cctx, true) != 0 {
			sh.out.say("(the cleanup stopped there: the steps may not have got as far as making it)")
		}
	}
	sh.lines, sh.at = st.lines, st.at
	if err := sh.cleanupAccountsFrom(cctx, st.accounts); err != nil {
		sh.out.fail(err)
	}
	for _, c := range sh.sessions.all() {
		if !st.sessions[c] {
			c.close()
			sh.sessions.remove(c)
		}
	}
	sh.makeCurrent(st.home)
	sh.vars, sh.passwordVars, sh.noQuestions = st.vars, st.passwordVars, st.noQuestions
	sh.pendingFailure, sh.pendingXML = nil, nil
	if sh.interactive {
		sh.lost.Store(false)
	}
}
