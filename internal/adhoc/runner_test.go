package adhoc_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"reflect"
	"strings"
	"testing"
	"time"

	"xepl/internal/adhoc"
	"xepl/internal/forms"
)

// answers is a forms.Asker answering from a list.
type answers struct {
	list    []string
	prompts []string
	// onAsk, if set, runs before each answer (to cancel a context, say).
	onAsk func() error
}

func (a *answers) Ask(p string) (string, error) { return a.next(p) }

func (a *answers) AskSecret(p string) (string, error) { return a.next(p) }

func (a *answers) next(p string) (string, error) {
	a.prompts = append(a.prompts, p)
	if a.onAsk != nil {
		if err := a.onAsk(); err != nil {
			return "", err
		}
	}
	if len(a.list) == 0 {
		return "", io.EOF
	}
	s := a.list[0]
	a.list = a.list[1:]
	return s, nil
}

// shown records the calls to Runner.Show as "label action".
type shown struct{ calls []string }

func (s *shown) show(label string, raw []byte) {
	r, _ := adhoc.ParseResponse(raw)
	what := ""
	switch {
	case label == "sent":
		what = between(string(raw), "action='", "'")
	case r != nil && r.Error != nil:
		what = "error"
	case r != nil:
		what = r.Status
	}
	s.calls = append(s.calls, label+" "+what)
}

func between(s, from, to string) string {
	_, after, ok := strings.Cut(s, from)
	if !ok {
		return ""
	}
	v, _, _ := strings.Cut(after, to)
	return v
}

func TestRunScript(t *testing.T) {
	f, _ := newWizard(t)
	var out bytes.Buffer
	var sh shown
	rn := &adhoc.Runner{R: f, NewID: ids(), Out: &out, Show: sh.show}
	resp, err := rn.Run(context.Background(), "example.org", wizardNode,
		map[string]string{"name": "Ann", "color": "2", "notes": `one\ntwo`})
	if err != nil {
		t.Fatal(err)
	}
	if resp.Status != "completed" || resp.Error != nil {
		t.Fatalf("last reply %+v", resp)
	}
	if want := []string{"execute", "next s1", "complete s1"}; !reflect.DeepEqual(f.actions(), want) {
		t.Errorf("requests %q, want %q", f.actions(), want)
	}
	if want := []string{"sent execute", "received executing", "sent next", "received executing", "sent complete", "received completed"}; !reflect.DeepEqual(sh.calls, want) {
		t.Errorf("shown %q, want %q", sh.calls, want)
	}
	if got := f.last().form.Field("notes").Values; !reflect.DeepEqual(got, []string{"one", "two"}) {
		t.Errorf("notes submitted as %q", got)
	}
	want := "info: Saved.\nSaved\nKey    Value\n---    -----\ncolor  blue\n"
	if out.String() != want {
		t.Errorf("out:\n%s\nwant:\n%s", out.String(), want)
	}
}

func TestRunRejectsUnknownValues(t *testing.T) {
	// A typo for the last stage is reported before that stage is sent,
	// and the command is canceled on the server.
	f, _ := newWizard(t)
	rn := &adhoc.Runner{R: f, NewID: ids()}
	_, err := rn.Run(context.Background(), "example.org", wizardNode, map[string]string{"name": "Ann", "colour": "red", "zzz": "1"})
	if err == nil || !strings.Contains(err.Error(), `no field "colour" in this form; did you mean "color"?`) || !strings.Contains(err.Error(), `no field "zzz"`) {
		t.Fatalf("Run = %v", err)
	}
	if want := []string{"execute", "next s1", "cancel s1"}; !reflect.DeepEqual(f.actions(), want) {
		t.Errorf("requests %q, want %q", f.actions(), want)
	}

	// A single-stage command: nothing is submitted.
	single := singleStage(t)
	_, err = (&adhoc.Runner{R: single}).Run(context.Background(), "localhost", "add", map[string]string{"acountjid": "a@localhost", "password": "p"})
	if err == nil || !strings.Contains(err.Error(), `did you mean "accountjid"?`) {
		t.Fatalf("Run = %v", err)
	}
	if got := single.actions(); !reflect.DeepEqual(got, []string{"execute", "cancel x"}) {
		t.Errorf("requests %q", got)
	}
}

