package web_test

// Annotating without a mouse (issue 12): the text takes the focus, a caret
// moves through it, Shift selects, a label key labels; the side list and
// the popover are reached with Tab and Enter and left with Esc; changes are
// read out in a live region; a span that cuts a word has a notch and `w`
// widens it. Every step here is a key press: no mouse event, and no script
// that sets the selection (scripts only read where the caret is).

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/gloss-dev/gloss/storage/model"
	"github.com/gloss-dev/gloss/storage/storagetest"
)

// caretJS is the code-point offset of the caret (the selection's focus
// point) in the text, or -1 when it is not in the text.
const caretJS = `(() => {
  const v = gloss.renderer.view, s = getSelection();
  if (!v || !s.rangeCount || !v.root.contains(s.focusNode)) return -1;
  return v.map.toCodePoint(v.domToU16(s.focusNode, s.focusOffset));
})()`

// lastAnnouncement is the newest message in the live region.
const lastAnnouncement = `(() => { const p = document.querySelector('#announce p:last-child'); return p ? p.textContent : ''; })()`

// tabTo presses Tab until the focused element matches the CSS selector.
func (e *env) tabTo(sel string) {
	e.t.Helper()
	for i := 0; i < 80; i++ {
		if eval[bool](e, `!!document.activeElement && document.activeElement.matches(`+jsString(sel)+`)`) {
			return
		}
		e.do(chromedp.KeyEvent(kb.Tab))
	}
	e.t.Fatalf("80 presses of Tab did not reach %s; the page: %s", sel, e.pageState())
}

// caretTo moves the caret to code-point offset to with the keys a person
// would use: a paragraph (Ctrl+↓/↑) or lines (↓/↑) while far, words
// (Ctrl+→/←) while near, characters at the end; with Shift held when
// extend is set. Presses that cannot overshoot go out together, so that a
// move is a few round trips to the browser. It returns the number of key
// presses.
func (e *env) caretTo(to int, extend bool) int {
	e.t.Helper()
	presses := 0
	for n := 0; n < 200; n++ {
		at := eval[int](e, caretJS)
		if at < 0 {
			e.t.Fatalf("the caret is not in the text; the page: %s", e.pageState())
		}
		d := to - at
		if d == 0 {
			return presses
		}
		var mods chromedp.Modifier
		if extend {
			mods |= chromedp.ModifierShift
		}
		back := d < 0
		if back {
			d = -d
		}
		key, times := kb.ArrowRight, d // characters
		switch {
		case d > 600:
			key, times, mods = kb.ArrowDown, 1, mods|chromedp.ModifierCtrl
		case d > 150:
			key, times = kb.ArrowDown, d/120 // a line holds more than 120 characters? never at this measure
		case d > 12:
			key, times, mods = kb.ArrowRight, max(1, d/10), mods|chromedp.ModifierCtrl
		}
		if back {
			key = map[string]string{kb.ArrowRight: kb.ArrowLeft, kb.ArrowDown: kb.ArrowUp}[key]
		}
		e.do(chromedp.KeyEvent(strings.Repeat(key, times), chromedp.KeyModifiers(mods)))
		presses += times
	}
	e.t.Fatalf("200 rounds of key presses did not bring the caret to %d (at %d)", to, eval[int](e, caretJS))
	return 0
}

