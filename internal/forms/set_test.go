package forms_test

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"xepl/internal/forms"
)

func TestSet(t *testing.T) {
	tests := []struct {
		fixture, v string
		values     []string
		want       []string // the field's values after Set
		err        string   // a part of the error, if Set must fail
	}{
		// boolean
		{"prosody-online-users-form", "details", []string{"yes"}, []string{"1"}, ""},
		{"prosody-online-users-form", "details", []string{"TRUE"}, []string{"1"}, ""},
		{"prosody-online-users-form", "details", []string{" on "}, []string{"1"}, ""},
		{"prosody-online-users-form", "details", []string{"0"}, []string{"0"}, ""},
		{"prosody-online-users-form", "details", []string{"n"}, []string{"0"}, ""},
		{"prosody-online-users-form", "details", []string{"Off"}, []string{"0"}, ""},
		{"prosody-online-users-form", "details", []string{"maybe"}, nil, `"maybe" is not yes or no`},
		{"prosody-online-users-form", "details", []string{"1", "0"}, nil, "takes one value, not 2"},
		// jid-single
		{"prosody-add-user", "accountjid", []string{"bob@localhost"}, []string{"bob@localhost"}, ""},
		{"prosody-add-user", "accountjid", []string{" Bob@LocalHost "}, []string{"bob@localhost"}, ""},
		{"prosody-add-user", "accountjid", []string{"bob@localhost/phone"}, []string{"bob@localhost/phone"}, ""},
		{"prosody-add-user", "accountjid", []string{"@localhost"}, nil, `"@localhost" is not a JID`},
		{"prosody-add-user", "accountjid", []string{""}, nil, "an empty value is not a JID"},
		{"prosody-add-user", "accountjid", []string{"a@b", "c@d"}, nil, "takes one value"},
		// jid-multi
		{"prosody-delete-user", "accountjids", []string{"a@localhost", "B@localhost", "a@localhost"}, []string{"a@localhost", "b@localhost"}, ""},
		{"prosody-delete-user", "accountjids", []string{"a@localhost", "x@"}, nil, `"x@" is not a JID`},
		// list-single: value, label (any case), number
		{"prosody-muc-config", "muc#roomconfig_whois", []string{"anyone"}, []string{"anyone"}, ""},
		{"prosody-muc-config", "muc#roomconfig_whois", []string{"moderators only"}, []string{"moderators"}, ""},
		{"prosody-muc-config", "muc#roomconfig_whois", []string{"2"}, []string{"anyone"}, ""},
		{"prosody-muc-config", "muc#roomconfig_whois", []string{"3"}, nil, `"3" is not one of the options: 1. moderators (Moderators only), 2. anyone (Anyone)`},
		{"prosody-muc-config", "muc#roomconfig_whois", []string{"everyone"}, nil, "not one of the options"},
		// a value that is also a number is the value, not the position
		{"ejabberd-muc-config", "muc#roomconfig_maxusers", []string{"5"}, []string{"5"}, ""},
		{"ejabberd-muc-config", "muc#roomconfig_maxusers", []string{"1"}, []string{"5"}, ""},
		{"ejabberd-pubsub-config", "pubsub#itemreply", []string{"none"}, []string{"none"}, ""},
		{"ejabberd-pubsub-config", "pubsub#itemreply", []string{"Dynamically specify a replyto of the item publisher"}, []string{"publisher"}, ""},
		// list-multi
		{"prosody-muc-config", "muc#roomconfig_presencebroadcast", []string{"moderator", "Participant", "1", "moderator"}, []string{"moderator", "participant", "none"}, ""},
		{"prosody-muc-config", "muc#roomconfig_presencebroadcast", []string{"moderator", "owner"}, nil, `"owner" is not one of the options`},
		// a list without options takes anything
		{"ejabberd-pubsub-config", "pubsub#roster_groups_allowed", []string{"Friends", "Family"}, []string{"Friends", "Family"}, ""},
		// text-single
		{"prosody-muc-config", "muc#roomconfig_roomname", []string{"Tea & <cakes>"}, []string{"Tea & <cakes>"}, ""},
		{"prosody-muc-config", "muc#roomconfig_roomdesc", []string{""}, []string{""}, ""},
		{"prosody-muc-config", "muc#roomconfig_roomname", []string{"two\nlines"}, nil, `"two\nlines" spans several lines`},
		// text-private: one line, and the value is never in the error
		{"prosody-add-user", "password", []string{"hunter2"}, []string{"hunter2"}, ""},
		{"prosody-add-user", "password", []string{"hunter2\nhunter3"}, nil, "must be one line"},
		// text-multi: split into lines, one final newline dropped
		{"ejabberd-announce", "body", []string{"Hello,\r\nthe server restarts\n\nat noon.\n"}, []string{"Hello,", "the server restarts", "", "at noon."}, ""},
		{"ejabberd-announce", "body", []string{"one", "two\nthree"}, []string{"one", "two", "three"}, ""},
		{"ejabberd-announce", "body", []string{""}, []string{""}, ""},
		{"ejabberd-announce", "body", []string{"\n"}, []string{""}, ""},
		// no values: cleared
		{"prosody-muc-config", "muc#roomconfig_whois", nil, nil, ""},
		// hidden: kept as given
		{"prosody-add-user", "FORM_TYPE", []string{"urn:example:tampered"}, []string{"urn:example:tampered"}, ""},
		// untyped field: text-single
		{"table-untyped", "note", []string{"a\nb"}, nil, "takes one line"},
	}
	for _, tt := range tests {
		t.Run(tt.fixture+"/"+tt.v, func(t *testing.T) {
			var f *forms.Form
			if tt.fixture == "table-untyped" {
				var err error
				f, err = forms.Parse([]byte(`<x xmlns='jabber:x:data' type='form'><field var='note'/></x>`))
				if err != nil {
					t.Fatal(err)
				}
			} else {
				f = fixture(t, tt.fixture)
			}
			before := append([]string(nil), f.Field(tt.v).Values...)
			err := f.Set(tt.v, tt.values...)
			got := f.Field(tt.v).Values
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("Set(%q, %q) = %v, want an error with %q", tt.v, tt.values, err, tt.err)
				}
				if !reflect.DeepEqual(got, before) {
					t.Errorf("a refused Set changed the values from %q to %q", before, got)
				}
				return
			}
			if err != nil {
				t.Fatalf("Set(%q, %q): %v", tt.v, tt.values, err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Set(%q, %q): values %q, want %q", tt.v, tt.values, got, tt.want)
			}
		})
	}
}

