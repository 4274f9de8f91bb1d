package adhoc

import (
	"context"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
	"time"

	"xepl/internal/forms"
	"xepl/internal/session"
)

// CancelTimeout bounds the cancel a Runner sends when a run is
// interrupted.
const CancelTimeout = 5 * time.Second

// MaxStages bounds the stages of one run, against a server that never
// completes.
const MaxStages = 64

// Runner runs commands from start to end, for the shell and for scripts.
type Runner struct {
	R     Requester
	NewID func() string // iq ids; nil means RandomID
	// Ask asks a person for the fields that values leave open (see
	// forms.Form.Fill); nil in scripts, where a required field without a
	// value is an error.
	Ask forms.Asker
	// AskAll asks for every visible field not given in values (with Ask),
	// not only for the required ones and those without a default.
	AskAll bool
	// Out gets the notes of every reply ("info: ...", "warn: ...",
	// "error: ..."), the title and instructions of each form about to be
	// asked (with Ask), and the result of the command (forms.WriteTable).
	// nil means nowhere.
	Out io.Writer
	// Show, if not nil, is called with each stanza sent ("sent") before it
	// goes and each reply ("received") as it arrives, for the shell to
	// print. The stanzas hold passwords in clear: mask them
	// (rawxml.Redact) before showing.
	Show func(label string, raw []byte)
	// ChooseAction, if not nil, picks the action to take once a form is
	// filled, among allowed (see Session.Allowed), def being the default
	// one; it may return def at once when there is no real choice. nil (in
	// scripts) takes the default. It is not called at a stage whose form
	// the values filled with nothing asked: the default (XEP-0050's
	// execute) is taken then, as everything was said on the command line.
	ChooseAction func(allowed []string, def string) (string, error)
	// Secret, if not nil, is told of each value given for a field that is
	// a secret (text-private, or named so): the caller masks it from then
	// on, in what it shows and what it keeps.
	Secret func(name, value string)
	// SawForm, if not nil, is told of each form a stage of node brings:
	// the shell completes its field names next time.
	SawForm func(node string, f *forms.Form)
	// Lenient gives each form only the values it has fields for, and
	// leaves out (with a note to Out) those no form used, instead of
	// calling them an error. Catalog templates set it: they carry the
	// field names of the XEP and of the servers that differ from it, and
	// each server's form takes its own.
	Lenient bool
}

// Run executes node at to and carries the command through to its end.
//
// While the command is executing: the form of each stage, if any, is
// filled from values (var → value, as forms.Form.Apply reads them), then,
// with Ask, from questions; the action is the default one or what
// ChooseAction says; the form is submitted with it. Notes and the final
// result are written to Out. Run returns the last reply when the command
// is completed or canceled, or when the server answers with an error
// (Response.Error, which Run does not print: the caller decides whether it
// was expected).
//
// values must all be used: a var that the form of the last stage (the one
// completed by default) does not have is an error, reported before that
// form is sent, together with any bad value; a value meant for a later
// stage is kept for it while the default action is next. A value never
// used by the time the command completes is an error too, returned with
// the last reply.
//
// When Run stops with an error while the command is still executing on
// the server (a required field missing in a script, a refused value, an
// error from Ask or ChooseAction, ctx cancelled by Ctrl-C, a timeout), it
// first sends cancel for the session, with a fresh context of
// CancelTimeout, so that nothing is left open on the server.
func (rn *Runner) Run(ctx context.Context, to, node string, values map[string]string) (*Response, error) {
	r := Requester(rn.R)
	if rn.Show != nil {
		r = showing{r: rn.R, show: rn.Show}
	}
	s, resp, err := Execute(ctx, r, to, node, rn.NewID)
	if err != nil {
		return nil, interrupted(ctx, node, err)
	}
	used := map[string]bool{}
	for stage := 1; ; stage++ {
		rn.notes(resp)
		if s.Done() {
			break
		}
		if stage > MaxStages {
			return rn.abort(s, resp, fmt.Errorf("%s is still executing after %d stages", node, MaxStages))
		}
		action := s.DefaultAction()
		if resp.Form != nil && rn.SawForm != nil {
			rn.SawForm(node, resp.Form)
		}
		saidAll := false // the values filled this stage's form, nothing asked
		if resp.Form != nil {
			given, asked, err := rn.fill(resp.Form, values, used, action)
			if err != nil {
				return rn.abort(s, resp, err)
			}
			saidAll = given > 0 && asked == 0
		}
		if rn.ChooseAction != nil && !saidAll {
			if action, err = rn.ChooseAction(s.Allowed(), action); err != nil {
				return rn.abort(s, resp, err)
			}
		}
		var form *forms.Form
		if action != ActionCancel && action != ActionPrev {
			form = resp.Form
		}
		if err := ctx.Err(); err != nil {
			// interrupted while filling or choosing: send nothing more
			return rn.abort(s, resp, interrupted(ctx, node, err))
		}
		next, err := s.Do(ctx, action, form)
		if err != nil {
			return rn.abort(s, resp, interrupted(ctx, node, err))
		}
		resp = next
	}
	if resp.Error == nil && resp.Status == StatusCompleted && resp.Form != nil {
		if err := resp.Form.WriteTable(rn.out()); err != nil {
			return resp, err
		}
	}
	if unused := unusedVars(values, used); len(unused) > 0 && resp.Status == StatusCompleted {
		if rn.Lenient {
			fmt.Fprintf(rn.out(), "(the server's forms have no field %s: not sent)\n", strings.Join(unused, ", "))
			return resp, nil
		}
		return resp, fmt.Errorf("no form of %s used %s", node, strings.Join(unused, ", "))
	}
	return resp, nil
}

