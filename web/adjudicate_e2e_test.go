package web_test

// Browser tests of the review page (#/articles/ID/review): a reviewer
// adjudicates two annotators' submitted layers into gold with the
// keyboard, and the page's empty states. The layers are made in Go,
// through storage, as the annotators' editors would have.
//
//	GLOSS_SCREENSHOTS=$PWD/web/screenshots go test ./web/ -run Adjudicate   also saves review-*.png (1280 and 390 wide)

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/gloss-dev/gloss/storage/model"
)

// reviewSpan is a span of an annotator's layer: its text's first place
// in the article, trimmed by cut code points at each end.
type reviewSpan struct {
	text, label string
	cutStart    int
	cutEnd      int
	attrs       map[string]string
}

// reviewedPair makes ann and bea annotators and rev a reviewer, and an
// independent article titled title on which ann and bea submitted the
// layers the review tests read: agreed, disputed, partly and one-person
// candidates.
func (e *env) reviewedPair(title string) model.Article {
	e.t.Helper()
	e.join("ann", model.RoleAnnotator)
	e.join("bea", model.RoleAnnotator)
	e.join("rev", model.RoleReviewer)
	return e.independentArticle(title, map[string][]reviewSpan{
		"ann": {xiSpeaker, claimAnn, wangSpeaker, quoteFull, readMore},
		"bea": {xiSpeaker, claimBea, quoteInner, readMore},
	}, "ann", "bea")
}

// independentArticle makes the first project independent (2 annotators
// per article: ann and bea, rev reviewing), adds an article and stores
// each annotator's layer of it; submit names the layers submitted.
func (e *env) independentArticle(title string, layers map[string][]reviewSpan, submit ...string) model.Article {
	e.t.Helper()
	ps, err := e.db.Projects()
	if err != nil {
		e.t.Fatal(err)
	}
	if _, err := e.db.UpdateProject(ps[0].ID, func(p *model.Project) error {
		p.Mode = model.ModeIndependent
		p.AnnotatorsPerArticle = 2
		p.Annotators = []string{"ann", "bea"}
		return nil
	}); err != nil {
		e.t.Fatal(err)
	}
	art := e.addArticle(title, "../testdata/xi-putin-icc.txt")
	names := make([]string, 0, len(layers))
	for name := range layers {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		for _, s := range layers[name] {
			start, end := span(e.t, art.Text, s.text, s.text)
			start, end = start+s.cutStart, end-s.cutEnd
			label := s.label
			if _, err := e.db.Apply(art.ID, model.Change{Action: model.ActionCreate, Layer: name, Start: &start, End: &end, Label: &label, Attrs: s.attrs, Author: name}); err != nil {
				e.t.Fatal(err)
			}
		}
	}
	for _, name := range submit {
		if _, _, err := e.db.SubmitLayer(art.ID, name, 2); err != nil {
			e.t.Fatal(err)
		}
	}
	return art
}

// reviewKeyOf is the page's key of the candidate over text (cut as in reviewSpan).
func reviewKeyOf(t testing.TB, art model.Article, s reviewSpan) string {
	t.Helper()
	start, end := span(t, art.Text, s.text, s.text)
	return fmt.Sprintf("%d:%d:%s", start+s.cutStart, end-s.cutEnd, s.label)
}

// goldKeys returns gold's spans as "start:end:LABEL", sorted.
func (e *env) goldKeys(article uint64) []string {
	e.t.Helper()
	var out []string
	for _, a := range e.annotations(article) {
		out = append(out, fmt.Sprintf("%d:%d:%s", a.Start, a.End, a.Label))
	}
	sort.Strings(out)
	return out
}

// rejectedKeys returns the article's rejections as "start:end:LABEL".
func (e *env) rejectedKeys(article uint64) []string {
	e.t.Helper()
	rs, err := e.db.Rejections(article)
	if err != nil {
		e.t.Fatal(err)
	}
	var out []string
	for _, r := range rs {
		out = append(out, fmt.Sprintf("%d:%d:%s", r.Start, r.End, r.Label))
	}
	sort.Strings(out)
	return out
}

// reviewShots saves the page at 1280 and 390 wide (name, name-narrow),
// and goes back to 1280.
func (e *env) reviewShots(name string) {
	e.t.Helper()
	e.do(chromedp.EmulateViewport(1280, 820))
	e.shot(name)
	e.do(chromedp.EmulateViewport(390, 844))
	e.shot(name + "-narrow")
	e.do(chromedp.EmulateViewport(1280, 820))
}