func TestRunUnusedAtTheEnd(t *testing.T) {
	// A command that completes at once uses no value.
	f := &fake{t: t, handle: func(_ context.Context, req request) (string, error) {
		return `<iq type='result' id='` + req.id + `'><command xmlns='http://jabber.org/protocol/commands' node='n' sessionid='x' status='completed'><note type='info'>Pong</note></command></iq>`, nil
	}}
	var out bytes.Buffer
	resp, err := (&adhoc.Runner{R: f, Out: &out}).Run(context.Background(), "", "n", map[string]string{"b": "1", "a": "2"})
	if err == nil || err.Error() != "no form of n used a, b" {
		t.Errorf("Run = %v", err)
	}
	if resp == nil || resp.Status != "completed" || out.String() != "info: Pong\n" {
		t.Errorf("reply %+v, out %q", resp, out.String())
	}
}

// singleStage is a one-stage add-user command as ejabberd has it.
func singleStage(t *testing.T) *fake {
	return singleStageActions(t, `<actions execute='complete'><complete/></actions>`)
}

// singleStageActions is singleStage offering actions, such as Prosody's
// next beside complete.
func singleStageActions(t *testing.T, actions string) *fake {
	return &fake{t: t, handle: func(_ context.Context, req request) (string, error) {
		status, inner := "executing", actions+`<x xmlns='jabber:x:data' type='form'><title>Add User</title>`+
			`<field var='FORM_TYPE' type='hidden'><value>http://jabber.org/protocol/admin</value></field>`+
			`<field var='accountjid' type='jid-single' label='Jabber ID'><required/></field>`+
			`<field var='password' type='text-private' label='Password'><required/></field>`+
			`<field var='password-verify' type='text-private' label='Password Verification'><required/></field></x>`
		switch req.action {
		case "cancel":
			status, inner = "canceled", ""
		case "complete":
			status, inner = "completed", ""
			if p := req.form.Field("password"); p == nil || req.form.Field("password-verify") == nil || p.Values[0] != req.form.Field("password-verify").Values[0] {
				return `<iq type='error' id='` + req.id + `'><error type='modify'><bad-request xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/><text xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'>Passwords differ</text></error></iq>`, nil
			}
		}
		return `<iq type='result' id='` + req.id + `'><command xmlns='http://jabber.org/protocol/commands' node='add' sessionid='x' status='` + status + `'>` + inner + `</command></iq>`, nil
	}}
}

// TestRunValuesLeaveNoChoice: a stage whose form the values fill, with
// nothing asked, takes its default action (XEP-0050's execute) without
// asking for one: everything was said on the command line. Prosody
// offers next beside complete on its one-stage admin commands.
func TestRunValuesLeaveNoChoice(t *testing.T) {
	prosody := `<actions execute='complete'><next/><complete/></actions>`
	for _, tt := range []struct {
		name    string
		values  map[string]string
		answers []string
		choices [][]string
	}{
		{"all given", map[string]string{"accountjid": "a@localhost", "password": "p", "password-verify": "p"}, nil, nil},
		{"one asked", map[string]string{"accountjid": "a@localhost", "password": "p"}, []string{"p"},
			[][]string{{"next", "complete", "cancel", "default complete"}}},
		{"none given", nil, []string{"a@localhost", "p", "p"},
			[][]string{{"next", "complete", "cancel", "default complete"}}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			f := singleStageActions(t, prosody)
			var choices [][]string
			rn := &adhoc.Runner{R: f, NewID: ids(), Ask: &answers{list: tt.answers},
				ChooseAction: func(allowed []string, def string) (string, error) {
					choices = append(choices, append(allowed, "default "+def))
					return def, nil
				}}
			resp, err := rn.Run(context.Background(), "localhost", "add", tt.values)
			if err != nil {
				t.Fatal(err)
			}
			if resp.Status != "completed" || !reflect.DeepEqual(f.actions(), []string{"execute", "complete x"}) {
				t.Errorf("status %q, requests %q; want completed by execute, complete", resp.Status, f.actions())
			}
			if !reflect.DeepEqual(choices, tt.choices) {
				t.Errorf("actions asked %q, want %q", choices, tt.choices)
			}
		})
	}
}

func TestRunMissingInScript(t *testing.T) {
	f := singleStage(t)
	resp, err := (&adhoc.Runner{R: f}).Run(context.Background(), "localhost", "add", map[string]string{"accountjid": "a@localhost", "password": "p"})
	var me *forms.MissingError
	if !errors.As(err, &me) || !strings.Contains(err.Error(), "Password Verification (password-verify)") {
		t.Fatalf("Run = %v", err)
	}
	if got := f.actions(); !reflect.DeepEqual(got, []string{"execute", "cancel x"}) {
		t.Errorf("requests %q", got)
	}
	if resp == nil || resp.Status != "canceled" {
		t.Errorf("last reply %+v, want the cancel's", resp)
	}
}

