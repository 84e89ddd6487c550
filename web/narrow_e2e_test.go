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
