package web_test

// Browser tests of where spans start and end (brackets) and of the editor
// on a phone's screen.

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/gloss-dev/gloss/storage/model"
)

// box is a DOMRect as the page measures it.
type box struct{ Left, Right, Top, Bottom float64 }

// charBox measures the character at index at (UTF-16) of the first
// occurrence of needle in the article text, found in the DOM without the
// editor's help, after scrolling it into view.
func (e *env) charBox(needle string, at int) box {
	e.t.Helper()
	return eval[box](e, fmt.Sprintf(`(() => {
  const needle = %s, at = %d;
  const w = document.createTreeWalker(document.getElementById('text'), NodeFilter.SHOW_TEXT);
  let n;
  while ((n = w.nextNode())) {
    const i = n.data.indexOf(needle);
    if (i < 0) continue;
    n.parentElement.scrollIntoView({ block: 'center' });
    const r = document.createRange();
    r.setStart(n, i + at); r.setEnd(n, i + at + 1);
    const b = [...r.getClientRects()].find((x) => x.width > 0);
    return { Left: b.left, Right: b.right, Top: b.top, Bottom: b.bottom };
  }
  throw new Error('not in the page: ' + needle);
})()`, jsString(needle), at))
}

// brackets returns the start and end brackets drawn for annotation id, by
// edge, and how many brackets are drawn in all.
func (e *env) brackets(id uint64) (map[string]box, int) {
	e.t.Helper()
	var got struct {
		Edges map[string]box
		All   int
	}
	got = eval[struct {
		Edges map[string]box
		All   int
	}](e, fmt.Sprintf(`(() => {
  const all = document.querySelectorAll('#span-brackets .bracket');
  const edges = {};
  for (const b of all) {
    if (b.dataset.id !== '%d') continue;
    const r = b.getBoundingClientRect();
    edges[b.dataset.edge] = { Left: r.left, Right: r.right, Top: r.top, Bottom: r.bottom };
  }
  return { Edges: edges, All: all.length };
})()`, id))
	return got.Edges, got.All
}

// hoverOn moves the mouse onto the middle of a character.
func (e *env) hoverOn(b box) {
	e.t.Helper()
	e.do(chromedp.MouseEvent(chromedp.MouseMoved, (b.Left+b.Right)/2, (b.Top+b.Bottom)/2))
}

// checkBrackets asserts that annotation a's brackets stand against the
// first character of first and the last of last: the start bracket's
// right side at the first character's left, the end bracket's left side
// at the last character's right, both on the characters' lines.
func (e *env) checkBrackets(a model.Annotation, first, last string) {
	e.t.Helper()
	t := e.t
	e.poll(fmt.Sprintf(`document.querySelectorAll('#span-brackets .bracket[data-id="%d"]').length === 2`, a.ID))
	got, _ := e.brackets(a.ID)
	fc := e.charBox(first, 0)
	lc := e.charBox(last, len([]rune(last))-1)
	const near = 3.0 // px
	s, en := got["start"], got["end"]
	if d := math.Abs(s.Right - fc.Left); d > near {
		t.Errorf("%q: start bracket ends at x=%.1f, its first character %q starts at x=%.1f", a.Text, s.Right, first[:1], fc.Left)
	}
	if s.Top > fc.Top || s.Bottom < fc.Bottom {
		t.Errorf("%q: start bracket spans y=%.1f–%.1f, its first character y=%.1f–%.1f", a.Text, s.Top, s.Bottom, fc.Top, fc.Bottom)
	}
	if d := math.Abs(en.Left - lc.Right); d > near {
		t.Errorf("%q: end bracket starts at x=%.1f, its last character ends at x=%.1f", a.Text, en.Left, lc.Right)
	}
	if en.Top > lc.Top || en.Bottom < lc.Bottom {
		t.Errorf("%q: end bracket spans y=%.1f–%.1f, its last character y=%.1f–%.1f", a.Text, en.Top, en.Bottom, lc.Top, lc.Bottom)
	}
}

