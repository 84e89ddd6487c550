package web_test

// Browser tests: the real server in-process on 127.0.0.1:0, a real
// Chromium driven over the DevTools protocol, and the store checked
// directly. They skip when Chromium is missing, unless
// GLOSS_REQUIRE_BROWSER=1.
//
//	go test ./web/                                  the tests
//	GLOSS_SCREENSHOTS=/tmp/shots go test ./web/ -run Screenshots
//	go test ./web/ -run '^$' -bench Render -benchtime 5x

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/gloss-dev/gloss/server"
	"github.com/gloss-dev/gloss/storage"
	"github.com/gloss-dev/gloss/storage/model"
	"github.com/gloss-dev/gloss/web"
	"github.com/gloss-dev/gloss/web/browsertest"
)

const (
	chromiumPath = browsertest.Chromium
	testUser     = "ann"
	testPassword = "correct horse battery"
	viewportW    = 1440
	viewportH    = 900
)

// env is one server, one database and one browser tab.
type env struct {
	t    testing.TB
	db   *storage.DB
	base string
	ctx  context.Context

	mu         sync.Mutex
	exceptions []string
}

func requireBrowser(t testing.TB) {
	t.Helper()
	if _, err := os.Stat(chromiumPath); err != nil {
		if os.Getenv("GLOSS_REQUIRE_BROWSER") == "1" {
			t.Fatalf("GLOSS_REQUIRE_BROWSER=1 but %s is missing: apt-get install -y chromium", chromiumPath)
		}
		browsertest.Skip(t, fmt.Sprintf("browser tests need %s (apt-get install -y chromium); GLOSS_REQUIRE_BROWSER=1 makes this a failure", chromiumPath))
	}
}

// envOptions tune newEnv.
type envOptions struct {
	Storage    storage.Options
	SetupToken string // when set, no user is created: the test runs /setup
}

func newEnv(t testing.TB, opt envOptions) *env {
	t.Helper()
	requireBrowser(t)
	if pt, ok := t.(*testing.T); ok {
		pt.Parallel() // each test has its own server, database and browser context
	}
	db, err := storage.Open(filepath.Join(t.TempDir(), "gloss.db"), opt.Storage)
	if err != nil {
		t.Fatal(err)
	}
	if opt.SetupToken == "" {
		hash, err := testHash()
		if err != nil {
			t.Fatal(err)
		}
		if err := db.PutUser(model.User{Name: testUser, Role: model.RoleAdmin, PasswordHash: hash}); err != nil {
			t.Fatal(err)
		}
	}
	srv, err := server.New(server.Config{Store: db, Assets: web.FS, SetupToken: opt.SetupToken, Log: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go srv.Serve(ln)
	e := &env{t: t, db: db, base: "http://" + ln.Addr().String()}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		srv.Shutdown(ctx)
		if err := db.Check(); err != nil {
			t.Errorf("bbolt check: %v", err)
		}
		db.Close()
	})
	e.ctx = browsertest.Tab(t, chromiumPath)
	if err := chromedp.Do(e.ctx, chromedp.EmulateViewport(viewportW, viewportH)); err != nil {
		t.Fatal(err)
	}
	e.watchExceptions()
	return e
}

// watchExceptions makes uncaught exceptions in e's page fail the test.
func (e *env) watchExceptions() {
	t := e.t
	msgs := chromedp.Console(e.ctx)
	go func() {
		for m, err := range msgs {
			if err != nil {
				return
			}
			if m.IsException() {
				e.mu.Lock()
				e.exceptions = append(e.exceptions, m.String())
				e.mu.Unlock()
			}
		}
	}()
	t.Cleanup(func() {
		e.mu.Lock()
		defer e.mu.Unlock()
		for _, x := range e.exceptions {
			t.Errorf("exception in the page: %s", x)
		}
	})
}

// do runs browser steps with a deadline, failing the test on error.
//
// A single step that finds its node replaced between the query and the
// action ("Could not find node with given id": the side list or the text
// was redrawn by something that arrived meanwhile, as a person's click
// would simply land on the new node) is tried again, up to three times;
// it had done nothing yet.
func (e *env) do(steps ...chromedp.Action[chromedp.Void]) {
	e.t.Helper()
	for try := 1; ; try++ {
		ctx, cancel := context.WithTimeout(e.ctx, 20*time.Second)
		err := chromedp.Do(ctx, steps...)
		cancel()
		if err == nil {
			return
		}
		if len(steps) != 1 || try == 3 || !strings.Contains(err.Error(), "Could not find node with given id") {
			e.t.Fatal(err)
		}
	}
}

// eval evaluates a JavaScript expression (awaiting a promise) into T.
func eval[T any](e *env, js string) T {
	e.t.Helper()
	ctx, cancel := context.WithTimeout(e.ctx, 20*time.Second)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js, chromedp.EvalAwaitPromise))
	if err != nil {
		e.t.Fatalf("eval %s: %v", js, err)
	}
	return v
}

// poll waits until the JavaScript expression is truthy.
func (e *env) poll(js string) {
	e.t.Helper()
	if err := e.until(js, 15*time.Second); err != nil {
		e.t.Fatalf("timed out waiting for %s (%v)", js, err)
	}
}

// until waits up to timeout for the JavaScript expression to be truthy.
// The page tests it every 10 ms and answers once it holds (or after a few
// seconds without), so waiting costs one round trip over the DevTools
// protocol rather than one per test: with two tests side by side on two
// cores, evaluating from Go every 20 ms cost more CPU than the pages
// themselves. An evaluation that a navigation cuts short (logging in
// navigates) is simply made again in the new page; chromedp.Poll is not.
func (e *env) until(js string, timeout time.Duration) error {
	e.t.Helper()
	deadline := time.Now().Add(timeout)
	var last error
	for {
		left := time.Until(deadline)
		if left <= 0 {
			return fmt.Errorf("last error: %v", last)
		}
		wait := min(left, 4*time.Second)
		ctx, cancel := context.WithTimeout(e.ctx, wait+2*time.Second)
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](fmt.Sprintf(`new Promise((resolve, reject) => {
  const end = performance.now() + %d;
  const test = () => {
    let ok = false, err = null;
    try { ok = !!(%s); } catch (x) { err = x; }
    if (ok) resolve(true);
    else if (performance.now() >= end) err ? reject(err) : resolve(false);
    else setTimeout(test, 10);
  };
  test();
})`, wait.Milliseconds(), js), chromedp.EvalAwaitPromise))
		cancel()
		if err == nil && ok {
			return nil
		}
		last = err
		if err != nil {
			time.Sleep(20 * time.Millisecond) // a page on its way
		}
	}
}

// waitFor polls a Go condition, e.g. on the store, then lets the page
// settle: the store changes before the browser has the response.
func (e *env) waitFor(what string, ok func() bool) {
	e.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !ok() {
		if time.Now().After(deadline) {
			e.t.Fatalf("timed out waiting for %s; the page: %s", what, e.pageState())
		}
		time.Sleep(20 * time.Millisecond)
	}
	e.settle()
}

// settle waits until the server has acknowledged the editor's changes and
// the editor has drawn the result.
func (e *env) settle() {
	e.t.Helper()
	eval[chromedp.Void](e, `window.gloss ? gloss.live.idle(10000).then(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))) : null`)
}

// pageState describes the editor's state for failure messages.
func (e *env) pageState() string {
	ctx, cancel := context.WithTimeout(e.ctx, 3*time.Second)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[string](`JSON.stringify(window.gloss ? (() => { const s = gloss.store.get(); return {
  route: s.route, selected: s.selectedId, annotations: [...s.annotations.values()].map((a) => [a.id, a.label, a.start, a.end]),
  toast: s.toast && s.toast.message, focus: document.activeElement && document.activeElement.outerHTML.slice(0, 80),
  undo: gloss.edits.undoStack.map((x) => x.kind), redo: gloss.edits.redoStack.map((x) => x.kind) }; })() : { url: location.href })`))
	if err != nil {
		return err.Error()
	}
	return v
}

// login opens the app as the test user.
func (e *env) login() {
	e.t.Helper()
	e.signIn(testUser)
}

