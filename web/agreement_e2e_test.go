package web_test

// Browser tests of the Agreement page (#/projects/ID/agreement): a
// reviewer reads the figures the API computes, finds the article where a
// pair disagrees most, and an annotator is refused in words.
//
//	GLOSS_SCREENSHOTS=web/screenshots go test ./web/ -run Agreement   also saves agreement*.png

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/gloss-dev/gloss/storage/model"
)

// agreementReport is the part of GET /api/projects/:id/agreement the test reads.
type agreementReport struct {
	Pairs []struct {
		A, B, Label     string
		Articles, Units int
		Kappa           *float64
		F1Exact         *float64 `json:"f1_exact"`
		F1Overlap       *float64 `json:"f1_overlap"`
	}
	Labels []struct {
		Label string
		Alpha *float64
	}
	Annotators []string
	Submitted  int
}

// disagreement is one article of GET .../agreement/articles.
type disagreement struct {
	Article  uint64
	Title    string
	Units    int
	Disagree int
}

// independent switches the first project to independent mode, k = 2.
func (e *env) independent() model.Project {
	e.t.Helper()
	ps, err := e.db.Projects()
	if err != nil {
		e.t.Fatal(err)
	}
	p, err := e.db.UpdateProject(ps[0].ID, func(p *model.Project) error {
		p.Mode = model.ModeIndependent
		p.AnnotatorsPerArticle = 2
		return nil
	})
	if err != nil {
		e.t.Fatal(err)
	}
	return p
}

// layerSpan is one annotation of an annotator's layer, in code points.
type layerSpan struct {
	start, end int
	label      string
}

// submit writes who's layer of an article (their spans) and submits it.
func (e *env) submit(article uint64, who string, spans ...layerSpan) {
	e.t.Helper()
	for _, s := range spans {
		start, end, label := s.start, s.end, s.label
		if _, err := e.db.Apply(article, model.Change{Action: model.ActionCreate, Layer: who, Start: &start, End: &end, Label: &label, Author: who}); err != nil {
			e.t.Fatalf("%s's %s %d-%d: %v", who, label, start, end, err)
		}
	}
	if _, _, err := e.db.SubmitLayer(article, who, 2); err != nil {
		e.t.Fatalf("%s submits %d: %v", who, article, err)
	}
}

// getJSON fetches path in e's page (its session) into T.
func getJSON[T any](e *env, path string) T {
	e.t.Helper()
	return eval[T](e, fmt.Sprintf(`fetch(%s, { credentials: 'same-origin' }).then((r) => r.ok ? r.json() : r.text().then((t) => { throw new Error(r.status + ' ' + t) }))`, jsString(path)))
}

// openAgreement goes to project id's Agreement page.
func (e *env) openAgreement(id uint64) {
	e.t.Helper()
	eval[chromedp.Void](e, fmt.Sprintf(`location.hash = '#/projects/%d/agreement'`, id))
	e.poll(`!document.getElementById('agreement-view')?.hidden`)
}

// shown is a figure as the page prints it.
func shown(v *float64) string {
	if v == nil {
		return "–"
	}
	s := fmt.Sprintf("%.2f", *v)
	if s == "-0.00" {
		return "0.00"
	}
	return strings.Replace(s, "-", "−", 1)
}

// cellSel is the heatmap cell of row × col for label.
func cellSel(label, row, col string) string {
	return fmt.Sprintf(`#agreement-view [data-action="ag-cell"][data-label=%q][data-row=%q][data-col=%q]`, label, row, col)
}

// agreementTeam is a reviewer (rev) and three annotators (bea, cy, dov)
// in an independent project of three articles, each submitted by all
// three. On CLAIM, bea and cy differ on 20 code points of the third
// article, 10 of the first and none of the second.
func agreementTeam(t *testing.T) (*env, model.Project, []model.Article) {
	e := newEnv(t, envOptions{})
	arts := []model.Article{
		e.addArticle("Xi to meet Putin after ICC warrant", "../testdata/xi-putin-icc.txt"),
		e.addArticle("Flags, emoji and scripts", "../testdata/multilingual.txt"),
	}
	a, _, err := e.db.CreateArticle(model.Article{Title: "Ceasefire talks to resume on Friday", Source: "wire", Text: "Officials said the ceasefire would hold until Friday, when the talks resume in Doha."})
	if err != nil {
		t.Fatal(err)
	}
	arts = append(arts, a)
	e.join("rev", model.RoleReviewer)
	for _, n := range []string{"bea", "cy", "dov"} {
		e.join(n, model.RoleAnnotator)
	}
	p := e.independent()

	e.submit(arts[0].ID, "bea", layerSpan{100, 200, "CLAIM"}, layerSpan{400, 450, "QUOTE"})
	e.submit(arts[0].ID, "cy", layerSpan{100, 210, "CLAIM"}, layerSpan{400, 450, "QUOTE"})
	e.submit(arts[0].ID, "dov", layerSpan{150, 300, "CLAIM"}, layerSpan{410, 440, "QUOTE"})
	e.submit(arts[1].ID, "bea", layerSpan{0, 50, "CLAIM"})
	e.submit(arts[1].ID, "cy", layerSpan{0, 50, "CLAIM"})
	e.submit(arts[1].ID, "dov")
	e.submit(arts[2].ID, "bea", layerSpan{0, 20, "CLAIM"})
	e.submit(arts[2].ID, "cy")
	e.submit(arts[2].ID, "dov", layerSpan{0, 20, "CLAIM"})
	return e, p, arts
}

