package web_test

// Browser tests of relations (issue 10): a user links a QUOTE to its
// SPEAKER with the keyboard (r, Tab, Enter), a second tab sees the arc
// appear live and the quote's speaker filled in, the link is removed and
// the removal undone, and deleting the SPEAKER takes the link away in both
// tabs; each step is checked in the database. Then the rights (Link… greyed
// out on someone else's span) and the menu that asks which kind of link
// when several fit.
//
//	GLOSS_SCREENSHOTS=/tmp/shots go test ./web/ -run Relations   also saves screenshots (1280 and 390 wide)

import (
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/gloss-dev/gloss/storage/model"
)

// seedSpan stores an annotation of label, by the test user, from the first
// place from occurs in art's text to the end of to after it.
func (e *env) seedSpan(art model.Article, from, to, label string) model.Annotation {
	e.t.Helper()
	start, end := span(e.t, art.Text, from, to)
	op, err := e.db.Apply(art.ID, model.Change{Action: model.ActionCreate, Start: &start, End: &end, Label: &label, Author: testUser})
	if err != nil {
		e.t.Fatal(err)
	}
	return op.Annotation
}

// relations returns the article's relations in the database (gold).
func (e *env) relations(article uint64) []model.Relation {
	e.t.Helper()
	rs, err := e.db.Relations(article, "")
	if err != nil {
		e.t.Fatal(err)
	}
	return rs
}

// annotation returns annotation id of article as stored (ok false: none).
func (e *env) annotation(article, id uint64) (model.Annotation, bool) {
	e.t.Helper()
	for _, a := range e.annotations(article) {
		if a.ID == id {
			return a, true
		}
	}
	return model.Annotation{}, false
}

// arcs counts the link arcs drawn over e's text.
func (e *env) arcs() int {
	e.t.Helper()
	return eval[int](e, `document.querySelectorAll('#rel-layer .rel-arc').length`)
}

// upToDate waits until e's page has seen every version of article's op log.
func (e *env) upToDate(article uint64) {
	e.t.Helper()
	st, err := e.db.State(article, "")
	if err != nil {
		e.t.Fatal(err)
	}
	e.poll(fmt.Sprintf(`gloss.live.versions.v === %d && gloss.live.pending === 0`, st.Version))
}

// plain turns off the suggestions layer (issue 11, another part of the
// editor) in e's tab with its toolbar toggle, so that the screenshots
// show the links alone. (It reloaded the page, a second page load per
// tab, for the same state.)
func (e *env) plain() {
	e.t.Helper()
	toggle := `#suggest-bar [data-action="sg-toggle"]`
	e.poll(`document.querySelector('` + toggle + `')`)
	if eval[bool](e, `gloss.store.get().suggestPrefs.shown`) {
		e.click(toggle)
	}
	e.poll(`!gloss.store.get().suggestPrefs.shown && [...CSS.highlights.keys()].every((k) => !k.startsWith('gloss-sg-')) && document.querySelectorAll('#suggest-marks .sg-mark').length === 0`)
	e.waitLive()
}

// still waits until the page has stopped scrolling (r scrolls smoothly
// to the first target when it is off screen).
func (e *env) still() {
	e.t.Helper()
	eval[chromedp.Void](e, `new Promise((resolve) => { let y = -1, n = 0; const t = setInterval(() => { if (scrollY === y && ++n >= 5) { clearInterval(t); resolve(); } else if (scrollY !== y) { y = scrollY; n = 0; } }, 30); })`)
}

// scrollToSpan is JavaScript that scrolls the page so that annotation a
// begins at frac of the window's height, and places the popover again
// (as a resize does) for where the text is now.
func scrollToSpan(a model.Annotation, frac float64) string {
	return fmt.Sprintf(`(() => { const r = gloss.renderer.view.liveRange(%d, %d).getBoundingClientRect(); window.scrollBy(0, r.top - innerHeight * %g); window.dispatchEvent(new Event('resize')); })()`, a.Start, a.End, frac)
}

const (
	quoteFrom = "“uphold an objective"
	quoteTo   = "in accordance”"
	wang      = "Wang Wenbin"
)