// signIn opens the app as name, a user in the store, with a session made
// in the store as the login form's would be. The form costs a page load
// and a bcrypt comparison each time; tests of the form (logging in,
// wrong passwords, a password someone set or reset) use loginAs.
func (e *env) signIn(name string) {
	e.t.Helper()
	secret, err := e.db.NewCredential(storage.CredSession, name, time.Hour)
	if err != nil {
		e.t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(e.ctx, 20*time.Second)
	defer cancel()
	if _, err := chromedp.Call(ctx, network.SetCookie, network.SetCookieParams{
		Name: server.SessionCookie, Value: secret, URL: e.base, Path: "/",
		HTTPOnly: ptr(true), SameSite: network.CookieSameSiteLax,
	}); err != nil {
		e.t.Fatal(err)
	}
	e.do(chromedp.Navigate(e.base + "/"))
	e.poll(`location.pathname === '/' && window.gloss && gloss.store.get().me && gloss.store.get().me.name === ` + jsString(name))
}

// loginAs logs in as name through the login form.
func (e *env) loginAs(name, password string) {
	e.t.Helper()
	e.do(
		chromedp.Navigate(e.base+"/login"),
		chromedp.WaitVisible(chromedp.ID("name")),
		chromedp.SendKeys(chromedp.ID("name"), name),
		chromedp.SendKeys(chromedp.ID("password"), password),
		chromedp.Click(chromedp.ID("submit")),
	)
	e.poll(`location.pathname === '/' && window.gloss && gloss.store.get().me && gloss.store.get().me.name === ` + jsString(name))
}

// openArticle shows an article and waits until its highlights are painted.
func (e *env) openArticle(id uint64) {
	e.t.Helper()
	eval[chromedp.Void](e, `performance.clearMarks('gloss:rendered'); location.hash = '#/articles/`+fmt.Sprint(id)+`'`)
	e.poll(fmt.Sprintf(`(() => { const a = gloss.store.get().article; return a && a.id === %d && performance.getEntriesByName('gloss:rendered').length > 0 })()`, id))
	// And its suggestions, which redraw the side list when they arrive: a
	// click on a node that a redraw replaced finds no node.
	e.poll(fmt.Sprintf(`(() => { const S = gloss.store.get().suggest; return S && S.article === %d && !S.loading })()`, id))
}

func (e *env) addArticle(title, path string) model.Article {
	e.t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		e.t.Fatal(err)
	}
	a, _, err := e.db.CreateArticle(model.Article{Title: title, Source: filepath.Base(path), Text: string(b)})
	if err != nil {
		e.t.Fatal(err)
	}
	return a
}

func (e *env) annotations(article uint64) []model.Annotation {
	e.t.Helper()
	as, err := e.db.Annotations(article, "")
	if err != nil {
		e.t.Fatal(err)
	}
	return as
}

// span returns the code-point offsets of the text from the first
// occurrence of from to the end of the first occurrence of to after it.
func span(t testing.TB, text, from, to string) (int, int) {
	t.Helper()
	i := strings.Index(text, from)
	if i < 0 {
		t.Fatalf("%q is not in the text", from)
	}
	j := strings.Index(text[i:], to)
	if j < 0 {
		t.Fatalf("%q is not in the text after %q", to, from)
	}
	j += i + len(to)
	return utf8.RuneCountInString(text[:i]), utf8.RuneCountInString(text[:j])
}

// paintedRanges counts the ranges the editor paints, but for the
// detectors' suggestions (render-suggest.js), which come and go with them,
// and the tint of the annotation under the mouse (render-brackets.js),
// which comes and goes with the mouse.
const paintedRanges = `[...CSS.highlights.entries()].filter(([k]) => !k.startsWith('gloss-sg-') && !k.startsWith('gloss-hover-')).reduce((n, [, h]) => n + h.size, 0)`

func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

type point struct{ X, Y float64 }

// selectWithMouse drags the mouse from the first character of from to the
// last character of to (the first occurrence of each in the article text,
// found in the DOM without the editor's help), with real mouse events.
// mods are held during the drag (chromedp.ModifierAlt for exact
// characters).
func (e *env) selectWithMouse(from, to string, rtl bool, mods ...chromedp.Modifier) {
	e.t.Helper()
	js := fmt.Sprintf(`(() => {
  const from = %s, to = %s, rtl = %v;
  const root = document.getElementById('text');
  const find = (needle, after) => {
    const w = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    let n, passed = !after;
    while ((n = w.nextNode())) {
      let i = -1;
      if (after && n === after.node) { i = n.data.indexOf(needle, after.i); passed = true; }
      else if (passed) i = n.data.indexOf(needle);
      if (i >= 0) return { node: n, i };
    }
    throw new Error('not in the page: ' + needle);
  };
  const a = find(from, null);
  a.node.parentElement.scrollIntoView({ block: 'center' });
  const b = find(to, a);
  const rect = (node, s, e) => {
    const r = document.createRange();
    r.setStart(node, s); r.setEnd(node, e);
    const rs = r.getClientRects();
    return rs[rs.length - 1];
  };
  const units = (s, i) => (/[\uD800-\uDBFF]/.test(s[i]) ? 2 : 1);
  const f = rect(a.node, a.i, a.i + units(a.node.data, a.i));
  const endAt = b.i + to.length;
  let ls = endAt - 1;
  if (/[\uDC00-\uDFFF]/.test(b.node.data[ls])) ls--;
  const l = rect(b.node, ls, endAt);
  const start = { X: rtl ? f.right - 1 : f.left + 1, Y: f.top + f.height / 2 };
  const end = { X: rtl ? l.left + 1 : l.right - 1, Y: l.top + l.height / 2 };
  return [start, end];
})()`, jsString(from), jsString(to), rtl)
	pts := eval[[]point](e, js)
	s, t := pts[0], pts[1]
	steps := []chromedp.Action[chromedp.Void]{
		chromedp.MouseEvent(chromedp.MouseMoved, s.X, s.Y),
		chromedp.MouseEvent(chromedp.MousePressed, s.X, s.Y, chromedp.ButtonLeft, chromedp.ClickCount(1), chromedp.ButtonModifiers(mods...)),
	}
	for i := 1; i <= 8; i++ {
		f := float64(i) / 8
		steps = append(steps, chromedp.MouseEvent(chromedp.MouseMoved, s.X+(t.X-s.X)*f, s.Y+(t.Y-s.Y)*f, chromedp.ButtonLeft, chromedp.ButtonModifiers(mods...)))
	}
	steps = append(steps, chromedp.MouseEvent(chromedp.MouseReleased, t.X, t.Y, chromedp.ButtonLeft, chromedp.ClickCount(1), chromedp.ButtonModifiers(mods...)))
	e.do(steps...)
}

// centreOf returns the centre of the first box of the annotation's text on
// screen, after scrolling it into view.
func (e *env) centreOf(a model.Annotation) point {
	e.t.Helper()
	return eval[point](e, fmt.Sprintf(`(() => {
  const r = gloss.renderer.view.liveRange(%d, %d);
  r.startContainer.parentElement.scrollIntoView({ block: 'center' });
  const b = r.getClientRects()[0];
  return { X: b.left + Math.min(b.width / 2, 40), Y: b.top + b.height / 2 };
})()`, a.Start, a.End))
}

// seed stores an annotation of label, by the test user, over the first
// place text occurs in art, as a script would before the page loads it.
func (e *env) seed(art model.Article, text, label string, attrs map[string]string) model.Annotation {
	e.t.Helper()
	start, end := span(e.t, art.Text, text, text)
	op, err := e.db.Apply(art.ID, model.Change{Action: model.ActionCreate, Start: &start, End: &end, Label: &label, Attrs: attrs, Author: testUser})
	if err != nil {
		e.t.Fatal(err)
	}
	return op.Annotation
}

// openPopover clicks annotation a on screen and waits for its popover.
func (e *env) openPopover(a model.Annotation) {
	e.t.Helper()
	p := e.centreOf(a)
	e.do(chromedp.MouseClickXY(p.X, p.Y))
	e.poll(fmt.Sprintf(`!document.getElementById('popover').hidden && document.getElementById('popover').dataset.id === '%d'`, a.ID))
}

