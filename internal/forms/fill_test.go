package forms_test

import (
	"errors"
	"io"
	"reflect"
	"strings"
	"testing"

	"xepl/internal/forms"
)

// script is an Asker that answers from a list and records the questions.
type script struct {
	answers []string
	prompts []string // every prompt, in order
	secret  []bool   // whether each was asked without echo
}

func (s *script) Ask(prompt string) (string, error)       { return s.next(prompt, false) }
func (s *script) AskSecret(prompt string) (string, error) { return s.next(prompt, true) }

func (s *script) next(prompt string, secret bool) (string, error) {
	s.prompts = append(s.prompts, prompt)
	s.secret = append(s.secret, secret)
	if len(s.answers) == 0 {
		return "", io.EOF
	}
	a := s.answers[0]
	s.answers = s.answers[1:]
	return a, nil
}

// asked returns the var each question was about (the last line of each
// prompt starts with it), continuation lines of text-multi left out.
func (s *script) asked() []string {
	var vars []string
	for _, p := range s.prompts {
		lines := strings.Split(p, "\n")
		last := lines[len(lines)-1]
		if last == "... " {
			continue
		}
		v, _, _ := strings.Cut(last, " ")
		vars = append(vars, strings.TrimSuffix(v, ":"))
	}
	return vars
}

// teller is a script that is also a Teller.
type teller struct {
	script
	told []string
}

func (t *teller) Tell(text string) { t.told = append(t.told, text) }

