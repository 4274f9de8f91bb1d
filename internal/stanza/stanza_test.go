package stanza_test

import (
	"reflect"
	"testing"

	"github.com/beevik/etree"

	"xepl/internal/stanza"
)

func TestErrorText(t *testing.T) {
	for _, tt := range []struct {
		e    stanza.Error
		want string
	}{
		{stanza.Error{Type: "cancel", Condition: "item-not-found", Text: "No hook has processed this command"},
			"item-not-found (cancel): No hook has processed this command"},
		{stanza.Error{Type: "modify", Condition: "bad-request", App: "bad-sessionid"}, "bad-request (modify) bad-sessionid"},
		{stanza.Error{Condition: "undefined-condition"}, "undefined-condition"},
		{stanza.Error{Condition: "conflict", App: "x", Text: "t"}, "conflict x: t"},
	} {
		if got := tt.e.Error(); got != tt.want {
			t.Errorf("%+v: %q, want %q", tt.e, got, tt.want)
		}
	}
}

func TestErrorOf(t *testing.T) {
	const ns = "urn:ietf:params:xml:ns:xmpp-stanzas"
	for _, tt := range []struct {
		name, raw string
		want      *stanza.Error
	}{
		{"not XML", `<iq`, nil},
		{"no error", `<iq type='result' id='x'/>`, nil},
		{"a message error", `<message type='error'><error type='cancel'><service-unavailable xmlns='` + ns + `'/></error></message>`,
			&stanza.Error{Type: "cancel", Condition: "service-unavailable"}},
		{"text and application condition, in any order", `<iq type='error'><error type='modify'>` +
			`<text xmlns='` + ns + `'> Passwords differ </text><bad-sessionid xmlns='http://jabber.org/protocol/commands'/>` +
			`<bad-request xmlns='` + ns + `'/><conflict xmlns='` + ns + `'/><other xmlns='urn:x'/></error></iq>`,
			&stanza.Error{Type: "modify", Condition: "bad-request", Text: "Passwords differ", App: "bad-sessionid", AppNS: "http://jabber.org/protocol/commands"}},
		{"prefixed", `<iq type='error'><error type='auth'><s:forbidden xmlns:s='` + ns + `'/></error></iq>`,
			&stanza.Error{Type: "auth", Condition: "forbidden"}},
		{"no condition", `<iq type='error'><error/></iq>`, &stanza.Error{Condition: "undefined-condition"}},
		{"a prefixed type is not the type", `<iq type='error'><error x:type='wait' xmlns:x='urn:x'/></iq>`, &stanza.Error{Condition: "undefined-condition"}},
	} {
		if got := stanza.ErrorOf([]byte(tt.raw)); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: ErrorOf = %+v, want %+v", tt.name, got, tt.want)
		}
	}
}

// TestFromElementWithoutError checks that an iq of type error without an
// <error/> child still gives an error to report.
func TestFromElementWithoutError(t *testing.T) {
	doc := etree.NewDocument()
	if err := doc.ReadFromString(`<iq type='error' id='x'/>`); err != nil {
		t.Fatal(err)
	}
	if got, want := stanza.FromElement(doc.Root()), (&stanza.Error{Condition: "undefined-condition"}); !reflect.DeepEqual(got, want) {
		t.Errorf("FromElement = %+v, want %+v", got, want)
	}
}

func TestLegacyCode(t *testing.T) {
	for _, tt := range []struct{ raw, want string }{
		{`<iq type='error'><error code='401'/></iq>`, "not-authorized (auth) [legacy code 401]"},
		{`<iq type='error'><error code='404'>Not Found</error></iq>`, "item-not-found (cancel) [legacy code 404]: Not Found"},
		{`<iq type='error'><error code='503' type='cancel'><service-unavailable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>`, "service-unavailable (cancel) [legacy code 503]"},
		{`<iq type='error'><error code='999'/></iq>`, "undefined-condition [legacy code 999]"},
	} {
		if got := stanza.ErrorOf([]byte(tt.raw)).Error(); got != tt.want {
			t.Errorf("%s: %q, want %q", tt.raw, got, tt.want)
		}
	}
}
