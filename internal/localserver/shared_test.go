package localserver_test

import (
	"context"
	"testing"

	"xepl/internal/localserver"
)

func TestMain(m *testing.M) { localserver.Main(m) }

func TestForTestShares(t *testing.T) {
	t.Parallel()
	forEachKind(t, func(t *testing.T, kind localserver.Kind) {
		a := localserver.ForTest(t, kind)
		b := localserver.ForTest(t, kind)
		if a != b {
			t.Fatal("ForTest started a second server")
		}
		if err := a.Register(context.Background(), "shared", "pw"); err != nil {
			t.Fatal(err)
		}
	})
}

func TestForTestReplacesDeadServer(t *testing.T) {
	kind := localserver.Prosody
	a := localserver.ForTest(t, kind)
	if err := a.Kill(); err != nil {
		t.Fatal(err)
	}
	b := localserver.ForTest(t, kind)
	if a == b || !b.Running() {
		t.Fatal("ForTest returned the killed server")
	}
}

func TestForTestOwn(t *testing.T) {
	var s *localserver.Server
	t.Run("own", func(t *testing.T) {
		s = localserver.ForTestOwn(t, localserver.Prosody)
		if s == localserver.ForTest(t, localserver.Prosody) {
			t.Error("ForTestOwn returned the shared server")
		}
	})
	if s != nil && s.Running() {
		t.Error("ForTestOwn's server outlived its test")
	}
}