// TestSpanBrackets: two CLAIMs cross ("…cease-fire last month" and "last
// month, but Washington…"). Hovering one draws a bracket against its first
// and after its last character, in its label's colour, and none for the
// other; then the other. The selected one keeps its brackets while
// another is hovered. The two are painted on two underline levels.
func TestSpanBrackets(t *testing.T) {
	e := newEnv(t, envOptions{})
	xi := e.addArticle("Xi to meet Putin after ICC warrant", "../testdata/xi-putin-icc.txt")
	a := e.seed(xi, "Beijing called for a cease-fire last month", "CLAIM", nil)
	b := e.seed(xi, "last month, but Washington said that would ratify the Kremlin's battlefield gains", "CLAIM", nil)
	e.login()
	e.openArticle(xi.ID)

	e.hoverOn(e.charBox("Beijing called", 2))
	e.checkBrackets(a, "Beijing", "cease-fire last month")
	if _, all := e.brackets(a.ID); all != 2 {
		t.Errorf("hovering the first claim draws %d brackets, want its 2", all)
	}
	got := eval[string](e, fmt.Sprintf(`getComputedStyle(document.querySelector('#span-brackets .bracket[data-id="%d"]')).borderTopColor`, a.ID))
	want := eval[string](e, `(() => { const d = document.createElement('i'); d.style.color = gloss.store.label('CLAIM').color; document.body.append(d); const c = getComputedStyle(d).color; d.remove(); return c })()`)
	if got != want {
		t.Errorf("bracket colour %s, want CLAIM's %s", got, want)
	}

	e.hoverOn(e.charBox("Washington said", 3))
	e.checkBrackets(b, "last month, but", "battlefield gains")
	if got, all := e.brackets(a.ID); len(got) != 0 || all != 2 {
		t.Errorf("hovering the second claim: %d brackets, %d of them the first claim's; want 2, none", all, len(got))
	}

	// The selected claim keeps its brackets; the hovered one has its own.
	e.openPopover(a)
	e.hoverOn(e.charBox("Washington said", 3))
	e.checkBrackets(b, "last month, but", "battlefield gains")
	e.checkBrackets(a, "Beijing", "cease-fire last month")
	if n := eval[int](e, `document.querySelectorAll('#span-brackets .bracket.selected').length`); n != 2 {
		t.Errorf("%d brackets marked selected, want the selected claim's 2", n)
	}
	e.shotOf("brackets-crossing", fmt.Sprintf(`#text .ln[data-ln="%d"]`, strings.Count(xi.Text[:strings.Index(xi.Text, "Beijing called")], "\n")))

	// Off the text, only the selected claim's remain.
	e.do(chromedp.MouseEvent(chromedp.MouseMoved, 2, 2))
	e.poll(`document.querySelectorAll('#span-brackets .bracket').length === 2`)
	if got, _ := e.brackets(a.ID); len(got) != 2 {
		t.Errorf("off the text: the selected claim's brackets are %v", got)
	}
	// The two claims lie on two underline levels.
	levels := eval[[]string](e, `[...CSS.highlights.entries()].filter(([k, h]) => /^gloss-\d+-\d+$/.test(k) && h.size).map(([k]) => k).sort()`)
	if fmt.Sprint(levels) != "[gloss-2-0 gloss-2-1]" {
		t.Errorf("painted highlight groups %v, want CLAIM on levels 0 and 1", levels)
	}
}

// shotOf saves the element sel and 14px around it, at twice its pixels,
// under GLOSS_SCREENSHOTS (nothing without it). What is captured is the
// place of an empty frame laid over it, which the mouse passes through:
// the page under the mouse stays as it was.
func (e *env) shotOf(name, sel string) {
	e.t.Helper()
	dir := os.Getenv("GLOSS_SCREENSHOTS")
	if dir == "" {
		return
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		e.t.Fatal(err)
	}
	eval[chromedp.Void](e, fmt.Sprintf(`(() => {
  const r = document.querySelector(%s).getBoundingClientRect(), m = 14;
  const f = document.createElement('div');
  f.id = 'shot-frame';
  f.style.cssText = 'position:absolute;pointer-events:none;left:' + (r.left + scrollX - m) + 'px;top:' + (r.top + scrollY - m) + 'px;width:' + (r.width + 2 * m) + 'px;height:' + (r.height + 2 * m) + 'px';
  document.body.append(f);
  return new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok)));
})()`, jsString(sel)))
	png, err := chromedp.Run(e.ctx, chromedp.ScreenshotScale(chromedp.ID("shot-frame"), 2))
	eval[chromedp.Void](e, `document.getElementById('shot-frame').remove()`)
	if err != nil {
		e.t.Fatal(err)
	}
	p := filepath.Join(dir, name+".png")
	if err := os.WriteFile(p, png, 0o644); err != nil {
		e.t.Fatal(err)
	}
	e.t.Logf("wrote %s", p)
}

const (
	phoneW, phoneH   = 390, 844
	tabletW, tabletH = 768, 1024
)

