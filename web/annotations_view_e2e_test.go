package web_test

// Browser tests of the Annotations view (#/projects/ID/annotations) and of
// editing an article's details: a reviewer filters a project's
// annotations by label, attribute, author and text, opens one in its
// article, exports the selection; edits a .txt import's URL and title.
//
//	GLOSS_SCREENSHOTS=web/screenshots go test ./web/ -run 'AnnotationsView|ArticleDetails'   also saves annotations-view*.png and article-details*.png

import (
	"bufio"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/gloss-dev/gloss/storage/model"
)

// cafeText holds "café" written with a combining accent (e + U+0301): the
// view's text search, typed with a precomposed é, finds it.
const cafeText = "Negotiators met again at the cafe\u0301 Al Bidda in Doha on Friday, officials said. " +
	"The ceasefire would hold until the talks resume, a mediator told reporters. \"We are closer than ever,\" he said."

// seedBy stores an annotation of label by author over the first place
// text occurs in art.
func (e *env) seedBy(art model.Article, text, label, author string, attrs map[string]string) model.Annotation {
	e.t.Helper()
	start, end := span(e.t, art.Text, text, text)
	op, err := e.db.Apply(art.ID, model.Change{Action: model.ActionCreate, Start: &start, End: &end, Label: &label, Attrs: attrs, Author: author})
	if err != nil {
		e.t.Fatal(err)
	}
	return op.Annotation
}

// shownIDs are the annotation ids the view lists, in order.
func (e *env) shownIDs() []uint64 {
	e.t.Helper()
	return eval[[]uint64](e, `[...document.querySelectorAll('#annotations-view .av-hit')].map((li) => Number(li.dataset.id))`)
}

// showsExactly waits until the view lists exactly want (in the server's
// order: article, then start) and is done loading.
func (e *env) showsExactly(want []model.Annotation) {
	e.t.Helper()
	ids := make([]string, len(want))
	for i, a := range want {
		ids[i] = fmt.Sprint(a.ID)
	}
	js := fmt.Sprintf(`(() => { const V = gloss.store.get().annView; return V && !V.loading && [...document.querySelectorAll('#annotations-view .av-hit')].map((li) => li.dataset.id).join(',') === %s })()`, jsString(strings.Join(ids, ",")))
	if err := e.until(js, 15*time.Second); err != nil {
		e.t.Fatalf("the view lists %v, want %s; the hash is %s (%v)", e.shownIDs(), ids, eval[string](e, `location.hash`), err)
	}
}

// viewTeam is a project with two articles and annotations of ann (the
// admin) and rev (a reviewer): CLAIMs with each verdict, QUOTEs by Wang
// Wenbin and by Xi, and a QUOTE over a decomposed "café". The second
// article is like a .txt import: no URL.
func viewTeam(t *testing.T) (*env, model.Project, []model.Article, map[string]model.Annotation) {
	e := newEnv(t, envOptions{})
	xi := e.addArticle("Xi to meet Putin after ICC warrant", "../testdata/xi-putin-icc.txt")
	cafe, _, err := e.db.CreateArticle(model.Article{Title: "Ceasefire talks to resume in Doha", Source: "doha-talks.txt", Text: cafeText})
	if err != nil {
		t.Fatal(err)
	}
	e.join("rev", model.RoleReviewer)
	e.join("bea", model.RoleAnnotator)
	ps, err := e.db.Projects()
	if err != nil {
		t.Fatal(err)
	}
	A := map[string]model.Annotation{
		"claim-icc":       e.seedBy(xi, "the International Criminal Court charged him with war crimes in Ukraine", "CLAIM", "ann", map[string]string{"verdict": "true", "checkworthy": "yes"}),
		"claim-nolimits":  e.seedBy(xi, "Xi and Putin declared they had a “no-limits friendship”", "CLAIM", "rev", map[string]string{"verdict": "unverified", "checkworthy": "yes"}),
		"claim-neutral":   e.seedBy(xi, "China has tried to portray itself as neutral", "CLAIM", "ann", map[string]string{"verdict": "misleading"}),
		"claim-ceasefire": e.seedBy(xi, "Beijing called for a cease-fire last month", "CLAIM", "rev", map[string]string{"verdict": "unverified"}),
		"quote-uphold":    e.seedBy(xi, "“uphold an objective and impartial stance", "QUOTE", "rev", map[string]string{"speaker": "Wang Wenbin"}),
		"quote-avoid":     e.seedBy(xi, "“avoid politicization and double standards,”", "QUOTE", "ann", map[string]string{"speaker": "Wang Wenbin"}),
		"speaker-wang":    e.seedBy(xi, "Wang Wenbin", "SPEAKER", "ann", nil),
		"claim-doha":      e.seedBy(cafe, "The ceasefire would hold until the talks resume", "CLAIM", "rev", map[string]string{"verdict": "unverified"}),
		"quote-cafe":      e.seedBy(cafe, "Negotiators met again at the cafe\u0301 Al Bidda", "QUOTE", "ann", map[string]string{"speaker": "officials"}),
		"quote-closer":    e.seedBy(cafe, "\"We are closer than ever,\"", "QUOTE", "rev", map[string]string{"speaker": "a mediator"}),
	}
	return e, ps[0], []model.Article{xi, cafe}, A
}

