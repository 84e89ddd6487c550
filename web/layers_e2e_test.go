package web_test

// Browser tests of independent annotation (issue 10): a manager switches
// the project to independent layers in Members & settings, annotators are
// handed articles, mark spans blind to each other and submit, and a
// reviewer follows the progress in the list, reopens a layer and marks the
// article reviewed.
//
//	GLOSS_SCREENSHOTS=/tmp/shots go test ./web/ -run Layers   also saves screenshots (1280 and 390 wide)

import (
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/gloss-dev/gloss/storage/model"
)

// layerOf returns name's layer of article id as stored (ok false: none).
func (e *env) layerOf(id uint64, name string) (model.Layer, bool) {
	e.t.Helper()
	ls, err := e.db.Layers(id)
	if err != nil {
		e.t.Fatal(err)
	}
	i := slices.IndexFunc(ls, func(l model.Layer) bool { return l.Name == name })
	if i < 0 {
		return model.Layer{}, false
	}
	return ls[i], true
}

// layerAnns returns the annotations of name's layer of article id.
func (e *env) layerAnns(id uint64, name string) []model.Annotation {
	e.t.Helper()
	as, err := e.db.Annotations(id, name)
	if err != nil {
		e.t.Fatal(err)
	}
	return as
}

// shots saves the page at 1280 and at 390 wide (name and name-narrow),
// then goes back to 1280. prep, when given, runs after each resize (e.g.
// scrolls what the screenshot is of into view).
func (e *env) shots(name string, prep ...string) {
	e.t.Helper()
	if os.Getenv("GLOSS_SCREENSHOTS") == "" {
		return // two resizes and a relayout each, for nothing
	}
	for _, size := range []struct {
		w, h   int64
		suffix string
	}{{1280, 820, ""}, {390, 844, "-narrow"}} {
		e.do(chromedp.EmulateViewport(size.w, size.h))
		for _, js := range prep {
			eval[chromedp.Void](e, js)
		}
		e.shot(name + size.suffix)
	}
	e.do(chromedp.EmulateViewport(1280, 820))
}

// focusTab tells the page its tab came to the front, as a person switching
// back to it does: it asks again how things stand.
func (e *env) focusTab() {
	e.t.Helper()
	eval[chromedp.Void](e, `window.dispatchEvent(new Event('focus'))`)
}

const (
	labelBtn = `#labels [data-action="label"]`
	lockedJS = `[...document.querySelectorAll('` + labelBtn + `')].every((b) => b.disabled)`
	upholdQ  = "“uphold an objective and impartial stance"
)