// overlaps lists the pairs of visible controls in the toolbar (and its
// open More menu) whose boxes overlap by more than a pixel each way, and
// the controls that stick out of the window.
const overlaps = `(() => {
  const els = [...document.querySelectorAll('.toolbar button, .toolbar select, .toolbar summary, .toolbar a[href]')]
    .filter((el) => { const r = el.getBoundingClientRect(); return r.width > 0 && r.height > 0 && el.checkVisibility({ visibilityProperty: true }); });
  const name = (el) => (el.id || el.textContent.trim().replace(/\s+/g, ' ').slice(0, 24) || el.tagName);
  const out = [];
  els.forEach((a, i) => {
    const r = a.getBoundingClientRect();
    if (r.left < 0 || r.right > innerWidth) out.push(name(a) + ' sticks out: ' + Math.round(r.left) + '–' + Math.round(r.right));
    for (const b of els.slice(i + 1)) {
      const q = b.getBoundingClientRect();
      const w = Math.min(r.right, q.right) - Math.max(r.left, q.left);
      const h = Math.min(r.bottom, q.bottom) - Math.max(r.top, q.top);
      if (w > 1 && h > 1) out.push(name(a) + ' × ' + name(b));
    }
  });
  return out;
})()`

// oneWordLines lists the lines of the elements sel that hold one word of
// a title of several: each word's first box gives its line.
func oneWordLines(e *env, sel string) []string {
	e.t.Helper()
	return eval[[]string](e, fmt.Sprintf(`(() => {
  const out = [];
  for (const el of document.querySelectorAll(%s)) {
    const lines = new Map();
    const w = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    let n;
    while ((n = w.nextNode())) {
      for (const m of n.data.matchAll(/\S+/g)) {
        const r = document.createRange();
        r.setStart(n, m.index); r.setEnd(n, m.index + m[0].length);
        const b = r.getClientRects()[0];
        if (!b) continue;
        const top = Math.round(b.top);
        lines.set(top, [...(lines.get(top) || []), m[0]]);
      }
    }
    if (lines.size < 2) continue;
    for (const words of lines.values()) if (words.length === 1) out.push(el.textContent.trim() + ': "' + words[0] + '" alone on a line');
  }
  return out;
})()`, jsString(sel)))
}

// fits checks that the page does not scroll sideways and that the
// toolbar's controls neither overlap nor stick out.
func (e *env) fits(where string, width int) {
	e.t.Helper()
	if w := eval[int](e, `document.documentElement.scrollWidth`); w > width {
		e.t.Errorf("%s at %d px: the page is %d px wide", where, width, w)
	}
	if bad := eval[[]string](e, overlaps); len(bad) > 0 {
		e.t.Errorf("%s at %d px: %s", where, width, strings.Join(bad, "; "))
	}
}

// drawerShown reports whether the side list is open over the text: the
// drawer entirely on screen, its panel listing annotations.
const drawerShown = `(() => {
  const d = document.getElementById('drawer'), r = d.getBoundingClientRect();
  return d.classList.contains('open') && getComputedStyle(d).visibility === 'visible' && r.left >= 0 && Math.abs(r.right - innerWidth) < 1 && r.width > 200;
})()`

const drawerHidden = `(() => {
  const d = document.getElementById('drawer');
  return !d.classList.contains('open') && getComputedStyle(d).visibility === 'hidden' && document.getElementById('drawer-backdrop').hidden;
})()`

