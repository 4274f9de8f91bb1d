package xeps

import (
	"bytes"
	"os"
	"sync"
	"sync/atomic"

	"xepl/xeps/internal/xeplist"
)

// The facts of every XEP come from the XSF's list: the snapshot compiled
// in (xeplist_gen.go, from data/xeplist.xml), or a newer xeplist.xml that
// xep update downloaded (see SetListFile and Update).
var (
	loadOnce sync.Once
	current  atomic.Pointer[database]

	listMu     sync.Mutex
	listFile   string // where xep update keeps the downloaded list
	listSource Source // what current was loaded from
)

//go:generate go run ./internal/genxeplist -xeps $XSF_XEPS -o data/xeplist.xml -go xeplist_gen.go

// Source says where the XEP facts in use come from.
type Source struct {
	// File is the downloaded list in use, or "" for the snapshot.
	File string
	// Commit is the github.com/xsf/xeps commit of the snapshot, when
	// the snapshot is in use.
	Commit string
	// Newest is the date of the newest revision in the list: how xepl
	// tells which of two lists is newer.
	Newest string
	// XEPs is how many XEPs the list has.
	XEPs int
	// Problem says why a downloaded list was not used, if one was
	// there and was not.
	Problem string
}

// SetListFile says where a downloaded xeplist.xml is kept
// ($XDG_CACHE_HOME/xepl/xeplist.xml). The list there is read at the first
// use of the XEP facts and used if it is newer than the snapshot. Call it
// before any lookup; without it xepl uses only its snapshot (as the tests
// do).
func SetListFile(path string) {
	listMu.Lock()
	defer listMu.Unlock()
	listFile = path
}

// ListSource says where the XEP facts in use come from.
func ListSource() Source {
	data()
	listMu.Lock()
	defer listMu.Unlock()
	return listSource
}

// Preload reads the XEP facts now, if nothing has yet: the shell calls it
// in the background while a connect waits on the network, so that the
// notes of the connect summary and of the first stanza are ready when
// they are needed.
func Preload() { data() }

func data() *database {
	loadOnce.Do(func() {
		listMu.Lock()
		defer listMu.Unlock()
		d, src := loadPreferred(listFile)
		current.Store(d)
		listSource = src
	})
	return current.Load()
}

// snapshot returns the compiled-in list.
func snapshot() *xeplist.List {
	return &xeplist.List{Commit: snapshotCommit, XEPs: snapshotXEPs}
}

// loadPreferred loads the data with the downloaded list in file when it
// is good and newer than the snapshot, and with the snapshot otherwise.
func loadPreferred(file string) (*database, Source) {
	snap := snapshot()
	d, err := loadFirst(dataFS, snap) // the rest when it is needed
	if err != nil {
		// The files are compiled in and checked by the tests, so this
		// is a build mistake, not a runtime condition.
		panic(err)
	}
	src := Source{Commit: snap.Commit, Newest: snap.Newest(), XEPs: len(snap.XEPs)}
	if file == "" {
		return d, src
	}
	b, err := os.ReadFile(file)
	if os.IsNotExist(err) {
		return d, src
	}
	dl, dd, err := checkList(b, err)
	switch {
	case err != nil:
		src.Problem = file + ": " + err.Error()
	case dl.Newest() > src.Newest:
		return dd, Source{File: file, Newest: dl.Newest(), XEPs: len(dl.XEPs)}
	}
	return d, src
}

// checkList parses a downloaded list and loads the data with it, so
// that a list that would leave out a XEP xepl has notes on is refused.
func checkList(b []byte, readErr error) (*xeplist.List, *database, error) {
	if readErr != nil {
		return nil, nil, readErr
	}
	l, err := xeplist.Parse(bytes.NewReader(b))
	if err != nil {
		return nil, nil, err
	}
	d, err := load(dataFS, l)
	if err != nil {
		return nil, nil, err
	}
	return l, d, nil
}
