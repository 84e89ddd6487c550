// Package browsertest starts the headless Chromium that gloss's browser
// tests drive (the editor's in web, Label Studio's in server/export).
package browsertest

import (
	"context"
	"fmt"
	"os"
	"sync"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/css"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// Chromium is where Debian's chromium package puts the browser.
const Chromium = "/usr/bin/chromium"

// New starts the Chromium at path, headless, with the flags it needs as
// root on a machine without a display or network (NOTES.md): no sandbox,
// no GPU, and none of the background connections that a closed network
// refuses. It returns a tab's context; the browser ends with the test.
func New(t testing.TB, path string) context.Context {
	t.Helper()
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), options(path, t.TempDir())...)
	ctx, cancelTab := chromedp.NewContext(actx)
	t.Cleanup(func() {
		cancelTab()
		cancelAlloc()
	})
	return ctx
}

func options(path, dataDir string) []chromedp.ExecAllocatorOption {
	return []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.UserDataDir(dataDir),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		// Tabs of a shared browser (and a test's second user) are not all
		// in front: keep their timers and frames running as a person's
		// separate windows would.
		chromedp.Flag("disable-background-timer-throttling", true),
		chromedp.Flag("disable-renderer-backgrounding", true),
		chromedp.Flag("disable-backgrounding-occluded-windows", true),
		// Every browser context (one per test, one per second user) got
		// two omnibox popups rendered as WebUI pages in renderers of
		// their own, never shown headless: about 1.7 s of CPU each time
		// on a 2-core machine, as much as loading the editor.
		chromedp.Flag("disable-features", "WebUIOmniboxPopup,WebUIOmniboxAimPopup"),
	}
}

var (
	sharedMu      sync.Mutex
	sharedBrowser context.Context // a tab whose browser every Tab shares
	sharedStop    func()
)

// Tab returns a tab of a browser shared by the package's tests, in a
// browser context of its own (its own cookies and storage, as a fresh
// browser would have); it closes with the test. Starting Chromium for each
// test cost about a second of the package's run, 31 times over. Main
// stops the shared browser.
func Tab(t testing.TB, path string) context.Context {
	t.Helper()
	sharedMu.Lock()
	if sharedBrowser == nil {
		dir, err := os.MkdirTemp("", "gloss-chromium-")
		if err != nil {
			sharedMu.Unlock()
			t.Fatal(err)
		}
		actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), options(path, dir)...)
		bctx, cancelBrowser := chromedp.NewContext(actx)
		if err := chromedp.Do(bctx); err != nil { // starts the browser
			cancelBrowser()
			cancelAlloc()
			os.RemoveAll(dir)
			sharedMu.Unlock()
			t.Fatal(err)
		}
		sharedBrowser = bctx
		sharedStop = func() { cancelBrowser(); cancelAlloc(); os.RemoveAll(dir) }
	}
	parent := sharedBrowser
	sharedMu.Unlock()
	ctx, cancel := chromedp.NewContext(parent, chromedp.WithNewBrowserContext())
	t.Cleanup(cancel)
	// Tests run side by side, each in a tab of its own, and only one tab
	// of a browser has the focus: in the others focus() would move no
	// focus events and :focus-visible would not match. Every tab behaves
	// as the focused window a person is typing in.
	if _, err := chromedp.Call(ctx, emulation.SetFocusEmulationEnabled, emulation.SetFocusEmulationEnabledParams{Enabled: true}); err != nil {
		t.Fatal(err)
	}
	if err := Quiet(ctx); err != nil {
		t.Fatal(err)
	}
	return ctx
}

// Quiet turns off two DevTools domains that chromedp enables on every tab
// it attaches to and that these tests do not use: Network, which reports
// each request and response to the test over the pipe (the editor loads
// about 85 files), and CSS, which tracks every style sheet. Measured on
// the editor: a page load costs about 0.2 s less CPU, a fifth.
func Quiet(ctx context.Context) error {
	if _, err := chromedp.Call(ctx, network.Disable, cdp.Empty{}); err != nil {
		return fmt.Errorf("browsertest: disabling Network: %w", err)
	}
	if _, err := chromedp.Call(ctx, css.Disable, cdp.Empty{}); err != nil {
		return fmt.Errorf("browsertest: disabling CSS: %w", err)
	}
	return nil
}

func stopShared() {
	sharedMu.Lock()
	defer sharedMu.Unlock()
	if sharedStop != nil {
		sharedStop()
		sharedBrowser, sharedStop = nil, nil
	}
}
