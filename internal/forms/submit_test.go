package forms_test

import (
	"reflect"
	"strings"
	"testing"

	"xepl/internal/forms"
	"xepl/internal/rawxml"
)

func TestSubmit(t *testing.T) {
	tests := []struct {
		name    string
		fixture string
		set     map[string][]string
		want    string
	}{
		{
			name:    "XEP-0133 add-user",
			fixture: "prosody-add-user",
			set: map[string][]string{
				"accountjid":      {"bob@localhost"},
				"password":        {"s3cr&t<'\""},
				"password-verify": {"s3cr&t<'\""},
			},
			want: `<x xmlns='jabber:x:data' type='submit'>` +
				`<field var='FORM_TYPE' type='hidden'><value>http://jabber.org/protocol/admin</value></field>` +
				`<field var='accountjid' type='jid-single'><value>bob@localhost</value></field>` +
				`<field var='password' type='text-private'><value>s3cr&amp;t&lt;'"</value></field>` +
				`<field var='password-verify' type='text-private'><value>s3cr&amp;t&lt;'"</value></field>` +
				`</x>`,
		},
		{
			name:    "nothing set: only the hidden field",
			fixture: "ejabberd-add-user",
			want: `<x xmlns='jabber:x:data' type='submit'>` +
				`<field var='FORM_TYPE' type='hidden'><value>http://jabber.org/protocol/admin</value></field>` +
				`</x>`,
		},
		{
			name:    "text-multi: one value per line, empty lines kept",
			fixture: "ejabberd-announce",
			set:     map[string][]string{"subject": {""}, "body": {"Hello,\n\nbye.\n"}},
			want: `<x xmlns='jabber:x:data' type='submit'>` +
				`<field var='FORM_TYPE' type='hidden'><value>http://jabber.org/protocol/admin</value></field>` +
				`<field var='subject' type='text-single'><value/></field>` +
				`<field var='body' type='text-multi'><value>Hello,</value><value/><value>bye.</value></field>` +
				`</x>`,
		},
		{
			name:    "jid-multi and booleans",
			fixture: "prosody-delete-user",
			set:     map[string][]string{"accountjids": {"a@localhost", "b@localhost"}},
			want: `<x xmlns='jabber:x:data' type='submit'>` +
				`<field var='FORM_TYPE' type='hidden'><value>http://jabber.org/protocol/admin</value></field>` +
				`<field var='accountjids' type='jid-multi'><value>a@localhost</value><value>b@localhost</value></field>` +
				`</x>`,
		},
		{
			name:    "list-single by label, boolean",
			fixture: "prosody-online-users-form",
			set:     map[string][]string{"max_items": {"ALL"}, "details": {"yes"}},
			want: `<x xmlns='jabber:x:data' type='submit'>` +
				`<field var='FORM_TYPE' type='hidden'><value>http://jabber.org/protocol/admin</value></field>` +
				`<field var='max_items' type='list-single'><value>all</value></field>` +
				`<field var='details' type='boolean'><value>1</value></field>` +
				`</x>`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := fixture(t, tt.fixture)
			for v, vals := range tt.set {
				if err := f.Set(v, vals...); err != nil {
					t.Fatal(err)
				}
			}
			got := string(f.Submit())
			if got != tt.want {
				t.Errorf("Submit():\n got %s\nwant %s", got, tt.want)
			}
			// Both ways: what was written reads back as the values set.
			back, err := forms.Parse([]byte(got))
			if err != nil {
				t.Fatalf("Submit wrote what Parse refuses: %v", err)
			}
			if back.Type != forms.TypeSubmit {
				t.Errorf("type %q", back.Type)
			}
			for _, fl := range back.Fields {
				if orig := f.Field(fl.Var); !reflect.DeepEqual(fl.Values, orig.Values) {
					t.Errorf("%s: read back %q, set %q", fl.Var, fl.Values, orig.Values)
				}
			}
		})
	}
}

func TestSubmitLeavesOut(t *testing.T) {
	f := fixture(t, "prosody-muc-config")
	got := string(f.Submit())
	back, err := forms.Parse([]byte(got))
	if err != nil {
		t.Fatal(err)
	}
	for _, fl := range back.Fields {
		if fl.Var == "" || fl.Type == forms.Fixed {
			t.Errorf("fixed field submitted: %+v", fl)
		}
		if len(fl.Values) == 0 {
			t.Errorf("field without a value submitted: %s", fl.Var)
		}
	}
	// The defaults travel back, the empty <value/> of the description
	// too (it says "no description", which is not "no answer").
	for _, v := range []string{"FORM_TYPE", "muc#roomconfig_roomdesc", "muc#roomconfig_lang", "muc#roomconfig_presencebroadcast"} {
		if back.Field(v) == nil {
			t.Errorf("%s not submitted", v)
		}
	}
	if back.Field("muc#roomconfig_roomname") != nil {
		t.Error("a field without a value was submitted")
	}
}