// TestLayersIndependent: the manager makes the project independent (k=2,
// ada and bea annotate) in the dialog; ada starts annotating, gets the
// article, marks a span and submits it, and can change nothing after; bea
// gets the same article and sees none of ada's work; the reviewer's list
// says 1 of 2 submitted, and the reviewer reopens ada's layer; ada
// submits again with Submit & next and is told nothing is left; bea
// submits, and the reviewer marks the article reviewed.
func TestLayersIndependent(t *testing.T) {
	e := newEnv(t, envOptions{})
	art := e.addArticle("Xi to meet Putin after ICC warrant", "../testdata/xi-putin-icc.txt")
	e.join("max", model.RoleManager)
	e.join("ada", model.RoleAnnotator)
	e.join("bea", model.RoleAnnotator)
	e.join("cal", model.RoleAnnotator)
	e.join("rex", model.RoleReviewer)
	row := fmt.Sprintf(`#rows tr[data-id="%d"]`, art.ID)

	// The manager: Members & settings, independently, k=2, ada and bea.
	e.signIn("max") // the test's own tab; the others each get a browser of their own
	mgr := e
	mgr.do(chromedp.EmulateViewport(1280, 820))
	mgr.click("#members-btn")
	mgr.poll(`document.querySelector('#members-list li[data-name="ada"]') && document.querySelector('[data-action="settings-mode"][value="shared"]').checked`)
	if mgr.visible("#settings-k") {
		t.Error("a shared project offers annotators per article")
	}
	mgr.click(`[data-action="settings-mode"][value="independent"]`)
	mgr.poll(`document.getElementById('settings-k') && document.getElementById('settings-k').value === '1'`)
	if mgr.visible("#edit-all") {
		t.Error("independent mode still offers 'annotators may edit everyone's annotations'")
	}
	if got := mgr.text(".ps-none"); !strings.Contains(got, "every member with the annotator role (now ada, bea, cal)") {
		t.Errorf("with none ticked the dialog says %q", got)
	}
	mgr.typeInto("#settings-k", "99")
	mgr.click(`[data-action="settings-annotator"][data-name="ada"]`)
	mgr.click(`[data-action="settings-annotator"][data-name="bea"]`)
	mgr.click("#members-save")
	mgr.poll(`/whole number from 1 to 50/.test(document.getElementById('members-msg').textContent)`)
	if ps, _ := e.db.Projects(); ps[0].Independent() {
		t.Fatal("a refused draft changed the mode")
	}
	mgr.typeInto("#settings-k", "2")
	mgr.poll(`document.getElementById('members-msg').hidden`)
	mgr.shots("layers-settings", `document.querySelector('#project-settings .ps-none').scrollIntoView({ block: 'center' })`)
	mgr.click("#members-save")
	mgr.poll(`document.getElementById('members').hidden`)
	ps, err := e.db.Projects()
	if err != nil {
		t.Fatal(err)
	}
	if p := ps[0]; !p.Independent() || p.K() != 2 || !slices.Equal(p.Annotators, []string{"ada", "bea"}) {
		t.Fatalf("the project: mode %q, k %d, annotators %v; want independent, 2, [ada bea]", p.Mode, p.K(), p.Annotators)
	}

	// Ada: Start annotating hands her the article.
	ada := e.browserAs("ada")
	ada.do(chromedp.EmulateViewport(1280, 820))
	ada.poll(`!document.getElementById('start-annotating').hidden && !document.getElementById('start-annotating').disabled && document.querySelector('` + row + `')`)
	if got := ada.text("#start-annotating"); got != "Start annotating" {
		t.Errorf("the button says %q", got)
	}
	if got := ada.text(row + " .c-status"); got != "Not started" {
		t.Errorf("ada's status in the list = %q, want Not started", got)
	}
	if ada.visible("#agreement-link") {
		t.Error("an annotator is offered Agreement")
	}
	ada.shots("layers-annotator-list")
	ada.click("#start-annotating")
	ada.poll(fmt.Sprintf(`gloss.store.get().article && gloss.store.get().article.id === %d`, art.ID))
	ada.waitLive()
	ada.poll(`document.getElementById('layer-status').textContent === 'Your layer · not started'`)
	if got := ada.text(`[data-action="done-next"]`); got != "Submit & next" {
		t.Errorf("Mark done & next says %q for an annotator of an independent project", got)
	}
	if ada.visible("#status") {
		t.Error("an annotator is shown the article's status select")
	}

	ada.selectWithMouse(upholdQ, upholdQ, false)
	ada.do(chromedp.KeyEvent("q"))
	e.waitFor("ada's QUOTE in her layer", func() bool { return len(e.layerAnns(art.ID, "ada")) == 1 })
	if n := len(e.annotations(art.ID)); n != 0 {
		t.Fatalf("ada's span went to gold too (%d there)", n)
	}
	ada.poll(`document.getElementById('layer-status').textContent === 'Your layer · in progress'`)

	// Submit asks first; Keep working keeps it open.
	ada.click("#submit-layer")
	ada.poll(`document.getElementById('submit-ask').open`)
	if got := ada.text("#submit-ask"); !strings.Contains(got, "Submit your annotations of this article? You cannot change them afterwards unless a reviewer reopens them.") || !strings.Contains(got, "You marked 1 span") {
		t.Errorf("the question says %q", got)
	}
	ada.shot("layers-submit-question")
	ada.click(`[data-action="submit-cancel"]`)
	ada.poll(`!document.getElementById('submit-ask').open`)
	if l, _ := e.layerOf(art.ID, "ada"); l.Status == model.LayerSubmitted {
		t.Fatal("Keep working submitted")
	}
	ada.click("#submit-layer")
	ada.poll(`document.getElementById('submit-ask').open`)
	ada.click("#submit-yes")
	e.waitFor("ada's layer submitted", func() bool { l, _ := e.layerOf(art.ID, "ada"); return l.Status == model.LayerSubmitted })
	ada.poll(`document.getElementById('layer-status').textContent === 'Submitted — locked' && ` + lockedJS)
	if got := ada.text("#layer-note"); !strings.Contains(got, "Read-only.") || !strings.Contains(got, "You submitted your annotations") {
		t.Errorf("the note over the text says %q", got)
	}
	if got := ada.text(`[data-action="done-next"]`); got != "Next article" {
		t.Errorf("after submitting, the button says %q", got)
	}

	// Locked: a label key on a selection is not even tried; the popover
	// of her span is greyed out, saying why.
	ada.selectWithMouse("Wang Wenbin", "Wang Wenbin", false)
	ada.do(chromedp.KeyEvent("s"))
	ada.poll(`/You submitted your annotations/.test(document.getElementById('toast').textContent)`)
	if n := eval[int](ada, `gloss.store.sorted().length + gloss.live.pending`); n != 1 {
		t.Errorf("a label key on a locked layer: %d annotations and pending changes in the page, want 1 and 0", n)
	}
	ada.do(chromedp.KeyEvent(kb.Escape))
	ada.openPopover(e.layerAnns(art.ID, "ada")[0])
	if !eval[bool](ada, `document.querySelector('#popover .label-select').disabled && document.querySelector('#popover [data-action="delete-ann"]').disabled`) {
		t.Error("the popover of a submitted span may be changed")
	}
	if got := ada.text("#popover .pop-perm"); !strings.Contains(got, "You submitted") {
		t.Errorf("the popover's note says %q", got)
	}
	ada.do(chromedp.KeyEvent(kb.Escape))
	ada.poll(`document.getElementById('popover').hidden`)
	eval[chromedp.Void](ada, `window.scrollTo(0, 0); gloss.store.set({ toast: null }, 'toast')`)
	ada.shots("layers-submitted")
	if n := len(e.layerAnns(art.ID, "ada")); n != 1 {
		t.Fatalf("ada's layer holds %d annotations, want 1", n)
	}

	// Bea gets the same article (k=2) and sees nothing of ada's.
	bea := e.browserAs("bea")
	bea.click("#start-annotating")
	bea.poll(fmt.Sprintf(`gloss.store.get().article && gloss.store.get().article.id === %d`, art.ID))
	bea.waitLive()
	bea.poll(`document.getElementById('layer-status').textContent === 'Your layer · not started'`)
	if n := eval[int](bea, `gloss.store.sorted().length`); n != 0 {
		t.Errorf("bea sees %d annotations, want none of ada's", n)
	}
	if got := eval[float64](bea, labelRanges); got != 0 {
		t.Errorf("bea's page paints %v highlights", got)
	}

	// Cal is an annotator but not chosen: nothing is handed to him.
	cal := e.browserAs("cal")
	cal.poll(`!document.getElementById('start-annotating').hidden`)
	if !eval[bool](cal, `document.getElementById('start-annotating').disabled`) || !strings.Contains(eval[string](cal, `document.getElementById('start-annotating').title`), "has not chosen you") {
		t.Error("an annotator not chosen may start annotating, or is not told why not")
	}

	// The reviewer's list: 1 of 2 submitted, Agreement, the statuses.
	rex := e.browserAs("rex")
	rex.do(chromedp.EmulateViewport(1280, 820))
	rex.poll(`document.querySelector('` + row + ` .progress') && /1 of 2 submitted/.test(document.querySelector('` + row + ` .progress').textContent)`)
	if got := eval[string](rex, `document.getElementById('agreement-link').getAttribute('href')`); got != fmt.Sprintf("#/projects/%d/agreement", ps[0].ID) || !rex.visible("#agreement-link") {
		t.Errorf("Agreement links to %q", got)
	}
	if got := eval[string](rex, `[...document.querySelectorAll('#status-filter option')].map((o) => o.value).join()`); got != ",new,in_progress,submitted,reviewed" {
		t.Errorf("the status filter offers %q", got)
	}
	if rex.visible(row + ` a[href$="/review"]`) {
		t.Error("Review is offered before the article is submitted")
	}
	rex.click(row + ` .row-menu summary`)
	rex.poll(`document.querySelector('` + row + ` .row-menu[open] [data-action="layer-reopen"][data-name="ada"]')`)
	if hash := eval[string](rex, `location.hash`); hash != "" && hash != "#/" {
		t.Errorf("opening the row's menu opened the article (%s)", hash)
	}
	rex.shots("layers-reviewer-list")

	// Rex reopens ada's layer; her editor takes it up when she comes back to it.
	rex.click(row + ` [data-action="layer-reopen"][data-name="ada"]`)
	e.waitFor("ada's layer reopened", func() bool { l, _ := e.layerOf(art.ID, "ada"); return l.Status == model.LayerInProgress })
	rex.poll(`/0 of 2 submitted/.test(document.querySelector('` + row + ` .progress').textContent)`)
	ada.focusTab()
	ada.poll(`document.getElementById('layer-status').textContent === 'Your layer · in progress' && !document.querySelector('` + labelBtn + `').disabled`)

	// Ctrl+Enter is Submit & next: asked, submitted, and nothing is left.
	ada.do(chromedp.KeyEvent(kb.Enter, chromedp.KeyModifiers(chromedp.ModifierCtrl)))
	ada.poll(`document.getElementById('submit-ask').open && document.getElementById('submit-yes').textContent === 'Submit & next'`)
	ada.click("#submit-yes")
	e.waitFor("ada's layer submitted again", func() bool { l, _ := e.layerOf(art.ID, "ada"); return l.Status == model.LayerSubmitted })
	ada.poll(`gloss.store.get().route.view === 'list' && /Nothing is left for you to annotate in Default: every article has its 2 annotators/.test(document.getElementById('toast').textContent)`)
	ada.poll(`document.querySelector('` + row + ` .c-status').textContent === 'Submitted'`)

	// Bea submits: 2 of 2, Review is offered, and rex marks it reviewed.
	bea.click("#submit-layer")
	bea.poll(`document.getElementById('submit-ask').open`)
	bea.click("#submit-yes")
	e.waitFor("the article submitted", func() bool { a, _ := e.db.Article(art.ID); return a.Status == model.StatusSubmitted })
	eval[chromedp.Void](rex, `gloss.refreshList()`)
	rex.poll(`/2 of 2 submitted/.test(document.querySelector('` + row + ` .progress').textContent) && document.querySelector('` + row + ` a[href="#/articles/` + fmt.Sprint(art.ID) + `/review"]')`)
	rex.click(row + ` .row-menu summary`)
	rex.click(row + ` [data-action="article-reviewed"]`)
	e.waitFor("the article reviewed", func() bool { a, _ := e.db.Article(art.ID); return a.Status == model.StatusReviewed })
	rex.poll(`document.querySelector('` + row + ` .c-status .badge').textContent === 'Reviewed'`)

	// Bea, still on it, is told it is reviewed once she looks again.
	bea.focusTab()
	bea.poll(`document.getElementById('layer-status').textContent === 'Reviewed — locked' && /marked this article reviewed/.test(document.getElementById('layer-note').textContent)`)

	// In the editor the reviewer sees the layers, and may reopen the article.
	rex.openArticle(art.ID)
	rex.poll(`document.querySelector('#layer-note [data-action="article-reopen"]') && /2 of 2 submitted/.test(document.getElementById('layer-note').textContent)`)
	if got := rex.text(`[data-action="done-next"]`); got != "Mark reviewed & next" {
		t.Errorf("the reviewer's button says %q", got)
	}
	if got := eval[string](rex, `[...document.getElementById('status').options].map((o) => o.value).join()`); got != "new,in_progress,submitted,reviewed" {
		t.Errorf("the reviewer's status select offers %q", got)
	}
	eval[chromedp.Void](rex, `gloss.store.set({ toast: null }, 'toast')`)
	rex.shots("layers-reviewer-editor")
	rex.click(`#layer-note [data-action="article-reopen"]`)
	e.waitFor("the article reopened", func() bool { a, _ := e.db.Article(art.ID); return a.Status == model.StatusSubmitted })
	rex.poll(`document.querySelector('#layer-note [data-action="article-reviewed"]') && document.getElementById('status').value === 'submitted'`)
}