// TestRelationsLinkLive is issue 10's scenario.
func TestRelationsLinkLive(t *testing.T) {
	a := newEnv(t, envOptions{})
	art := a.addArticle("Xi to meet Putin after ICC warrant", "../testdata/xi-putin-icc.txt")
	xi := a.seed(art, "Xi Jinping", "SPEAKER", nil)
	quote := a.seedSpan(art, quoteFrom, quoteTo, "QUOTE")
	speaker := a.seed(art, wang, "SPEAKER", nil)
	a.seed(art, "Beijing called for a cease-fire last month", "CLAIM", nil)
	b := a.withPeer(art)
	a.do(chromedp.EmulateViewport(1280, 820))
	b.do(chromedp.EmulateViewport(1280, 820))
	a.plain()
	b.plain()
	a.poll(`gloss.live.rel.known`)
	b.poll(`gloss.live.rel.known`)

	// ben looks at the quote: its links will show there.
	b.openPopover(quote)
	if n := b.arcs(); n != 0 {
		t.Fatalf("%d arcs before any link", n)
	}

	// ann: the quote, r, then the keyboard.
	a.openPopover(quote)
	if got := a.text(`#popover [data-action="link"]`); got != "Link… r" {
		t.Errorf("the popover offers %q", got)
	}
	a.do(chromedp.KeyEvent("r"))
	a.poll(`document.getElementById('link-bar') && !document.getElementById('link-bar').hidden`)
	bar := a.text("#link-bar .link-what")
	if !strings.HasPrefix(bar, "Linking QUOTE “uphold an objective") || !strings.HasSuffix(bar, " → choose its SPEAKER") {
		t.Errorf("the bar says %q", bar)
	}
	if !strings.Contains(a.text("#link-bar .link-how"), "Esc to cancel") {
		t.Errorf("the bar does not say how to cancel: %q", a.text("#link-bar .link-how"))
	}
	if a.visible("#popover") {
		t.Error("the popover stays open over the text while linking")
	}
	cand := func() uint64 { return eval[uint64](a, `gloss.store.get().linking.cand`) }
	if got := cand(); got != speaker.ID {
		t.Errorf("the first target offered is %d, want the nearest SPEAKER %d", got, speaker.ID)
	}
	// Only SPEAKERs are offered: two targets, the candidate one of them.
	if got := eval[int](a, `CSS.highlights.get('gloss-link-target').size + CSS.highlights.get('gloss-link-cand').size`); got != 2 {
		t.Errorf("%d spans offered, want the 2 SPEAKERs", got)
	}
	if got := a.arcs(); got != 1 {
		t.Errorf("%d preview lines while linking, want 1", got)
	}
	a.shots("relations-linking", scrollToSpan(quote, 0.45))
	a.do(chromedp.KeyEvent(kb.Tab))
	if got := cand(); got != xi.ID {
		t.Errorf("after Tab the target is %d, want %d (coming round)", got, xi.ID)
	}
	a.do(chromedp.KeyEvent(kb.Tab, chromedp.KeyModifiers(chromedp.ModifierShift)))
	if got := cand(); got != speaker.ID {
		t.Errorf("after Shift+Tab the target is %d, want %d", got, speaker.ID)
	}
	a.do(chromedp.KeyEvent(kb.Enter))
	a.waitFor("the link in the database", func() bool { return len(a.relations(art.ID)) == 1 })
	r := a.relations(art.ID)[0]
	if r.Type != "said_by" || r.From != quote.ID || r.To != speaker.ID || r.Author != testUser {
		t.Fatalf("the database holds %+v", r)
	}
	if q, _ := a.annotation(art.ID, quote.ID); q.Attrs["speaker"] != wang {
		t.Errorf("the quote's speaker is %q, want %q", q.Attrs["speaker"], wang)
	}
	a.poll(`document.getElementById('link-bar').hidden && !document.getElementById('popover').hidden`)
	a.poll(`document.getElementById('attr-speaker').value === ` + jsString(wang))

	// ben's tab: the arc appears, and the speaker is filled in.
	b.poll(`document.querySelectorAll('#rel-layer .rel-arc').length === 1`)
	b.sees(quote.ID, "speaker", wang)
	b.poll(`document.getElementById('attr-speaker').value === ` + jsString(wang))
	if got := b.text("#rel-layer .rel-tag"); got != "said by" {
		t.Errorf("ben's arc says %q", got)
	}
	// The side list counts the links (a frame after the text).
	b.poll(`document.querySelector('#panel .ann[data-id="` + fmt.Sprint(speaker.ID) + `"] .rel-count')?.textContent === '1'`)
	eval[chromedp.Void](b, scrollToSpan(quote, 0.25))
	b.shot("relations-live")

	// ann's popover lists it; hovering it emphasises both ends.
	row := a.text("#popover .rel-row .rel-go")
	if row != "said by→"+wang {
		t.Errorf("the popover lists %q", row)
	}
	eval[chromedp.Void](a, `document.querySelector('#popover .rel-go').scrollIntoView({ block: 'center' })`)
	a.still()
	p := eval[point](a, `(() => { const el = document.querySelector('#popover .rel-go'); el.scrollIntoView({ block: 'center' }); const b = el.getBoundingClientRect(); return { X: b.left + 20, Y: b.top + b.height / 2 }; })()`)
	a.do(chromedp.MouseEvent(chromedp.MouseMoved, p.X, p.Y))
	a.poll(fmt.Sprintf(`gloss.store.get().relHover === %d && CSS.highlights.get('gloss-rel-hot')?.size === 2`, r.ID))
	a.shots("relations", scrollToSpan(quote, 0.3), `document.querySelector('#popover .rel-go').focus()`)
	a.poll(fmt.Sprintf(`gloss.store.get().relHover === %d`, r.ID))

	// The history of the quote lists the link.
	a.click(`#popover [data-action="ann-history"]`)
	a.poll(`[...document.querySelectorAll('#popover .pop-history-list .hist-what')].some((x) => x.textContent === 'linked it: said by → SPEAKER “Wang Wenbin”')`)

	// ann removes it with ×, then undoes that.
	a.click(`#popover .rel-del`)
	a.waitFor("the link removed", func() bool { return len(a.relations(art.ID)) == 0 })
	b.poll(`document.querySelectorAll('#rel-layer .rel-arc').length === 0 && gloss.store.get().relations.size === 0`)
	a.do(chromedp.KeyEvent(kb.Escape))
	ctrlZ(a)
	a.waitFor("the removal undone", func() bool { return len(a.relations(art.ID)) == 1 })
	if r2 := a.relations(art.ID)[0]; r2.From != quote.ID || r2.To != speaker.ID || r2.ID == r.ID {
		t.Errorf("the undo made %+v", r2)
	}
	b.poll(`document.querySelectorAll('#rel-layer .rel-arc').length === 1`)

	// From the SPEAKER's side: the link, by keyboard (Delete on it, then Ctrl+Z).
	a.openPopover(speaker)
	a.poll(`/said by this$/.test(document.querySelector('#popover .rel-go')?.textContent || '')`)
	eval[chromedp.Void](a, `document.querySelector('#popover .rel-go').focus()`)
	a.do(chromedp.KeyEvent(kb.Delete))
	a.waitFor("the link removed by Delete", func() bool { return len(a.relations(art.ID)) == 0 })
	if _, ok := a.annotation(art.ID, speaker.ID); !ok {
		t.Fatal("Delete on a link deleted the SPEAKER")
	}
	a.do(chromedp.KeyEvent(kb.Escape))
	ctrlZ(a)
	a.waitFor("the removal undone", func() bool { return len(a.relations(art.ID)) == 1 })
	b.poll(`document.querySelectorAll('#rel-layer .rel-arc').length === 1`)

	// ann deletes the SPEAKER: the link goes with it, in both tabs.
	a.openPopover(speaker)
	a.do(chromedp.KeyEvent(kb.Delete))
	a.waitFor("the SPEAKER deleted", func() bool { _, ok := a.annotation(art.ID, speaker.ID); return !ok })
	if rs := a.relations(art.ID); len(rs) != 0 {
		t.Errorf("the database still holds %v", rs)
	}
	for _, e := range []*env{a, b} {
		e.poll(`gloss.store.get().relations.size === 0 && document.querySelectorAll('#rel-layer .rel-arc').length === 0`)
		e.upToDate(art.ID) // the unrelate op did not stop the versions
	}
	if got := b.text(`#panel .ann[data-id="` + fmt.Sprint(quote.ID) + `"] .rel-count`); got != "" {
		t.Errorf("ben's side list still counts %q links on the quote", got)
	}
	converge(t, art.ID, a, b)
}

