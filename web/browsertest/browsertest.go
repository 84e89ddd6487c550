// Package browsertest starts the headless Chromium that gloss's browser
// tests drive (the editor's in web, Label Studio's in server/export).
package browsertest

import (
	"context"
	"testing"

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
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(path),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.UserDataDir(t.TempDir()),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
	)
	ctx, cancelTab := chromedp.NewContext(actx)
	t.Cleanup(func() {
		cancelTab()
		cancelAlloc()
	})
	return ctx
}
