package export_test

import (
	"testing"

	"github.com/gloss-dev/gloss/web/browsertest"
)

// TestMain says what was skipped (tools not installed) even without -v.
func TestMain(m *testing.M) { browsertest.Main(m) }