// TestKeyboardLabelsTheFourQuotes: on the seed article, Tab to the text,
// move the caret to each of its four quotes, select it with Shift, let go
// of Shift, press q: the store holds exactly those four QUOTEs, at the
// right code points, and the live region read each out. Then the keyboard
// selection follows the mouse's rule: it widens to whole words when Shift is
// let go, and keeps the exact characters when Alt is held then.
func TestKeyboardLabelsTheFourQuotes(t *testing.T) {
	e := newEnv(t, envOptions{})
	art := e.addArticle("Xi to meet Putin after ICC warrant", "../testdata/xi-putin-icc.txt")
	e.login()
	e.openArticle(art.ID)

	quotes := []string{
		"“no-limits friendship”",
		"“uphold an objective and impartial stance, respect the jurisdictional immunity enjoyed by the head of state in accordance”",
		"“avoid politicization and double standards,”",
		"“My upcoming visit to Russia will be a journey of friendship, cooperation and peace,”",
	}
	// The first Tab reaches "Skip to the article text"; Enter goes there.
	e.do(chromedp.KeyEvent(kb.Tab))
	e.poll(`document.activeElement.matches('.skip-link') && document.activeElement.getBoundingClientRect().top >= 0`)
	e.shot("keyboard-skip")
	e.do(chromedp.KeyEvent(kb.Enter))
	e.poll(`document.activeElement === document.getElementById('text')`)
	if at := eval[int](e, caretJS); at != 0 && art.Text[len(string([]rune(art.Text)[:at]))-1] != '\n' {
		t.Errorf("tabbing to the text put the caret at %d, want the start of a line", at)
	}
	if !eval[bool](e, `!document.getElementById('text-caret').hidden && document.getElementById('text').matches(':focus-visible')`) {
		t.Error("the focused text shows no caret or no focus ring")
	}
	keys := 0
	for i, q := range quotes {
		start, end := span(t, art.Text, q, q)
		keys += e.caretTo(start, false)
		keys += e.caretTo(end, true)
		if got := eval[string](e, `getSelection().toString()`); got != q {
			t.Fatalf("quote %d: the keyboard selected %q, want %q", i+1, got, q)
		}
		if i == 0 {
			e.shot("keyboard-selection")
			e.shotOf("keyboard-selection-close", fmt.Sprintf(`#text .ln[data-ln="%d"]`, strings.Count(art.Text[:strings.Index(art.Text, q)], "\n")))
		}
		e.do(chromedp.KeyEvent(kb.Shift)) // Shift let go: the gesture ends (quotes end at punctuation: nothing widens)
		e.do(chromedp.KeyEvent("q"))
		keys += 2
		e.waitFor(fmt.Sprintf("QUOTE %d", i+1), func() bool { return len(e.annotations(art.ID)) == i+1 })
		// Long quotes are cut in the middle ("…"), short ones read in full.
		want := "QUOTE added: " + string([]rune(q)[:20])
		e.poll(lastAnnouncement + `.startsWith(` + jsString(want) + `)`)
		if i == 1 {
			e.showAnnouncements()
			e.shot("keyboard-announced")
		}
	}
	t.Logf("%d key presses for the four quotes", keys)
	got := e.annotations(art.ID)
	if len(got) != len(quotes) {
		t.Fatalf("%d annotations, want %d", len(got), len(quotes))
	}
	for i, q := range quotes {
		start, end := span(t, art.Text, q, q)
		a := got[i]
		if a.Label != "QUOTE" || a.Start != start || a.End != end || a.Text != q {
			t.Errorf("annotation %d: %s [%d, %d) %q, want QUOTE [%d, %d) %q", i+1, a.Label, a.Start, a.End, a.Text, start, end, q)
		}
	}
	if n := eval[int](e, `[...document.querySelectorAll('#announce p')].filter((p) => p.textContent.startsWith('QUOTE added: ')).length`); n != 4 {
		t.Errorf("the live region holds %d \"QUOTE added\" messages, want 4", n)
	}

	// Letting go of Shift inside a word takes the whole word, as a drag
	// does; Alt held then keeps the exact characters.
	start, _ := span(t, art.Text, "Putin is personally", "Putin is personally")
	e.caretTo(start, false)
	e.caretTo(start+len("Putin is personall"), true)
	e.do(chromedp.KeyEvent(kb.Shift))
	e.poll(`getSelection().toString() === 'Putin is personally'`)
	e.do(chromedp.KeyEvent(kb.Escape)) // back to a caret
	e.poll(`getSelection().isCollapsed`)
	e.caretTo(start, false)
	e.caretTo(start+len("Putin is personall"), true)
	e.do(chromedp.KeyEvent(kb.Shift, chromedp.KeyModifiers(chromedp.ModifierAlt)))
	if got := eval[string](e, `getSelection().toString()`); got != "Putin is personall" {
		t.Errorf("with Alt held the selection became %q, want the exact \"Putin is personall\"", got)
	}
	// Made backwards, it widens the same and its caret stays at its start.
	e.do(chromedp.KeyEvent(kb.Escape))
	e.poll(`getSelection().isCollapsed`)
	e.caretTo(start+1, true)
	e.do(chromedp.KeyEvent(kb.Shift))
	e.poll(`getSelection().toString() === 'Putin is personally'`)
	if at := eval[int](e, caretJS); at != start {
		t.Errorf("the caret of the backward selection is at %d, want its start %d", at, start)
	}
}

