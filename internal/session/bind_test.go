package session

import (
	"reflect"
	"strings"
	"testing"

	"xepl/xeps"
)

// TestBindReplyNamespace checks that the struct tag that reads the bound
// JID names the namespace of xeps.NSBind, which it cannot refer to.
func TestBindReplyNamespace(t *testing.T) {
	f, _ := reflect.TypeFor[bindReply]().FieldByName("JID")
	if ns, _, _ := strings.Cut(f.Tag.Get("xml"), " "); ns != xeps.NSBind {
		t.Errorf("bindReply.JID reads namespace %q, want %q", ns, xeps.NSBind)
	}
}
