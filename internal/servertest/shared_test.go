package servertest_test

import (
	"context"
	"testing"

	"xepl/internal/localserver"
	"xepl/internal/servertest"
)

func TestMain(m *testing.M) { servertest.Main(m) }

func TestSharedIsShared(t *testing.T) {
	t.Parallel()
	for _, kind := range localserver.Kinds {
		t.Run(string(kind), func(t *testing.T) {
			a := servertest.Shared(t, kind)
			b := servertest.Shared(t, kind)
			if a != b {
				t.Fatal("Shared started a second server")
			}
			if err := a.Register(context.Background(), "shared", "pw"); err != nil {
				t.Fatal(err)
			}
		})
	}
}

func TestSharedReplacesDeadServer(t *testing.T) {
	kind := localserver.Prosody
	a := servertest.Shared(t, kind)
	if err := a.Kill(); err != nil {
		t.Fatal(err)
	}
	b := servertest.Shared(t, kind)
	if a == b || !b.Running() {
		t.Fatal("Shared returned the killed server")
	}
}

func TestOwn(t *testing.T) {
	var s *localserver.Server
	t.Run("own", func(t *testing.T) {
		s = servertest.Own(t, localserver.Prosody)
		if s == servertest.Shared(t, localserver.Prosody) {
			t.Error("Own returned the shared server")
		}
	})
	if s != nil && s.Running() {
		t.Error("Own's server outlived its test")
	}
}