// openReview opens article id's review page and waits for its candidates
// (or its empty state) to be drawn.
func (e *env) openReview(id uint64) {
	e.t.Helper()
	eval[chromedp.Void](e, fmt.Sprintf(`location.hash = '#/articles/%d/review'`, id))
	e.poll(fmt.Sprintf(`(() => { const s = gloss.store.get(); return s.article && s.article.id === %d && s.review && s.review.id === %d && !s.review.loading })()`, id, id))
	e.poll(`document.querySelector('#review-panel .rv-body').childElementCount > 0 || !document.getElementById('rv-notice').hidden`)
}

// current is the key of the candidate being decided.
func (e *env) current() string {
	e.t.Helper()
	return eval[string](e, `gloss.store.get().review.current || ''`)
}

var (
	xiSpeaker   = reviewSpan{text: "Chinese leader Xi Jinping", label: "SPEAKER"}
	claimAnn    = reviewSpan{text: claimText, label: "CLAIM", attrs: map[string]string{"verdict": "true"}}
	claimBea    = reviewSpan{text: claimText, label: "CLAIM", attrs: map[string]string{"verdict": "false"}}
	wangSpeaker = reviewSpan{text: "Wang Wenbin", label: "SPEAKER"}
	quoteFull   = reviewSpan{text: "“My upcoming visit to Russia will be a journey of friendship, cooperation and peace,”", label: "QUOTE"}
	quoteInner  = reviewSpan{text: "“My upcoming visit to Russia will be a journey of friendship, cooperation and peace,”", label: "QUOTE", cutStart: 1, cutEnd: 2}
	readMore    = reviewSpan{text: "Read more »", label: "BOILERPLATE"}
)