// TestKeyboardSideListAndPopover: Tab reaches the side list, whose items
// say what they hold; Enter on one opens its popover with the focus in it,
// Esc closes it and puts the focus back on the item. A colleague's change
// arriving live is read out too.
func TestKeyboardSideListAndPopover(t *testing.T) {
	e := newEnv(t, envOptions{})
	art := e.addArticle("Xi to meet Putin after ICC warrant", "../testdata/xi-putin-icc.txt")
	e.seed(art, "“no-limits friendship”", "QUOTE", nil)
	q := e.seed(art, "“avoid politicization and double standards,”", "QUOTE", map[string]string{"speaker": "Wang Wenbin"})
	e.login()
	e.openArticle(art.ID)

	item := fmt.Sprintf(`#panel [data-action="goto"][data-id="%d"]`, q.ID)
	e.tabTo("#text")
	e.tabTo(item)
	// Its name is its text, the label first (read out, not shown).
	if got := eval[string](e, `document.activeElement.innerText.replace(/\s+/g, ' ').trim()`); !strings.HasPrefix(got, "QUOTE: “avoid politicization and double standards,”") || !strings.Contains(got, "speaker: Wang Wenbin") {
		t.Errorf("the item reads %q, want QUOTE: “avoid politicization and double standards,” … speaker: Wang Wenbin", got)
	}
	if got := eval[string](e, `document.activeElement.closest('ol').getAttribute('aria-label')`); got != "QUOTE" {
		t.Errorf("its list is labelled %q, want QUOTE", got)
	}
	e.do(chromedp.KeyEvent(kb.Enter))
	e.poll(fmt.Sprintf(`!document.getElementById('popover').hidden && document.getElementById('popover').dataset.id === '%d'`, q.ID))
	e.poll(`document.getElementById('popover').contains(document.activeElement)`)
	if got := eval[string](e, `document.getElementById('popover').getAttribute('aria-label')`); !strings.HasPrefix(got, "QUOTE: “avoid") {
		t.Errorf("the popover reads %q", got)
	}
	e.shot("keyboard-popover")
	e.do(chromedp.KeyEvent(kb.Escape))
	e.poll(`document.getElementById('popover').hidden`)
	e.poll(`document.activeElement && document.activeElement.matches(` + jsString(item) + `)`)

	// A colleague's changes arrive live, and are read out.
	ben := e.colleague("ben")
	start, end := span(t, art.Text, "Wang Wenbin", "Wang Wenbin")
	var made model.Annotation
	ben.call("POST", fmt.Sprintf("/api/articles/%d/annotations", art.ID), map[string]any{"start": start, "end": end, "label": "SPEAKER"}, &made)
	e.pollSays("SPEAKER added by ben: “Wang Wenbin”")
	ben.call("DELETE", fmt.Sprintf("/api/articles/%d/annotations/%d", art.ID, made.ID), nil, nil)
	e.pollSays("SPEAKER removed: “Wang Wenbin”")

	// The help lists the keys.
	e.do(chromedp.KeyEvent("?"))
	e.poll(`!document.getElementById('help').hidden && document.getElementById('help').textContent.includes('select from the caret')`)
	e.shot("keyboard-help")
}

// apiClient is a colleague using the HTTP API with a session of their own.
type apiClient struct {
	e    *env
	http *http.Client
}

// colleague makes name an annotator of the project and logs them in over
// the API: what they change reaches the editor live, as from anyone.
func (e *env) colleague(name string) *apiClient {
	e.t.Helper()
	hash, err := testHash()
	if err != nil {
		e.t.Fatal(err)
	}
	storagetest.Join(e.t, e.db, name, hash, model.RoleAnnotator)
	jar, _ := cookiejar.New(nil)
	c := &apiClient{e: e, http: &http.Client{Jar: jar, Timeout: 10 * time.Second}}
	c.call("POST", "/api/login", map[string]string{"name": name, "password": testPassword}, nil)
	return c
}