// TestRelationsRights: ben may not link ann's quote once annotators may
// change only their own: Link… is greyed out and says why; r says so too;
// his own CLAIM links; and Esc cancels a link half made.
func TestRelationsRights(t *testing.T) {
	a := newEnv(t, envOptions{})
	art := a.addArticle("Xi to meet Putin after ICC warrant", "../testdata/xi-putin-icc.txt")
	quote := a.seedSpan(art, quoteFrom, quoteTo, "QUOTE")
	a.seed(art, wang, "SPEAKER", nil)
	b := a.withPeer(art)
	if st := a.api("PATCH", fmt.Sprintf("/api/projects/%d", art.Project), `{"annotators_edit_all":false}`); st != 200 {
		t.Fatalf("turning annotators_edit_all off: %d", st)
	}
	b.poll(`gloss.store.get().projects.length > 0 && !gloss.store.get().projects[0].can.includes('edit_others')`)
	b.waitLive()
	b.plain()
	b.openPopover(quote)
	b.poll(`document.querySelector('#popover [data-action="link"]').disabled`)
	if got := eval[string](b, `document.querySelector('#popover .rel-link-wrap').title`); got != "ann's annotation: in this project you may change only your own" {
		t.Errorf("Link… says %q", got)
	}
	b.shots("relations-rights", scrollToSpan(quote, 0.2))
	b.do(chromedp.KeyEvent("r"))
	b.poll(`/^You cannot link it: ann's annotation/.test(gloss.store.get().toast?.message || '')`)
	if eval[bool](b, `!!gloss.store.get().linking`) {
		t.Error("linking started on someone else's span")
	}

	// His own CLAIM may be linked to the quote; Esc cancels first.
	b.do(chromedp.KeyEvent(kb.Escape))
	b.selectWithMouse("Beijing called", "last month", false)
	b.do(chromedp.KeyEvent("c"))
	b.waitFor("ben's CLAIM", func() bool { return len(a.annotations(art.ID)) == 3 })
	var claim model.Annotation
	for _, an := range a.annotations(art.ID) {
		if an.Label == "CLAIM" {
			claim = an
		}
	}
	b.openPopover(claim)
	b.do(chromedp.KeyEvent("r"))
	b.poll(`!!gloss.store.get().linking && /choose a QUOTE or CLAIM/.test(document.getElementById('link-bar').textContent)`)
	b.do(chromedp.KeyEvent(kb.Escape))
	b.poll(`!gloss.store.get().linking && document.getElementById('link-bar').hidden && !document.getElementById('popover').hidden`)
	b.do(chromedp.KeyEvent("r"))
	b.poll(`!!gloss.store.get().linking`)
	// A click on the quote chooses it (once the page stopped scrolling to it).
	b.still()
	c := b.centreOf(quote)
	b.do(chromedp.MouseClickXY(c.X, c.Y))
	b.waitFor("ben's link", func() bool { return len(a.relations(art.ID)) == 1 })
	if r := a.relations(art.ID)[0]; r.Type != "supported_by" || r.From != claim.ID || r.To != quote.ID || r.Author != peerUser {
		t.Errorf("the database holds %+v", r)
	}
	a.poll(`gloss.store.get().relations.size === 1`)
}

