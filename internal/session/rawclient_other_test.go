//go:build !linux

package session_test

// setQuickAck does nothing where TCP_QUICKACK does not exist.
func setQuickAck(uintptr) {}