// call sends a JSON request and decodes the answer into out (when not nil).
func (c *apiClient) call(method, path string, body, out any) {
	c.e.t.Helper()
	var r io.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		r = bytes.NewReader(b)
	}
	req, err := http.NewRequest(method, c.e.base+path, r)
	if err != nil {
		c.e.t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := c.http.Do(req)
	if err != nil {
		c.e.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode >= 300 {
		c.e.t.Fatalf("%s %s: %d %s", method, path, resp.StatusCode, b)
	}
	if out != nil {
		if err := json.Unmarshal(b, out); err != nil {
			c.e.t.Fatalf("%s %s: %v in %s", method, path, err, b)
		}
	}
}

// TestWordNotch: a span whose end cuts a word ("Putin is personall") has a
// notch at that end and a note in its popover; w widens it to the whole
// word as one update, which undo takes back.
func TestWordNotch(t *testing.T) {
	e := newEnv(t, envOptions{})
	art := e.addArticle("Xi to meet Putin after ICC warrant", "../testdata/xi-putin-icc.txt")
	cut := e.seed(art, "Putin is personall", "CLAIM", nil)
	e.seed(art, "Wang Wenbin", "SPEAKER", nil) // whole words: no notch
	e.login()
	e.openArticle(art.ID)

	notch := fmt.Sprintf(`#notches .notch[data-id="%d"][data-edge="end"]`, cut.ID)
	e.poll(`document.querySelector(` + jsString(notch) + `) !== null`)
	if n := eval[int](e, `document.querySelectorAll('#notches .notch').length`); n != 1 {
		t.Errorf("%d notches, want 1 (the cut end alone)", n)
	}
	// The notch stands where the span ends, after the second l.
	if !eval[bool](e, fmt.Sprintf(`(() => {
  const n = document.querySelector(%s).getBoundingClientRect();
  const r = gloss.renderer.view.liveRange(%d, %d).getClientRects();
  const last = r[r.length - 1];
  return Math.abs(n.left + n.width / 2 - last.right) <= 2 && n.top <= last.top + last.height / 2 && n.bottom >= last.top + last.height / 2;
})()`, jsString(notch), cut.Start, cut.End)) {
		t.Error("the notch is not at the span's end")
	}

	e.shotOf("word-notch-close", fmt.Sprintf(`#text .ln[data-ln="%d"]`, strings.Count(art.Text[:strings.Index(art.Text, "Putin is personall")], "\n")))

	// Keyboard only: to the text, the caret into the span, Enter selects
	// it (as a click on it would), w snaps it.
	e.tabTo("#text")
	e.caretTo(cut.Start+3, false)
	e.do(chromedp.KeyEvent(kb.Enter))
	e.poll(fmt.Sprintf(`gloss.store.get().selectedId === %d`, cut.ID))
	e.poll(`(document.querySelector('#popover .pop-cut') || {}).textContent === 'This span ends inside a word. Whole words'`)
	e.shot("word-notch")
	e.do(chromedp.KeyEvent("w"))
	e.waitFor("the whole word", func() bool { return e.annotations(art.ID)[0].Text == "Putin is personally" })
	a := e.annotations(art.ID)[0]
	start, end := span(t, art.Text, "Putin is personally", "Putin is personally")
	if a.ID != cut.ID || a.Start != start || a.End != end {
		t.Errorf("after w: #%d [%d, %d), want #%d [%d, %d)", a.ID, a.Start, a.End, cut.ID, start, end)
	}
	e.poll(`document.querySelectorAll('#notches .notch').length === 0`)
	e.poll(`document.querySelector('#popover .pop-cut') === null`)
	e.poll(lastAnnouncement + ` === "CLAIM now reads “Putin is personally”"`)

	// → leaves the annotation at its end: the caret there, nothing selected.
	e.do(chromedp.KeyEvent(kb.ArrowRight))
	e.poll(fmt.Sprintf(`gloss.store.get().selectedId === null && %s === %d`, caretJS, end))

	e.do(chromedp.KeyEvent("z", chromedp.KeyModifiers(chromedp.ModifierCtrl)))
	e.waitFor("the undo", func() bool { return e.annotations(art.ID)[0].Text == "Putin is personall" })
	e.poll(`document.querySelector(` + jsString(notch) + `) !== null`)

	// The popover's Whole words, pressed from the keyboard: the button goes
	// with the notch, and the focus stays in the popover, not on the body.
	e.caretTo(cut.Start+3, false)
	e.do(chromedp.KeyEvent(kb.Enter))
	e.poll(`document.querySelector('#popover [data-action="snap-words"]') !== null`)
	eval[chromedp.Void](e, `document.querySelector('#popover [data-action="snap-words"]').focus()`)
	e.do(chromedp.KeyEvent(kb.Enter))
	e.waitFor("the whole word again", func() bool { return e.annotations(art.ID)[0].Text == "Putin is personally" })
	e.poll(`document.querySelector('#popover [data-action="snap-words"]') === null && document.getElementById('popover').contains(document.activeElement)`)
}

// showAnnouncements makes the live region visible (it is for screen
// readers only) for a screenshot.
func (e *env) showAnnouncements() {
	eval[chromedp.Void](e, `(() => { const r = document.getElementById('announce'); r.classList.remove('sr-only'); r.style.cssText = 'position:fixed;left:16px;bottom:16px;z-index:99;max-width:560px;padding:8px 12px;background:#1c2026;color:#fff;font:13px/1.5 system-ui;border-radius:8px;opacity:.92'; })()`)
}

// pollSays waits until the live region's newest message is msg, and says
// what it held instead when it does not come.
func (e *env) pollSays(msg string) {
	e.t.Helper()
	if e.until(lastAnnouncement+` === `+jsString(msg), 5*time.Second) == nil {
		return
	}
	e.t.Fatalf("the live region did not say %q; it holds %q", msg, eval[[]string](e, `[...document.querySelectorAll('#announce p')].map((p) => p.textContent)`))
}
