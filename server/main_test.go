package server_test

import (
	"testing"

	"github.com/gloss-dev/gloss/web/browsertest"
)

// TestMain says what was skipped (the disk-full test without root) even
// without -v.
func TestMain(m *testing.M) { browsertest.Main(m) }