func TestLoginAndLabelQuoteWithMouse(t *testing.T) {
	e := newEnv(t, envOptions{})
	art := e.addArticle("Xi to meet Putin after ICC warrant", "../testdata/xi-putin-icc.txt")
	e.loginAs(testUser, testPassword) // the form; the other tests sign in with a session cookie
	e.openArticle(art.ID)

	const quote = "“My upcoming visit to Russia will be a journey of friendship, cooperation and peace,”"
	start, end := span(t, art.Text, quote, quote)
	e.selectWithMouse(quote, quote, false)
	if got := eval[string](e, `window.getSelection().toString()`); got != quote {
		t.Fatalf("the mouse selected %q, want %q", got, quote)
	}
	e.do(chromedp.KeyEvent("q"))
	e.waitFor("the QUOTE annotation", func() bool { return len(e.annotations(art.ID)) == 1 })
	a := e.annotations(art.ID)[0]
	if a.Start != start || a.End != end || a.Label != "QUOTE" || a.Author != testUser {
		t.Errorf("got %s [%d, %d) by %s, want QUOTE [%d, %d) by %s", a.Label, a.Start, a.End, a.Author, start, end, testUser)
	}
	if a.Text != quote {
		t.Errorf("annotation text %q, want %q", a.Text, quote)
	}
	// It is painted and listed.
	e.poll(paintedRanges + ` === 1`)
	e.poll(`document.querySelectorAll('#panel [data-action=goto]').length === 1`)

	// The keyboard goes on: Enter into the new quote's speaker field,
	// type, Enter saves, Esc is back in the text.
	e.poll(`document.getElementById('popover').hidden`) // not opened by the label key
	e.do(chromedp.KeyEvent(kb.Enter))
	e.poll(`document.activeElement && document.activeElement.id === 'attr-speaker'`)
	e.do(chromedp.KeyEvent("Xi Jinping" + kb.Enter))
	e.waitFor("the speaker", func() bool { return e.annotations(art.ID)[0].Attrs["speaker"] == "Xi Jinping" })
	e.do(chromedp.KeyEvent(kb.Escape))
	e.poll(`document.getElementById('popover').hidden`)
}

// TestDragSnapsToWords: a drag that starts and ends inside words selects
// the whole words, on screen and in the annotation; with Alt held it keeps
// the exact characters.
func TestDragSnapsToWords(t *testing.T) {
	e := newEnv(t, envOptions{})
	art := e.addArticle("Xi to meet Putin after ICC warrant", "../testdata/xi-putin-icc.txt")
	e.login()
	e.openArticle(art.ID)

	const words = "upcoming visit to Russia will be a journey of friendship"
	e.selectWithMouse("pcoming", "friendsh", false)
	if got := eval[string](e, `window.getSelection().toString()`); got != words {
		t.Fatalf("the drag selected %q, want the whole words %q", got, words)
	}
	e.do(chromedp.KeyEvent("c"))
	e.waitFor("the CLAIM", func() bool { return len(e.annotations(art.ID)) == 1 })
	if a := e.annotations(art.ID)[0]; a.Text != words {
		t.Errorf("annotation %q, want %q", a.Text, words)
	}

	const exact = "pcoming visit"
	e.selectWithMouse("pcoming", "visit", false, chromedp.ModifierAlt)
	if got := eval[string](e, `window.getSelection().toString()`); got != exact {
		t.Fatalf("the Alt drag selected %q, want exactly %q", got, exact)
	}
}

// TestLabelAllRepeats: the popover of a "Read more »" marked BOILERPLATE
// offers to label the five other places with that text; one click does,
// one undo takes the five away, one redo brings them back.
func TestLabelAllRepeats(t *testing.T) {
	e := newEnv(t, envOptions{})
	art := e.addArticle("Xi to meet Putin after ICC warrant", "../testdata/xi-putin-icc.txt")
	const more, label = "Read more »", "BOILERPLATE"
	a := e.seed(art, more, label, nil)
	e.login()
	e.openArticle(art.ID)
	e.openPopover(a)
	btn := `#popover [data-action="label-all"]`
	e.poll(`document.querySelector('` + btn + `') !== null`)
	if got := eval[string](e, `document.querySelector('`+btn+`').textContent`); got != "Label 5 more" {
		t.Errorf("the button says %q, want \"Label 5 more\"", got)
	}
	e.shot("label-all")
	e.do(chromedp.Click(chromedp.CSS(btn)))
	e.waitFor("six BOILERPLATE annotations", func() bool { return len(e.annotations(art.ID)) == 6 })
	for _, x := range e.annotations(art.ID) {
		if x.Text != more || x.Label != label {
			t.Errorf("annotation %q %s, want %q %s", x.Text, x.Label, more, label)
		}
	}
	e.poll(`document.querySelector('` + btn + `') === null`) // nothing left to label

	e.do(chromedp.KeyEvent("z", chromedp.KeyModifiers(chromedp.ModifierCtrl)))
	e.waitFor("one undo for all five", func() bool { return len(e.annotations(art.ID)) == 1 })
	e.do(chromedp.KeyEvent("z", chromedp.KeyModifiers(chromedp.ModifierCtrl|chromedp.ModifierShift)))
	e.waitFor("one redo for all five", func() bool { return len(e.annotations(art.ID)) == 6 })

	// ] and [ step through them in text order, round from the ends.
	all := e.annotations(art.ID)
	e.poll(fmt.Sprintf(`gloss.store.sorted().length === 6 && gloss.store.sorted().every((a) => a.id > 0)`))
	eval[chromedp.Void](e, fmt.Sprintf(`gloss.store.select(%d)`, all[0].ID))
	e.do(chromedp.KeyEvent("]"))
	e.poll(fmt.Sprintf(`gloss.store.get().selectedId === %d && document.getElementById('popover').dataset.id === '%d'`, all[1].ID, all[1].ID))
	e.do(chromedp.KeyEvent("["), chromedp.KeyEvent("["))
	e.poll(fmt.Sprintf(`gloss.store.get().selectedId === %d`, all[5].ID))

	// Hiding BOILERPLATE in the side list unpaints its six highlights and
	// closes the popover on one of them; it stays hidden after a reload,
	// and Show paints them again.
	eye := `#panel .group [data-action="toggle-label"][data-label="BOILERPLATE"]`
	e.poll(labelRanges + ` === 6`)
	e.do(chromedp.Click(chromedp.CSS(eye)))
	e.poll(labelRanges + ` === 0`)
	e.poll(`document.getElementById('popover').hidden`)
	e.shot("label-hidden")
	e.do(chromedp.Reload())
	e.poll(`gloss.store.sorted().length === 6`)
	// The side list is redrawn when the suggestions arrive: click the
	// eye after that, not on the node the redraw replaces.
	e.poll(fmt.Sprintf(`(() => { const S = gloss.store.get().suggest; return S && S.article === %d && !S.loading })()`, art.ID))
	e.settle()
	e.poll(`document.querySelector('` + eye + `') !== null && document.querySelector('` + eye + `').getAttribute('aria-pressed') === 'false'`)
	if n := eval[int](e, labelRanges); n != 0 {
		t.Errorf("%d BOILERPLATE ranges painted after the reload, want them hidden", n)
	}
	e.do(chromedp.Click(chromedp.CSS(eye)))
	e.poll(labelRanges + ` === 6`)
}

