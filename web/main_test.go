package web_test

import (
	"sync"
	"testing"

	"github.com/gloss-dev/gloss/server"
	"github.com/gloss-dev/gloss/web/browsertest"
)

// TestMain says what was skipped (no chromium) even without -v.
func TestMain(m *testing.M) { browsertest.Main(m) }

// testHash is testPassword's bcrypt hash, made once: a hash costs about
// 70 ms here, and the tests make a user or two each.
var testHash = sync.OnceValues(func() ([]byte, error) { return server.HashPassword(testPassword) })