func TestFill(t *testing.T) {
	tests := []struct {
		name    string
		fixture string
		values  map[string]string
		answers []string
		all     bool
		asked   []string            // vars asked, in order (repeats for refused answers)
		want    map[string][]string // values after Fill
		prompt  []string            // texts some prompt must contain
	}{
		{
			name:    "add-user: the JID given, passwords asked without echo",
			fixture: "ejabberd-add-user",
			values:  map[string]string{"accountjid": "bob@localhost"},
			answers: []string{"pw one", "pw one"},
			asked:   []string{"password", "password-verify"},
			want:    map[string][]string{"accountjid": {"bob@localhost"}, "password": {"pw one"}, "password-verify": {"pw one"}},
			prompt:  []string{"Password [password] (secret, required)\npassword: "},
		},
		{
			name:    "list-single by number after a bad one; boolean after a bad one",
			fixture: "prosody-online-users-form",
			answers: []string{"9", "7", "maybe", "y"},
			asked:   []string{"max_items", "max_items", "details", "details"},
			want:    map[string][]string{"max_items": {"all"}, "details": {"1"}},
			prompt: []string{
				"Maximum number of users [max_items] (one of)\n    1. 25\n",
				"\"9\" is not one of the options: 1. 25, 2. 50, 3. 75, 4. 100, 5. 150, 6. 200, 7. all\nmax_items (number, value or label): ",
				"\"maybe\" is not yes or no (true/false, 1/0, yes/no, y/n, on/off)\ndetails (y/n): ",
			},
		},
		{
			name:    "only fields without a default are asked; Enter skips them",
			fixture: "ejabberd-muc-config",
			answers: []string{"Tea room", "", ""},
			asked:   []string{"muc#roomconfig_roomname", "muc#roomconfig_roomdesc", "muc#roomconfig_roomsecret"},
			want: map[string][]string{
				"muc#roomconfig_roomname":   {"Tea room"},
				"muc#roomconfig_roomdesc":   nil,
				"muc#roomconfig_roomsecret": nil,
				"muc#roomconfig_maxusers":   {"200"},
			},
		},
		{
			name:    "FillAll asks every visible field; Enter keeps, - clears",
			fixture: "prosody-pubsub-config",
			all:     true,
			values:  map[string]string{"pubsub#title": "News", "pubsub#description": "", "pubsub#type": "urn:example"},
			answers: []string{"", "-", "Roster", "", "", "", "", "headline", "n", ""},
			asked: []string{"pubsub#max_items", "pubsub#persist_items", "pubsub#access_model", "pubsub#publish_model",
				"pubsub#send_last_published_item", "pubsub#deliver_notifications", "pubsub#deliver_payloads",
				"pubsub#notification_type", "pubsub#notify_delete", "pubsub#notify_retract"},
			want: map[string][]string{
				"pubsub#title":          {"News"},
				"pubsub#description":    {""},
				"pubsub#max_items":      {"20"},
				"pubsub#persist_items":  nil,
				"pubsub#access_model":   {"roster"},
				"pubsub#notify_delete":  {"0"},
				"pubsub#notify_retract": {"1"},
			},
			prompt: []string{"pubsub#max_items (Enter keeps 20; - clears): ", "pubsub#persist_items (y/n; Enter keeps yes; - clears): "},
		},
		{
			name:    "list-multi: numbers, values and labels, comma-separated",
			fixture: "prosody-muc-config",
			all:     true,
			values: map[string]string{
				"muc#roomconfig_roomname": "r", "muc#roomconfig_roomdesc": "d", "muc#roomconfig_lang": "en",
				"muc#roomconfig_persistentroom": "1", "muc#roomconfig_publicroom": "1", "muc#roomconfig_roomsecret": "",
				"muc#roomconfig_membersonly": "0", "{http://prosody.im/protocol/muc}roomconfig_allowmemberinvites": "0",
				"muc#roomconfig_changesubject": "0", "muc#roomconfig_moderatedroom": "0", "muc#roomconfig_whois": "anyone",
				"muc#roomconfig_historylength": "5", "muc#roomconfig_defaulthistorymessages": "5", "muc#roomconfig_enablearchiving": "no",
			},
			answers: []string{"1, Participant ,moderator"},
			asked:   []string{"muc#roomconfig_presencebroadcast"},
			want:    map[string][]string{"muc#roomconfig_presencebroadcast": {"none", "participant", "moderator"}, "muc#roomconfig_enablearchiving": {"0"}},
			prompt:  []string{"muc#roomconfig_presencebroadcast (numbers, values or labels, comma-separated; Enter keeps participant, moderator, visitor; - clears): "},
		},
		{
			name:    "jid-multi, comma-separated, after a bad JID",
			fixture: "prosody-delete-user",
			answers: []string{"a@localhost, @bad", "a@localhost, b@localhost"},
			asked:   []string{"accountjids", "accountjids"},
			want:    map[string][]string{"accountjids": {"a@localhost", "b@localhost"}},
		},
		{
			name:    "text-multi: lines until a dot",
			fixture: "prosody-announce",
			values:  map[string]string{"subject": "Maintenance"},
			answers: []string{"The server restarts", "", "at noon.", "."},
			asked:   []string{"announcement"},
			want:    map[string][]string{"subject": {"Maintenance"}, "announcement": {"The server restarts", "", "at noon."}},
			prompt:  []string{"type the lines, then a line with only \".\"\nannouncement: "},
		},
		{
			name:    "required: Enter and - are refused until a value comes",
			fixture: "prosody-add-user",
			values:  map[string]string{"password": "x", "password-verify": "x"},
			answers: []string{"", "-", "carol@localhost"},
			asked:   []string{"accountjid", "accountjid", "accountjid"},
			want:    map[string][]string{"accountjid": {"carol@localhost"}},
			prompt:  []string{"a value is required\naccountjid: ", "a value is required: this field cannot be cleared\naccountjid: "},
		},
		{
			name:    "everything given: nothing asked",
			fixture: "prosody-add-user",
			values:  map[string]string{"accountjid": "d@localhost", "password": "x", "password-verify": "x"},
			want:    map[string][]string{"accountjid": {"d@localhost"}},
		},
		{
			name:    "text-multi from the command line: literal \\n",
			fixture: "ejabberd-announce",
			values:  map[string]string{"subject": "s", "body": `one\ntwo`},
			want:    map[string][]string{"body": {"one", "two"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := fixture(t, tt.fixture)
			ask := &script{answers: tt.answers}
			var err error
			if tt.all {
				err = f.FillAll(tt.values, ask)
			} else {
				err = f.Fill(tt.values, ask)
			}
			if err != nil {
				t.Fatalf("Fill: %v (prompts %q)", err, ask.prompts)
			}
			if got := ask.asked(); !reflect.DeepEqual(got, tt.asked) {
				t.Errorf("asked %q, want %q", got, tt.asked)
			}
			if len(ask.answers) > 0 {
				t.Errorf("answers left over: %q", ask.answers)
			}
			for v, want := range tt.want {
				if got := f.Field(v).Values; !reflect.DeepEqual(got, want) {
					t.Errorf("%s = %q, want %q", v, got, want)
				}
			}
			all := strings.Join(ask.prompts, "\n---\n")
			for _, want := range tt.prompt {
				if !strings.Contains(all, want) {
					t.Errorf("no prompt has %q; prompts:\n%s", want, all)
				}
			}
			for i, p := range ask.prompts {
				last := p[strings.LastIndex(p, "\n")+1:]
				if secret := strings.HasPrefix(last, "password") || strings.Contains(last, "secret:"); ask.secret[i] != secret {
					t.Errorf("prompt %q asked with secret=%v", last, ask.secret[i])
				}
			}
			if m := f.Missing(); m != nil {
				t.Errorf("still missing after Fill: %v", m)
			}
		})
	}
}

func TestFillTeller(t *testing.T) {
	f := fixture(t, "prosody-online-users-form")
	ask := &teller{script: script{answers: []string{"eleventy", "2", ""}}}
	if err := f.Fill(nil, ask); err != nil {
		t.Fatal(err)
	}
	if want := []string{"max_items (number, value or label): ", "max_items (number, value or label): ", "details (y/n): "}; !reflect.DeepEqual(ask.prompts, want) {
		t.Errorf("prompts %q, want %q", ask.prompts, want)
	}
	if len(ask.told) != 3 || !strings.HasPrefix(ask.told[0], "Maximum number of users [max_items] (one of)\n    1. 25") ||
		!strings.Contains(ask.told[1], `"eleventy" is not one of the options`) || ask.told[2] != "Show details [details] (yes/no)" {
		t.Errorf("told %q", ask.told)
	}
	if got := f.Field("max_items").Values; !reflect.DeepEqual(got, []string{"50"}) {
		t.Errorf("max_items = %q", got)
	}
}

func TestFillGivesUp(t *testing.T) {
	f := fixture(t, "prosody-online-users-form")
	ask := &script{answers: []string{"x", "y", "z", "1"}}
	err := f.Fill(nil, ask)
	if err == nil || !strings.Contains(err.Error(), "Maximum number of users (max_items): 3 answers refused, giving up") {
		t.Fatalf("Fill = %v", err)
	}
	if len(ask.prompts) != forms.MaxTries {
		t.Errorf("asked %d times, want %d", len(ask.prompts), forms.MaxTries)
	}
}

func TestFillAskerError(t *testing.T) {
	f := fixture(t, "prosody-add-user")
	err := f.Fill(nil, &script{}) // no answers: io.EOF
	if !errors.Is(err, io.EOF) || !strings.Contains(err.Error(), "asking for The Jabber ID for the account to be added (accountjid)") {
		t.Errorf("Fill = %v, want io.EOF wrapped", err)
	}
	f = fixture(t, "prosody-announce")
	err = f.Fill(map[string]string{"subject": "s"}, &script{answers: []string{"first line"}}) // EOF before "."
	if !errors.Is(err, io.EOF) {
		t.Errorf("Fill = %v, want io.EOF", err)
	}
}

func TestFillScript(t *testing.T) {
	tests := []struct {
		name    string
		fixture string
		values  map[string]string
		err     []string
		missing []string
	}{
		{
			name:    "required fields missing, each named with label and var",
			fixture: "ejabberd-add-user",
			values:  map[string]string{"accountjid": "bob@localhost"},
			err:     []string{"required fields have no value: Password (password), Password Verification (password-verify)"},
			missing: []string{"password", "password-verify"},
		},
		{
			name:    "one missing",
			fixture: "prosody-announce",
			err:     []string{"a required field has no value: Announcement (announcement)"},
			missing: []string{"announcement"},
		},
		{
			name:    "every bad value reported at once",
			fixture: "prosody-add-user",
			values:  map[string]string{"accountjid": "not a jid@", "passwd": "x", "password": "two\nlines", "FORM_TYPE": "x"},
			err: []string{
				`The Jabber ID for the account to be added (accountjid): "not a jid@" is not a JID`,
				`no field "passwd" in this form; did you mean "password"?`,
				"The password for this account (password): the value must be one line",
			},
		},
		{
			name:    "optional fields may stay empty",
			fixture: "prosody-online-users-form",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := fixture(t, tt.fixture)
			err := f.Fill(tt.values, nil)
			if len(tt.err) == 0 {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			if err == nil {
				t.Fatal("Fill succeeded")
			}
			for _, want := range tt.err {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("error %q lacks %q", err, want)
				}
			}
			if strings.Contains(err.Error(), "two\nlines") {
				t.Errorf("a secret in the error: %q", err)
			}
			var me *forms.MissingError
			if tt.missing != nil {
				if !errors.As(err, &me) {
					t.Fatalf("error %T is not a *MissingError", err)
				}
				var got []string
				for _, fl := range me.Fields {
					got = append(got, fl.Var)
				}
				if !reflect.DeepEqual(got, tt.missing) {
					t.Errorf("missing %q, want %q", got, tt.missing)
				}
			}
		})
	}
}

// TestSecretsNeverInErrors tries a secret everywhere an error can come
// from.
func TestSecretsNeverInErrors(t *testing.T) {
	const secret = "Tr0ub4dor&3\nhorse"
	f := fixture(t, "prosody-muc-config")
	check := func(what string, err error) {
		t.Helper()
		if err == nil {
			t.Errorf("%s: no error", what)
			return
		}
		for _, part := range strings.Split(secret, "\n") {
			if strings.Contains(err.Error(), part) {
				t.Errorf("%s: the secret is in the error %q", what, err)
			}
		}
	}
	check("Set", f.Set("muc#roomconfig_roomsecret", secret))
	check("Set two values", f.Set("muc#roomconfig_roomsecret", secret, secret))
	check("Apply", f.Apply(map[string]string{"muc#roomconfig_roomsecret": secret}))
	check("Fill", f.Fill(map[string]string{"muc#roomconfig_roomsecret": secret}, nil))
	// a text-single field whose var says secret is treated as one
	g, _ := forms.Parse([]byte(`<x xmlns='jabber:x:data' type='form'><field var='api_secret' type='text-single'/></x>`))
	check("Set a secret-named field", g.Set("api_secret", secret))
}