// TestLabelEverywhere: from a "Read more »" marked BOILERPLATE, the popover
// counts the unlabelled places with that text in every article of the
// project, labels them on confirmation (the open article shows its own at
// once, through its live room), and the toast's Undo takes them back.
func TestLabelEverywhere(t *testing.T) {
	e := newEnv(t, envOptions{})
	art := e.addArticle("Xi to meet Putin after ICC warrant", "../testdata/xi-putin-icc.txt")
	other, _, err := e.db.CreateArticle(model.Article{Title: "Another from the same site", Text: "Grain deal extended.\nRead more »\nSimilar News: …\nRead more »"})
	if err != nil {
		t.Fatal(err)
	}
	a := e.seed(art, "Read more »", "BOILERPLATE", nil)
	e.login()
	e.openArticle(art.ID)
	e.waitLive()
	e.openPopover(a)
	e.do(chromedp.Click(chromedp.CSS(`#popover [data-action="everywhere"]`)))
	e.poll(`document.querySelector('#popover .pop-everywhere span') !== null`)
	if got := eval[string](e, `document.querySelector('#popover .pop-everywhere span').textContent`); got != "7 places in 2 articles not labelled BOILERPLATE yet." {
		t.Errorf("the count says %q", got)
	}
	if n := len(e.annotations(art.ID)) + len(e.annotations(other.ID)); n != 1 {
		t.Fatalf("counting labelled something: %d annotations", n)
	}
	e.shot("label-everywhere")
	e.do(chromedp.Click(chromedp.CSS(`#popover [data-action="everywhere-apply"]`)))
	e.waitFor("the labels in both articles", func() bool {
		return len(e.annotations(art.ID)) == 6 && len(e.annotations(other.ID)) == 2
	})
	e.poll(labelRanges + ` === 6`) // the open article got its five live
	e.poll(`document.querySelector('#toast .toast-action') !== null`)
	if got := eval[string](e, `document.querySelector('#toast span').textContent`); got != "Labelled 7 places BOILERPLATE in 2 articles." {
		t.Errorf("toast %q", got)
	}
	e.do(chromedp.Click(chromedp.CSS(`#toast .toast-action`)))
	e.waitFor("the undo", func() bool {
		return len(e.annotations(art.ID)) == 1 && len(e.annotations(other.ID)) == 0
	})
	e.poll(labelRanges + ` === 1`)
}

// TestNewProject: an admin picks "New project…", starts from the current
// labels, gets the format's and the server's errors in the dialog, and
// ends in the new project.
func TestNewProject(t *testing.T) {
	e := newEnv(t, envOptions{})
	e.login()
	e.poll(`document.querySelector('#project option[value="new"]') !== null`)
	eval[chromedp.Void](e, `(() => { const s = document.getElementById('project'); s.value = 'new'; s.dispatchEvent(new Event('change', { bubbles: true })); })()`)
	e.poll(`!document.getElementById('new-project').hidden`)
	if got := eval[string](e, `document.getElementById('np-labels').value.split('\n')[0]`); got != "BOILERPLATE #64748b b" {
		t.Errorf("the labels start from %q", got)
	}
	if got := eval[string](e, `document.getElementById('project').value`); got != "1" {
		t.Errorf("the picker shows %q while the dialog is open", got)
	}
	set := func(name, labels string) {
		eval[chromedp.Void](e, fmt.Sprintf(`(() => { document.getElementById('np-name').value = %s; document.getElementById('np-labels').value = %s; })()`, jsString(name), jsString(labels)))
		e.do(chromedp.Click(chromedp.CSS(`#new-project-form button[type=submit]`)))
	}
	set("Ads", "AD red a")
	e.poll(`document.getElementById('np-error').textContent === 'line 1: after the name comes a colour as #rrggbb'`)
	set("Ads", "AD #ff0000 a\nSPONSOR #00ff00 a")
	e.poll(`/hotkey "a" is already taken/.test(document.getElementById('np-error').textContent)`)
	e.shot("new-project")
	set("Ads", "AD #ff0000 a\nSPONSOR #00ff00 s sponsor:text")
	e.poll(`document.getElementById('new-project').hidden`)
	ps, err := e.db.Projects()
	if err != nil {
		t.Fatal(err)
	}
	if len(ps) != 2 || ps[1].Name != "Ads" || len(ps[1].Labels) != 2 || ps[1].Labels[1].Attrs[0].Name != "sponsor" {
		t.Fatalf("projects %+v", ps)
	}
	e.poll(fmt.Sprintf(`document.getElementById('project').value === '%d'`, ps[1].ID))
}

// TestSpeakerSuggestions: a QUOTE's speaker field offers the article's
// SPEAKER texts.
func TestSpeakerSuggestions(t *testing.T) {
	e := newEnv(t, envOptions{})
	art := e.addArticle("Xi to meet Putin after ICC warrant", "../testdata/xi-putin-icc.txt")
	e.seed(art, "Chinese leader Xi Jinping", "SPEAKER", nil)
	e.seed(art, "Wang Wenbin", "SPEAKER", nil)
	q := e.seed(art, "“My upcoming visit to Russia will be a journey of friendship, cooperation and peace,”", "QUOTE", nil)
	e.login()
	e.openArticle(art.ID)
	e.openPopover(q)
	got := eval[[]string](e, `[...document.querySelectorAll('#attr-speaker-offered option')].map((o) => o.value)`)
	if !slices.Contains(got, "Chinese leader Xi Jinping") || !slices.Contains(got, "Wang Wenbin") {
		t.Errorf("the speaker field offers %q", got)
	}
	if list := eval[string](e, `document.getElementById('attr-speaker').getAttribute('list')`); list != "attr-speaker-offered" {
		t.Errorf("the field's list is %q", list)
	}
}

// TestResizeByWord: Shift+→ moves a selected annotation's end a word
// later, the popover's start ‹ button its start a word earlier, and undo
// takes each back.
func TestResizeByWord(t *testing.T) {
	e := newEnv(t, envOptions{})
	art := e.addArticle("Xi to meet Putin after ICC warrant", "../testdata/xi-putin-icc.txt")
	a := e.seed(art, "called for a cease-fire", "CLAIM", nil)
	e.login()
	e.openArticle(art.ID)
	e.openPopover(a)
	text := func() string { return e.annotations(art.ID)[0].Text }
	e.do(chromedp.KeyEvent(kb.ArrowRight, chromedp.KeyModifiers(chromedp.ModifierShift)))
	e.waitFor("the end a word later", func() bool { return text() == "called for a cease-fire last" })
	e.do(chromedp.Click(chromedp.CSS(`#popover [data-action="edge"][data-edge="start"][data-dir="-1"]`)))
	e.waitFor("the start a word earlier", func() bool { return text() == "Beijing called for a cease-fire last" })
	e.do(chromedp.KeyEvent("z", chromedp.KeyModifiers(chromedp.ModifierCtrl)))
	e.waitFor("the first undo", func() bool { return text() == "called for a cease-fire last" })
	e.do(chromedp.KeyEvent("z", chromedp.KeyModifiers(chromedp.ModifierCtrl)))
	e.waitFor("the second undo", func() bool { return text() == "called for a cease-fire" })
}

// TestAuthorFilter: on an article two people annotated, the side list
// offers each author as a toggle; hiding ben takes his highlight and card
// away, and the count says how many are shown.
func TestAuthorFilter(t *testing.T) {
	e := newEnv(t, envOptions{})
	art := e.addArticle("Xi to meet Putin after ICC warrant", "../testdata/xi-putin-icc.txt")
	e.seed(art, "Beijing called for a cease-fire last month", "CLAIM", nil)
	start, end := span(t, art.Text, "Chinese leader Xi Jinping", "Chinese leader Xi Jinping")
	label := "SPEAKER"
	if _, err := e.db.Apply(art.ID, model.Change{Action: model.ActionCreate, Start: &start, End: &end, Label: &label, Author: "ben"}); err != nil {
		t.Fatal(err)
	}
	e.login()
	e.openArticle(art.ID)
	ben := `#panel .authors [data-action="toggle-author"][data-author="ben"]`
	e.poll(`document.querySelector('` + ben + `') !== null`)
	if got := eval[string](e, `[...document.querySelectorAll('#panel .authors .author')].map((b) => b.textContent).join(', ')`); got != testUser+" (you), ben" {
		t.Errorf("authors %q", got)
	}
	e.poll(labelRanges + ` === 2`)
	e.do(chromedp.Click(chromedp.CSS(ben)))
	e.poll(labelRanges + ` === 1`)
	e.poll(`document.querySelector('#panel .panel-head .count').textContent === '1 of 2'`)
	e.poll(`document.querySelectorAll('#panel [data-action=goto]').length === 1`)
	e.shot("author-filter")
	e.do(chromedp.Click(chromedp.CSS(ben)))
	e.poll(labelRanges + ` === 2`)
	e.poll(`document.querySelector('#panel .panel-head .count').textContent === '2'`)
}

