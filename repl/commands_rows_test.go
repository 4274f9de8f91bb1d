package repl

import (
	"strings"
	"testing"
	"unicode/utf8"

	"xepl/internal/adhoc"
)

// TestCommandRows: commands lists nodes under their common start, each
// by the catalog's template for it when there is one, else by the rest
// of the node (both are what run accepts), within the width.
func TestCommandRows(t *testing.T) {
	items := []adhoc.Item{
		{Node: "http://jabber.org/protocol/admin#add-user", Name: "Add User"},
		{Node: "http://jabber.org/protocol/admin#get-registered-users-list", Name: "Get List of Registered Users"},
		{Node: "http://prosody.im/protocol/modules#list", Name: "List loaded modules"},
		{Node: "running nodes/ejabberd@localhost/backup/restore", Name: "Restore"},
		{Node: "uptime", Name: "Get uptime"},
	}
	got := commandRows(items, 80)
	want := "" +
		"  http://jabber.org/protocol/admin#\n" +
		"    admin.add-user                   Add User\n" +
		"    admin.get-registered-users-list  Get List of Registered Users\n" +
		"  http://prosody.im/protocol/modules#\n" +
		"    list                             List loaded modules\n" +
		"  running nodes/ejabberd@localhost/backup/\n" +
		"    restore                          Restore\n" +
		"  uptime                             Get uptime\n"
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	for _, w := range []int{80, 50} {
		for _, line := range strings.Split(strings.TrimSuffix(commandRows(items, w), "\n"), "\n") {
			if utf8.RuneCountInString(line) > w {
				t.Errorf("at %d columns: %q", w, line)
			}
		}
	}
}