func TestRunStanzaErrorIsNotAGoError(t *testing.T) {
	f := singleStage(t)
	resp, err := (&adhoc.Runner{R: f}).Run(context.Background(), "localhost", "add",
		map[string]string{"accountjid": "a@localhost", "password": "p", "password-verify": "q"})
	if err != nil {
		t.Fatal(err)
	}
	if resp.Error == nil || resp.Error.Condition != "bad-request" || resp.Error.Text != "Passwords differ" {
		t.Errorf("error %+v", resp.Error)
	}
	if got := f.actions(); !reflect.DeepEqual(got, []string{"execute", "complete x"}) {
		t.Errorf("requests %q (no cancel after an error)", got)
	}
}

func TestRunAsks(t *testing.T) {
	f, _ := newWizard(t)
	ask := &answers{list: []string{"Bob", "blue", "a note", "."}}
	var out bytes.Buffer
	var choices [][]string
	rn := &adhoc.Runner{R: f, NewID: ids(), Ask: ask, AskAll: true, Out: &out,
		ChooseAction: func(allowed []string, def string) (string, error) {
			choices = append(choices, append(allowed, "default "+def))
			return def, nil
		}}
	resp, err := rn.Run(context.Background(), "example.org", wizardNode, nil)
	if err != nil {
		t.Fatal(err)
	}
	if resp.Status != "completed" {
		t.Fatalf("%+v", resp)
	}
	if want := [][]string{{"next", "cancel", "default next"}, {"prev", "complete", "cancel", "default complete"}}; !reflect.DeepEqual(choices, want) {
		t.Errorf("choices %q, want %q", choices, want)
	}
	if !strings.HasPrefix(out.String(), "Step 1\nWho are you?\nStep 2\n") {
		t.Errorf("out %q", out.String())
	}
	if got := f.last().form.Field("notes").Values; !reflect.DeepEqual(got, []string{"a note"}) {
		t.Errorf("notes %q", got)
	}
}

func TestRunChooses(t *testing.T) {
	// prev goes back (its form is not submitted), cancel ends the run.
	// The fields are answered, not given: a stage the values fill takes
	// its default action unasked (TestRunValuesLeaveNoChoice).
	f, _ := newWizard(t)
	picks := []string{"next", "prev", "next", "cancel"}
	ask := &answers{list: []string{"Cy", ".", "Cy", "."}}
	rn := &adhoc.Runner{R: f, NewID: ids(), Ask: ask, ChooseAction: func([]string, string) (string, error) {
		p := picks[0]
		picks = picks[1:]
		return p, nil
	}}
	resp, err := rn.Run(context.Background(), "example.org", wizardNode, nil)
	if err != nil {
		t.Fatal(err)
	}
	if resp.Status != "canceled" {
		t.Errorf("status %q", resp.Status)
	}
	if want := []string{"execute", "next s1", "prev s1", "next s1", "cancel s1"}; !reflect.DeepEqual(f.actions(), want) {
		t.Errorf("requests %q, want %q", f.actions(), want)
	}
	for _, r := range f.reqs {
		if (r.action == "prev" || r.action == "cancel") && r.form != nil {
			t.Errorf("%s carried a form", r.action)
		}
	}
}

