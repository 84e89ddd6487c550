package web_test

// Accessibility: axe-core (server/export/testdata/tools/install.sh puts it
// in the tools cache) runs in the editor's pages, its dialogs and its
// questions, in light and dark mode, against WCAG 2.0, 2.1 and 2.2 A and
// AA. A serious or critical violation fails the test; the others are
// logged. Without axe-core the tests skip, unless GLOSS_REQUIRE_TOOLS=1.
//
//	go test ./web/ -run Accessibility -v     also logs the minor violations

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/gloss-dev/gloss/storage/model"
	"github.com/gloss-dev/gloss/web/browsertest"
)

// axeVersion is the axe-core that install.sh installs.
const axeVersion = "4.14.1"

// axeTags are the rule sets run: WCAG 2.0, 2.1 and 2.2, levels A and AA.
var axeTags = []string{"wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"}

// axeSource returns axe.min.js, or skips t (fails it under
// GLOSS_REQUIRE_TOOLS=1) when install.sh has not put it in the cache.
func axeSource(t *testing.T) string {
	t.Helper()
	dir := os.Getenv("GLOSS_TOOLS_DIR")
	if dir == "" {
		cache, err := os.UserCacheDir()
		if err != nil {
			t.Fatal(err)
		}
		dir = filepath.Join(cache, "gloss-tools")
	}
	p := filepath.Join(dir, "axe-core-"+axeVersion, "axe.min.js")
	b, err := os.ReadFile(p)
	if err != nil {
		what := fmt.Sprintf("axe-core %s at %s (run server/export/testdata/tools/install.sh)", axeVersion, p)
		if os.Getenv("GLOSS_REQUIRE_TOOLS") == "1" {
			t.Fatalf("GLOSS_REQUIRE_TOOLS=1 but the accessibility checks need %s", what)
		}
		browsertest.Skip(t, "the accessibility checks need "+what+"; GLOSS_REQUIRE_TOOLS=1 makes this a failure")
	}
	return string(b)
}

// axeViolation is one rule that failed, with the elements it failed on.
type axeViolation struct {
	ID     string
	Impact string
	Help   string
	Nodes  []struct {
		Target         []any
		FailureSummary string
	}
}

// a11y runs axe-core in one tab, in light and dark mode.
type a11y struct {
	e   *env
	src string
	// counts is how many elements failed each rule, over every check (the
	// figures of the test's log).
	counts map[string]int
}

func newA11y(t *testing.T, e *env) *a11y {
	return &a11y{e: e, src: axeSource(t), counts: map[string]int{}}
}

// scheme emulates prefers-color-scheme (light or dark) in the tab.
func (a *a11y) scheme(s string) {
	a.e.t.Helper()
	ctx, cancel := context.WithTimeout(a.e.ctx, 10*time.Second)
	defer cancel()
	if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
		Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: s}},
	}); err != nil {
		a.e.t.Fatal(err)
	}
}

// check runs axe on the page as it is, in light and then in dark mode,
// and fails the test for each serious or critical violation, saying
// where; the rest it logs.
func (a *a11y) check(what string) {
	e := a.e
	e.t.Helper()
	if !eval[bool](e, `typeof axe !== 'undefined'`) {
		eval[chromedp.Void](e, a.src+";void 0")
	}
	tags, _ := json.Marshal(axeTags)
	for _, s := range []string{"light", "dark"} {
		a.scheme(s)
		// Two frames: the page is drawn in the scheme before axe reads
		// its colours.
		eval[chromedp.Void](e, `new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))`)
		if bg := eval[string](e, `getComputedStyle(document.body).backgroundColor`); (bg == "rgb(22, 24, 28)") != (s == "dark") {
			e.t.Fatalf("%s, %s mode: the page's background is %s", what, s, bg)
		}
		t0 := time.Now()
		vs := eval[[]axeViolation](e, `axe.run(document, { runOnly: { type: 'tag', values: `+string(tags)+` }, resultTypes: ['violations'] }).then((r) => r.violations)`)
		e.t.Logf("%s, %s: axe took %v", what, s, time.Since(t0).Round(time.Millisecond))
		for _, v := range vs {
			a.counts[v.ID] += len(v.Nodes)
			var b strings.Builder
			fmt.Fprintf(&b, "%s, %s mode: %s (%s): %s", what, s, v.ID, v.Impact, v.Help)
			for _, n := range v.Nodes {
				fmt.Fprintf(&b, "\n\t%v: %s", n.Target, strings.ReplaceAll(n.FailureSummary, "\n", " "))
			}
			if v.Impact == "serious" || v.Impact == "critical" {
				e.t.Error(b.String())
			} else {
				e.t.Log(b.String())
			}
		}
	}
	a.scheme("light")
}