// TestAnnotationsView: from the list's Annotations link, a reviewer sees
// every annotation of the project; CLAIM with verdict unverified lists
// exactly those (the hash keeps the filters: a reload shows the same);
// QUOTE by Wang Wenbin (the speaker typed); "café" typed finds the
// decomposed one, and a click opens its article with it selected; the
// export of a selection holds exactly its spans and their articles.
func TestAnnotationsView(t *testing.T) {
	e, p, arts, A := viewTeam(t)
	e.signIn("rev")
	e.poll(`!document.getElementById('annotations-link').hidden`)
	if got, want := eval[string](e, `document.getElementById('annotations-link').getAttribute('href')`), fmt.Sprintf("#/projects/%d/annotations", p.ID); got != want {
		t.Fatalf("the list's Annotations link goes to %q, want %q", got, want)
	}
	e.click("#annotations-link")
	e.poll(`!document.getElementById('annotations-view')?.hidden`)
	var all []model.Annotation
	for _, a := range arts {
		all = append(all, e.annotations(a.ID)...)
	}
	e.showsExactly(all)
	if got := e.text("#av-count"); got != fmt.Sprintf("%d annotations in this project.", len(all)) {
		t.Errorf("the count says %q", got)
	}
	if role := eval[string](e, `document.getElementById('av-count').getAttribute('role')`); role != "status" {
		t.Errorf("the count is no live region (role %q)", role)
	}
	// Every control is labelled.
	if unlabelled := eval[[]string](e, `[...document.querySelectorAll('#annotations-view input, #annotations-view select')].filter((el) => !el.closest('label') && !el.labels?.length && !el.getAttribute('aria-label')).map((el) => el.outerHTML)`); len(unlabelled) > 0 {
		t.Errorf("controls without a label: %v", unlabelled)
	}

	// CLAIM with verdict unverified.
	e.pick("#av-label", "CLAIM")
	e.poll(`document.querySelector('#annotations-view [data-action="av-attr-enum"][data-name="verdict"][value="unverified"]')`)
	e.click(`#annotations-view [data-action="av-attr-enum"][data-name="verdict"][value="unverified"]`)
	unverified := []model.Annotation{A["claim-nolimits"], A["claim-ceasefire"], A["claim-doha"]}
	e.showsExactly(unverified)
	if got, want := eval[string](e, `location.hash`), fmt.Sprintf("#/projects/%d/annotations?label=CLAIM&attr.verdict=unverified", p.ID); got != want {
		t.Errorf("the hash is %q, want %q", got, want)
	}
	if got := e.text("#av-count"); got != "3 annotations: CLAIM with verdict “unverified”." {
		t.Errorf("the count says %q", got)
	}
	// Each result: the span marked in its sentence, label, attributes,
	// article and author.
	first := fmt.Sprintf(`#annotations-view .av-hit[data-id="%d"]`, A["claim-nolimits"].ID)
	if got := e.text(first + " mark"); got != A["claim-nolimits"].Text {
		t.Errorf("the span shown is %q, want %q", got, A["claim-nolimits"].Text)
	}
	if got := e.text(first + " .av-context"); !strings.Contains(got, "government gave no details") && !strings.HasPrefix(got, "Xi and Putin") {
		t.Errorf("the context is %q", got)
	}
	if got := e.text(first + " .av-after"); !strings.HasPrefix(got, " before the February 2022 attack on Ukraine") {
		t.Errorf("the text after the span is %q", got)
	}
	for sel, want := range map[string]string{".av-label": "CLAIM", ".av-title": arts[0].Title, ".av-author": "by rev", ".av-attr-list": "checkworthy: yes · verdict: unverified"} {
		if got := e.text(first + " " + sel); got != want {
			t.Errorf("%s of the first result is %q, want %q", sel, got, want)
		}
	}
	e.shotAt("annotations-view", 1280, 900)
	e.shotAt("annotations-view-narrow", 390, 1400)

	// A link to the view shows the same selection.
	e.do(chromedp.Reload())
	e.poll(`window.gloss && gloss.store.get().annView && !gloss.store.get().annView.loading`)
	e.showsExactly(unverified)
	if !eval[bool](e, `document.querySelector('#annotations-view [data-action="av-attr-enum"][value="unverified"]').checked && document.getElementById('av-label').value === 'CLAIM'`) {
		t.Error("after a reload the filters do not show CLAIM, unverified")
	}
	// Two verdicts: either.
	e.click(`#annotations-view [data-action="av-attr-enum"][data-name="verdict"][value="misleading"]`)
	e.showsExactly([]model.Annotation{A["claim-nolimits"], A["claim-neutral"], A["claim-ceasefire"], A["claim-doha"]})

	// The export of the selection: exactly those spans, and their articles.
	e.pick(`#annotations-view [data-action="av-format"]`, "jsonl")
	if got := e.text("#av-export-note"); got != "The file holds exactly these 4 annotations and their 2 articles." {
		t.Errorf("the export says %q", got)
	}
	e.click(`#annotations-view [data-action="av-export"]`)
	e.poll(`document.getElementById('av-download').getAttribute('href')`)
	href := eval[string](e, `document.getElementById('av-download').getAttribute('href')`)
	if !strings.Contains(href, "annotation_ids=") || !strings.Contains(href, "format=jsonl") {
		t.Errorf("the export link is %q", href)
	}
	checkExport(t, e, href, []model.Annotation{A["claim-nolimits"], A["claim-neutral"], A["claim-ceasefire"], A["claim-doha"]})

	// QUOTE by Wang Wenbin: the speaker typed, offered from what was seen.
	e.pick("#av-label", "QUOTE")
	e.poll(`document.querySelector('#annotations-view [data-action="av-attr-text"][data-name="speaker"]')`)
	e.showsExactly([]model.Annotation{A["quote-uphold"], A["quote-avoid"], A["quote-cafe"], A["quote-closer"]})
	if got := eval[string](e, `location.hash`); got != fmt.Sprintf("#/projects/%d/annotations?label=QUOTE", p.ID) {
		t.Errorf("a new label keeps the old one's attributes: %q", got)
	}
	if opts := eval[[]string](e, `[...document.querySelectorAll('#annotations-view datalist[data-name="speaker"] option')].map((o) => o.value)`); !slices.Equal(opts, []string{"Wang Wenbin", "a mediator", "officials"}) {
		t.Errorf("the speaker field offers %v", opts)
	}
	e.typeInto(`#annotations-view [data-action="av-attr-text"][data-name="speaker"]`, "Wang Wenbin")
	e.showsExactly([]model.Annotation{A["quote-uphold"], A["quote-avoid"]})
	if got, want := eval[string](e, `location.hash`), fmt.Sprintf("#/projects/%d/annotations?label=QUOTE&attr.speaker=Wang+Wenbin", p.ID); got != want {
		t.Errorf("the hash is %q, want %q", got, want)
	}
	// By author too.
	e.typeInto("#av-author", "ann")
	e.do(chromedp.KeyEvent(kb.Enter)) // Enter applies at once
	e.showsExactly([]model.Annotation{A["quote-avoid"]})
	if got := e.text("#av-count"); got != "1 annotation: QUOTE with speaker “Wang Wenbin”, by ann." {
		t.Errorf("the count says %q", got)
	}

	// Nothing matches: said, with a way out.
	e.typeInto("#av-q", "zzzz")
	e.poll(`/No annotation matches these filters/.test(document.querySelector('#annotations-view .av-empty').textContent)`)
	if got := e.text("#av-count"); !strings.HasPrefix(got, "No annotations match: QUOTE with speaker") {
		t.Errorf("the count says %q", got)
	}
	if eval[bool](e, `!document.querySelector('#annotations-view [data-action="av-export"]').disabled`) {
		t.Error("Export is offered for nothing")
	}
	e.click(`#annotations-view .av-empty [data-action="av-clear"]`)
	e.showsExactly(all)
	if got := eval[string](e, `location.hash`); got != fmt.Sprintf("#/projects/%d/annotations", p.ID) {
		t.Errorf("after Clear filters the hash is %q", got)
	}

	// "café", typed with a precomposed é, finds the QUOTE over
	// "cafe\u0301" (NFC and case-folded on the server).
	e.typeInto("#av-q", "CAFÉ")
	e.showsExactly([]model.Annotation{A["quote-cafe"]})
	if got := e.text("#annotations-view .av-hit mark"); got != A["quote-cafe"].Text {
		t.Errorf("the span shown is %q, want %q", got, A["quote-cafe"].Text)
	}
	e.shotAt("annotations-view-search", 1280, 700)

	// A click on the result opens the article with it selected.
	e.click(`#annotations-view .av-hit .av-context`)
	e.poll(fmt.Sprintf(`(() => { const s = gloss.store.get(); return s.route.view === 'article' && s.article && s.article.id === %d && s.selectedId === %d && !document.getElementById('popover').hidden })()`, arts[1].ID, A["quote-cafe"].ID))
	if got, want := eval[string](e, `location.hash`), fmt.Sprintf("#/articles/%d?annotation=%d", arts[1].ID, A["quote-cafe"].ID); got != want {
		t.Errorf("the article's hash is %q, want %q", got, want)
	}
	// Back: the view as it was.
	eval[chromedp.Void](e, `history.back()`)
	e.poll(`gloss.store.get().route.view === 'annotations'`)
	e.showsExactly([]model.Annotation{A["quote-cafe"]})
	if got := eval[string](e, `document.getElementById('av-q').value`); got != "CAFÉ" {
		t.Errorf("back in the view, the text field holds %q", got)
	}

	// An article opened by a link to one of its annotations, in another
	// article than the open one, by keyboard: Enter on the focused link.
	e.typeInto("#av-q", "uphold")
	e.showsExactly([]model.Annotation{A["quote-uphold"]})
	eval[chromedp.Void](e, `document.querySelector('#annotations-view .av-hit .av-context').focus()`)
	e.do(chromedp.KeyEvent(kb.Enter))
	e.poll(fmt.Sprintf(`gloss.store.get().selectedId === %d && gloss.store.get().article.id === %d`, A["quote-uphold"].ID, arts[0].ID))
	// Visible on screen, below the bars.
	if !eval[bool](e, fmt.Sprintf(`new Promise((r) => setTimeout(r, 600)).then(() => { const b = gloss.renderer.view.liveRange(%d, %d).getBoundingClientRect(); return b.top > 100 && b.bottom < innerHeight })`, A["quote-uphold"].Start, A["quote-uphold"].End)) {
		t.Error("the annotation opened is not scrolled into view")
	}
}