func TestMultilingualOffsets(t *testing.T) {
	e := newEnv(t, envOptions{})
	path := "../testdata/multilingual.txt"
	if _, err := os.Stat(path); err != nil {
		t.Skipf("%s is missing", path)
	}
	art := e.addArticle("Multilingual desk", path)
	e.login()
	e.openArticle(art.ID)

	cases := []struct {
		name, from, to, key, label string
		rtl                        bool
	}{
		// After 😀, 👍🏽 (two code points) and 🇺🇦 (two), across a ZWJ family.
		{"AfterAstral", "families", "news", "c", "CLAIM", false},
		// CJK, after every emoji of the first two lines.
		{"CJK", "习近平", "普京", "s", "SPEAKER", false},
		// From one paragraph into the next.
		{"AcrossParagraphs", "Ukraine", "乌克兰问题", "b", "BOILERPLATE", false},
		// Right to left: the drag starts at the right.
		{"Hebrew", "השלום", "לכולם", "q", "QUOTE", true},
		// Combining acute accents (e + U+0301) at both ends of the span.
		{"Combining", "cafe\u0301", "Zoe\u0301", "b", "BOILERPLATE", false},
	}
	parent := e.t
	for i, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e.t = t
			defer func() { e.t = parent }()
			start, end := span(t, art.Text, c.from, c.to)
			e.selectWithMouse(c.from, c.to, c.rtl)
			e.do(chromedp.KeyEvent(c.key))
			e.waitFor("annotation "+c.name, func() bool { return len(e.annotations(art.ID)) == i+1 })
			var got *model.Annotation
			for _, a := range e.annotations(art.ID) {
				if a.Label == c.label && a.Start == start {
					got = &a
				}
			}
			if got == nil {
				t.Fatalf("no %s annotation starting at %d; have %+v", c.label, start, e.annotations(art.ID))
			}
			if got.End != end {
				t.Errorf("end %d, want %d (text %q, want %q)", got.End, end, got.Text, model.Slice(art.Text, start, end))
			}
		})
	}
	// The browser paints them where the server says they are: the text of
	// each painted range equals the server's text of the annotation.
	e.poll(fmt.Sprintf(paintedRanges+` === %d`, len(cases)))
	want := []string{}
	for _, a := range e.annotations(art.ID) {
		want = append(want, a.Text)
	}
	got := eval[[]string](e, `[...CSS.highlights.entries()].filter(([k]) => /^gloss-\d/.test(k)).flatMap(([, h]) => [...h].map((r) => { const x = document.createRange(); x.setStart(r.startContainer, r.startOffset); x.setEnd(r.endContainer, r.endOffset); return x.toString(); }))`)
	norm := func(ss []string) []string {
		out := []string{}
		for _, s := range ss {
			out = append(out, strings.ReplaceAll(s, "\n", ""))
		}
		sort.Strings(out)
		return out
	}
	if !slices.Equal(norm(got), norm(want)) {
		t.Errorf("painted ranges %q, want %q", norm(got), norm(want))
	}
}

func TestEditDeleteUndo(t *testing.T) {
	e := newEnv(t, envOptions{})
	art := e.addArticle("Xi to meet Putin after ICC warrant", "../testdata/xi-putin-icc.txt")
	a := e.seed(art, "Beijing called for a cease-fire last month", "CLAIM", nil)
	e.login()
	e.openArticle(art.ID)

	// Click the highlight: the popover opens on it.
	e.openPopover(a)

	// Type a note (Enter saves), pick a verdict.
	e.do(
		chromedp.Click(chromedp.ID("attr-note")),
		chromedp.KeyEvent("checked by e2e"+kb.Enter),
	)
	e.waitFor("the note", func() bool { return e.annotations(art.ID)[0].Attrs["note"] == "checked by e2e" })
	eval[chromedp.Void](e, `(() => { const s = document.getElementById('attr-verdict'); s.value = 'false'; s.dispatchEvent(new Event('change', { bubbles: true })); })()`)
	e.waitFor("the verdict", func() bool { return e.annotations(art.ID)[0].Attrs["verdict"] == "false" })
	before := e.annotations(art.ID)[0]

	// Delete from the popover.
	e.do(chromedp.Click(chromedp.CSS(`#popover [data-action="delete-ann"]`)))
	e.waitFor("the delete", func() bool { return len(e.annotations(art.ID)) == 0 })
	e.poll(`document.getElementById('popover').hidden`)

	// Undo brings it back with the same fields (under a new id).
	e.do(chromedp.KeyEvent("z", chromedp.KeyModifiers(chromedp.ModifierCtrl)))
	e.waitFor("the undo", func() bool { return len(e.annotations(art.ID)) == 1 })
	back := e.annotations(art.ID)[0]
	if back.Start != before.Start || back.End != before.End || back.Label != before.Label || !mapsEqual(back.Attrs, before.Attrs) {
		t.Errorf("undo made %+v, want the fields of %+v", back, before)
	}

	// Select it again, delete with the Delete key, redo-undo round trip.
	e.poll(fmt.Sprintf(`gloss.store.annotation(%d) !== null`, back.ID))
	e.openPopover(back)
	e.do(chromedp.KeyEvent(kb.Delete)) // Delete
	e.waitFor("the Delete key", func() bool { return len(e.annotations(art.ID)) == 0 })
	e.do(chromedp.KeyEvent("z", chromedp.KeyModifiers(chromedp.ModifierCtrl)))
	e.waitFor("the second undo", func() bool { return len(e.annotations(art.ID)) == 1 })
	e.do(chromedp.KeyEvent("y", chromedp.KeyModifiers(chromedp.ModifierCtrl)))
	e.waitFor("the redo", func() bool { return len(e.annotations(art.ID)) == 0 })
	e.do(chromedp.KeyEvent("z", chromedp.KeyModifiers(chromedp.ModifierCtrl)))
	e.waitFor("the third undo", func() bool { return len(e.annotations(art.ID)) == 1 })
	// Undo further: the attribute changes, on the re-created annotation.
	e.do(chromedp.KeyEvent("z", chromedp.KeyModifiers(chromedp.ModifierCtrl)))
	e.waitFor("undo of the verdict", func() bool {
		as := e.annotations(art.ID)
		return len(as) == 1 && as[0].Attrs["verdict"] == "unverified"
	})
	e.do(chromedp.KeyEvent("z", chromedp.KeyModifiers(chromedp.ModifierCtrl)))
	e.waitFor("undo of the note", func() bool {
		as := e.annotations(art.ID)
		return len(as) == 1 && as[0].Attrs["note"] == ""
	})
	// Escape closes the popover.
	last := e.annotations(art.ID)[0]
	e.poll(fmt.Sprintf(`gloss.store.annotation(%d) !== null`, last.ID))
	e.openPopover(last)
	e.do(chromedp.KeyEvent(kb.Escape))
	e.poll(`document.getElementById('popover').hidden`)

	// Delete it, go over to another article and back through the list:
	// the delete can still be undone.
	e.openPopover(last)
	e.do(chromedp.KeyEvent(kb.Delete))
	e.waitFor("the last delete", func() bool { return len(e.annotations(art.ID)) == 0 })
	other := e.addArticle("Multilingual", "../testdata/multilingual.txt")
	e.openArticle(other.ID)
	e.poll(`gloss.store.get().canUndo === false`)
	eval[chromedp.Void](e, `location.hash = '#/'`)
	e.poll(`gloss.store.get().article === null`)
	e.openArticle(art.ID)
	e.poll(`gloss.store.get().canUndo === true`)
	e.do(chromedp.KeyEvent("z", chromedp.KeyModifiers(chromedp.ModifierCtrl)))
	e.waitFor("the undo after coming back", func() bool { return len(e.annotations(art.ID)) == 1 })

	// And after a reload of the tab: redo (the delete) is still there.
	e.do(chromedp.Reload())
	e.poll(fmt.Sprintf(`window.gloss && gloss.store.get().article && gloss.store.get().article.id === %d && performance.getEntriesByName('gloss:rendered').length > 0`, art.ID))
	e.poll(`gloss.store.get().canRedo === true`)
	e.do(chromedp.KeyEvent("y", chromedp.KeyModifiers(chromedp.ModifierCtrl)))
	e.waitFor("the redo after a reload", func() bool { return len(e.annotations(art.ID)) == 0 })
}