// TestNarrow: at 390 × 844, a phone's screen, the list and the editor fit:
// no sideways scrolling, no toolbar control over another, no title line of
// one word. The side list is a drawer: the toolbar's Annotations button
// (with the count) opens it over the text and moves the focus into it;
// Escape, its close button and a tap beside it close it and give the focus
// back; going to an annotation from it closes it and opens the popover,
// which fits the screen. More holds the rest of the toolbar. At 768 px
// the toolbar wraps and the drawer is there too.
func TestNarrow(t *testing.T) {
	e := newEnv(t, envOptions{})
	xi := e.addArticle("Xi to meet Putin in boost for Russian leader after ICC warrant", "../testdata/xi-putin-icc.txt")
	for i, title := range []string{"Wire: EU ministers meet on energy prices in Brussels", "Fact check: the viral claim about grain exports"} {
		if _, _, err := e.db.CreateArticle(model.Article{Title: title, Source: "reuters.com", Text: title + ".\nBody text " + fmt.Sprint(i)}); err != nil {
			t.Fatal(err)
		}
	}
	e.seed(xi, "Beijing called for a cease-fire last month", "CLAIM", nil)
	e.seed(xi, "last month, but Washington said that would ratify the Kremlin's battlefield gains", "CLAIM", nil)
	quote := e.seed(xi, "“My upcoming visit to Russia will be a journey of friendship, cooperation and peace,”", "QUOTE", map[string]string{"speaker": "Xi Jinping"})
	e.login()
	e.do(chromedp.EmulateViewport(phoneW, phoneH, chromedp.EmulateMobile, chromedp.EmulateTouch))

	// The list.
	e.poll(`document.querySelectorAll('#rows tr').length === 3`)
	e.fits("the list", phoneW)
	if bad := oneWordLines(e, `#rows .c-title a`); len(bad) > 0 {
		t.Errorf("list titles: %s", strings.Join(bad, "; "))
	}
	e.shot("narrow-list")
	// Its Export choices: a sheet within the screen.
	e.do(chromedp.Click(chromedp.CSS(`#export-list > summary`)))
	e.poll(`document.querySelector('#export-list > .menu-panel')?.checkVisibility()`)
	if r := eval[box](e, rectOf(`#export-list > .menu-panel`)); r.Left < 0 || r.Right > phoneW || r.Top < 0 || r.Bottom > phoneH {
		t.Errorf("the list's Export menu spans x=%.0f–%.0f, y=%.0f–%.0f on a %d × %d screen", r.Left, r.Right, r.Top, r.Bottom, phoneW, phoneH)
	}
	e.do(chromedp.KeyEvent(kb.Escape))
	e.poll(`!document.getElementById('export-list').open`)

	// The editor.
	e.openArticle(xi.ID)
	e.fits("the editor", phoneW)
	if bad := oneWordLines(e, `#art-head .title`); len(bad) > 0 {
		t.Errorf("the title: %s", strings.Join(bad, "; "))
	}
	e.poll(drawerHidden)
	if got := eval[string](e, `document.getElementById('drawer-btn').textContent.replace(/\s+/g, ' ').trim()`); got != "Annotations 3" {
		t.Errorf("the drawer's button says %q, want Annotations 3", got)
	}
	e.shot("narrow-editor")

	// The drawer: open, listing the annotations, the focus in it.
	openDrawer := func() {
		t.Helper()
		e.do(chromedp.Click(chromedp.ID("drawer-btn")))
		e.poll(drawerShown + ` && document.activeElement === document.getElementById('drawer-close')`)
		if got := eval[string](e, `document.getElementById('drawer-btn').getAttribute('aria-expanded')`); got != "true" {
			t.Errorf("drawer open, its button's aria-expanded is %s", got)
		}
	}
	closed := func(how string) {
		t.Helper()
		e.poll(drawerHidden)
		if got := eval[string](e, `document.activeElement.id`); got != "drawer-btn" {
			t.Errorf("closed by %s: the focus is on %q, want the drawer's button", how, got)
		}
	}
	openDrawer()
	listed := eval[[]string](e, `[...document.querySelectorAll('#drawer #panel [data-action=goto]')].filter((b) => { const r = b.getBoundingClientRect(); return r.width > 0 && r.left >= 0 && r.right <= innerWidth; }).map((b) => b.querySelector('.snippet').textContent)`)
	if len(listed) != 3 {
		t.Errorf("the drawer lists %d annotations on screen (%q), want 3", len(listed), listed)
	}
	if got := eval[string](e, `document.getElementById('drawer').getAttribute('role') + ' ' + document.getElementById('drawer').getAttribute('aria-modal')`); got != "dialog true" {
		t.Errorf("the open drawer is %q, want a modal dialog", got)
	}
	e.shot("narrow-drawer")
	e.do(chromedp.KeyEvent(kb.Escape))
	closed("Escape")
	openDrawer()
	e.do(chromedp.Click(chromedp.ID("drawer-close")))
	closed("its close button")
	openDrawer()
	e.do(chromedp.MouseClickXY(8, phoneH/2))
	closed("a tap beside it")

	// Going to an annotation from the drawer: it makes way for the popover.
	openDrawer()
	e.do(chromedp.Click(chromedp.CSS(fmt.Sprintf(`#panel .ann[data-id="%d"]`, quote.ID))))
	e.poll(drawerHidden + fmt.Sprintf(` && !document.getElementById('popover').hidden && document.getElementById('popover').dataset.id === '%d'`, quote.ID))
	e.do(chromedp.KeyEvent(kb.Escape))
	e.poll(`document.getElementById('popover').hidden`)
	e.scrolled()

	// The popover, within the screen.
	e.openPopover(quote)
	if r := eval[box](e, rectOf(`#popover`)); r.Left < 0 || r.Right > phoneW {
		t.Errorf("the popover spans x=%.0f–%.0f on a %d px screen", r.Left, r.Right, phoneW)
	}
	e.fits("the editor with the popover", phoneW)
	e.shot("narrow-popover")
	e.do(chromedp.KeyEvent(kb.Escape))
	e.poll(`document.getElementById('popover').hidden`)

	// More: the rest of the toolbar, in a menu that fits.
	eval[chromedp.Void](e, `window.scrollTo(0, 0)`)
	e.do(chromedp.Click(chromedp.ID("more-btn")))
	e.poll(`document.getElementById('toolbar-more').classList.contains('open') && document.getElementById('undo').getBoundingClientRect().width > 0`)
	e.fits("the editor with More open", phoneW)
	e.shot("narrow-more")
	e.do(chromedp.Click(chromedp.CSS(`#export-article > summary`)))
	e.poll(`document.querySelector('#export-article > .menu-panel')?.checkVisibility()`)
	if r := eval[box](e, rectOf(`#export-article > .menu-panel`)); r.Left < 0 || r.Right > phoneW || r.Top < 0 || r.Bottom > phoneH {
		t.Errorf("the article's Export menu spans x=%.0f–%.0f, y=%.0f–%.0f on a %d × %d screen", r.Left, r.Right, r.Top, r.Bottom, phoneW, phoneH)
	}
	e.do(chromedp.KeyEvent(kb.Escape))
	e.poll(`!document.getElementById('export-article').open`)
	e.do(chromedp.KeyEvent(kb.Escape))
	e.poll(`!document.getElementById('toolbar-more').classList.contains('open') && document.getElementById('undo').getBoundingClientRect().width === 0`)

	// From a wide window to a narrow one, the drawer is away at once: it
	// slides only when opened or closed.
	e.do(chromedp.EmulateViewport(1280, 800))
	e.poll(`innerWidth === 1280`)
	e.do(chromedp.EmulateViewport(phoneW, phoneH, chromedp.EmulateMobile, chromedp.EmulateTouch))
	if r := eval[box](e, `new Promise((ok) => requestAnimationFrame(() => { const b = document.getElementById('drawer').getBoundingClientRect(); ok({ Left: b.left, Right: b.right }); }))`); r.Left < phoneW {
		t.Errorf("the window narrowed: the closed drawer is at x=%.0f, on the screen", r.Left)
	}

	// A tablet: the toolbar wraps, the list is a drawer still.
	e.do(chromedp.EmulateViewport(tabletW, tabletH, chromedp.EmulateMobile, chromedp.EmulateTouch))
	e.poll(fmt.Sprintf(`innerWidth === %d`, tabletW))
	e.fits("the editor", tabletW)
	openDrawer()
	e.shot("tablet-drawer")
	e.do(chromedp.KeyEvent(kb.Escape))
	closed("Escape")
	e.shot("tablet-editor")
	eval[chromedp.Void](e, `location.hash = '#/'`)
	e.poll(`document.querySelectorAll('#rows tr').length === 3 && !document.getElementById('list-view').hidden`)
	e.fits("the list", tabletW)
	eval[chromedp.Void](e, fmt.Sprintf(`location.hash = '#/projects/%d/annotations'`, xi.Project))
	e.poll(`!document.getElementById('annotations-view')?.hidden`)
	e.fits("the Annotations view", tabletW)
	e.do(chromedp.EmulateViewport(phoneW, phoneH, chromedp.EmulateMobile, chromedp.EmulateTouch))
	e.fits("the Annotations view", phoneW)
}

// rectOf measures the element sel.
func rectOf(sel string) string {
	return fmt.Sprintf(`(() => { const b = document.querySelector(%s).getBoundingClientRect(); return { Left: b.left, Right: b.right, Top: b.top, Bottom: b.bottom }; })()`, jsString(sel))
}

// scrolled waits for a smooth scroll (going to an annotation) to end: the
// page at the same place for three frames.
func (e *env) scrolled() {
	e.t.Helper()
	eval[chromedp.Void](e, `new Promise((ok) => {
  let y = scrollY, same = 0;
  const step = () => { if (scrollY === y) same++; else { y = scrollY; same = 0; } if (same >= 3) ok(); else requestAnimationFrame(step); };
  requestAnimationFrame(step);
})`)
}
