package forms_test

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"xepl/internal/forms"
)

// fixture reads testdata/name.xml and finds the form in it.
func fixture(t testing.TB, name string) *forms.Form {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("testdata", name+".xml"))
	if err != nil {
		t.Fatal(err)
	}
	f, err := forms.Find(raw)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	if f == nil {
		t.Fatalf("%s: no form found", name)
	}
	return f
}

func TestParseFixtures(t *testing.T) {
	type fieldWant struct {
		v, typ, label string
		required      bool
		values        []string
		options       int
	}
	tests := []struct {
		name             string
		typ, title       string
		formType         string
		fields, reported int
		items            int
		check            []fieldWant
	}{
		{
			name: "prosody-add-user", typ: "form", title: "Adding a User",
			formType: "http://jabber.org/protocol/admin", fields: 4,
			check: []fieldWant{
				{v: "accountjid", typ: "jid-single", label: "The Jabber ID for the account to be added", required: true},
				{v: "password", typ: "text-private", label: "The password for this account"},
			},
		},
		{
			name: "ejabberd-add-user", typ: "form", title: "Add User",
			formType: "http://jabber.org/protocol/admin", fields: 4,
			check: []fieldWant{
				{v: "password-verify", typ: "text-private", label: "Password Verification", required: true},
			},
		},
		{
			name: "prosody-muc-config", typ: "form", title: "Configuration for room1@conference.localhost",
			formType: "http://jabber.org/protocol/muc#roomconfig", fields: 20,
			check: []fieldWant{
				{v: "muc#roomconfig_roomdesc", typ: "text-single", label: "Description", values: []string{""}},
				{v: "muc#roomconfig_whois", typ: "list-single", label: "Addresses (JIDs) of room occupants may be viewed by:", values: []string{"moderators"}, options: 2},
				{v: "muc#roomconfig_presencebroadcast", typ: "list-multi", label: "Only show participants with roles:", values: []string{"participant", "moderator", "visitor"}, options: 4},
				{v: "{http://prosody.im/protocol/muc}roomconfig_allowmemberinvites", typ: "boolean", label: "Allow members to invite new members"},
			},
		},
		{
			name: "ejabberd-muc-config", typ: "form", title: "Configuration of room room1@conference.localhost",
			formType: "http://jabber.org/protocol/muc#roomconfig", fields: 28,
			check: []fieldWant{
				{v: "muc#roomconfig_maxusers", typ: "list-single", label: "Maximum Number of Occupants", values: []string{"200"}, options: 7},
				{v: "muc#roomconfig_publicroom", typ: "boolean", label: "Make room public searchable", values: []string{"1"}},
			},
		},
		{
			name: "ejabberd-pubsub-config", typ: "form",
			formType: "http://jabber.org/protocol/pubsub#node_config", fields: 18,
			check: []fieldWant{
				{v: "pubsub#itemreply", typ: "list-single", label: "Whether owners or publisher should receive replies to items", values: []string{"none"}, options: 3},
				{v: "pubsub#roster_groups_allowed", typ: "list-multi", label: "Roster groups allowed to subscribe"},
			},
		},
		{
			name: "prosody-pubsub-config", typ: "form",
			formType: "http://jabber.org/protocol/pubsub#node_config", fields: 14,
			check: []fieldWant{
				{v: "pubsub#max_items", typ: "text-single", label: "Max # of items to persist", values: []string{"20"}},
				{v: "pubsub#send_last_published_item", typ: "list-single", values: []string{"never"}, options: 3},
			},
		},
		{
			name: "ejabberd-registered-users", typ: "form",
			formType: "http://jabber.org/protocol/admin", fields: 2,
			check: []fieldWant{
				{v: "registereduserjids", typ: "jid-multi", label: "The list of all users", values: []string{"admin@localhost"}},
			},
		},
		{
			name: "prosody-online-users", typ: "result",
			formType: "http://jabber.org/protocol/admin", fields: 2,
			check: []fieldWant{
				{v: "onlineuserjids", typ: "text-multi", label: "The list of all online users", values: []string{"admin@localhost", " - wKlFsb7JMlzQ: unavailable(-), IP: [127.0.0.1]"}},
			},
		},
		{
			name: "prosody-register", typ: "form", title: "Creating a new account",
			formType: "jabber:iq:register", fields: 3,
			check: []fieldWant{
				{v: "username", typ: "text-single", label: "Username", required: true},
			},
		},
		{
			name: "prosody-announce", typ: "form", title: "Making an Announcement",
			formType: "http://jabber.org/protocol/admin", fields: 3,
			check: []fieldWant{
				{v: "announcement", typ: "text-multi", label: "Announcement", required: true},
			},
		},
		{
			name: "table-search", typ: "result", title: "Search Results for *@localhost",
			reported: 4, items: 3,
		},
		{
			name: "table-users", typ: "result", title: "Registered users",
			formType: "http://jabber.org/protocol/admin", fields: 2, reported: 3, items: 2,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := fixture(t, tt.name)
			if f.Type != tt.typ || f.Title != tt.title || f.FormType() != tt.formType {
				t.Errorf("type %q, title %q, FORM_TYPE %q; want %q, %q, %q", f.Type, f.Title, f.FormType(), tt.typ, tt.title, tt.formType)
			}
			if len(f.Fields) != tt.fields || len(f.Reported) != tt.reported || len(f.Items) != tt.items {
				t.Errorf("%d fields, %d columns, %d rows; want %d, %d, %d", len(f.Fields), len(f.Reported), len(f.Items), tt.fields, tt.reported, tt.items)
			}
			for _, w := range tt.check {
				fl := f.Field(w.v)
				if fl == nil {
					t.Errorf("no field %q", w.v)
					continue
				}
				if fl.Type != w.typ || fl.Label != w.label || fl.Required != w.required || len(fl.Options) != w.options {
					t.Errorf("%s: type %q label %q required %v %d options; want %q %q %v %d", w.v, fl.Type, fl.Label, fl.Required, len(fl.Options), w.typ, w.label, w.required, w.options)
				}
				if !reflect.DeepEqual(fl.Values, w.values) {
					t.Errorf("%s: values %q, want %q", w.v, fl.Values, w.values)
				}
			}
		})
	}
}

