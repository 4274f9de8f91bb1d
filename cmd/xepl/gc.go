package main

import (
	"os"
	"runtime/debug"
)

// gcPercent is the garbage collector's headroom for xepl: the heap may
// grow to 1.5 times what is live between collections, instead of Go's
// default of twice. A flood of messages into a slow terminal keeps the
// live heap steady (the capture's ring, the session's bounded queue), but
// every stanza shown is parsed and indented, and that garbage fills
// whatever headroom there is: at Go's default it was a third of xepl's
// peak RSS in TestBacklogBoundedMemory (31-32 MB against a 32 MB bound;
// 27-28 MB at 50). The price is collections twice as often, which cost
// little here: the live heap is small except while a big reply is shown,
// and that one is then held closer to its size too. A soft memory limit
// (debug.SetMemoryLimit) would hold a flood tighter still, but a reply
// bigger than the limit would make the collector run without a pause
// until it was shown.
const gcPercent = 50

// tuneGC sets gcPercent unless GOGC says otherwise: the user's setting
// wins.
func tuneGC() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(gcPercent)
	}
}