// TestRelationsAskWhichKind: with two kinds of link from a CLAIM to a
// QUOTE, choosing the quote asks which, by keyboard.
func TestRelationsAskWhichKind(t *testing.T) {
	a := newEnv(t, envOptions{})
	art := a.addArticle("Xi to meet Putin after ICC warrant", "../testdata/xi-putin-icc.txt")
	quote := a.seedSpan(art, quoteFrom, quoteTo, "QUOTE")
	claim := a.seed(art, "Beijing called for a cease-fire last month", "CLAIM", nil)
	a.login()
	body := `{"relations":[{"name":"said_by","from":["QUOTE"],"to":["SPEAKER"],"fill":"speaker"},{"name":"supported_by","from":["CLAIM"],"to":["QUOTE","CLAIM"]},{"name":"contradicted_by","from":["CLAIM"],"to":["QUOTE"]}]}`
	if st := a.api("PATCH", fmt.Sprintf("/api/projects/%d", art.Project), body); st != 200 {
		t.Fatalf("adding a relation type: %d", st)
	}
	a.openArticle(art.ID)
	// The new relation types come with the article: opening it asks for
	// the projects again.
	a.poll(fmt.Sprintf(`gloss.store.get().projects.find((p) => p.id === %d)?.relations?.length === 3`, art.Project))
	a.plain()
	a.do(chromedp.EmulateViewport(1280, 820))
	a.openPopover(claim)
	a.do(chromedp.KeyEvent("r"))
	a.poll(fmt.Sprintf(`gloss.store.get().linking?.cand === %d`, quote.ID))
	a.do(chromedp.KeyEvent(kb.Enter))
	a.poll(`document.querySelector('.link-menu:not([hidden]) .link-type.current')`)
	if got := eval[[]string](a, `[...document.querySelectorAll('.link-menu .link-type')].map((b) => b.textContent)`); strings.Join(got, ",") != "supported by,contradicted by" {
		t.Errorf("the menu offers %v", got)
	}
	a.shots("relations-menu", scrollToSpan(quote, 0.4))
	a.do(chromedp.KeyEvent(kb.ArrowDown), chromedp.KeyEvent(kb.Enter))
	a.waitFor("the link", func() bool { return len(a.relations(art.ID)) == 1 })
	if r := a.relations(art.ID)[0]; r.Type != "contradicted_by" || r.From != claim.ID || r.To != quote.ID {
		t.Errorf("the database holds %+v", r)
	}
	a.poll(`!gloss.store.get().linking && document.querySelector('.link-menu').hidden`)
}
