package xeps_test

import (
	"fmt"
	"testing"

	"xepl/xeps"
)

func TestSection(t *testing.T) {
	for _, tc := range []struct {
		xep     int
		section string
		want    string // "" for not found
	}{
		{313, "4.1.1", "Filtering by JID"},
		{313, "4", "Querying an archive"},
		{77, "3.2", "Entity Cancels an Existing Registration"},
		{60, "8.8.1", "Retrieve Subscriptions List"},
		{313, "3.1.1", ""}, // cited before the queries moved to §4
		{313, "", ""},
		{313, "§4", ""},
		{1, "1", ""}, // a XEP the catalog does not cite
	} {
		got, ok := xeps.Section(tc.xep, tc.section)
		if got != tc.want || ok != (tc.want != "") {
			t.Errorf("Section(%d, %q) = %q, %v; want %q", tc.xep, tc.section, got, ok, tc.want)
		}
	}
	if v, ok := xeps.SectionsVersion(313); !ok || v == "" {
		t.Errorf("SectionsVersion(313) = %q, %v", v, ok)
	}
	if v, ok := xeps.SectionsVersion(1); ok {
		t.Errorf("SectionsVersion(1) = %q, want none", v)
	}
}

func ExampleSection() {
	title, _ := xeps.Section(313, "4.1.1")
	fmt.Println("XEP-0313 §4.1.1", title)
	// Output: XEP-0313 §4.1.1 Filtering by JID
}
