package agreement

import (
	"testing"

	"github.com/gloss-dev/gloss/web/browsertest"
)

// TestMain says what was skipped (scikit-learn missing) even without -v.
func TestMain(m *testing.M) { browsertest.Main(m) }