// TestAdjudicateKeyboard: ann and bea submitted their layers; rev opens
// the review page and sees the agreed, disputed and one-person candidates
// told apart (in the panel, in words, and in the text); j and a accept
// the claim, whose verdict they differ on (its popover opens to choose);
// Shift+A accepts the other agreed ones, j and a accept one version of
// the disputed quote, x
// rejects the other; Undo reject and Reject work from the panel; Mark
// reviewed locks the article. Gold holds exactly what was accepted.
func TestAdjudicateKeyboard(t *testing.T) {
	e := newEnv(t, envOptions{})
	art := e.reviewedPair("Xi to meet Putin after ICC warrant")
	key := func(s reviewSpan) string { return reviewKeyOf(t, art, s) }

	e.signIn("rev") // the test's own tab: nobody else needs one
	rev := e
	rev.openReview(art.ID)
	rev.poll(`document.querySelectorAll('#review-panel .rv-cand').length === 6`)

	// Each candidate says what it is, in words, with who marked it.
	cand := func(s reviewSpan) string { return fmt.Sprintf(`#review-panel .rv-cand[data-key="%s"]`, key(s)) }
	for _, c := range []struct {
		s          reviewSpan
		kind, word string
		who        string
	}{
		{xiSpeaker, "agreed", "Agreed", "ann, bea — 2 of 2"},
		{claimAnn, "agreed", "Agreed", "ann, bea — 2 of 2"},
		{readMore, "agreed", "Agreed", "ann, bea — 2 of 2"},
		{quoteFull, "disputed", "Disputed", "ann — 1 of 2"},
		{quoteInner, "disputed", "Disputed", "bea — 1 of 2"},
		{wangSpeaker, "one", "One person", "ann — 1 of 2"},
	} {
		sel := cand(c.s)
		if !eval[bool](rev, `document.querySelector(`+jsString(sel)+`).classList.contains('is-`+c.kind+`')`) {
			t.Errorf("%s is not shown as %s", key(c.s), c.kind)
		}
		if got := rev.text(sel + " .rv-kind"); !strings.Contains(got, c.word) {
			t.Errorf("%s says %q, want %q", key(c.s), got, c.word)
		}
		if got := rev.text(sel + " .rv-who"); got != c.who {
			t.Errorf("%s: who %q, want %q", key(c.s), got, c.who)
		}
	}
	// The two quotes are one group: the alternatives side by side.
	if n := eval[int](rev, `document.querySelectorAll('#review-panel .rv-group.is-disputed .rv-cand').length`); n != 2 {
		t.Errorf("the disputed group holds %d candidates, want 2", n)
	}
	if got := rev.text(cand(claimAnn) + " .rv-conflict"); !strings.Contains(got, "verdict: true (ann) · false (bea)") {
		t.Errorf("the claim's conflict says %q", got)
	}
	// And in the text: an underline per kind, dashed, wavy, dotted.
	rev.poll(`CSS.highlights.get('gloss-rv-agreed')?.size === 3 && CSS.highlights.get('gloss-rv-disputed')?.size === 2 && CSS.highlights.get('gloss-rv-some')?.size === 1`)
	if got := rev.text(`#review-panel [data-action="rv-agreed"]`); got != "Accept all agreed (3)" {
		t.Errorf("the button says %q", got)
	}
	// The keys are in the help.
	rev.do(chromedp.KeyEvent("?"))
	rev.poll(`!document.getElementById('help').hidden && !document.getElementById('help-review').hidden`)
	if got := rev.text("#help-review"); !strings.Contains(got, "accept every agreed candidate") || !strings.Contains(got, "next open candidate") {
		t.Errorf("the help says %q", got)
	}
	rev.do(chromedp.KeyEvent("?"))
	rev.poll(`document.getElementById('help').hidden`)
	// The pass starts at the first open candidate.
	rev.poll(`gloss.store.get().review.current === ` + jsString(key(xiSpeaker)))
	rev.reviewShots("review-page")

	// j to the claim, a accepts it: they differ on its verdict, so its
	// popover in gold opens to choose one.
	rev.do(chromedp.KeyEvent("j"))
	rev.poll(`gloss.store.get().review.current === ` + jsString(key(claimAnn)))
	rev.do(chromedp.KeyEvent("a"))
	rev.waitFor("the claim in gold", func() bool { return slices.Contains(e.goldKeys(art.ID), key(claimAnn)) })
	rev.poll(`!document.getElementById('popover').hidden && document.getElementById('attr-verdict') !== null`)
	if got := rev.text("#toast"); !strings.Contains(got, "verdict: true (ann) · false (bea): choose in the popover") {
		t.Errorf("the toast says %q", got)
	}
	rev.do(chromedp.KeyEvent(kb.Escape))
	rev.poll(`document.getElementById('popover').hidden`)

	// Shift+A: the other two agreed spans, by the server, live into gold.
	if got := rev.text(`#review-panel [data-action="rv-agreed"]`); got != "Accept all agreed (2)" {
		t.Errorf("the button says %q", got)
	}
	rev.do(chromedp.KeyEvent("A", chromedp.KeyModifiers(chromedp.ModifierShift)))
	rev.waitFor("the agreed spans in gold", func() bool { return len(e.annotations(art.ID)) == 3 })
	rev.poll(fmt.Sprintf(`document.querySelectorAll('#review-panel .rv-cand.st-accepted').length === 3`))
	for _, a := range e.annotations(art.ID) {
		if a.Author != "rev" {
			t.Errorf("gold %s by %q, want rev", a.Label, a.Author)
		}
		if v := a.Attrs["verdict"]; a.Label == "CLAIM" && (v == "true" || v == "false") {
			t.Errorf("the claim took a verdict they disagree on: %v", a.Attrs)
		}
	}
	rev.poll(`CSS.highlights.get('gloss-rv-agreed') === undefined`)
	rev.poll(`gloss.store.get().review.current === ` + jsString(key(wangSpeaker)))

	// j to ann's quote, a accepts it (an ordinary create: undoable), and
	// the next open one is bea's version of it: x rejects that.
	rev.do(chromedp.KeyEvent("j"))
	rev.poll(`gloss.store.get().review.current === ` + jsString(key(quoteFull)))
	rev.do(chromedp.KeyEvent("a"))
	rev.waitFor("ann's quote in gold", func() bool { return slices.Contains(e.goldKeys(art.ID), key(quoteFull)) })
	rev.poll(`gloss.store.get().review.current === ` + jsString(key(quoteInner)))
	if !eval[bool](rev, `gloss.store.get().canUndo`) {
		t.Error("accepting one is not undoable")
	}
	rev.do(chromedp.KeyEvent("x"))
	rev.waitFor("the rejection", func() bool { return slices.Equal(e.rejectedKeys(art.ID), []string{key(quoteInner)}) })
	rev.poll(`document.querySelector(` + jsString(cand(quoteInner)) + `).classList.contains('st-rejected')`)
	rev.poll(`gloss.store.get().review.current === ` + jsString(key(wangSpeaker)))

	// Undo reject from the panel, then Reject again.
	rev.click(cand(quoteInner) + ` [data-action="rv-unreject"]`)
	rev.waitFor("the rejection taken back", func() bool { return len(e.rejectedKeys(art.ID)) == 0 })
	rev.poll(`document.querySelector(` + jsString(cand(quoteInner)) + `).classList.contains('st-open')`)
	rev.click(cand(quoteInner) + ` [data-action="rv-reject"]`)
	rev.waitFor("the rejection again", func() bool { return slices.Equal(e.rejectedKeys(art.ID), []string{key(quoteInner)}) })
	rev.poll(`document.querySelector(` + jsString(cand(quoteInner)) + `).classList.contains('st-rejected')`)

	// Side by side: a row per annotator, and gold.
	rev.click(`#review-panel [data-action="rv-mode"][data-mode="layers"]`)
	rev.poll(`document.querySelectorAll('#review-panel .rv-side').length === 5`)
	if got := eval[[]string](rev, `[...document.querySelector('#review-panel .rv-side.is-disputed').querySelectorAll('.rv-row-name')].map((x) => x.textContent)`); strings.Join(got, ",") != "ann,bea,gold" {
		t.Errorf("the side-by-side rows are %v", got)
	}
	rev.reviewShots("review-side-by-side")
	rev.click(`#review-panel [data-action="rv-mode"][data-mode="merged"]`)

	// Mark reviewed, with Wang Wenbin still open: asked first, then the
	// article is locked for its annotators.
	rev.click(`#review-panel [data-action="rv-reviewed"]`)
	rev.poll(`/1 candidate is still open/.test(document.getElementById('toast').textContent)`)
	if a, _ := e.db.Article(art.ID); a.Status == model.StatusReviewed {
		t.Fatal("marked reviewed without asking, with a candidate open")
	}
	rev.click(`#toast [data-action="toast-action"]`)
	rev.waitFor("the article reviewed", func() bool {
		a, err := e.db.Article(art.ID)
		return err == nil && a.Status == model.StatusReviewed
	})
	rev.poll(`document.querySelector('#review-panel .rv-done') !== null`)

	want := []string{key(xiSpeaker), key(claimAnn), key(quoteFull), key(readMore)}
	sort.Strings(want)
	if got := e.goldKeys(art.ID); !slices.Equal(got, want) {
		t.Errorf("gold holds %v, want exactly %v", got, want)
	}
}

