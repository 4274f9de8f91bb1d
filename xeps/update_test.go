package xeps

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"xepl/xeps/internal/xeplist"
)

// fixtureList is the snapshot as a downloaded list, with XEP-0013
// retitled and, when newer, a revision dated after every other.
func fixtureList(t *testing.T, newer bool) []byte {
	t.Helper()
	l := snapshot()
	l.Commit = ""
	l.XEPs = slices.Clone(l.XEPs)
	i := slices.IndexFunc(l.XEPs, func(x xeplist.XEP) bool { return x.Number == 13 })
	l.XEPs[i].Title = "Flexible Offline Retrieval, Renamed"
	if newer {
		l.XEPs[i].Date = "2999-01-01"
	}
	var b bytes.Buffer
	if err := xeplist.Write(&b, l, "written by the test\n"); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// keepData puts the data in use back as it was when the test ends:
// Update changes it for the whole process.
func keepData(t *testing.T) {
	d := data()
	listMu.Lock()
	src, file := listSource, listFile
	listMu.Unlock()
	t.Cleanup(func() {
		listMu.Lock()
		defer listMu.Unlock()
		current.Store(d)
		listSource, listFile = src, file
	})
}

func serve(t *testing.T, status int, body []byte) string {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(status)
		w.Write(body)
	}))
	t.Cleanup(srv.Close)
	return srv.URL + "/xeplist.xml"
}

func TestUpdateNewerWins(t *testing.T) {
	keepData(t)
	file := filepath.Join(t.TempDir(), "xepl", "xeplist.xml")
	want := fixtureList(t, true)
	up, err := Update(context.Background(), http.DefaultClient, serve(t, 200, want), file)
	if err != nil {
		t.Fatal(err)
	}
	if !up.Used || up.Source.File != file || up.Fetched != "2999-01-01" {
		t.Errorf("Update = %+v", up)
	}
	if x, _ := Lookup(13); x.Title != "Flexible Offline Retrieval, Renamed" || x.Summary == "" {
		t.Errorf("after the update XEP-0013 = %+v, want the new title and our summary", x)
	}
	if got, _ := os.ReadFile(file); !bytes.Equal(got, want) {
		t.Error("the cache does not hold the list downloaded")
	}
	// The next run reads it from the cache.
	d, src := loadPreferred(file)
	if src.File != file || d.xeps[d.byNumber[13]].Title != "Flexible Offline Retrieval, Renamed" {
		t.Errorf("loadPreferred = %+v", src)
	}
}

func TestUpdateOlderKeepsSnapshot(t *testing.T) {
	keepData(t)
	file := filepath.Join(t.TempDir(), "xeplist.xml")
	up, err := Update(context.Background(), http.DefaultClient, serve(t, 200, fixtureList(t, false)), file)
	if err != nil {
		t.Fatal(err)
	}
	if up.Used || up.Source.File != "" || up.Source.Commit != snapshotCommit {
		t.Errorf("Update = %+v, want the snapshot kept", up)
	}
	if x, _ := Lookup(13); x.Title != "Flexible Offline Message Retrieval" {
		t.Errorf("XEP-0013 = %q, want the snapshot's title", x.Title)
	}
	if _, src := loadPreferred(file); src.File != "" {
		t.Errorf("an older cached list is used: %+v", src)
	}
}

func TestUpdateRefuses(t *testing.T) {
	keepData(t)
	good := fixtureList(t, true)
	missing := bytes.Replace(good, []byte("<number>45</number>"), []byte("<number>9998</number>"), 1)
	closed := httptest.NewServer(http.NotFoundHandler())
	closed.Close()
	for _, tc := range []struct {
		name, url, want string
	}{
		{"offline", closed.URL, "offline?"},
		{"not found", serve(t, 404, nil), "404"},
		{"not XML", serve(t, 200, []byte("<html>")), "refused"},
		{"truncated", serve(t, 200, good[:len(good)/2]), "refused"},
		{"lacks a XEP we have notes on", serve(t, 200, missing), "XEP 45"},
		{"too big", serve(t, 200, bytes.Repeat([]byte(" "), xeplist.MaxSize+1)), "larger than"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			file := filepath.Join(t.TempDir(), "xeplist.xml")
			os.WriteFile(file, []byte("old"), 0o644)
			_, err := Update(context.Background(), http.DefaultClient, tc.url, file)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("Update error = %v, want one mentioning %q", err, tc.want)
			}
			if b, _ := os.ReadFile(file); string(b) != "old" {
				t.Error("a refused list replaced the cache")
			}
			if x, _ := Lookup(13); x.Title != "Flexible Offline Message Retrieval" {
				t.Errorf("a refused list is in use: XEP-0013 = %q", x.Title)
			}
		})
	}
	if _, err := Update(context.Background(), http.DefaultClient, "http://unused", ""); err == nil {
		t.Error("Update without a cache file succeeded")
	}
}

func TestCachedListProblem(t *testing.T) {
	file := filepath.Join(t.TempDir(), "xeplist.xml")
	os.WriteFile(file, []byte("<xep-infos><xep>"), 0o644)
	d, src := loadPreferred(file)
	if src.File != "" || !strings.Contains(src.Problem, file) || len(d.xeps) != len(snapshotXEPs) {
		t.Errorf("a broken cache gave %+v", src)
	}
	if _, src := loadPreferred(filepath.Join(t.TempDir(), "none.xml")); src.Problem != "" || src.File != "" {
		t.Errorf("no cache gave %+v", src)
	}
}
