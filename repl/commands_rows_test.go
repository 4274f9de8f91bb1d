package repl

import (
	"strings"
	"testing"
	"unicode/utf8"

	"xepl/internal/adhoc"
)

// TestCommandRows: commands lists nodes under their common start, by
// the rest of the node (what run accepts), beside the catalog's template
// for the node when there is one, within the width.
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
		"    add-user                   admin.add-user                   Add User\n" +
		"    get-registered-users-list  admin.get-registered-users-list  Get List of\n" +
		"                                                                Registered Users\n" +
		"  http://prosody.im/protocol/modules#\n" +
		"    list                                                        List loaded\n" +
		"                                                                modules\n" +
		"  running nodes/ejabberd@localhost/backup/\n" +
		"    restore                                                     Restore\n" +
		"  uptime                                                        Get uptime\n"
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
