package xeps_test

import (
	"fmt"
	"regexp"
	"testing"

	"xepl/xeps"
)

// required lists the XEPs xepl must know about (from the package brief).
var required = []int{
	4, 12, 16, 20, 30, 45, 47, 48, 49, 50, 53, 54, 55, 59, 60, 65, 66, 68, 70, 71,
	77, 78, 79, 80, 82, 84, 85, 86, 92, 106, 107, 108, 114, 115, 118, 122, 124,
	126, 128, 131, 133, 136, 138, 141, 144, 145, 146, 153, 155, 156, 157, 158,
	160, 163, 166, 167, 172, 176, 177, 178, 184, 186, 191, 198, 199, 202, 203,
	206, 209, 215, 220, 221, 223, 224, 225, 231, 234, 237, 249, 257, 258, 260,
	261, 264, 270, 272, 277, 279, 280, 283, 286, 292, 293, 294, 297, 300, 301,
	308, 313, 317, 319, 320, 321, 326, 328, 333, 334, 338, 339, 340, 343, 352,
	353, 357, 359, 360, 363, 364, 367, 368, 369, 372, 373, 376, 377, 379, 380,
	382, 384, 385, 386, 388, 390, 391, 392, 393, 394, 396, 397, 398, 401, 402,
	403, 405, 406, 410, 411, 412, 420, 421, 422, 424, 425, 426, 428, 429, 430,
	431, 433, 434, 437, 438, 440, 441, 442, 444, 446, 447, 448, 449, 450, 451,
	452, 453, 454, 455, 456, 457, 459, 461, 462, 463, 464, 465, 468, 469, 470,
	471, 472, 474, 475, 476, 477, 478, 479, 480, 481, 482, 483, 484, 485, 486,
	487, 488, 489, 490, 491, 492, 493, 494, 495, 496, 497, 498, 499, 500,
}

func TestRequiredXEPsPresent(t *testing.T) {
	for _, n := range required {
		if _, ok := xeps.Lookup(n); !ok {
			t.Errorf("XEP-%04d is missing", n)
		}
	}
}

var (
	urlRE  = regexp.MustCompile(`^https://xmpp\.org/extensions/xep-\d{4}\.html$`)
	nameRE = regexp.MustCompile(`^XEP-\d{4}$`)
)

func TestAllXEPsWellFormed(t *testing.T) {
	all := xeps.All()
	seenNS := map[string]int{}
	for i, x := range all {
		if i > 0 && all[i-1].Number >= x.Number {
			t.Errorf("All() not sorted: XEP %d after %d", x.Number, all[i-1].Number)
		}
		if x.Title == "" || x.Status == "" || x.Type == "" {
			t.Errorf("%s: missing title, status or type: %+v", x.Name(), x)
		}
		if len(x.Summary) > 200 || (x.Summary == "" && len(x.Namespaces) > 0) {
			t.Errorf("%s: summary is longer than 200 bytes, or namespaces lack one (%d)", x.Name(), len(x.Summary))
		}
		if !urlRE.MatchString(x.URL()) {
			t.Errorf("%s: malformed URL %q", x.Name(), x.URL())
		}
		if !nameRE.MatchString(x.Name()) {
			t.Errorf("malformed name %q", x.Name())
		}
		if x.Status == "Draft" {
			t.Errorf("%s: shows the old name Draft, not Stable", x.Name())
		}
		for _, ns := range x.Namespaces {
			if prev, dup := seenNS[ns]; dup {
				t.Errorf("namespace %q belongs to both XEP %d and XEP %d", ns, prev, x.Number)
			}
			seenNS[ns] = x.Number
			if s, ok := xeps.ForNamespace(ns); !ok || s.XEP != x.Number || s.Namespace != ns {
				t.Errorf("ForNamespace(%q) = %v, %v; want exact match on %s", ns, s, ok, x.Name())
			}
		}
	}
}

func TestLookup(t *testing.T) {
	for _, tc := range []struct {
		n                   int
		ok                  bool
		title, status, name string
	}{
		{77, true, "In-Band Registration", "Final", "XEP-0077"},
		{199, true, "XMPP Ping", "Final", "XEP-0199"},
		{313, true, "Message Archive Management", "Stable", "XEP-0313"},
		{16, true, "Privacy Lists", "Deprecated", "XEP-0016"},
		{0, false, "", "", ""},
		{-1, false, "", "", ""},
		{9999, false, "", "", ""},
	} {
		x, ok := xeps.Lookup(tc.n)
		if ok != tc.ok || x.Title != tc.title || x.Status != tc.status || (ok && x.Name() != tc.name) {
			t.Errorf("Lookup(%d) = %+v, %v", tc.n, x, ok)
		}
	}
}

func TestLookupReturnsCopy(t *testing.T) {
	x, _ := xeps.Lookup(45)
	x.Namespaces[0] = "changed"
	y, _ := xeps.Lookup(45)
	if y.Namespaces[0] == "changed" {
		t.Error("changing a returned XEP changed the table")
	}
}

func TestXEPString(t *testing.T) {
	x, _ := xeps.Lookup(199)
	if got, want := x.String(), "XEP-0199: XMPP Ping (Final)"; got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
	if got, want := x.URL(), "https://xmpp.org/extensions/xep-0199.html"; got != want {
		t.Errorf("URL() = %q, want %q", got, want)
	}
}

func TestParseNumber(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want int
		ok   bool
	}{
		{"77", 77, true},
		{"0077", 77, true},
		{"xep-0077", 77, true},
		{"XEP-77", 77, true},
		{"xep0077", 77, true},
		{"Xep 77", 77, true},
		{"xep_0077", 77, true},
		{" 313 ", 313, true},
		{"1", 1, true},
		{"9999", 9999, true},
		{"", 0, false},
		{"0", 0, false},
		{"0000", 0, false},
		{"xep", 0, false},
		{"xep-", 0, false},
		{"xep--77", 0, false},
		{"-77", 0, false},
		{"77a", 0, false},
		{"7 7", 0, false},
		{"10000", 0, false},
		{"rfc6120", 0, false},
		{"xep-0077.html", 0, false},
	} {
		got, ok := xeps.ParseNumber(tc.in)
		if got != tc.want || ok != tc.ok {
			t.Errorf("ParseNumber(%q) = %d, %v; want %d, %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
}

func ExampleLookup() {
	x, _ := xeps.Lookup(77)
	fmt.Println(x)
	fmt.Println(x.URL())
	// Output:
	// XEP-0077: In-Band Registration (Final)
	// https://xmpp.org/extensions/xep-0077.html
}
