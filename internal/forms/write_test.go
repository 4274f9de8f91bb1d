package forms_test

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"xepl/internal/forms"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// TestWriteGolden shows every fixture with Write and WriteTable and
// compares with testdata/golden/NAME.txt (go test -run Golden -update
// rewrites them).
func TestWriteGolden(t *testing.T) {
	files, err := filepath.Glob("testdata/*.xml")
	if err != nil || len(files) == 0 {
		t.Fatal("no fixtures", err)
	}
	for _, file := range files {
		name := strings.TrimSuffix(filepath.Base(file), ".xml")
		t.Run(name, func(t *testing.T) {
			f := fixture(t, name)
			var b bytes.Buffer
			b.WriteString("== Write\n")
			if err := f.Write(&b); err != nil {
				t.Fatal(err)
			}
			b.WriteString("== WriteTable\n")
			if err := f.WriteTable(&b); err != nil {
				t.Fatal(err)
			}
			golden := filepath.Join("testdata", "golden", name+".txt")
			if *update {
				os.MkdirAll(filepath.Dir(golden), 0o755)
				if err := os.WriteFile(golden, b.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -run Golden -update)", err)
			}
			if got := b.String(); got != string(want) {
				t.Errorf("output differs from %s (go test -run Golden -update rewrites it):\n%s", golden, got)
			}
		})
	}
}

func TestWriteValues(t *testing.T) {
	f := fixture(t, "prosody-muc-config")
	f.Set("muc#roomconfig_roomsecret", "hunter2")
	f.Set("muc#roomconfig_whois", "anyone")
	f.Set("muc#roomconfig_persistentroom", "yes")
	f.Set("muc#roomconfig_roomname", "Tea\ttime")
	var b bytes.Buffer
	if err := f.Write(&b); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, want := range []string{
		"  Password [muc#roomconfig_roomsecret] (secret)\n      = ********\n",
		"      1. Moderators only (moderators)\n      2. Anyone (anyone) *\n",
		"[muc#roomconfig_persistentroom] (yes/no)\n      Rooms are automatically deleted when they are empty, unless this option is enabled\n      = yes\n",
		"= Tea time\n",
		"form type http://jabber.org/protocol/muc#roomconfig\nRoom information\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("Write lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "hunter2") {
		t.Errorf("Write shows a secret:\n%s", out)
	}
	// An option-less value of a list with options is still shown.
	f.Field("muc#roomconfig_whois").Values = []string{"owners"}
	b.Reset()
	f.Write(&b)
	if !strings.Contains(b.String(), "      2. Anyone (anyone)\n      = owners\n") {
		t.Errorf("a value outside the options is not shown:\n%s", b.String())
	}
}

func TestWriteTableSecrets(t *testing.T) {
	f := fixture(t, "table-users")
	var b bytes.Buffer
	if err := f.WriteTable(&b); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(b.String(), "s3cr3t-token") {
		t.Errorf("WriteTable shows a private cell:\n%s", b.String())
	}
	r := &forms.Form{Type: "result", Fields: []*forms.Field{{Var: "password", Label: "Password", Values: []string{"pw1234"}}}}
	b.Reset()
	r.WriteTable(&b)
	if b.String() != "Password: ********\n" {
		t.Errorf("a password field in a result: %q", b.String())
	}
}

type failWriter struct{ n int }

func (w *failWriter) Write(p []byte) (int, error) {
	if w.n == 0 {
		return 0, errors.New("disk full")
	}
	w.n--
	return len(p), nil
}

func TestWriteErrors(t *testing.T) {
	for _, name := range []string{"prosody-muc-config", "table-search"} {
		f := fixture(t, name)
		for n := range 3 {
			if err := f.Write(&failWriter{n: n}); err == nil || err.Error() != "disk full" {
				t.Errorf("%s: Write after %d writes: %v", name, n, err)
			}
			if err := f.WriteTable(&failWriter{n: n}); err == nil || err.Error() != "disk full" {
				t.Errorf("%s: WriteTable after %d writes: %v", name, n, err)
			}
		}
	}
}
