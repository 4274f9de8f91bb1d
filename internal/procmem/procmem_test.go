//go:build linux

package procmem

import (
	"os"
	"testing"
	"time"
)

// TestPeakGrows: this process's peak is read, and grows past what it
// holds once it touches 32 MB more.
func TestPeakGrows(t *testing.T) {
	before, ok := Peak(os.Getpid())
	if !ok || before <= 0 {
		t.Fatalf("Peak(self) = %d, %v", before, ok)
	}
	b := make([]byte, 32<<20)
	for i := range b {
		b[i] = 1
	}
	stop := make(chan struct{})
	close(stop)
	after := Watch(os.Getpid(), time.Millisecond, stop)
	if after < before+30<<20 {
		t.Errorf("peak %d after touching 32 MB, %d before", after, before)
	}
	_ = b[len(b)-1]
	if _, ok := Peak(1 << 30); ok {
		t.Error("Peak of a process that does not exist reports ok")
	}
}