// checkExport fetches the export at href in e's page and checks that its
// JSONL holds exactly want's spans, and only their articles.
func checkExport(t *testing.T, e *env, href string, want []model.Annotation) {
	t.Helper()
	body := eval[string](e, fmt.Sprintf(`fetch(%s).then((r) => r.ok ? r.text() : r.text().then((s) => { throw new Error(r.status + ' ' + s) }))`, jsString(href)))
	var gotIDs []uint64
	arts := map[uint64]bool{}
	sc := bufio.NewScanner(strings.NewReader(body))
	sc.Buffer(nil, 1<<24)
	for sc.Scan() {
		var rec struct {
			ID          uint64
			Annotations []struct{ ID uint64 }
		}
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			t.Fatalf("the export's line %q: %v", sc.Text(), err)
		}
		arts[rec.ID] = true
		for _, a := range rec.Annotations {
			gotIDs = append(gotIDs, a.ID)
		}
	}
	wantArts := map[uint64]bool{}
	var wantIDs []uint64
	for _, a := range want {
		wantIDs = append(wantIDs, a.ID)
		wantArts[a.Article] = true
	}
	slices.Sort(gotIDs)
	slices.Sort(wantIDs)
	if !slices.Equal(gotIDs, wantIDs) {
		t.Errorf("the export holds spans %v, want %v", gotIDs, wantIDs)
	}
	if len(arts) != len(wantArts) {
		t.Errorf("the export holds articles %v, want %v", arts, wantArts)
	}
}