func TestSubmitNeverPanics(t *testing.T) {
	// What mellium's form.Data.Submit panics on, and values set by hand.
	f := &forms.Form{Fields: []*forms.Field{
		{Var: "empty", Type: forms.TextMulti, Values: []string{""}},
		{Var: "newline", Type: forms.TextMulti, Values: []string{"a\n"}},
		{Var: "newlines", Type: forms.TextMulti, Values: []string{"\n\n\n"}},
		{Var: "bad\x00var'", Type: "weird<type", Values: []string{"\x00\xff\ufffe", "]]>"}},
		{Var: "nil", Type: forms.TextMulti, Values: nil},
		{Type: forms.Fixed, Values: []string{"text"}},
	}}
	raw := f.Submit()
	if _, err := rawxml.Parse(raw); err != nil {
		t.Fatalf("Submit wrote malformed XML %s: %v", raw, err)
	}
	back, err := forms.Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	if got := back.Field("empty").Values; !reflect.DeepEqual(got, []string{""}) {
		t.Errorf("empty text-multi: %q", got)
	}
	if got := back.Field("newline").Values; !reflect.DeepEqual(got, []string{"a"}) {
		t.Errorf("text-multi ending in a newline: %q", got)
	}
	if got := back.Field("newlines").Values; !reflect.DeepEqual(got, []string{"", "", ""}) {
		t.Errorf("text-multi of newlines: %q", got)
	}
	if got := back.Field("bad\ufffdvar'").Values; !reflect.DeepEqual(got, []string{"\ufffd\ufffd\ufffd", "]]>"}) {
		t.Errorf("characters XML cannot carry: %q", got)
	}
}

func TestCancel(t *testing.T) {
	f, err := forms.Parse(forms.Cancel())
	if err != nil || f.Type != forms.TypeCancel || len(f.Fields) != 0 {
		t.Errorf("Cancel() = %s: %+v, %v", forms.Cancel(), f, err)
	}
}

// FuzzSetSubmit sets random text on every kind of field, then checks that
// Submit neither panics nor writes what does not read back.
func FuzzSetSubmit(f *testing.F) {
	for _, s := range []string{"", "\n", "a\n", "\n\nb", "\r\n", "x\x00y", "]]>", "&amp;", "<value>", "\xff", "yes", "1", "a@b", "a@b,c@d"} {
		f.Add(s, s)
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		form, err := forms.Parse([]byte(`<x xmlns='jabber:x:data' type='form'>` +
			`<field var='tm' type='text-multi'/><field var='ts' type='text-single'/>` +
			`<field var='tp' type='text-private'/><field var='b' type='boolean'/>` +
			`<field var='j' type='jid-single'/><field var='jm' type='jid-multi'/>` +
			`<field var='ls' type='list-single'><option label='A'><value>a</value></option></field>` +
			`<field var='lm' type='list-multi'><option><value>a</value></option><option><value>b</value></option></field>` +
			`<field var='h' type='hidden'/></x>`))
		if err != nil {
			t.Fatal(err)
		}
		for _, v := range []string{"tm", "ts", "b", "j", "jm", "ls", "lm", "h"} {
			form.Set(v, a, b)
			form.Set(v, a)
		}
		for _, secret := range []string{a, b} {
			if err := form.Set("tp", secret); err != nil && strings.Contains(err.Error(), secret) {
				t.Errorf("the secret %q is in the error %q", secret, err)
			}
		}
		form.Fill(map[string]string{"tm": a, "jm": b, "lm": a + "," + b}, nil)
		raw := form.Submit()
		if _, err := rawxml.Parse(raw); err != nil {
			t.Fatalf("Submit wrote malformed XML %q: %v", raw, err)
		}
		back, err := forms.Parse(raw)
		if err != nil {
			t.Fatalf("Submit wrote %q, which Parse refuses: %v", raw, err)
		}
		// text-multi lines read back as they were set, when they hold
		// only characters XML can carry.
		if tm := form.Field("tm"); len(tm.Values) > 0 && clean(tm.Values) {
			if got := back.Field("tm").Values; !reflect.DeepEqual(got, tm.Values) {
				t.Errorf("text-multi %q read back as %q", tm.Values, got)
			}
		}
	})
}

// clean reports whether the values survive XML unchanged.
func clean(values []string) bool {
	for _, v := range values {
		if rawxml.EscapeText(v) != v && !onlyEscapable(v) {
			return false
		}
	}
	return true
}

// onlyEscapable reports whether v differs from its escaped form only by
// the characters &, < and >, which escape and unescape exactly.
func onlyEscapable(v string) bool {
	for _, r := range v {
		if r == '\uFFFD' || r == '\r' || r < 0x20 && r != '\t' && r != '\n' || r == 0xFFFE || r == 0xFFFF {
			return false
		}
	}
	return true
}
