package repl

import (
	"context"
	"errors"
	"fmt"

	"xepl/catalog"
	"xepl/internal/rawxml"
	"xepl/internal/session"
)

// cmdTemplate fills a template from name=value arguments (asking for
// missing required values on a terminal) and sends it the way raw XML is
// sent.
func (sh *Shell) cmdTemplate(ctx context.Context, t *catalog.Template, args []string) error {
	values, err := parseValues(args)
	if err != nil {
		return err
	}
	_, err = sh.runTemplate(ctx, t, catalog.Values(values))
	return err
}

// runTemplate fills and sends a template, and returns the reply to its
// last request (nil when none is awaited): for a command template, the
// command's last reply.
func (sh *Shell) runTemplate(ctx context.Context, t *catalog.Template, values catalog.Values) ([]byte, error) {
	c := sh.live()
	if c == nil {
		return nil, fmt.Errorf("not connected, nothing sent: connect first (show %s works offline)", t.Name)
	}
	if note := stageNote(t, c.stream.Info()); note != "" {
		sh.out.say("%s", note)
	}
	if t.Kind == catalog.KindProbe {
		return sh.runProbe(ctx, c, t, values)
	}
	filled, err := sh.fill(c, t, values)
	if err != nil {
		return nil, err
	}
	if t.Kind == catalog.KindCommand {
		return sh.runCommandTemplate(ctx, c, filled)
	}
	els, err := rawxml.Parse(filled.XML)
	if err != nil {
		return nil, fmt.Errorf("template %s rendered malformed XML (a bug in the template): %v", t.Name, err)
	}
	c.errorNotes = t.ErrorNotes
	defer func() { c.errorNotes = nil }()
	if t.Expect != catalog.ExpectStanza {
		return sh.sendElements(ctx, c, els)
	}
	// A nonza the server must answer with another (XEP-0198's <enable/>
	// with <enabled/> or <failed/>): silence is a failure too.
	answers, stop := c.awaitAnswer()
	defer stop()
	if _, err := sh.sendElements(ctx, c, els); err != nil {
		return nil, err
	}
	ctx, cancel := sh.waitContext(ctx)
	defer cancel()
	select {
	case raw := <-answers:
		return raw, nil
	case <-ctx.Done():
		if errors.Is(ctx.Err(), context.Canceled) {
			return nil, errors.New("stopped waiting for the answer (still connected; a late answer will be shown)")
		}
		return nil, fmt.Errorf("no answer within %v: %s must be answered (the server ignored it)", sh.cfg.timeout(), t.Name)
	}
}

// stageNote warns when a template is sent on the wrong kind of stream;
// the shell sends it anyway, since seeing the server refuse is a lesson
// too.
func stageNote(t *catalog.Template, info session.Info) string {
	switch {
	case t.Stage == catalog.StageAny:
	case t.Stage == catalog.StagePreAuth && !info.Register:
		return "note: " + t.Name + " is meant for a stream before login (connect --register DOMAIN)"
	case t.Stage != catalog.StagePreAuth && info.Register:
		return "note: " + t.Name + " needs a logged-in stream; on a registration stream the server will refuse it"
	}
	return ""
}

// fill resolves a template's values, asking on a terminal for the
// required ones that are missing; in a script they are an error.
func (sh *Shell) fill(c *conn, t *catalog.Template, values catalog.Values) (catalog.Filled, error) {
	sh.rememberSecrets(t, values)
	filled, err := t.Fill(values, c.catalogSession())
	var missing *catalog.MissingError
	if !errors.As(err, &missing) {
		return filled, err
	}
	ask := sh.asker()
	if ask == nil {
		return filled, fmt.Errorf("%v: give them as NAME=VALUE (show %s tells what they are)", err, t.Name)
	}
	for _, p := range missing.Params {
		prompt := fmt.Sprintf("%s (%s: %s): ", p.Name, p.TypeName(), p.Description)
		var v string
		if p.Secret {
			v, err = ask.AskSecret(prompt)
		} else {
			v, err = ask.Ask(prompt)
		}
		if err != nil {
			return filled, fmt.Errorf("%s not sent: %v", t.Name, err)
		}
		values[p.Name] = v
	}
	return t.Fill(values, c.catalogSession())
}

// rememberSecrets marks the template's password parameters as secrets of
// the line, and has their values masked wherever a server echoes them.
func (sh *Shell) rememberSecrets(t *catalog.Template, values catalog.Values) {
	for _, p := range t.Params {
		if p.Secret {
			sh.secretParam(p.Name)
			sh.out.secrets.add(values[p.Name])
		}
	}
}

// runCommandTemplate runs an XEP-0050 command template through the same
// engine as run: the values of the template's submitted form fill the
// server's form.
func (sh *Shell) runCommandTemplate(ctx context.Context, c *conn, filled catalog.Filled) ([]byte, error) {
	cmd := filled.Command()
	if cmd.To == "" {
		cmd.To = c.server()
	}
	return sh.runCommand(ctx, c, cmd.To, cmd.Node, cmd.Fields, true)
}
