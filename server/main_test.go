package server_test

import (
	"io"
	"log/slog"
	"testing"

	"github.com/gloss-dev/gloss/web/browsertest"
)

// TestMain says what was skipped (the disk-full test without root) even
// without -v.
func TestMain(m *testing.M) { browsertest.Main(m) }

// quiet is the tests' logger: one access line per request would bury a
// failure's message.
var quiet = slog.New(slog.NewTextHandler(io.Discard, nil))
