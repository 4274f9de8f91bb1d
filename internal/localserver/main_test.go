package localserver_test

import (
	"testing"

	"xepl/internal/servertest"
)

// TestMain stops the servers the tests shared once they are done, which
// removes their directories (keys, accounts).
func TestMain(m *testing.M) { servertest.Main(m) }