func TestPanelRelabelAndErrors(t *testing.T) {
	e := newEnv(t, envOptions{})
	art := e.addArticle("Xi to meet Putin after ICC warrant", "../testdata/xi-putin-icc.txt")
	id := e.seed(art, "Beijing called for a cease-fire last month", "CLAIM", nil).ID
	e.login()
	e.openArticle(art.ID)

	// The panel lists it; a click selects it and opens the popover.
	e.poll(`document.querySelectorAll('#panel [data-action=goto]').length === 1`)
	e.do(chromedp.Click(chromedp.CSS(`#panel [data-action=goto]`)))
	e.poll(fmt.Sprintf(`!document.getElementById('popover').hidden && document.getElementById('popover').dataset.id === '%d' && document.querySelector('#panel .ann.selected') !== null`, id))

	// A label key relabels the selected annotation.
	e.do(chromedp.KeyEvent("s"))
	e.waitFor("the relabel to SPEAKER", func() bool { return e.annotations(art.ID)[0].Label == "SPEAKER" })
	// So does the popover's label menu.
	eval[chromedp.Void](e, `(() => { const s = document.querySelector('#popover [data-action=relabel]'); s.value = 'CLAIM'; s.dispatchEvent(new Event('change', { bubbles: true })); })()`)
	e.waitFor("the relabel to CLAIM", func() bool { return e.annotations(art.ID)[0].Label == "CLAIM" })

	// The server refuses a bad URL: its message shows in the toast and
	// nothing changes.
	e.poll(`document.getElementById('attr-evidence') !== null`)
	e.do(chromedp.Click(chromedp.ID("attr-evidence")), chromedp.KeyEvent("not a url"+kb.Enter))
	e.poll(`document.getElementById('toast').classList.contains('show') && /URL/.test(document.getElementById('toast').textContent)`)
	e.poll(`document.getElementById('attr-evidence').getAttribute('aria-invalid') === 'true' && document.getElementById('attr-evidence').value === 'not a url'`)
	if v := e.annotations(art.ID)[0].Attrs["evidence"]; v != "" {
		t.Errorf("evidence %q was stored", v)
	}
	e.do(chromedp.KeyEvent(kb.Escape))
	e.poll(`document.getElementById('popover').hidden`)

	// Select with the mouse, then click a label button.
	e.selectWithMouse("Vladimir Putin", "Vladimir Putin", false)
	e.do(chromedp.Click(chromedp.CSS(`#labels [data-label="SPEAKER"]`)))
	e.waitFor("the annotation from the button", func() bool { return len(e.annotations(art.ID)) == 2 })
	s2, e2 := span(t, art.Text, "Vladimir Putin", "Vladimir Putin")
	as := e.annotations(art.ID)
	if a := as[0]; a.Start != s2 || a.End != e2 || a.Label != "SPEAKER" {
		t.Errorf("got %s [%d, %d), want SPEAKER [%d, %d)", a.Label, a.Start, a.End, s2, e2)
	}
	// A selection with spaces around it is trimmed.
	e.selectWithMouse(" is due to meet", "meet with ", false)
	e.do(chromedp.KeyEvent("c"))
	e.waitFor("the trimmed annotation", func() bool { return len(e.annotations(art.ID)) == 3 })
	ts, te := span(t, art.Text, "is due to meet with", "is due to meet with")
	found := false
	for _, a := range e.annotations(art.ID) {
		if a.Label == "CLAIM" && a.Start < s2 {
			found = true
			if a.Start != ts || a.End != te {
				t.Errorf("trimmed selection gave %q [%d, %d), want %q [%d, %d)", a.Text, a.Start, a.End, "is due to meet with", ts, te)
			}
		}
	}
	if !found {
		t.Error("no annotation from the selection with spaces around it")
	}
}

