package catalog

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"mellium.im/xmpp/jid"

	"xepl/internal/rawxml"
	"xepl/internal/vocab"
)

// check validates a value for p and returns its canonical form: JIDs and
// list items trimmed, lists joined with ",", numbers without leading
// zeros, bools as true or false, choices as declared. Text and passwords
// are kept exactly as given. The error never holds a secret value.
func (p Param) check(v string) (string, error) {
	switch p.Type {
	case TypeJID:
		v = strings.TrimSpace(v)
		if err := checkJID(v); err != nil {
			return "", err
		}
		return v, nil
	case TypeJIDs, TypeTexts:
		items := splitList(v)
		for _, it := range items {
			var err error
			if p.Type == TypeJIDs {
				err = checkJID(it)
			} else {
				err = checkChars(it, true)
			}
			if err != nil {
				return "", err
			}
		}
		return strings.Join(items, ","), nil
	case TypeText, TypePassword:
		if err := checkChars(v, !p.Secret); err != nil {
			return "", err
		}
		return v, nil
	case TypeInt:
		n, err := strconv.Atoi(strings.TrimSpace(v))
		if err != nil {
			return "", fmt.Errorf("%q is not a whole number", v)
		}
		return strconv.Itoa(n), nil
	case TypeBool:
		b, ok := vocab.ParseBool(v)
		if !ok {
			return "", fmt.Errorf("%q is not a bool (want one of %s)", v, vocab.BoolWords)
		}
		return strconv.FormatBool(b), nil
	case TypeChoice:
		t := strings.TrimSpace(v)
		for _, c := range p.Choices {
			if strings.EqualFold(c, t) {
				return c, nil
			}
		}
		return "", fmt.Errorf("%q is not one of %s", v, strings.Join(p.Choices, ", "))
	case TypeXML:
		if _, err := rawxml.Parse([]byte(v)); err != nil {
			return "", fmt.Errorf("not well-formed XML: %w", err)
		}
		return v, nil
	}
	return "", fmt.Errorf("unknown parameter type %q", p.Type)
}

// checkJID checks that v is a valid JID.
func checkJID(v string) error {
	if err := checkChars(v, true); err != nil {
		return err
	}
	if _, err := jid.Parse(v); err != nil {
		return fmt.Errorf("%q is not a valid JID: %w", v, err)
	}
	return nil
}

// checkChars checks that v is valid UTF-8 made only of characters XML can
// carry. show says whether the error may quote v.
func checkChars(v string, show bool) error {
	for i, r := range v {
		bad := r == utf8.RuneError && !strings.HasPrefix(v[i:], "\uFFFD")
		if !bad && isXMLChar(r) {
			continue
		}
		what := fmt.Sprintf("%U", r)
		if bad {
			what = "a byte that is not UTF-8"
		}
		if show {
			return fmt.Errorf("%q holds %s at byte %d, which XML cannot carry", v, what, i)
		}
		return fmt.Errorf("the value holds %s at byte %d, which XML cannot carry", what, i)
	}
	return nil
}

// isXMLChar reports whether r is a Char of XML 1.0.
func isXMLChar(r rune) bool {
	return r == 0x9 || r == 0xA || r == 0xD ||
		r >= 0x20 && r <= 0xD7FF ||
		r >= 0xE000 && r <= 0xFFFD ||
		r >= 0x10000 && r <= 0x10FFFF
}
