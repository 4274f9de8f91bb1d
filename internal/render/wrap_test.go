package render_test

import (
	"bytes"
	"fmt"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"xepl/internal/render"
)

// wrapCase is one case of testdata/wrap/cases.txt.
type wrapCase struct {
	name      string
	width     int
	in, want  string
	lineOfDoc int
}

var wrapHeading = regexp.MustCompile(`^=== (.*) \(width (\d+)\)$`)

// readWrapCases reads the cases: a heading, the input, "---", and what
// is wanted, each case ending at the next heading.
func readWrapCases(t *testing.T) []wrapCase {
	t.Helper()
	data, err := os.ReadFile("testdata/wrap/cases.txt")
	if err != nil {
		t.Fatal(err)
	}
	var cases []wrapCase
	var cur *wrapCase
	var in, want []string
	inWant := false
	finish := func() {
		if cur != nil {
			cur.in = strings.Join(in, "\n")
			cur.want = strings.TrimRight(strings.Join(want, "\n"), "\n")
			cases = append(cases, *cur)
		}
		in, want, inWant = nil, nil, false
	}
	for i, line := range strings.Split(string(data), "\n") {
		switch m := wrapHeading.FindStringSubmatch(line); {
		case m != nil:
			finish()
			width, _ := strconv.Atoi(m[2])
			cur = &wrapCase{name: m[1], width: width, lineOfDoc: i + 1}
		case cur == nil:
		case line == "---" && !inWant:
			inWant = true
		case inWant:
			want = append(want, line)
		default:
			in = append(in, line)
		}
	}
	finish()
	if len(cases) == 0 {
		t.Fatal("no cases in testdata/wrap/cases.txt")
	}
	return cases
}

func TestTagWrapperCases(t *testing.T) {
	for _, c := range readWrapCases(t) {
		t.Run(c.name, func(t *testing.T) {
			got := string(render.NewTagWrapper(c.width).Wrap(nil, []byte(c.in)))
			if got != c.want {
				t.Errorf("cases.txt:%d: width %d\ngot:\n%s\nwant:\n%s", c.lineOfDoc, c.width, got, c.want)
			}
			assertSameXML(t, c.in, got)
		})
	}
}

// assertSameXML fails unless wrapped is the same XML as in: indented
// again, the two are the same text (Indent writes one space between
// attributes, whatever white space was there).
func assertSameXML(t *testing.T, in, wrapped string) {
	t.Helper()
	a, errA := render.Indent([]byte(in))
	b, errB := render.Indent([]byte(wrapped))
	if errA != nil || errB != nil {
		if (errA == nil) != (errB == nil) {
			t.Errorf("Indent of the input: %v; of the wrapped text: %v", errA, errB)
		}
		return
	}
	if !bytes.Equal(a, b) {
		t.Errorf("wrapping changed the XML:\n%s\nbecame\n%s", a, b)
	}
}

// TestTagWrapperRoster wraps a big roster reply, as a terminal of each
// width shows it: every line fits but for an attribute that is wider
// alone, the XML is the same, and wrapping it in Show's pieces (each
// ending before a tag) gives what wrapping it whole gives.
func TestTagWrapperRoster(t *testing.T) {
	pretty, err := render.Indent(rosterReply(64 << 10))
	if err != nil {
		t.Fatal(err)
	}
	for _, width := range []int{20, 40, 80, 132} {
		t.Run(fmt.Sprint(width), func(t *testing.T) {
			whole := render.NewTagWrapper(width).Wrap(nil, pretty)
			assertSameXML(t, string(pretty), string(whole))
			for i, line := range strings.Split(string(whole), "\n") {
				if n := utf8.RuneCountInString(line); n > width && !unbreakable(line) {
					t.Fatalf("line %d is %d columns, more than %d: %q", i+1, n, width, line)
				}
			}
			w := render.NewTagWrapper(width)
			var pieces []byte
			rest := pretty
			for len(rest) > 0 {
				cut := bytes.IndexByte(rest[1:], '<') + 1
				if cut == 0 || len(rest) < 7 {
					cut = len(rest)
				}
				pieces = w.Wrap(pieces, rest[:cut])
				rest = rest[cut:]
			}
			if !bytes.Equal(pieces, whole) {
				t.Error("wrapped in pieces, the text differs from the text wrapped whole")
			}
		})
	}
}

// unbreakable says whether line, too wide, could not have been broken:
// it holds one attribute after its indentation (or after a start tag's
// name), or text, or the end of a tag with text beside it.
func unbreakable(line string) bool {
	s := strings.TrimLeft(line, " ")
	if !strings.HasPrefix(s, "<") {
		return strings.Count(s, `="`) <= 1
	}
	if name, rest, ok := strings.Cut(s, " "); ok && !strings.Contains(name, ">") {
		return strings.Count(rest, `="`) <= 1 || strings.Contains(rest, "</")
	}
	return true
}