func mapsEqual(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

func TestReloadKeepsAnnotations(t *testing.T) {
	e := newEnv(t, envOptions{})
	art := e.addArticle("Xi to meet Putin after ICC warrant", "../testdata/xi-putin-icc.txt")
	e.login()
	e.openArticle(art.ID)

	e.selectWithMouse("Chinese leader Xi Jinping", "Chinese leader Xi Jinping", false)
	e.do(chromedp.KeyEvent("s"))
	e.selectWithMouse("Xi and Putin declared", "before the February 2022 attack on Ukraine", false)
	e.do(chromedp.KeyEvent("c"))
	e.waitFor("two annotations", func() bool { return len(e.annotations(art.ID)) == 2 })

	e.do(chromedp.Reload())
	e.poll(fmt.Sprintf(`window.gloss && gloss.store.get().article && gloss.store.get().article.id === %d && performance.getEntriesByName('gloss:rendered').length > 0`, art.ID))
	if n := eval[int](e, paintedRanges); n != 2 {
		t.Errorf("%d highlighted ranges after reload, want 2", n)
	}
	e.poll(`document.querySelectorAll('#panel [data-action=goto]').length === 2`)
	labels := eval[[]string](e, `[...document.querySelectorAll('#panel .group:not(.empty) h3 .name')].map((e) => e.textContent)`)
	if !slices.Equal(labels, []string{"CLAIM", "SPEAKER"}) {
		t.Errorf("panel groups %q, want CLAIM and SPEAKER", labels)
	}
	if got := eval[int](e, `gloss.store.get().article.annotations`); got != 2 {
		t.Errorf("article count %d, want 2", got)
	}
}

func TestLoginErrorsAndRedirect(t *testing.T) {
	e := newEnv(t, envOptions{})
	// Without a session the app sends the browser to the login page.
	e.do(chromedp.Navigate(e.base + "/"))
	e.poll(`location.pathname === '/login'`)
	e.do(
		chromedp.WaitVisible(chromedp.ID("name")),
		chromedp.SendKeys(chromedp.ID("name"), testUser),
		chromedp.SendKeys(chromedp.ID("password"), "wrong password"),
		chromedp.Click(chromedp.ID("submit")),
	)
	e.poll(`!document.getElementById('error').hidden && document.getElementById('error').textContent.length > 0`)
	if p := eval[string](e, `location.pathname`); p != "/login" {
		t.Errorf("after a wrong password the page is %s", p)
	}
	// Typing clears the error; the right password goes to next.
	e.do(
		chromedp.SendKeys(chromedp.ID("password"), "x"),
	)
	e.poll(`document.getElementById('error').hidden`)
	eval[chromedp.Void](e, `document.getElementById('password').value = ''`)
	e.do(chromedp.Navigate(e.base + "/login?next=" + "%2F%23%2Farticles%2F999"))
	e.do(
		chromedp.WaitVisible(chromedp.ID("name")),
		chromedp.SendKeys(chromedp.ID("name"), testUser),
		chromedp.SendKeys(chromedp.ID("password"), testPassword),
		chromedp.Click(chromedp.ID("submit")),
	)
	e.poll(`location.pathname === '/' && location.hash === '#/articles/999'`)
	// A missing article says so.
	e.poll(`document.querySelector('#art-head .notice.error') !== null`)
	// Logging out ends the session.
	e.do(chromedp.Click(chromedp.CSS(`[data-action="logout"]`)))
	e.poll(`location.pathname === '/login'`)
	e.do(chromedp.Navigate(e.base + "/"))
	e.poll(`location.pathname === '/login'`)
}

func TestSetupFirstAdmin(t *testing.T) {
	e := newEnv(t, envOptions{SetupToken: "tok3n"})
	e.do(
		chromedp.Navigate(e.base+"/setup?token=tok3n"),
		chromedp.WaitVisible(chromedp.ID("name")),
		chromedp.SendKeys(chromedp.ID("name"), "root"),
		chromedp.SendKeys(chromedp.ID("password"), "a long password"),
		chromedp.SendKeys(chromedp.ID("password2"), "a different one"),
		chromedp.Click(chromedp.ID("submit")),
	)
	e.poll(`/differ/.test(document.getElementById('error').textContent)`)
	eval[chromedp.Void](e, `document.getElementById('password2').value = ''`)
	e.do(
		chromedp.SendKeys(chromedp.ID("password2"), "a long password"),
		chromedp.Click(chromedp.ID("submit")),
	)
	e.poll(`location.pathname === '/' && window.gloss && gloss.store.get().me && gloss.store.get().me.name === 'root'`)
	u, err := e.db.User("root")
	if err != nil {
		t.Fatal(err)
	}
	if u.Role != model.RoleAdmin {
		t.Errorf("role %s, want admin", u.Role)
	}
}

func TestImport(t *testing.T) {
	e := newEnv(t, envOptions{})
	e.addArticle("Xi to meet Putin", "../testdata/xi-putin-icc.txt")
	e.login()
	e.poll(`document.querySelectorAll('#rows tr').length === 1`)

	// Import two files through the file input.
	dir := t.TempDir()
	files := []string{filepath.Join(dir, "grain.txt"), filepath.Join(dir, "energy.txt")}
	os.WriteFile(files[0], []byte("Grain deal talks resume\nOfficials said talks on grain exports would resume on Monday."), 0o644)
	os.WriteFile(files[1], []byte("EU ministers meet on energy\nMinisters meet in Brussels to discuss gas prices."), 0o644)
	e.do(chromedp.SetUploadFiles(chromedp.ID("import-file"), files))
	e.poll(`!document.getElementById('import-result').hidden && !document.getElementById('import-result').textContent.startsWith('Importing')`)
	if msg := eval[string](e, `document.getElementById('import-result').textContent`); !strings.Contains(msg, "Imported 2 articles") {
		t.Fatalf("import says %q", msg)
	}
	e.poll(`document.querySelectorAll('#rows tr').length === 3`)
	if _, n, _ := e.db.Articles(storage.ArticleFilter{}); n != 3 {
		t.Fatalf("%d articles in the store, want 3", n)
	}
	// A file the server refuses shows its error.
	bad := filepath.Join(dir, "bad.jsonl")
	os.WriteFile(bad, []byte("{not json\n"), 0o644)
	e.do(chromedp.SetUploadFiles(chromedp.ID("import-file"), []string{bad}))
	e.poll(`document.getElementById('import-result').classList.contains('error')`)
}

func TestListDoneAndNext(t *testing.T) {
	e := newEnv(t, envOptions{})
	first := e.addArticle("Xi to meet Putin", "../testdata/xi-putin-icc.txt")
	for _, title := range []string{"Grain deal talks resume", "EU ministers meet on energy"} {
		if _, _, err := e.db.CreateArticle(model.Article{Title: title, Text: title + ".\nSome text about it."}); err != nil {
			t.Fatal(err)
		}
	}
	e.login()
	e.poll(`document.querySelectorAll('#rows tr').length === 3`)

	// Search narrows the list.
	e.do(chromedp.SendKeys(chromedp.ID("q"), "grain"))
	e.poll(`document.querySelectorAll('#rows tr').length === 1 && /Grain/.test(document.querySelector('#rows tr').textContent)`)
	eval[chromedp.Void](e, `(() => { const q = document.getElementById('q'); q.value = ''; q.dispatchEvent(new Event('input', { bubbles: true })); })()`)
	e.poll(`document.querySelectorAll('#rows tr').length === 3`)

	// Open the oldest (the list is newest first), then "Mark done & next"
	// walks through the rest and ends on the list.
	e.do(chromedp.Click(chromedp.CSS(`#rows tr:last-child a`)))
	e.poll(fmt.Sprintf(`gloss.store.get().article && gloss.store.get().article.id === %d`, first.ID))
	seen := []uint64{first.ID}
	for i := 0; i < 2; i++ {
		e.do(chromedp.Click(chromedp.CSS(`[data-action="done-next"]`)))
		prev := seen[len(seen)-1]
		e.poll(fmt.Sprintf(`gloss.store.get().article && gloss.store.get().article.id !== %d`, prev))
		seen = append(seen, uint64(eval[int](e, `gloss.store.get().article.id`)))
	}
	e.do(chromedp.Click(chromedp.CSS(`[data-action="done-next"]`)))
	e.poll(`location.hash === '#/' && document.getElementById('toast').classList.contains('show')`)
	for _, id := range seen {
		a, err := e.db.Article(id)
		if err != nil {
			t.Fatal(err)
		}
		if a.Status != model.StatusDone {
			t.Errorf("article %d is %s, want done", id, a.Status)
		}
	}
	// The status filter shows them as done.
	eval[chromedp.Void](e, `(() => { const s = document.getElementById('status-filter'); s.value = 'done'; s.dispatchEvent(new Event('change', { bubbles: true })); })()`)
	e.poll(`document.querySelectorAll('#rows .status-done').length === 3`)
	// The status selector of an article writes through.
	e.openArticle(first.ID)
	eval[chromedp.Void](e, `(() => { const s = document.getElementById('status'); s.value = 'in_progress'; s.dispatchEvent(new Event('change', { bubbles: true })); })()`)
	e.waitFor("the status change", func() bool {
		a, _ := e.db.Article(first.ID)
		return a.Status == model.StatusInProgress
	})
}

// TestScreenshots saves screenshots of the main screens to
// $GLOSS_SCREENSHOTS for people to look at.
func TestScreenshots(t *testing.T) {
	dir := os.Getenv("GLOSS_SCREENSHOTS")
	if dir == "" {
		t.Skip("set GLOSS_SCREENSHOTS=dir to save screenshots")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	e := newEnv(t, envOptions{})
	shot := func(name string) {
		t.Helper()
		e.do(chromedp.Sleep(250 * time.Millisecond))
		png, err := chromedp.Run(e.ctx, chromedp.CaptureScreenshot())
		if err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(dir, name+".png")
		if err := os.WriteFile(p, png, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("wrote %s", p)
	}

	e.do(chromedp.Navigate(e.base + "/login"))
	e.poll(`document.readyState === 'complete'`)
	shot("login")
	e.do(chromedp.Navigate(e.base + "/setup?token=t"))
	e.poll(`document.readyState === 'complete'`)
	shot("setup")

	xi := e.addArticle("Xi to meet Putin in boost for Russian leader after ICC warrant", "../testdata/xi-putin-icc.txt")
	ml := e.addArticle("Multilingual desk: reactions from Moscow, Kyiv and Beijing", "../testdata/multilingual.txt")
	more := []string{"Wire: EU ministers meet on energy prices", "Fact check: the viral claim about grain exports", "Analysis: what the ICC warrant means in practice"}
	for i, title := range more {
		if _, _, err := e.db.CreateArticle(model.Article{Title: title, Source: []string{"reuters.com", "afp.com", "apnews.com"}[i], Text: title + ".\nBody text " + fmt.Sprint(i)}); err != nil {
			t.Fatal(err)
		}
	}
	add := func(art model.Article, from, to, label string, attrs map[string]string) {
		t.Helper()
		s, en := span(t, art.Text, from, to)
		if _, err := e.db.Apply(art.ID, model.Change{Action: model.ActionCreate, Start: &s, End: &en, Label: &label, Attrs: attrs, Author: testUser}); err != nil {
			t.Fatal(err)
		}
	}
	add(xi, "Chinese leader Xi Jinping", "Chinese leader Xi Jinping", "SPEAKER", nil)
	add(xi, "Vladimir Putin", "Vladimir Putin", "SPEAKER", nil)
	add(xi, "after the International Criminal Court charged him", "war crimes in Ukraine", "CLAIM", map[string]string{"checkworthy": "yes"})
	add(xi, "Xi and Putin declared", "before the February 2022 attack on Ukraine", "CLAIM", map[string]string{"verdict": "true", "evidence": "https://example.org/joint-statement"})
	add(xi, "“no-limits friendship”", "“no-limits friendship”", "QUOTE", map[string]string{"speaker": "Xi and Putin"})
	add(xi, "but China has tried to portray itself as neutral", "as neutral", "CLAIM", nil)
	add(xi, "charges that Putin is personally responsible", "from Ukraine", "CLAIM", map[string]string{"checkworthy": "yes", "verdict": "unverified"})
	add(xi, "“uphold an objective", "double standards,”", "QUOTE", map[string]string{"speaker": "Wang Wenbin"})
	add(xi, "“avoid politicization", "double standards,”", "CLAIM", map[string]string{"checkworthy": "no"}) // nested in the quote
	add(xi, "Wang Wenbin", "Wang Wenbin", "SPEAKER", nil)
	add(xi, "“My upcoming visit", "peace,”", "QUOTE", map[string]string{"speaker": "Xi Jinping"})
	add(xi, "journey of friendship", "journey of friendship", "CLAIM", nil) // nested twice
	add(xi, "South Africa Latest News", "Read more »", "BOILERPLATE", nil)
	if _, err := e.db.SetStatus(xi.ID, model.StatusInProgress); err != nil {
		t.Fatal(err)
	}
	add(ml, "families", "news", "CLAIM", nil)
	add(ml, "习近平", "普京", "SPEAKER", nil)

	e.login()
	e.poll(`document.querySelectorAll('#rows tr').length === 5`)
	shot("list")

	e.openArticle(xi.ID)
	shot("article")
	// A close look at nested and overlapping spans: the paragraph with the
	// quote and the claim nested in it, at twice the pixels.
	line := strings.Count(xi.Text[:strings.Index(xi.Text, "“uphold")], "\n")
	sel := chromedp.CSS(fmt.Sprintf(`#text .ln[data-ln="%d"]`, line))
	png, err := chromedp.Run(e.ctx, chromedp.ScreenshotScale(sel, 2))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "article-nested.png"), png, 0o644); err != nil {
		t.Fatal(err)
	}
	// The popover on the twice-nested claim.
	var nested model.Annotation
	for _, a := range e.annotations(xi.ID) {
		if a.Text == "journey of friendship" {
			nested = a
		}
	}
	p := e.centreOf(nested)
	e.do(chromedp.MouseClickXY(p.X, p.Y))
	e.poll(`!document.getElementById('popover').hidden`)
	shot("article-popover")
	e.do(chromedp.KeyEvent(kb.Escape))
	eval[chromedp.Void](e, `window.scrollTo(0, 0)`)
	e.do(chromedp.KeyEvent("?"))
	e.poll(`!document.getElementById('help').hidden`)
	shot("help")
	e.do(chromedp.KeyEvent(kb.Escape))

	e.openArticle(ml.ID)
	eval[chromedp.Void](e, `window.scrollTo(0, 0)`)
	shot("multilingual")
}

// BenchmarkRender times a page load of a 200k-character article with 5,000
// annotations (30% of them overlapping or nested) until the editor marks
// 'gloss:rendered', against the same text without annotations (the floor).
// Each iteration loads both in a fresh tab; it reports the medians.
func BenchmarkRender(b *testing.B) {
	e := newEnv(b, envOptions{Storage: storage.Options{NoSync: true}})
	text := benchText(200_000)
	spans := benchSpans(utf8.RuneCountInString(text), 5000, 0.3)
	changes := make([]model.Change, len(spans))
	labels := []string{"BOILERPLATE", "QUOTE", "CLAIM", "SPEAKER"}
	for i, s := range spans {
		changes[i] = model.Change{Start: &s[0], End: &s[1], Label: &labels[i%len(labels)], Author: testUser}
	}
	withSpans, err := e.db.ImportArticles(0, []storage.NewArticle{{Article: model.Article{Title: "Bench: 5,000 spans", Text: text}, Annotations: changes}})
	if err != nil {
		b.Fatal(err)
	}
	floorProject, err := e.db.CreateProject(model.Project{Name: "Floor", Labels: model.DefaultLabels()})
	if err != nil {
		b.Fatal(err)
	}
	floor, err := e.db.ImportArticles(floorProject.ID, []storage.NewArticle{{Article: model.Article{Title: "Bench: no spans", Text: text}}})
	if err != nil {
		b.Fatal(err)
	}
	e.login()

	// load returns the time from navigation to 'gloss:rendered' and from
	// the data's arrival ('gloss:data') to 'gloss:rendered', in ms.
	type timing struct{ Total, Render float64 }
	load := func(id uint64) timing {
		e.do(chromedp.Navigate("about:blank"), chromedp.Navigate(fmt.Sprintf("%s/#/articles/%d", e.base, id)))
		ctx, cancel := context.WithTimeout(e.ctx, 60*time.Second)
		defer cancel()
		tm, err := chromedp.Run(ctx, chromedp.Poll[*timing](`(() => {
  const r = performance.getEntriesByName('gloss:rendered')[0], d = performance.getEntriesByName('gloss:data')[0];
  return r && d ? { Total: r.startTime, Render: r.startTime - d.startTime } : null;
})()`, chromedp.WithPollingInterval(5*time.Millisecond)))
		if err != nil {
			b.Fatal(err)
		}
		return *tm
	}
	// Warm the caches and check the spans are all painted.
	load(withSpans[0].Article.ID)
	if n := eval[int](e, paintedRanges); n != len(spans) {
		b.Fatalf("%d ranges painted, want %d", n, len(spans))
	}
	load(floor[0].Article.ID)

	// addSpan times one more annotation arriving in the store (as from the
	// API or a socket) until the frame that shows it has painted.
	addSpan := func() float64 {
		return eval[float64](e, `new Promise((resolve) => {
  const first = gloss.store.sorted()[0];
  const a = { ...first, id: 1e12, start: first.start + 1, end: first.end + 3, version: 1e12 };
  const t0 = performance.now();
  gloss.store.upsertAnnotation(a);
  requestAnimationFrame(() => setTimeout(() => {
    resolve(performance.now() - t0);
    gloss.store.removeAnnotation(a.id);
  }, 0));
})`)
	}

	var full, empty, fullRender, emptyRender, add []float64
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		t := load(withSpans[0].Article.ID)
		full, fullRender = append(full, t.Total), append(fullRender, t.Render)
		e.do(chromedp.Sleep(100 * time.Millisecond)) // let the deferred side panel draw
		add = append(add, addSpan())
		t = load(floor[0].Article.ID)
		empty, emptyRender = append(empty, t.Total), append(emptyRender, t.Render)
	}
	b.StopTimer()
	b.ReportMetric(median(full), "ms-load-5000-spans")
	b.ReportMetric(median(empty), "ms-load-floor")
	b.ReportMetric(median(fullRender), "ms-render-5000-spans")
	b.ReportMetric(median(emptyRender), "ms-render-floor")
	b.ReportMetric(median(add), "ms-add-span")
}