// TestAgreementPage: the reviewer's page prints the API's figures in every
// cell (kappa, then F1 overlap), a click on bea × cy lists the article
// where they disagree most first, Enter on a focused cell opens its list
// and Escape closes it; an annotator is refused in words.
func TestAgreementPage(t *testing.T) {
	e, p, arts := agreementTeam(t)
	e.signIn("rev")
	rep := getJSON[agreementReport](e, fmt.Sprintf("/api/projects/%d/agreement", p.ID))
	if rep.Submitted != 3 || strings.Join(rep.Annotators, ",") != "bea,cy,dov" {
		t.Fatalf("the API's report: %+v", rep)
	}

	e.openAgreement(p.ID)
	e.poll(`document.querySelector(` + jsString(cellSel("CLAIM", "bea", "cy")) + `)`)
	if got := e.text("#agreement-view .ag-summary"); !strings.Contains(got, "3 articles with submitted layers") || !strings.Contains(got, "3 annotators: bea, cy and dov") {
		t.Errorf("the summary says %q", got)
	}
	if got := e.text("#agreement-view .ag-project"); got != p.Name {
		t.Errorf("the project shown is %q, want %q", got, p.Name)
	}

	// A label nobody marked (BOILERPLATE, SPEAKER) has no matrix, and
	// the page says so.
	blank := map[string]bool{}
	for _, l := range rep.Labels {
		blank[l.Label] = true
	}
	for _, pr := range rep.Pairs {
		if pr.Kappa != nil || pr.F1Exact != nil || pr.F1Overlap != nil {
			blank[pr.Label] = false
		}
	}
	if !blank["BOILERPLATE"] || !blank["SPEAKER"] || blank["CLAIM"] || blank["QUOTE"] {
		t.Fatalf("blank labels: %v", blank)
	}
	if got := e.text("#agreement-view .ag-blank"); !strings.Contains(got, "No matrix for BOILERPLATE and SPEAKER") {
		t.Errorf("the note on the labels left out says %q", got)
	}

	// Every cell, both ways round, prints the API's kappa to 2 decimals.
	checkCells := func(metric string, fig func(i int) *float64) {
		t.Helper()
		for i, pr := range rep.Pairs {
			if blank[pr.Label] {
				if e.visible(cellSel(pr.Label, pr.A, pr.B)) {
					t.Errorf("a matrix for %s, which nobody marked", pr.Label)
				}
				continue
			}
			want := shown(fig(i))
			for _, rc := range [][2]string{{pr.A, pr.B}, {pr.B, pr.A}} {
				if got := e.text(cellSel(pr.Label, rc[0], rc[1])); got != want {
					t.Errorf("%s %s × %s on %s: the page shows %q, the API says %q", metric, rc[0], rc[1], pr.Label, got, want)
				}
			}
		}
	}
	checkCells("kappa", func(i int) *float64 { return rep.Pairs[i].Kappa })
	var claim int // bea × cy on CLAIM
	for i, pr := range rep.Pairs {
		if pr.A == "bea" && pr.B == "cy" && pr.Label == "CLAIM" {
			claim = i
		}
	}
	if bc := rep.Pairs[claim]; bc.Label != "CLAIM" || bc.Kappa == nil || math.Abs(*bc.Kappa) > 1 || bc.Articles != 3 {
		t.Fatalf("bea × cy on CLAIM: %+v", bc)
	}
	// The per-label table prints alpha.
	for _, l := range rep.Labels {
		got := e.text(fmt.Sprintf(`#agreement-view tr.ag-label-row[data-label=%q] td .ag-pill`, l.Label))
		if got != shown(l.Alpha) {
			t.Errorf("alpha of %s: the page shows %q, the API says %q", l.Label, got, shown(l.Alpha))
		}
	}
	// Chosen under Labels, BOILERPLATE shows its matrix alone: "–" in
	// every cell, the tooltip saying why.
	e.pick(`#agreement-view [data-action="ag-label-pick"]`, "BOILERPLATE")
	e.poll(`document.querySelectorAll('#agreement-view .ag-heat').length === 1 && document.querySelector(` + jsString(cellSel("BOILERPLATE", "cy", "dov")) + `)`)
	if got := e.text(cellSel("BOILERPLATE", "cy", "dov")); got != "–" {
		t.Errorf("cy × dov on BOILERPLATE shows %q, want –", got)
	}
	if title := eval[string](e, `document.querySelector(`+jsString(cellSel("BOILERPLATE", "cy", "dov"))+`).title`); !strings.Contains(title, "Neither cy nor dov marked any BOILERPLATE in the 3 articles both submitted") {
		t.Errorf("the undefined cell's tooltip says %q", title)
	}
	if n := eval[int](e, `document.querySelectorAll('#agreement-view tr.ag-label-row').length`); n != 1 {
		t.Errorf("the table shows %d labels, want BOILERPLATE alone", n)
	}
	e.pick(`#agreement-view [data-action="ag-label-pick"]`, "")
	e.poll(`document.querySelectorAll('#agreement-view .ag-heat').length === 2`)
	title := eval[string](e, `document.querySelector(`+jsString(cellSel("CLAIM", "cy", "bea"))+`).title`)
	if want := fmt.Sprintf("in %d articles both submitted", rep.Pairs[claim].Articles); !strings.Contains(title, want) || !strings.Contains(title, "code points") {
		t.Errorf("the tooltip says %q, want the units and %q", title, want)
	}
	e.shotAt("agreement", 1280, 900)

	// The metric selector: the cells print F1 overlap.
	e.pick(`#agreement-view [data-action="ag-metric"]`, "f1_overlap")
	e.poll(`/overlapping/.test(document.querySelector('#agreement-view .ag-heatmaps h2').textContent)`)
	checkCells("F1 overlap", func(i int) *float64 { return rep.Pairs[i].F1Overlap })
	e.pick(`#agreement-view [data-action="ag-metric"]`, "kappa")

	// bea × cy on CLAIM: the article where they disagree most comes first.
	list := getJSON[[]disagreement](e, fmt.Sprintf("/api/projects/%d/agreement/articles?label=CLAIM&a=bea&b=cy", p.ID))
	if len(list) < 2 || list[0].Article != arts[2].ID || list[0].Disagree != 20 {
		t.Fatalf("the API's disagreements of bea and cy: %+v", list)
	}
	e.click(cellSel("CLAIM", "cy", "bea"))
	e.poll(`document.querySelectorAll('#ag-panel .ag-articles li').length > 0`)
	if got := e.text("#ag-panel h2"); got != "Where bea and cy disagree on CLAIM" {
		t.Errorf("the list is titled %q", got)
	}
	first := `#ag-panel .ag-articles li:first-child`
	if got := eval[string](e, `document.querySelector('`+first+`').dataset.article`); got != fmt.Sprint(arts[2].ID) {
		t.Errorf("the first article listed is %s, want %d (%q, 20 code points)", got, arts[2].ID, arts[2].Title)
	}
	if got, want := e.text(first+" .ag-art-diff"), fmt.Sprintf("20 of %d code points differ", list[0].Units); !strings.HasPrefix(got, want) {
		t.Errorf("the first article says %q, want %q", got, want)
	}
	if got := e.text(first + " .ag-art-title"); got != arts[2].Title {
		t.Errorf("the first article's title is %q", got)
	}
	if got := eval[string](e, `document.querySelector('`+first+` a').getAttribute('href')`); got != fmt.Sprintf("#/articles/%d/review", arts[2].ID) {
		t.Errorf("the first article links to %q", got)
	}
	if !eval[bool](e, `document.activeElement && document.activeElement.id === 'ag-panel-title'`) {
		t.Error("the focus did not move to the list")
	}
	e.shotAt("agreement-panel", 1280, 900)

	// By keyboard: focus the dov × bea cell, Enter opens its list, Escape
	// closes it and the focus is back on the cell.
	eval[chromedp.Void](e, `document.querySelector(`+jsString(cellSel("CLAIM", "dov", "bea"))+`).focus()`)
	e.do(chromedp.KeyEvent(kb.Enter))
	e.poll(`document.querySelector('#ag-panel h2')?.textContent === 'Where bea and dov disagree on CLAIM'`)
	e.do(chromedp.KeyEvent(kb.Escape))
	e.poll(`!document.getElementById('ag-panel').classList.contains('is-open')`)
	if !eval[bool](e, `document.activeElement === document.querySelector(`+jsString(cellSel("CLAIM", "dov", "bea"))+`)`) {
		t.Error("after Escape the focus is not on the cell that opened the list")
	}

	// A label row lists where all annotators disagree.
	e.click(`#agreement-view tr.ag-label-row[data-label="CLAIM"] button`)
	e.poll(`document.querySelector('#ag-panel h2')?.textContent === 'Where the annotators disagree on CLAIM'`)
	e.poll(`document.querySelectorAll('#ag-panel .ag-articles li').length > 0`)

	// The narrow window: the same page, the list a sheet along the bottom.
	e.shotAt("agreement-narrow-panel", 390, 844)
	e.click(`#ag-panel [data-action="ag-close"]`)
	e.poll(`!document.getElementById('ag-panel').classList.contains('is-open')`)
	eval[chromedp.Void](e, `window.scrollTo(0, 0); document.activeElement.blur()`)
	e.shotAt("agreement-narrow", 390, 1560) // the whole page, as a phone scrolls it

	// A reload (or a link to the page) opens it as it was left: the
	// project named in the address, not the one last picked.
	e.do(chromedp.Reload())
	e.poll(`document.querySelector(` + jsString(cellSel("CLAIM", "bea", "cy")) + `)?.textContent === ` + jsString(shown(rep.Pairs[claim].Kappa)))

	// An annotator is refused, in words, and shown no figure.
	bea := e.browserAs("bea")
	bea.openAgreement(p.ID)
	bea.poll(`/reviewers, managers and admins/.test(document.getElementById('agreement-view').textContent)`)
	if got := bea.text("#agreement-view .ag-empty"); !strings.Contains(got, "You are an annotator in "+p.Name) {
		t.Errorf("bea is told %q", got)
	}
	if n := eval[int](bea, `document.querySelectorAll('#agreement-view [data-action="ag-cell"]').length`); n != 0 {
		t.Errorf("bea sees %d figures", n)
	}
	if st := eval[int](bea, fmt.Sprintf(`fetch('/api/projects/%d/agreement').then((r) => r.status)`, p.ID)); st != 403 {
		t.Errorf("bea reads the agreement over the API: %d", st)
	}
	bea.shotAt("agreement-refused", 1280, 600)
}