func TestParseDetails(t *testing.T) {
	f := fixture(t, "prosody-muc-config")
	if got := f.Field("muc#roomconfig_roomdesc").Desc; got != "A brief description of the room" {
		t.Errorf("desc %q", got)
	}
	var fixed []string
	for _, fl := range f.Fields {
		if fl.Kind() == forms.Fixed {
			fixed = append(fixed, fl.Values...)
		}
	}
	if want := []string{"Room information", "Access to the room", "Permissions in the room", "Other options"}; !reflect.DeepEqual(fixed, want) {
		t.Errorf("fixed fields %q, want %q", fixed, want)
	}
	if f.Field("") != nil {
		t.Error(`Field("") found a field`)
	}
	opts := f.Field("muc#roomconfig_whois").Options
	if want := []forms.Option{{"Moderators only", "moderators"}, {"Anyone", "anyone"}}; !reflect.DeepEqual(opts, want) {
		t.Errorf("options %q, want %q", opts, want)
	}
	// ejabberd writes an option without a label.
	opts = fixture(t, "ejabberd-pubsub-config").Field("pubsub#itemreply").Options
	if opts[2] != (forms.Option{Value: "none"}) {
		t.Errorf("option without label: %+v", opts[2])
	}
	// Instructions keep their line breaks.
	if in := fixture(t, "prosody-announce").Instructions; len(in) != 1 || !strings.Contains(in[0], "all\nactive") {
		t.Errorf("instructions %q", in)
	}
	// Table rows keep their cells in the order given.
	s := fixture(t, "table-search")
	if row := s.Items[2]; row[0].Var != "email" || row[1].Values[0] != "carol@localhost" {
		t.Errorf("third row %+v", row)
	}
	if v := s.Items[1][1].Values[0]; v != `Robert "Bob" O'Neil & Sons, Wholesale Purveyors of Fine Stanzas Since 1999` {
		t.Errorf("escaped cell %q", v)
	}
}