// fill completes the form of one stage. Only the values that the form
// has fields for are given, unless this looks like the last stage (its
// default action is not next): then every value not used yet is, so that
// forms reports the unknown ones, with the vars they may be typos of. It
// returns how many of the form's fields values gave, and how many
// questions were asked.
func (rn *Runner) fill(f *forms.Form, values map[string]string, used map[string]bool, action string) (given, asked int, err error) {
	offered := map[string]string{}
	for v, val := range values {
		if f.Field(v) != nil || action != ActionNext && !used[v] && !rn.Lenient {
			offered[v] = val
		}
	}
	for v, val := range offered {
		if fl := f.Field(v); fl != nil && fl.Secret() && rn.Secret != nil {
			rn.Secret(v, val)
		}
	}
	var ask forms.Asker
	if rn.Ask != nil {
		if err := f.WriteHeader(rn.out()); err != nil {
			return 0, 0, err
		}
		ask = counting(rn.Ask, &asked)
	}
	if rn.AskAll {
		err = f.FillAll(offered, ask)
	} else {
		err = f.Fill(offered, ask)
	}
	for v := range offered {
		if f.Field(v) != nil {
			used[v] = true
			given++
		}
	}
	return given, asked, err
}

// notes writes the notes of a reply to Out.
func (rn *Runner) notes(resp *Response) {
	for _, n := range resp.Notes {
		fmt.Fprintf(rn.out(), "%s: %s\n", n.Type, n.Text)
	}
}

func (rn *Runner) out() io.Writer {
	if rn.Out == nil {
		return io.Discard
	}
	return rn.Out
}

// abort cancels the session on the server, if it is still executing
// there, and returns err with the last reply (the cancel's, when it came).
func (rn *Runner) abort(s *Session, last *Response, err error) (*Response, error) {
	if s.Done() {
		return last, err
	}
	ctx, cancel := context.WithTimeout(context.Background(), CancelTimeout)
	defer cancel()
	resp, cerr := s.Cancel(ctx)
	switch {
	case cerr != nil:
		return last, fmt.Errorf("%w (and canceling the command on the server failed: %v)", err, cerr)
	case resp.Error != nil:
		return resp, fmt.Errorf("%w (and the server refused to cancel the command: %v)", err, resp.Error)
	}
	rn.notes(resp)
	return resp, err
}

// interrupted says so when err comes from ctx.
func interrupted(ctx context.Context, node string, err error) error {
	if ctx.Err() != nil && errors.Is(err, ctx.Err()) {
		return fmt.Errorf("%s interrupted: %w", node, err)
	}
	return err
}

// unusedVars lists, sorted, the vars of values that no form used.
func unusedVars(values map[string]string, used map[string]bool) []string {
	var out []string
	for v := range values {
		if !used[v] {
			out = append(out, v)
		}
	}
	sort.Strings(out)
	return out
}

// showing is a Requester that shows each stanza sent and received.
type showing struct {
	r    Requester
	show func(label string, raw []byte)
}

func (s showing) Request(ctx context.Context, raw []byte, id string) (session.Reply, error) {
	s.show("sent", raw)
	reply, err := s.r.Request(ctx, raw, id)
	if err == nil {
		s.show("received", reply.Raw)
	}
	return reply, err
}