// focusRings presses Tab n times from the top of the page and fails the
// test for each element that takes the focus without showing it (an
// outline of 2px or more, or a box shadow), in the current scheme.
func (a *a11y) focusRings(what string, n int) {
	e := a.e
	e.t.Helper()
	eval[chromedp.Void](e, `document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0)`)
	seen := 0
	for i := 0; i < n; i++ {
		e.do(chromedp.KeyEvent(kb.Tab))
		type ring struct {
			Body  bool
			Shown bool
			What  string
		}
		r := eval[ring](e, `(() => {
  const el = document.activeElement;
  if (!el || el === document.body) return { Body: true };
  const cs = getComputedStyle(el);
  const shown = (cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) >= 2) || cs.boxShadow !== 'none';
  return { Shown: shown, What: el.outerHTML.slice(0, 120) };
})()`)
		if r.Body {
			continue
		}
		seen++
		if !r.Shown {
			e.t.Errorf("%s: the focus is on %s without a visible ring", what, r.What)
		}
	}
	if seen < n/2 {
		e.t.Errorf("%s: Tab reached only %d elements in %d presses", what, seen, n)
	}
}

// TestAccessibilityEditor: the article list (with the export menu and an
// import's result), the New project and Members dialogs, the editor on
// the seed article with a popover open and its "label everywhere" count,
// a suggestion's card, the article details dialog and the help.
func TestAccessibilityEditor(t *testing.T) {
	e := newEnv(t, envOptions{})
	a := newA11y(t, e)
	art := e.addArticle("Xi to meet Putin in boost for Russian leader after ICC warrant", "../testdata/xi-putin-icc.txt")
	for _, title := range []string{"Wire: EU ministers meet on energy prices", "Fact check: the viral claim about grain exports"} {
		if _, _, err := e.db.CreateArticle(model.Article{Title: title, Source: "wire", Text: title + ".\nBody text."}); err != nil {
			t.Fatal(err)
		}
	}
	quote := e.seed(art, "“My upcoming visit to Russia will be a journey of friendship, cooperation and peace,”", "QUOTE", map[string]string{"speaker": "Xi Jinping"})
	e.seed(art, "Chinese leader Xi Jinping", "SPEAKER", nil)
	e.seed(art, "journey of friendship", "CLAIM", nil)
	readMore := e.seed(art, "Read more »", "BOILERPLATE", nil)
	e.join("bea", model.RoleAnnotator)
	if _, err := e.db.SetStatus(art.ID, model.StatusInProgress); err != nil {
		t.Fatal(err)
	}
	e.login()
	e.poll(`document.querySelectorAll('#rows tr').length === 3`)
	a.check("the article list")
	a.focusRings("the article list", 20)

	bad := filepath.Join(t.TempDir(), "bad.jsonl")
	if err := os.WriteFile(bad, []byte("{not json\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	e.do(chromedp.SetUploadFiles(chromedp.ID("import-file"), []string{bad}))
	e.poll(`document.getElementById('import-result').classList.contains('error')`)
	e.click(`#export-list summary`)
	e.poll(`document.getElementById('export-list').open`)
	a.check("the list with the export menu and an import's error")
	e.click(`#export-list summary`)

	e.pick("#project", "new")
	e.poll(`!document.getElementById('new-project').hidden`)
	eval[chromedp.Void](e, `document.getElementById('np-labels').value = 'AD red a'`)
	e.click(`#new-project-form button[type=submit]`)
	e.poll(`!document.getElementById('np-error').hidden`)
	a.check("the New project dialog with an error")
	e.click(`#new-project [data-action="close-new-project"]`)
	e.poll(`document.getElementById('new-project').hidden`)

	e.click("#members-btn")
	e.poll(`!document.getElementById('members').hidden && document.querySelector('#members-list li[data-name="bea"]')`)
	a.check("the Members dialog")
	e.click(`#members [data-action="close-members"]`)
	e.poll(`document.getElementById('members').hidden`)

	e.openArticle(art.ID)
	a.focusRings("the editor", 30)
	e.openPopover(quote)
	a.check("the editor with a QUOTE's popover")
	e.do(chromedp.KeyEvent(kb.Escape))
	e.poll(`document.getElementById('popover').hidden`)
	e.openPopover(readMore)
	e.click(`#popover [data-action="everywhere"]`)
	e.poll(`document.querySelector('#popover .pop-everywhere span') !== null`)
	a.check("the popover's label everywhere count")
	e.do(chromedp.KeyEvent(kb.Escape))
	e.poll(`document.getElementById('popover').hidden`)

	e.poll(`(() => { const S = gloss.store.get().suggest; return S && !S.loading && S.list.length > 0 })()`)
	e.click(`#panel .sg-jump`)
	e.poll(`document.querySelector('.sg-card') && document.querySelector('.sg-card').offsetParent`)
	a.check("a suggestion's card")
	e.do(chromedp.KeyEvent(kb.Escape))

	eval[chromedp.Void](e, `window.scrollTo(0, 0)`)
	e.click("#art-head .art-edit")
	e.poll(`document.getElementById('details-dialog').open`)
	a.check("the article details dialog")
	e.do(chromedp.KeyEvent(kb.Escape))
	e.poll(`!document.getElementById('details-dialog').open`)

	e.do(chromedp.KeyEvent("?"))
	e.poll(`!document.getElementById('help').hidden`)
	a.check("the keyboard help")
	e.do(chromedp.KeyEvent(kb.Escape))
	t.Logf("elements failing each rule, over every check: %v", a.counts)
}

// TestAccessibilityPages: the Users page with a delete question, Your
// account with a new token's secret, and the Annotations view.
func TestAccessibilityPages(t *testing.T) {
	e := newEnv(t, envOptions{})
	a := newA11y(t, e)
	art := e.addArticle("Xi to meet Putin in boost for Russian leader after ICC warrant", "../testdata/xi-putin-icc.txt")
	e.seed(art, "“My upcoming visit to Russia will be a journey of friendship, cooperation and peace,”", "QUOTE", map[string]string{"speaker": "Xi Jinping"})
	e.seed(art, "journey of friendship", "CLAIM", map[string]string{"checkworthy": "yes"})
	e.join("bea", model.RoleAnnotator)
	e.login()

	eval[chromedp.Void](e, `location.hash = '#/users'`)
	e.click(`#users-table tr[data-name="bea"] [data-action="user-delete"]`)
	e.poll(`document.querySelector('.confirm')`)
	a.check("the Users page with a delete question")

	eval[chromedp.Void](e, `location.hash = '#/account'`)
	e.typeInto(`#new-token [name=name]`, "nightly export")
	e.click(`#new-token [type=submit]`)
	e.poll(`!document.getElementById('token-secret').hidden && document.querySelector('#tokens-table tr[data-id]')`)
	a.check("Your account with a new token")
	e.click(`#tokens-table [data-action="token-revoke"]`)
	e.poll(`document.querySelector('[data-action="token-revoke-yes"]')`)
	a.check("Your account asking before a token is revoked")

	ps, err := e.db.Projects()
	if err != nil {
		t.Fatal(err)
	}
	eval[chromedp.Void](e, fmt.Sprintf(`location.hash = '#/projects/%d/annotations'`, ps[0].ID))
	e.poll(`document.querySelectorAll('#annotations-view .av-hit').length === 2`)
	a.check("the Annotations view")
	t.Logf("elements failing each rule, over every check: %v", a.counts)
}

// TestAccessibilityReview: in an independent project, the review page of
// an article ann and bea submitted, the Agreement page, and the question
// before an annotator submits.
func TestAccessibilityReview(t *testing.T) {
	e := newEnv(t, envOptions{})
	a := newA11y(t, e)
	art := e.reviewedPair("Xi to meet Putin after ICC warrant")
	mine, _, err := e.db.CreateArticle(model.Article{Title: "Ceasefire talks to resume on Friday", Source: "wire", Text: "Officials said “the ceasefire will hold until Friday,” when the talks resume in Doha."})
	if err != nil {
		t.Fatal(err)
	}

	e.signIn("rev") // the test's own tab
	rev := e
	a.e = rev
	rev.openReview(art.ID)
	rev.poll(`document.querySelectorAll('#review-panel .rv-cand').length === 6`)
	a.check("the review page")
	ps, err := e.db.Projects()
	if err != nil {
		t.Fatal(err)
	}
	rev.openAgreement(ps[0].ID)
	rev.poll(`document.querySelector('#agreement-view .ag-table, #agreement-view .ag-empty')`)
	a.check("the Agreement page")

	// ada, a third annotator, is handed the other article and asked
	// before she submits it.
	e.join("ada", model.RoleAnnotator)
	if _, err := e.db.UpdateProject(ps[0].ID, func(p *model.Project) error {
		p.Annotators = append(p.Annotators, "ada")
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	ada := e.browserAs("ada")
	a.e = ada
	ada.poll(`!document.getElementById('start-annotating').hidden && !document.getElementById('start-annotating').disabled`)
	ada.click("#start-annotating")
	// Drawn too: the text is in the page for the mouse.
	ada.poll(fmt.Sprintf(`gloss.store.get().article && gloss.store.get().article.id === %d && performance.getEntriesByName('gloss:rendered').length > 0`, mine.ID))
	ada.waitLive()
	ada.selectWithMouse("“the ceasefire", "Friday,”", false)
	ada.do(chromedp.KeyEvent("q"))
	e.waitFor("ada's QUOTE in her layer", func() bool { return len(e.layerAnns(mine.ID, "ada")) == 1 })
	ada.click("#submit-layer")
	ada.poll(`document.getElementById('submit-ask').open`)
	a.check("the question before submitting")
	t.Logf("elements failing each rule, over every check: %v", a.counts)
}

// highlightContrast is the lowest contrast of the article's text over the
// label tints the editor paints (read from its ::highlight rules, as the
// scheme in force picks them): one label nested four deep, or four labels
// nested, each with and without the selection's tint on top.
const highlightContrast = `(() => {
  const parse = (s) => { const m = s.match(/[\d.]+/g).map(Number); return { c: m.slice(0, 3), a: m.length > 3 ? m[3] : 1 }; };
  const lum = (c) => { const [r, g, b] = c.map((x) => { const v = x / 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; }); return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
  const ratio = (x, y) => (Math.max(lum(x), lum(y)) + 0.05) / (Math.min(lum(x), lum(y)) + 0.05);
  const over = (base, t) => base.map((x, i) => t.a * t.c[i] + (1 - t.a) * x);
  const bg = {};
  const read = (rules) => { for (const r of rules) { if (r instanceof CSSMediaRule) { if (matchMedia(r.conditionText).matches) read(r.cssRules); } else if (r.style && r.style.backgroundColor) bg[r.selectorText.replace(/^::highlight\((.*)\)$/, '$1')] = parse(r.style.backgroundColor); } };
  read(document.querySelector('style[data-gloss="highlights"]').sheet.cssRules);
  const page = parse(getComputedStyle(document.body).backgroundColor).c;
  const ink = parse(getComputedStyle(document.getElementById('text')).color).c;
  const n = gloss.store.labels().length;
  const stacks = [];
  for (let i = 0; i < n; i++) stacks.push({ what: 'label ' + i + ' four deep', tints: [0, 1, 2, 3].map((lv) => bg['gloss-' + i + '-' + lv]) });
  stacks.push({ what: 'every label nested', tints: [...Array(n).keys()].slice(0, 4).map((i) => bg['gloss-' + i + '-' + i]) });
  let worst = { Ratio: 99, What: '' };
  for (const s of stacks) {
    for (const sel of [false, true]) {
      let c = page;
      for (const t of s.tints) c = over(c, t);
      if (sel) c = over(c, bg['gloss-selected']);
      const r = ratio(ink, c);
      if (r < worst.Ratio) worst = { Ratio: r, What: s.what + (sel ? ', selected' : '') };
    }
  }
  return worst;
})()`

// TestLabelColourContrast: the article's text keeps 4.5:1 over the label
// colours' tints, nested and selected, in light and dark mode.
func TestLabelColourContrast(t *testing.T) {
	e := newEnv(t, envOptions{})
	art := e.addArticle("Xi to meet Putin after ICC warrant", "../testdata/xi-putin-icc.txt")
	e.seed(art, "journey of friendship", "CLAIM", nil)
	e.login()
	e.openArticle(art.ID)
	a := &a11y{e: e}
	for _, s := range []string{"light", "dark"} {
		a.scheme(s)
		type result struct {
			Ratio float64
			What  string
		}
		r := eval[result](e, highlightContrast)
		t.Logf("%s mode: lowest contrast %.2f:1 (%s)", s, r.Ratio, r.What)
		if r.Ratio < 4.5 {
			t.Errorf("%s mode: the text over the label tints has %.2f:1 (%s), want 4.5:1", s, r.Ratio, r.What)
		}
	}
}

// TestDarkScreenshots saves the article list, the editor (a popover open
// over nested spans and suggestions; a suggestion's card) and the review
// page in dark mode, into GLOSS_SCREENSHOTS as dark-*.png.
//
//	GLOSS_SCREENSHOTS=$PWD/web/screenshots go test ./web/ -run DarkScreenshots
func TestDarkScreenshots(t *testing.T) {
	if os.Getenv("GLOSS_SCREENSHOTS") == "" {
		t.Skip("set GLOSS_SCREENSHOTS=dir to save screenshots")
	}
	e := newEnv(t, envOptions{})
	(&a11y{e: e}).scheme("dark")
	e.do(chromedp.EmulateViewport(1280, 820))
	xi := e.addArticle("Xi to meet Putin in boost for Russian leader after ICC warrant", "../testdata/xi-putin-icc.txt")
	for i, title := range []string{"Wire: EU ministers meet on energy prices", "Fact check: the viral claim about grain exports", "Analysis: what the ICC warrant means in practice"} {
		if _, _, err := e.db.CreateArticle(model.Article{Title: title, Source: []string{"reuters.com", "afp.com", "apnews.com"}[i], Text: title + ".\nBody text " + fmt.Sprint(i)}); err != nil {
			t.Fatal(err)
		}
	}
	add := func(from, to, label string, attrs map[string]string) model.Annotation {
		t.Helper()
		s, en := span(t, xi.Text, from, to)
		op, err := e.db.Apply(xi.ID, model.Change{Action: model.ActionCreate, Start: &s, End: &en, Label: &label, Attrs: attrs, Author: testUser})
		if err != nil {
			t.Fatal(err)
		}
		return op.Annotation
	}
	add("Chinese leader Xi Jinping", "Chinese leader Xi Jinping", "SPEAKER", nil)
	add("Vladimir Putin", "Vladimir Putin", "SPEAKER", nil)
	add("after the International Criminal Court charged him", "war crimes in Ukraine", "CLAIM", map[string]string{"checkworthy": "yes"})
	add("“uphold an objective", "double standards,”", "QUOTE", map[string]string{"speaker": "Wang Wenbin"})
	add("“avoid politicization", "double standards,”", "CLAIM", map[string]string{"checkworthy": "no"})
	add("Wang Wenbin", "Wang Wenbin", "SPEAKER", nil)
	add("“My upcoming visit", "peace,”", "QUOTE", map[string]string{"speaker": "Xi Jinping"})
	nested := add("journey of friendship", "journey of friendship", "CLAIM", nil)
	if _, err := e.db.SetStatus(xi.ID, model.StatusInProgress); err != nil {
		t.Fatal(err)
	}
	e.login()
	e.poll(`document.querySelectorAll('#rows tr').length === 4`)
	e.shot("dark-list")

	e.openArticle(xi.ID)
	e.openPopover(nested)
	e.shot("dark-editor")
	e.do(chromedp.KeyEvent(kb.Escape))
	e.click(`#panel .sg-jump[data-label="QUOTE"]`)
	e.poll(`document.querySelector('.sg-card') && document.querySelector('.sg-card').offsetParent`)
	e.shot("dark-suggestions")
	e.do(chromedp.KeyEvent(kb.Escape))

	art := e.reviewedPair("Xi to meet Putin after ICC warrant, reviewed")
	rev := e.browserAs("rev")
	(&a11y{e: rev}).scheme("dark")
	rev.do(chromedp.EmulateViewport(1280, 820))
	rev.openReview(art.ID)
	rev.poll(`document.querySelectorAll('#review-panel .rv-cand').length === 6`)
	rev.shot("dark-review")
}