func TestParseElements(t *testing.T) {
	tests := []struct {
		name, raw string
		check     func(t *testing.T, f *forms.Form)
	}{
		{"prefixed", `<d:x xmlns:d='jabber:x:data' type='form'><d:field var='a'><d:value>1</d:value></d:field></d:x>`,
			func(t *testing.T, f *forms.Form) {
				if got := f.Field("a").Values; len(got) != 1 || got[0] != "1" {
					t.Errorf("values %q", got)
				}
			}},
		{"untyped field is text-single", `<x xmlns='jabber:x:data' type='form'><field var='a'/></x>`,
			func(t *testing.T, f *forms.Form) {
				if fl := f.Field("a"); fl.Type != "" || fl.Kind() != forms.TextSingle {
					t.Errorf("type %q kind %q", fl.Type, fl.Kind())
				}
			}},
		{"foreign children ignored", `<x xmlns='jabber:x:data' type='form'><field var='a' type='list-single'>` +
			`<validate xmlns='http://jabber.org/protocol/xdata-validate' datatype='xs:string'><open/></validate>` +
			`<media xmlns='urn:xmpp:media-element'><uri type='image/png'>cid:x</uri></media>` +
			`<value xmlns='urn:other'>no</value><option label='One'><value>1</value></option></field><other xmlns='urn:x'/></x>`,
			func(t *testing.T, f *forms.Form) {
				fl := f.Field("a")
				if !fl.Open || len(fl.Values) != 0 || len(fl.Options) != 1 || len(f.Fields) != 1 {
					t.Errorf("%+v", fl)
				}
			}},
		{"cdata and entities", `<x xmlns='jabber:x:data' type='result'><field var='a'><value>&lt;b&gt;<![CDATA[<i>]]>&#x263A;</value></field></x>`,
			func(t *testing.T, f *forms.Form) {
				if got := f.Field("a").Values[0]; got != "<b><i>☺" {
					t.Errorf("value %q", got)
				}
			}},
		{"several instructions", `<x xmlns='jabber:x:data' type='form'><instructions>one</instructions><instructions>two</instructions></x>`,
			func(t *testing.T, f *forms.Form) {
				if !reflect.DeepEqual(f.Instructions, []string{"one", "two"}) {
					t.Errorf("instructions %q", f.Instructions)
				}
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := forms.Parse([]byte(tt.raw))
			if err != nil {
				t.Fatal(err)
			}
			tt.check(t, f)
		})
	}
}

func TestParseErrors(t *testing.T) {
	for raw, want := range map[string]string{
		``:                         "no element",
		`<x xmlns='jabber:x:data'`: "not well-formed XML: ",
		`<x/>`:                     `<x> in namespace "" is not a data form (<x xmlns='jabber:x:data'>)`,
		`<x xmlns='urn:other'/>`:   `<x> in namespace "urn:other" is not a data form`,
		`<iq type='result'><x xmlns='jabber:x:data'/></iq>`: `<iq> in namespace "" is not a data form`,
	} {
		if f, err := forms.Parse([]byte(raw)); err == nil {
			t.Errorf("Parse(%q) = %+v, want an error", raw, f)
		} else if !strings.HasPrefix(err.Error(), want) {
			t.Errorf("Parse(%q): error %q, want one starting with %q", raw, err, want)
		}
	}
	// The fixture's outer <x> is in another namespace: Parse refuses it,
	// Find looks inside.
	raw, _ := os.ReadFile("testdata/table-users.xml")
	if _, err := forms.Parse(raw); err == nil {
		t.Error("Parse accepted an <x> in another namespace")
	}
	f, err := forms.Find([]byte(`<iq type='result'><query xmlns='jabber:iq:version'><name>x</name></query></iq>`))
	if f != nil || err != nil {
		t.Errorf("Find without a form = %v, %v; want nil, nil", f, err)
	}
	if _, err := forms.Find([]byte(`<iq`)); err == nil {
		t.Error("Find accepted malformed XML")
	}
}
