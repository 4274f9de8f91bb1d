// Package servertest gives tests the throwaway servers of localserver:
// one shared server per kind and test binary (Shared), a server of a
// test's own (Own), every kind in turn (Each), and the TestMain that stops
// them (Main). It is the only package that imports testing for servers, so
// that the xepl binary, which uses localserver for --local, never links it.
//
// A test that needs a server the machine lacks is skipped, or failed when
// the environment says CI (CI=true): CI must never pass by skipping.
package servertest

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strconv"
	"sync"
	"testing"
	"time"

	"xepl/internal/localserver"
)

// StartTimeout bounds starting a server for a test.
const StartTimeout = 2 * time.Minute

// The servers Shared shares, and the kinds that failed to start.
var shared struct {
	sync.Mutex
	servers map[localserver.Kind]*localserver.Server
	failed  map[localserver.Kind]error
}

// Shared returns the running server of kind shared by all the tests of
// this test binary, starting it on first use. Stop it at the end with
// StopAll from TestMain:
//
//	func TestMain(m *testing.M) { servertest.Main(m) }
//
// or, if TestMain does more, call StopAll after m.Run. Without that the
// server still dies with the test binary, but its directory stays in
// $TMPDIR.
//
// Tests share the server: use account names no other test uses, and take
// a server of your own (Own) to stop or kill it. A shared server
// found dead is replaced.
//
// If the server is not installed the test is skipped, or failed when the
// environment says CI (CI=true): CI must never pass by skipping. If it is
// installed but does not start, the test fails.
func Shared(t testing.TB, kind localserver.Kind) *localserver.Server {
	t.Helper()
	Require(t, kind)
	shared.Lock()
	defer shared.Unlock()
	if err := shared.failed[kind]; err != nil {
		t.Fatalf("localserver: %s failed to start earlier in this test binary: %v", kind, err)
	}
	if s := shared.servers[kind]; s != nil {
		if s.Running() {
			return s
		}
		t.Logf("localserver: the shared %s server is not running any more; starting a new one", kind)
		s.Stop()
		delete(shared.servers, kind)
	}
	s, err := start(kind)
	if err != nil {
		if shared.failed == nil {
			shared.failed = map[localserver.Kind]error{}
		}
		shared.failed[kind] = err
		t.Fatal(err)
	}
	if shared.servers == nil {
		shared.servers = map[localserver.Kind]*localserver.Server{}
	}
	shared.servers[kind] = s
	return s
}

// Own starts a server of kind for this test alone and stops it
// when the test ends (t.Cleanup). Use it for tests that stop or kill the
// server. It skips or fails like Shared.
func Own(t testing.TB, kind localserver.Kind) *localserver.Server {
	t.Helper()
	Require(t, kind)
	s, err := start(kind)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := s.Stop(); err != nil {
			t.Error(err)
		}
	})
	return s
}

func start(kind localserver.Kind) (*localserver.Server, error) {
	ctx, cancel := context.WithTimeout(context.Background(), StartTimeout)
	defer cancel()
	return localserver.Start(ctx, kind)
}

// Require skips the test if kind is not installed, or fails it
// when the environment says CI.
func Require(t testing.TB, kind localserver.Kind) {
	t.Helper()
	ok, why := localserver.Available(kind)
	switch act, msg := decide(kind, ok, why, os.Getenv("CI")); act {
	case skipTest:
		t.Skip(msg)
	case failTest:
		t.Fatal(msg)
	}
}

// StopAll stops every server Shared started.
func StopAll() error {
	shared.Lock()
	defer shared.Unlock()
	var errs []error
	for kind, s := range shared.servers {
		errs = append(errs, s.Stop())
		delete(shared.servers, kind)
	}
	return errors.Join(errs...)
}

// Main runs the tests, stops the shared servers and exits: the whole of a
// TestMain.
func Main(m *testing.M) {
	code := m.Run()
	if err := StopAll(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		if code == 0 {
			code = 1
		}
	}
	os.Exit(code)
}

// testAction is what a test does about a server it needs.
type testAction int

const (
	runTest testAction = iota
	skipTest
	failTest
)

// decide says what a test needing kind does given whether it is
// available (and why not) and the value of the CI environment variable.
func decide(kind localserver.Kind, available bool, why, ciEnv string) (testAction, string) {
	if available {
		return runTest, ""
	}
	if isCI(ciEnv) {
		return failTest, fmt.Sprintf("localserver: %s is not available and CI=%s (CI must not skip): %s", kind, ciEnv, why)
	}
	return skipTest, fmt.Sprintf("localserver: skipping, %s is not available: %s", kind, why)
}

// isCI interprets the CI environment variable: set to anything but a
// false value ("false", "0", ...) means CI.
func isCI(v string) bool {
	if v == "" {
		return false
	}
	b, err := strconv.ParseBool(v)
	return err != nil || b
}

// Each runs f as a subtest against the shared server of every kind.
func Each(t *testing.T, f func(t *testing.T, srv *localserver.Server)) {
	for _, kind := range localserver.Kinds {
		t.Run(string(kind), func(t *testing.T) { f(t, Shared(t, kind)) })
	}
}
