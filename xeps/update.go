package xeps

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"

	"xepl/xeps/internal/xeplist"
)

// ListURL is where the XSF publishes its list of XEPs.
const ListURL = "https://xmpp.org/extensions/xeplist.xml"

// Updated says what Update did.
type Updated struct {
	// Source is where the facts in use now come from.
	Source Source
	// Fetched is the newest revision date in the list downloaded.
	Fetched string
	// Used is true when the downloaded list is newer than the snapshot
	// and is now in use.
	Used bool
}

// Update downloads the XSF's list from url, checks it, keeps it in file
// (written whole or not at all) and uses it from now on if it is newer
// than the snapshot. Nothing is trusted blindly: the list must be at
// most xeplist.MaxSize bytes, parse, and hold every XEP xepl has notes
// on, or it is refused and the file is left as it was. ctx bounds the
// download.
func Update(ctx context.Context, client *http.Client, url, file string) (Updated, error) {
	if file == "" {
		return Updated{}, errors.New("no cache directory to keep the list in (set XDG_CACHE_HOME or HOME)")
	}
	b, err := download(ctx, client, url)
	if err != nil {
		return Updated{}, err
	}
	l, d, err := checkList(b, nil)
	if err != nil {
		return Updated{}, fmt.Errorf("the list from %s is refused: %v", url, err)
	}
	if err := writeAtomic(file, b); err != nil {
		return Updated{}, err
	}
	data() // the snapshot, or an older download, is loaded first
	up := Updated{Fetched: l.Newest()}
	listMu.Lock()
	defer listMu.Unlock()
	listFile = file
	if snap := snapshot(); up.Fetched > snap.Newest() {
		current.Store(d)
		listSource = Source{File: file, Newest: up.Fetched, XEPs: len(l.XEPs)}
		up.Used = true
	}
	up.Source = listSource
	return up, nil
}

// download fetches url, reading at most one byte more than a list may
// have, so that a larger answer is refused without being read whole.
func download(ctx context.Context, client *http.Client, url string) ([]byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	resp, err := client.Do(req)
	if err != nil {
		return nil, fmt.Errorf("cannot fetch the XEP list (offline?): %w; the built-in list stays in use", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("cannot fetch the XEP list: %s answered %s", url, resp.Status)
	}
	b, err := io.ReadAll(io.LimitReader(resp.Body, xeplist.MaxSize+1))
	if err != nil {
		return nil, fmt.Errorf("cannot fetch the XEP list: %w", err)
	}
	if len(b) > xeplist.MaxSize {
		return nil, fmt.Errorf("the answer from %s is larger than %d MiB: not a XEP list", url, xeplist.MaxSize>>20)
	}
	return b, nil
}

// writeAtomic writes b to file through a temporary file in the same
// directory and a rename, so that a reader sees the old list or the new,
// never part of one.
func writeAtomic(file string, b []byte) error {
	dir := filepath.Dir(file)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	f, err := os.CreateTemp(dir, ".xeplist-*.xml")
	if err != nil {
		return err
	}
	_, err = f.Write(b)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), file)
	}
	if err != nil {
		os.Remove(f.Name())
		return fmt.Errorf("cannot keep the XEP list: %w", err)
	}
	return nil
}