func TestRunCancelsOnInterrupt(t *testing.T) {
	t.Run("while waiting for a reply", func(t *testing.T) {
		f, w := newWizard(t)
		w.block = 1 // the submission of stage 1 hangs
		var sh shown
		ctx, cancel := context.WithCancel(context.Background())
		go func() {
			for len(f.actions()) < 2 {
				time.Sleep(time.Millisecond)
			}
			cancel() // Ctrl-C
		}()
		resp, err := (&adhoc.Runner{R: f, NewID: ids(), Show: sh.show}).Run(ctx, "example.org", wizardNode, map[string]string{"name": "Ann"})
		if !errors.Is(err, context.Canceled) || !strings.Contains(err.Error(), "urn:example:wizard interrupted") {
			t.Fatalf("Run = %v", err)
		}
		if want := []string{"execute", "next s1", "cancel s1"}; !reflect.DeepEqual(f.actions(), want) {
			t.Errorf("requests %q, want %q", f.actions(), want)
		}
		if want := []string{"sent execute", "received executing", "sent next", "sent cancel", "received canceled"}; !reflect.DeepEqual(sh.calls, want) {
			t.Errorf("shown %q, want %q", sh.calls, want)
		}
		if resp == nil || resp.Status != "canceled" {
			t.Errorf("last reply %+v", resp)
		}
	})
	t.Run("while asking", func(t *testing.T) {
		f, _ := newWizard(t)
		interrupt := errors.New("Interrupt")
		ask := &answers{onAsk: func() error { return interrupt }}
		_, err := (&adhoc.Runner{R: f, NewID: ids(), Ask: ask}).Run(context.Background(), "example.org", wizardNode, nil)
		if !errors.Is(err, interrupt) {
			t.Fatalf("Run = %v", err)
		}
		if want := []string{"execute", "cancel s1"}; !reflect.DeepEqual(f.actions(), want) {
			t.Errorf("requests %q, want %q", f.actions(), want)
		}
	})
	t.Run("the cancel itself fails", func(t *testing.T) {
		f := &fake{t: t}
		f.handle = func(ctx context.Context, req request) (string, error) {
			if req.action == "execute" {
				return `<iq type='result' id='` + req.id + `'><command xmlns='http://jabber.org/protocol/commands' node='n' sessionid='z' status='executing'><x xmlns='jabber:x:data' type='form'><field var='a'><required/></field></x></command></iq>`, nil
			}
			return "", errors.New("connection lost")
		}
		_, err := (&adhoc.Runner{R: f}).Run(context.Background(), "", "n", nil)
		if err == nil || !strings.Contains(err.Error(), "a required field has no value: a") || !strings.Contains(err.Error(), "canceling the command on the server failed: connection lost") {
			t.Errorf("Run = %v", err)
		}
	})
}

func TestRunStopsEndlessCommands(t *testing.T) {
	n := 0
	f := &fake{t: t, handle: func(_ context.Context, req request) (string, error) {
		n++
		status := "executing"
		if req.action == "cancel" {
			status = "canceled"
		}
		return `<iq type='result' id='` + req.id + `'><command xmlns='http://jabber.org/protocol/commands' node='n' sessionid='z' status='` + status + `'/></iq>`, nil
	}}
	_, err := (&adhoc.Runner{R: f}).Run(context.Background(), "", "n", nil)
	if err == nil || !strings.Contains(err.Error(), "still executing after 64 stages") {
		t.Errorf("Run = %v", err)
	}
	if last := f.last(); last.action != "cancel" || n != adhoc.MaxStages+2 {
		t.Errorf("%d requests, the last %q", n, last.action)
	}
}

func TestRunInterruptedWhileChoosing(t *testing.T) {
	// ChooseAction has no context: a Ctrl-C during it is seen before the
	// next request, which is then not sent.
	f, _ := newWizard(t)
	ctx, cancel := context.WithCancel(context.Background())
	rn := &adhoc.Runner{R: f, NewID: ids(), Ask: &answers{list: []string{"Ann"}}, ChooseAction: func(_ []string, def string) (string, error) {
		cancel()
		return def, nil
	}}
	_, err := rn.Run(ctx, "example.org", wizardNode, nil)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("Run = %v", err)
	}
	if want := []string{"execute", "cancel s1"}; !reflect.DeepEqual(f.actions(), want) {
		t.Errorf("requests %q, want %q", f.actions(), want)
	}
}

// TestRunLenient: a lenient run gives each form only its own fields and
// leaves the others out (with a note) instead of failing.
func TestRunLenient(t *testing.T) {
	f, _ := newWizard(t)
	var out bytes.Buffer
	rn := &adhoc.Runner{R: f, NewID: ids(), Out: &out, Lenient: true}
	resp, err := rn.Run(context.Background(), "example.org", wizardNode, map[string]string{"name": "Ann", "color": "2", "colour": "red"})
	if err != nil || resp.Status != "completed" {
		t.Fatalf("Run = %+v, %v", resp, err)
	}
	if want := []string{"execute", "next s1", "complete s1"}; !reflect.DeepEqual(f.actions(), want) {
		t.Errorf("requests %q, want %q", f.actions(), want)
	}
	if !strings.Contains(out.String(), "no field colour: not sent") {
		t.Errorf("the unused value is not reported: %s", out.String())
	}
}