func median(xs []float64) float64 {
	s := slices.Clone(xs)
	slices.Sort(s)
	if len(s) == 0 {
		return 0
	}
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

// benchText makes n characters of news-like text in paragraphs of about
// 360 characters, with a few astral characters so offsets must convert.
func benchText(n int) string {
	words := strings.Fields("the minister said on Tuesday that talks would continue despite sharp differences over grain exports sanctions and the status of the Black Sea corridor according to officials familiar with the matter who spoke on condition of anonymity 😀 Kyiv Moscow Beijing Brussels")
	r := rand.New(rand.NewPCG(1, 2))
	var sb strings.Builder
	para := 0
	for utf8.RuneCountInString(sb.String()) < n {
		w := words[r.IntN(len(words))]
		sb.WriteString(w)
		para += utf8.RuneCountInString(w) + 1
		if para > 360 {
			sb.WriteString(".\n")
			para = 0
		} else {
			sb.WriteByte(' ')
		}
	}
	s := []rune(sb.String())[:n]
	return string(s)
}

// benchSpans makes count spans over n code points; a share of them
// (overlap) nest in or overlap the span before them.
func benchSpans(n, count int, overlap float64) [][2]int {
	r := rand.New(rand.NewPCG(3, 4))
	out := make([][2]int, 0, count)
	step := n / count
	for i := 0; len(out) < count; i++ {
		if len(out) > 0 && r.Float64() < overlap {
			prev := out[len(out)-1]
			s := prev[0] + r.IntN(max(1, (prev[1]-prev[0])/2))
			e := min(n, s+5+r.IntN(60))
			out = append(out, [2]int{s, max(e, s+1)})
			continue
		}
		s := (len(out) * step) + r.IntN(max(1, step/2))
		e := min(n, s+5+r.IntN(step))
		if s >= n-1 {
			s = n - 10
		}
		out = append(out, [2]int{s, max(e, s+1)})
	}
	return out
}