// TestAnnotationsViewExportByFilters: over 500 annotations the export
// goes by the same filters; an annotator sees the view, without Export.
func TestAnnotationsViewExportByFilters(t *testing.T) {
	e := newEnv(t, envOptions{})
	var b strings.Builder
	for i := range 260 {
		fmt.Fprintf(&b, "Claim number %d is here. ", i)
	}
	art, _, err := e.db.CreateArticle(model.Article{Title: "Many claims", Source: "many.txt", Text: b.String()})
	if err != nil {
		t.Fatal(err)
	}
	other, _, err := e.db.CreateArticle(model.Article{Title: "No claims", Source: "none.txt", Text: "Nothing to see."})
	if err != nil {
		t.Fatal(err)
	}
	for i := range 260 {
		for j, v := range []string{"unverified", "false"} {
			text := fmt.Sprintf("Claim number %d", i)
			start, end := span(t, art.Text, text+" ", text)
			if j == 1 {
				end = start + 5 // "Claim"
			}
			label := "CLAIM"
			if _, err := e.db.Apply(art.ID, model.Change{Action: model.ActionCreate, Start: &start, End: &end, Label: &label, Attrs: map[string]string{"verdict": v}, Author: testUser}); err != nil {
				t.Fatal(err)
			}
		}
	}
	ps, _ := e.db.Projects()
	e.join("bea", model.RoleAnnotator)
	e.login()
	eval[chromedp.Void](e, fmt.Sprintf(`location.hash = '#/projects/%d/annotations?label=CLAIM'`, ps[0].ID))
	e.poll(`gloss.store.get().annView && gloss.store.get().annView.total === 520 && !gloss.store.get().annView.loading`)
	e.poll(`document.querySelectorAll('#annotations-view .av-hit').length === 50`)
	if got := e.text("#annotations-view .av-more button"); got != "Load 50 more" {
		t.Errorf("the Load more button says %q", got)
	}
	e.click("#annotations-view .av-more button")
	e.poll(`document.querySelectorAll('#annotations-view .av-hit').length === 100`)
	if got := e.text("#av-count"); got != "520 annotations: CLAIM. Showing 100." {
		t.Errorf("the count says %q", got)
	}
	e.click(`#annotations-view [data-action="av-export"]`)
	e.poll(`document.getElementById('av-download').getAttribute('href')`)
	href := eval[string](e, `document.getElementById('av-download').getAttribute('href')`)
	if want := fmt.Sprintf("/api/export?format=jsonl&project=%d&labels=CLAIM", ps[0].ID); href != want {
		t.Errorf("the export link is %q, want %q", href, want)
	}
	if got := e.text("#av-export-note"); !strings.Contains(got, "every article of the project") {
		t.Errorf("the export says %q", got)
	}
	// By the filters: every CLAIM, and the article without any comes along empty.
	counts := eval[[]int](e, fmt.Sprintf(`fetch(%s).then((r) => r.text()).then((s) => { const recs = s.trim().split('\n').map((l) => JSON.parse(l)); return [recs.length, recs.reduce((n, r) => n + r.annotations.length, 0), recs.filter((r) => r.id === %d && r.annotations.length === 0).length] })`, jsString(href), other.ID))
	if !slices.Equal(counts, []int{2, 520, 1}) {
		t.Errorf("the export by filters holds [articles, spans, empty other article] %v, want [2 520 1]", counts)
	}
	// 260 of the selection, by the filters: all of the article's CLAIMs
	// with verdict false, and the article without any comes along empty.
	e.click(`#annotations-view [data-action="av-attr-enum"][value="false"]`)
	e.poll(`gloss.store.get().annView.total === 260 && !gloss.store.get().annView.loading`)
	e.click(`#annotations-view [data-action="av-export"]`)
	e.poll(`/annotation_ids=/.test(document.getElementById('av-download').getAttribute('href'))`)
	href = eval[string](e, `document.getElementById('av-download').getAttribute('href')`)
	var want []model.Annotation
	for _, a := range e.annotations(art.ID) {
		if a.Attrs["verdict"] == "false" {
			want = append(want, a)
		}
	}
	checkExport(t, e, href, want)

	// A text filter over 500: no export, and why.
	e.click(`#annotations-view [data-action="av-attr-enum"][value="false"]`)
	e.typeInto("#av-q", "claim")
	e.poll(`gloss.store.get().annView.filters.q === 'claim' && gloss.store.get().annView.total === 520 && !gloss.store.get().annView.loading`)
	e.poll(`document.querySelector('#annotations-view [data-action="av-export"]').disabled`)
	if got := e.text("#av-export-note"); !strings.Contains(got, "cannot search the text") {
		t.Errorf("the export says %q", got)
	}

	// An annotator: the view, no Export.
	bea := e.browserAs("bea")
	eval[chromedp.Void](bea, fmt.Sprintf(`location.hash = '#/projects/%d/annotations?label=CLAIM&attr.verdict=false'`, ps[0].ID))
	bea.poll(`gloss.store.get().annView && gloss.store.get().annView.total === 260`)
	if bea.visible(`#annotations-view [data-action="av-export"]`) {
		t.Error("an annotator is offered Export")
	}
	// A project that is not theirs.
	eval[chromedp.Void](bea, fmt.Sprintf(`location.hash = '#/projects/%d/annotations'`, ps[0].ID+100))
	bea.poll(`/No such project/.test(document.querySelector('#annotations-view .av-empty').textContent)`)
	// A link with a filter the server refuses: its words, and Try again.
	eval[chromedp.Void](bea, fmt.Sprintf(`location.hash = '#/projects/%d/annotations?status=bogus'`, ps[0].ID))
	bea.poll(`/could not be loaded: unknown status/.test(document.querySelector('#annotations-view .av-error')?.textContent || '')`)
	if got := bea.text("#av-count"); got != "The annotations could not be loaded." {
		t.Errorf("the count says %q", got)
	}
	bea.pick("#av-status", "")
	bea.poll(`gloss.store.get().annView.total === 520 && document.querySelectorAll('#annotations-view .av-hit').length === 50 && !document.querySelector('#annotations-view .av-error')`)
}