func TestSetRefuses(t *testing.T) {
	tests := []struct {
		fixture, v string
		err        []string
	}{
		{"prosody-add-user", "passwd", []string{`no field "passwd"`, `did you mean "password"?`}},
		{"prosody-add-user", "AccountJID", []string{`did you mean "accountjid"?`}},
		{"prosody-add-user", "zzz", []string{`no field "zzz" in this form; its fields are accountjid, password, password-verify`}},
		{"prosody-muc-config", "roomname", []string{`did you mean "muc#roomconfig_roomname"?`}},
		{"prosody-muc-config", "persistent", []string{`"muc#roomconfig_persistentroom"`}},
		{"prosody-modules-list", "module", []string{`did you mean "modules"?`}},
		{"table-search", "jid", []string{`no field "jid": this form has no fields to fill`}},
	}
	for _, tt := range tests {
		t.Run(tt.v, func(t *testing.T) {
			err := fixture(t, tt.fixture).Set(tt.v, "x")
			if err == nil {
				t.Fatal("no error")
			}
			for _, want := range tt.err {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("error %q lacks %q", err, want)
				}
			}
		})
	}
	// A fixed field is text, not a value.
	f, _ := forms.Parse([]byte(`<x xmlns='jabber:x:data' type='form'><field var='intro' type='fixed'><value>Read me</value></field></x>`))
	if err := f.Set("intro", "x"); err == nil || !strings.Contains(err.Error(), "fixed field") {
		t.Errorf("Set on a fixed field: %v", err)
	}
}

func TestMissing(t *testing.T) {
	f := fixture(t, "ejabberd-add-user")
	names := func() []string {
		var out []string
		for _, fl := range f.Missing() {
			out = append(out, fl.Var)
		}
		return out
	}
	if got, want := names(), []string{"accountjid", "password", "password-verify"}; !reflect.DeepEqual(got, want) {
		t.Errorf("Missing() = %q, want %q", got, want)
	}
	f.Set("accountjid", "bob@localhost")
	f.Set("password", "") // empty is still missing
	if got, want := names(), []string{"password", "password-verify"}; !reflect.DeepEqual(got, want) {
		t.Errorf("Missing() = %q, want %q", got, want)
	}
	f.Set("password", "pw")
	f.Set("password-verify", "pw")
	if got := names(); got != nil {
		t.Errorf("Missing() = %q, want none", got)
	}
	if m := fixture(t, "prosody-muc-config").Missing(); m != nil {
		t.Errorf("a form without required fields misses %v", m)
	}
}

// TestSetBoolean checks that a boolean field takes the words of
// vocab.ParseBool and stores them as XEP-0004's canonical 1 and 0.
func TestSetBoolean(t *testing.T) {
	f, err := forms.Parse([]byte(`<x xmlns='jabber:x:data' type='form'><field var='b' type='boolean'/></x>`))
	if err != nil {
		t.Fatal(err)
	}
	for s, want := range map[string]string{"1": "1", "true": "1", "Yes": "1", "y": "1", "ON": "1", "0": "0", "false": "0", "no": "0", "N": "0", "off": "0"} {
		if err := f.Set("b", s); err != nil || !reflect.DeepEqual(f.Field("b").Values, []string{want}) {
			t.Errorf("Set(%q): %v, values %q", s, err, f.Field("b").Values)
		}
	}
	for _, s := range []string{"", "2", "oui", "yess"} {
		err := f.Set("b", s)
		if want := fmt.Sprintf("b: %q is not yes or no (true/false, 1/0, yes/no, y/n, on/off)", s); err == nil || err.Error() != want {
			t.Errorf("Set(%q) = %v, want %q", s, err, want)
		}
	}
}