// TestAdjudicateEmptyStates: nothing submitted yet; an annotator at the
// review URL; a shared project.
func TestAdjudicateEmptyStates(t *testing.T) {
	e := newEnv(t, envOptions{})
	e.join("ann", model.RoleAnnotator)
	e.join("bea", model.RoleAnnotator)
	e.join("rev", model.RoleReviewer)
	shared, _, err := e.db.CreateArticle(model.Article{Title: "Shared article", Text: "Grain deal extended, Kyiv said.\nRead more »"})
	if err != nil {
		t.Fatal(err)
	}
	art := e.independentArticle("Xi to meet Putin after ICC warrant", map[string][]reviewSpan{"ann": {xiSpeaker}}, []string{}...)

	e.signIn("rev") // the test's own tab, until ann takes it over below
	rev := e
	rev.openReview(art.ID)
	rev.poll(`/0 of 2 submitted — nothing to review yet/.test(document.querySelector('#review-panel .rv-body').textContent)`)
	if got := rev.text("#review-panel .rv-waitlist"); got != "ann: in progress" {
		t.Errorf("the waiting list says %q", got)
	}
	rev.reviewShots("review-empty")

	bea := e.browserAs("bea")
	eval[chromedp.Void](bea, fmt.Sprintf(`location.hash = '#/articles/%d/review'`, art.ID))
	// The refusal names her role in the article's project once the
	// article is in too (the review's 403 may come first).
	bea.poll(fmt.Sprintf(`!document.getElementById('rv-notice')?.hidden && /Not for your role/.test(document.getElementById('rv-notice').textContent) && gloss.store.get().article?.id === %d`, art.ID))
	bea.settle()
	if got := bea.text("#rv-notice p"); got != "Reviewing is for the project’s reviewers, managers and admins. You are an annotator in Default." {
		t.Errorf("bea is told %q", got)
	}
	if bea.visible(".workspace") || bea.visible("#review-panel") {
		t.Error("the annotator sees the editor or the review panel under the refusal")
	}
	bea.shot("review-refused")

	// Back to shared: the page says what review needs.
	ps, err := e.db.Projects()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.db.UpdateProject(ps[0].ID, func(p *model.Project) error { p.Mode = model.ModeShared; return nil }); err != nil {
		t.Fatal(err)
	}
	e.login()
	e.openReview(shared.ID)
	e.poll(`/Review needs independent annotation/.test(document.querySelector('#review-panel .rv-body').textContent)`)
}