// TestAgreementEmptyStates: a shared project says what to switch; an
// independent one with nothing submitted says so; with one annotator
// only, the page says a second is needed. Refresh reads again.
func TestAgreementEmptyStates(t *testing.T) {
	e := newEnv(t, envOptions{})
	art := e.addArticle("Xi to meet Putin after ICC warrant", "../testdata/xi-putin-icc.txt")
	e.join("rev", model.RoleReviewer)
	e.join("bea", model.RoleAnnotator)
	ps, err := e.db.Projects()
	if err != nil {
		t.Fatal(err)
	}
	e.signIn("rev")
	e.openAgreement(ps[0].ID)
	e.poll(`/Agreement needs independent annotation: a manager switches the project to independent mode in its settings/.test(document.getElementById('agreement-view').textContent)`)
	if n := eval[int](e, `document.querySelectorAll('#agreement-view [data-action="ag-cell"], #agreement-view .ag-table').length`); n != 0 {
		t.Errorf("a shared project, and %d figures", n)
	}
	e.shotAt("agreement-shared", 1280, 600)

	e.independent()
	eval[chromedp.Void](e, `window.dispatchEvent(new Event('focus'))`) // the project list is asked again
	e.poll(`gloss.store.get().projects[0].mode === 'independent'`)
	e.openAgreement(ps[0].ID + 1000) // another route and back: the page loads again
	e.poll(`/no project|not one of its members|not found/i.test(document.getElementById('agreement-view').textContent)`)
	e.openAgreement(ps[0].ID)
	e.poll(`/No submitted layers yet/.test(document.getElementById('agreement-view').textContent)`)

	e.submit(art.ID, "bea", layerSpan{0, 5, "CLAIM"})
	e.click(`#agreement-view [data-action="ag-reload"]`)
	e.poll(`/Only bea has submitted layers so far/.test(document.getElementById('agreement-view').textContent)`)
	if n := eval[int](e, `document.querySelectorAll('#agreement-view [data-action="ag-cell"]').length`); n != 0 {
		t.Errorf("one annotator, and %d cells", n)
	}
}

// shotAt saves a screenshot of e's page at a window w × h wide (then
// goes back to the tests' size).
func (e *env) shotAt(name string, w, h int64) {
	e.t.Helper()
	e.do(chromedp.EmulateViewport(w, h))
	defer e.do(chromedp.EmulateViewport(viewportW, viewportH))
	e.shot(name)
}
