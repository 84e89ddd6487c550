package browsertest

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
)

var (
	skipMu  sync.Mutex
	skipped = map[string]int{} // why → how many tests
)

// Skip skips t for want of something this machine lacks (chromium, a
// tool), and remembers why, for the note Main prints at the end.
func Skip(t testing.TB, why string) {
	t.Helper()
	skipMu.Lock()
	skipped[why]++
	skipMu.Unlock()
	t.Skip(why)
}

// Main runs a package's tests and then says what was skipped and why.
// go test ./... shows nothing of a package that passed, t.Skip's message
// included, so a newcomer without chromium would see "ok" and never learn
// that the browser tests did not run. The note goes to the terminal
// (/dev/tty), which go test does not capture, or to stderr when there is
// none (then -v shows it).
func Main(m *testing.M) {
	code := m.Run()
	stopShared()
	skipMu.Lock()
	defer skipMu.Unlock()
	if len(skipped) > 0 {
		var whys []string
		for why := range skipped {
			whys = append(whys, why)
		}
		sort.Strings(whys)
		var b strings.Builder
		pkg := strings.TrimSuffix(filepath.Base(os.Args[0]), ".test")
		for _, why := range whys {
			fmt.Fprintf(&b, "gloss: %s: %d tests skipped: %s\n", pkg, skipped[why], why)
		}
		b.WriteString("gloss: after installing, run them with: go test -count=1 ./... (the test cache does not notice new packages)\n")
		out := os.Stderr
		if tty, err := os.OpenFile("/dev/tty", os.O_WRONLY, 0); err == nil {
			defer tty.Close()
			out = tty
		}
		fmt.Fprint(out, b.String())
	}
	os.Exit(code)
}