// TestArticleDetails: a reviewer gives a .txt import its URL and a new
// title in the Edit details dialog (a bad URL refused in the dialog
// first); the header shows them, and who edited them; storage has them.
// An annotator is not offered the dialog, and the API refuses them.
func TestArticleDetails(t *testing.T) {
	e, _, arts, A := viewTeam(t)
	art, quote := arts[1], A["quote-cafe"]
	e.signIn("rev")
	e.openArticle(art.ID)
	e.poll(`document.querySelector('#art-head .byline .art-edit') && !document.querySelector('#art-head .art-edit').hidden`)
	if e.visible("#art-head .art-edited") {
		t.Error("edited by whom, before anyone did")
	}
	e.click("#art-head .art-edit")
	e.poll(`document.getElementById('details-dialog').open`)
	if !eval[bool](e, `document.activeElement === document.querySelector('#details-dialog [name="title"]')`) {
		t.Error("the focus is not in the title field")
	}
	for name, want := range map[string]string{"title": art.Title, "source": "doha-talks.txt", "url": "", "published": ""} {
		if got := eval[string](e, `document.querySelector('#details-dialog [name="`+name+`"]').value`); got != want {
			t.Errorf("the dialog's %s is %q, want %q", name, got, want)
		}
	}
	e.shotAt("article-details", 1280, 800)

	// Not a web address: refused in the dialog, nothing stored.
	e.typeInto(`#details-dialog [name="url"]`, "www.example.org/doha")
	e.click(`#details-dialog button[type="submit"]`)
	e.poll(`/http:\/\/ or https:\/\//.test(document.querySelector('#details-dialog .form-msg').textContent) && !document.querySelector('#details-dialog .form-msg').hidden`)
	if got := eval[string](e, `document.querySelector('#details-dialog [name="url"]').getAttribute('aria-invalid')`); got != "true" {
		t.Errorf("the URL field is not marked invalid: %q", got)
	}
	// The server's own refusal shows there too (a date it will not take).
	e.typeInto(`#details-dialog [name="url"]`, "https://example.org/doha-talks")
	eval[chromedp.Void](e, `(() => { const d = document.querySelector('#details-dialog [name="published"]'); d.type = 'text'; d.value = '2026-02-31' })()`)
	e.click(`#details-dialog button[type="submit"]`)
	e.poll(`/published must be a date/.test(document.querySelector('#details-dialog .form-msg').textContent)`)
	if a, err := e.db.Article(art.ID); err != nil || a.URL != "" || a.UpdatedBy != "" {
		t.Fatalf("after refusals the article is %+v (%v)", a, err)
	}
	e.shotAt("article-details-error", 390, 844)
	eval[chromedp.Void](e, `(() => { const d = document.querySelector('#details-dialog [name="published"]'); d.value = ''; d.type = 'date'; d.value = '2026-03-06' })()`)
	e.typeInto(`#details-dialog [name="title"]`, "Ceasefire talks resume in Doha")
	e.click(`#details-dialog button[type="submit"]`)
	e.poll(`!document.getElementById('details-dialog').open`)

	a, err := e.db.Article(art.ID)
	if err != nil {
		t.Fatal(err)
	}
	if a.URL != "https://example.org/doha-talks" || a.Title != "Ceasefire talks resume in Doha" || a.Published != "2026-03-06" || a.Source != "doha-talks.txt" || a.UpdatedBy != "rev" {
		t.Errorf("stored: url %q, title %q, published %q, source %q, by %q", a.URL, a.Title, a.Published, a.Source, a.UpdatedBy)
	}
	if a.Text != art.Text {
		t.Error("the text changed")
	}
	// The header: the new title, the link to the page, who edited.
	e.poll(`document.querySelector('#art-head h1').textContent === 'Ceasefire talks resume in Doha'`)
	if got := eval[string](e, `document.querySelector('#art-head .byline a[href]')?.href || ''`); got != "https://example.org/doha-talks" {
		t.Errorf("the byline links to %q", got)
	}
	if got := e.text("#art-head .art-edited"); !strings.HasPrefix(got, "Details edited by rev, ") {
		t.Errorf("the byline says %q", got)
	}
	if got := e.text("#crumb .cur"); got != "Ceasefire talks resume in Doha" {
		t.Errorf("the breadcrumb says %q", got)
	}
	if !eval[bool](e, `document.activeElement === document.querySelector('#art-head .art-edit')`) {
		t.Error("after Save the focus is not back on Edit details")
	}
	e.shotAt("article-details-saved", 1280, 500)
	e.shotAt("article-details-narrow", 390, 700)

	// Escape closes the dialog without saving; the annotation stays selected.
	eval[chromedp.Void](e, fmt.Sprintf(`gloss.store.select(%d)`, quote.ID))
	e.click("#art-head .art-edit")
	e.poll(`document.getElementById('details-dialog').open`)
	e.typeInto(`#details-dialog [name="source"]`, "changed")
	e.do(chromedp.KeyEvent(kb.Escape))
	e.poll(`!document.getElementById('details-dialog').open`)
	if a, _ := e.db.Article(art.ID); a.Source != "doha-talks.txt" {
		t.Errorf("Escape saved the source: %q", a.Source)
	}
	if got := eval[int](e, `gloss.store.get().selectedId`); got != int(quote.ID) {
		t.Errorf("after Escape the selected annotation is %d, want %d", got, quote.ID)
	}

	// A reload shows who edited them (the server keeps it).
	e.do(chromedp.Reload())
	e.poll(`/Details edited by rev/.test(document.querySelector('#art-head .art-edited')?.textContent || '')`)

	// An annotator sees who edited, and no Edit details; the API refuses.
	bea := e.browserAs("bea")
	bea.openArticle(art.ID)
	bea.poll(`/Details edited by rev/.test(document.querySelector('#art-head .art-edited')?.textContent || '')`)
	if bea.visible("#art-head .art-edit") {
		t.Error("an annotator is offered Edit details")
	}
	if st := bea.api("PATCH", fmt.Sprintf("/api/articles/%d", art.ID), `{"url":"https://example.org/other"}`); st != 403 {
		t.Errorf("an annotator's PATCH: %d, want 403", st)
	}
}
