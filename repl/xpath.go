package repl

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"

	"github.com/antchfx/xmlquery"
	"github.com/antchfx/xpath"
)

// xpathValue evaluates an XPath 1.0 expression over one stanza, as
// scripts write them: an element name without a prefix matches that
// local name in any namespace, so //name finds <name/> in a
// jabber:iq:version reply. It returns the value as a string (a node
// set's first node's text, as XPath's string() has it) and whether the
// expression holds (a non-empty node set, true, a non-zero number, a
// non-empty string), and the number of nodes it selects (0 for values
// that are not node sets).
func xpathValue(raw []byte, expr string) (value string, holds bool, count int, err error) {
	// The library panics on some expressions it compiles, such as
	// starts-with(@jid, conference.) (a path where a string belongs): a
	// mistyped expression must not end the shell.
	defer func() {
		if r := recover(); r != nil {
			value, holds, count, err = "", false, 0, fmt.Errorf("xpath %q: %v", expr, r)
		}
	}()
	compiled, err := xpath.Compile(expr)
	if err != nil {
		return "", false, 0, fmt.Errorf("xpath %q: %v", expr, err)
	}
	doc, err := xmlquery.Parse(bytes.NewReader(raw))
	if err != nil {
		return "", false, 0, fmt.Errorf("the stanza does not parse: %v", err)
	}
	switch v := compiled.Evaluate(xmlquery.CreateXPathNavigator(doc)).(type) {
	case *xpath.NodeIterator:
		for v.MoveNext() {
			if count == 0 {
				value = v.Current().Value()
			}
			count++
		}
		return value, count > 0, count, nil
	case bool:
		return strconv.FormatBool(v), v, 0, nil
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64), v != 0, 0, nil
	case string:
		return v, v != "", 0, nil
	default:
		return fmt.Sprint(v), false, 0, nil
	}
}

// checkXPath is what an xpath expectation says of a stanza: nil when it
// holds, else what was found instead. want is "" for "the expression
// holds", "=VALUE" for a value, "#N" for a count.
func checkXPath(raw []byte, expr, want string) error {
	value, holds, count, err := xpathValue(raw, expr)
	if err != nil {
		return err
	}
	switch {
	case strings.HasPrefix(want, "="):
		if value != want[1:] {
			return fmt.Errorf("%s is %q, not %q", expr, value, want[1:])
		}
	case strings.HasPrefix(want, "#"):
		n, _ := strconv.Atoi(want[1:])
		if count != n {
			return fmt.Errorf("%s selects %d, not %d", expr, count, n)
		}
	case !holds:
		return fmt.Errorf("%s selects nothing", expr)
	}
	return nil
}
