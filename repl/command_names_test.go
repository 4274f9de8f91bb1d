package repl

import (
	"strings"
	"testing"

	"xepl/catalog"
)

// TestCommandNamesAreNotTemplates checks what execute relies on to look a
// command up before it loads the catalog: no command name, nor alias, is
// also a template's (template names hold a dot; command names must not).
func TestCommandNamesAreNotTemplates(t *testing.T) {
	for _, name := range newCommandSet().names() {
		if strings.Contains(name, ".") {
			t.Errorf("command name %q holds a dot, as template names do", name)
		}
		if _, ok := catalog.Lookup(name); ok {
			t.Errorf("command name %q is also a template's", name)
		}
	}
}
