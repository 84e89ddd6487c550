package web_test

// Browser tests of the detectors' suggestions in the editor (issue 11):
// the seed article imported as a user would, its "Read more »" lines
// proposed as BOILERPLATE, drawn dashed, stepped through with ], accepted
// with a, rejected with x, the rest taken with Shift+A; what the database
// holds checked after each. With GLOSS_SCREENSHOTS=dir they save
// suggestions*.png at 1280 and 390 wide.

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/gloss-dev/gloss/storage/model"
)

// importSeed imports testdata/xi-putin-icc.txt through the Import
// endpoint from e's page (its session), as the Import button does, and
// returns the new article's id.
func (e *env) importSeed() uint64 {
	e.t.Helper()
	b, err := os.ReadFile("../testdata/xi-putin-icc.txt")
	if err != nil {
		e.t.Fatal(err)
	}
	id := eval[uint64](e, fmt.Sprintf(`(() => {
  const fd = new FormData();
  fd.append('files', new Blob([%s], { type: 'text/plain' }), 'xi-putin-icc.txt');
  return fetch('/api/import', { method: 'POST', body: fd, credentials: 'same-origin' })
    .then((r) => r.json())
    .then((res) => res.articles[0].id);
})()`, jsString(string(b))))
	if id == 0 {
		e.t.Fatal("the import made no article")
	}
	return id
}

// suggestionsLoaded waits until the open article's suggestions are in
// and n of them are BOILERPLATE (the seed's "Read more »" lines; the
// detectors propose claims and quotes too).
func (e *env) suggestionsLoaded(n int) {
	e.t.Helper()
	e.poll(fmt.Sprintf(`(() => { const S = gloss.store.get().suggest; return S && !S.loading && S.article === gloss.store.get().article.id && S.list.filter((x) => x.label === 'BOILERPLATE').length === %d })()`, n))
}

// sgItem is a suggestion as the page holds it.
type sgItem struct {
	ID, Label, Text string
	Score           float64
}

// suggestionList returns the open article's suggestions, in reading order.
func (e *env) suggestionList() []sgItem {
	e.t.Helper()
	return eval[[]sgItem](e, `gloss.store.get().suggest.list.map((x) => ({ ID: x.id, Label: x.label, Text: x.text, Score: x.score }))`)
}

func ofLabel(list []sgItem, label string) []sgItem {
	var out []sgItem
	for _, x := range list {
		if x.Label == label {
			out = append(out, x)
		}
	}
	return out
}

// toggleSays waits until the toolbar's toggle shows (n).
func (e *env) toggleSays(n int) {
	e.t.Helper()
	e.poll(fmt.Sprintf(`(document.querySelector('#suggest-bar .sg-toggle') || { textContent: '' }).textContent.includes('(%d)')`, n))
}

// focusedInView scrolls the focused suggestion to a little above the
// middle of the window, has its card placed again and waits until the
// flash of stepping to it is over: the screenshots' preparation.
const focusedInView = `(() => {
  const S = gloss.store.get().suggest, it = S.list.find((x) => x.id === S.focused);
  const r = gloss.renderer.view.liveRange(it.start, it.end).getBoundingClientRect();
  window.scrollBy(0, r.top - innerHeight * 0.4);
  gloss.renderer.memo.delete('sg-place');
  gloss.renderer.memo.delete('sg-marks');
  gloss.store.emit('ui');
  return new Promise((res) => setTimeout(res, 800));
})()`

// acceptedInView scrolls the first annotation to just under the bars
// when the focused suggestion and its card fit below it (at 1280 wide:
// an accepted line beside the suggestions), else as focusedInView.
const acceptedInView = `(() => {
  const S = gloss.store.get().suggest, it = S.list.find((x) => x.id === S.focused), a = gloss.store.sorted()[0];
  const v = gloss.renderer.view;
  const ra = v.liveRange(a.start, a.end).getBoundingClientRect(), rf = v.liveRange(it.start, it.end).getBoundingClientRect();
  if (rf.bottom - ra.top + 150 + 260 < innerHeight) window.scrollBy(0, ra.top - 150);
  else window.scrollBy(0, rf.top - innerHeight * 0.4);
  gloss.renderer.memo.delete('sg-place');
  gloss.renderer.memo.delete('sg-marks');
  gloss.store.emit('ui');
  return new Promise((res) => setTimeout(res, 800));
})()`

// sgState is what the page shows of its suggestions.
type sgState struct {
	Focused  string
	IDs      []string
	Texts    []string
	Painted  int    // ranges in the BOILERPLATE suggestions' highlights
	Dashed   bool   // their ::highlight rules draw dashed lines
	Tags     int    // "suggested" tags in the text
	Toggle   string // the toolbar toggle's text
	Card     string // the card's text ('' when hidden)
	Accept   bool   // its Accept button is there and enabled
	Why      string // why it is disabled
	Ranges   int    // annotation highlight ranges
	Selected int    // the selected annotation (0: none)
}

const sgStateJS = `(() => {
  const s = gloss.store.get(), S = s.suggest || { list: [] };
  const i = gloss.store.labels().findIndex((l) => l.name === 'BOILERPLATE');
  const painted = ['gloss-sg-' + i, 'gloss-sg-f' + i].reduce((n, k) => n + (CSS.highlights.get(k)?.size || 0), 0);
  const rules = document.querySelector('style[data-gloss="suggestions"]');
  const card = document.getElementById('suggest-card');
  const acc = card && !card.hidden ? card.querySelector('[data-action="sg-accept"]') : null;
  const why = card && !card.hidden ? card.querySelector('.sg-why') : null;
  return {
    Focused: S.focused || '', IDs: S.list.map((x) => x.id), Texts: S.list.map((x) => x.text), Painted: painted,
    Dashed: !!rules && /dashed/.test(rules.textContent),
    Tags: document.querySelectorAll('#suggest-marks .sg-mark').length,
    Toggle: (document.querySelector('#suggest-bar .sg-toggle') || {}).textContent || '',
    Card: card && !card.hidden ? card.textContent : '',
    Accept: !!acc && !acc.disabled, Why: why ? why.textContent : '',
    Ranges: ` + labelRanges + `, Selected: s.selectedId || 0,
  };
})()`

func (e *env) sg() sgState {
	e.t.Helper()
	return eval[sgState](e, sgStateJS)
}

// suggested returns the annotations of article that came from
// suggestions (attrs suggested_by).
func (e *env) suggested(article uint64) []model.Annotation {
	e.t.Helper()
	var out []model.Annotation
	for _, a := range e.annotations(article) {
		if a.Attrs[model.AttrSuggestedBy] != "" {
			out = append(out, a)
		}
	}
	return out
}

// TestSuggestAcceptReject: the seed's six "Read more »" lines come up as
// BOILERPLATE suggestions, dashed with a "suggested" tag and no
// annotation tint; the filter leaves only them; ] focuses the first, a
// accepts it (an annotation with suggested_by, the focus on the next), x
// rejects the next, Shift+A asks "Accept 4 BOILERPLATE suggestions?" and
// Enter takes them. After a reload nothing is proposed again, the
// rejected one included, and the filter is as it was left.
func TestSuggestAcceptReject(t *testing.T) {
	e := newEnv(t, envOptions{})
	e.do(chromedp.EmulateViewport(1280, 820))
	e.login()
	id := e.importSeed()
	e.openArticle(id)
	e.suggestionsLoaded(6)
	all := e.suggestionList()
	bp := ofLabel(all, "BOILERPLATE")
	e.toggleSays(len(all))
	e.poll(fmt.Sprintf(`document.querySelectorAll('#suggest-marks .sg-mark').length === %d`, len(all)))

	st := e.sg()
	for _, x := range bp {
		if x.Text != "Read more »" {
			t.Errorf("a BOILERPLATE suggestion over %q, want only the \"Read more »\" lines", x.Text)
		}
	}
	if st.Painted != 6 || !st.Dashed {
		t.Errorf("painted %d BOILERPLATE ranges (dashed %v), want 6 dashed", st.Painted, st.Dashed)
	}
	if st.Ranges != 0 {
		t.Errorf("%d annotation highlights before anything was accepted", st.Ranges)
	}
	// The side list is redrawn on the next frame after the suggestions came.
	e.poll(`document.querySelector('#panel .sg-jump[data-label="BOILERPLATE"]')`)
	if n := eval[string](e, `(document.querySelector('#panel .sg-jump[data-label="BOILERPLATE"]') || {}).textContent || ''`); n != "6 suggested" {
		t.Errorf("the side list says %q, want \"6 suggested\"", n)
	}

	// A quote, from the side list's "N suggested": its card names the
	// speaker. (Only when the QUOTE detector proposes one here.)
	if q := ofLabel(all, "QUOTE"); len(q) > 0 {
		e.click(`#panel .sg-jump[data-label="QUOTE"]`)
		e.poll(fmt.Sprintf(`gloss.store.get().suggest.focused === %s && !document.getElementById('suggest-card').hidden`, jsString(q[0].ID)))
		if c := e.sg().Card; !strings.Contains(c, "QUOTE") || !strings.Contains(c, "quote marks") {
			t.Errorf("a quote's card says %q", c)
		}
		e.shots("suggestions-quote", focusedInView)
		e.do(chromedp.KeyEvent(kb.Escape))
		e.poll(`document.getElementById('suggest-card').hidden && gloss.store.get().suggest.focused === null`)
	} else {
		t.Log("no QUOTE suggestion on the seed: its card is not shown")
	}

	// The filter: BOILERPLATE alone; the lowest score (only the last
	// line, after the article, is over 95%).
	e.click(`#suggest-bar summary`)
	for _, x := range all {
		if x.Label == "BOILERPLATE" {
			continue
		}
		sel := fmt.Sprintf(`#suggest-bar [data-action="sg-label"][data-label="%s"]`, x.Label)
		if eval[bool](e, `document.querySelector(`+jsString(sel)+`).checked`) {
			e.click(sel)
		}
	}
	e.toggleSays(6)
	setMin := func(pct int) {
		eval[chromedp.Void](e, fmt.Sprintf(`(() => { const r = document.querySelector('#suggest-bar [data-action="sg-min"]'); r.value = '%d'; r.dispatchEvent(new Event('input', { bubbles: true })); })()`, pct))
	}
	setMin(95)
	e.toggleSays(1)
	setMin(0)
	e.toggleSays(6)
	e.do(chromedp.KeyEvent(kb.Escape)) // closes the menu
	e.poll(`!document.querySelector('#suggest-bar details').open`)
	e.poll(`document.querySelectorAll('#suggest-marks .sg-mark').length === 6`)

	// ] focuses the first in reading order and opens its card.
	e.do(chromedp.KeyEvent("]"))
	e.poll(fmt.Sprintf(`gloss.store.get().suggest.focused === %s && !document.getElementById('suggest-card').hidden`, jsString(bp[0].ID)))
	st = e.sg()
	for _, want := range []string{"Suggestion", "BOILERPLATE", "94%", "looks like site chrome", "Accept", "Reject", "1 of 6"} {
		if !strings.Contains(st.Card, want) {
			t.Errorf("the card says %q, without %q", st.Card, want)
		}
	}
	if !st.Accept {
		t.Error("Accept is disabled for an admin")
	}
	// The card takes the focus once it is drawn (a quiet reload may redraw it first).
	e.poll(`document.activeElement && document.activeElement.id === 'suggest-card'`)
	e.shots("suggestions", focusedInView)

	// a accepts: an annotation with suggested_by; the focus goes on.
	e.do(chromedp.KeyEvent("a"))
	e.waitFor("the accepted annotation", func() bool { return len(e.suggested(id)) == 1 })
	e.poll(fmt.Sprintf(`gloss.store.get().suggest.focused === %s`, jsString(bp[1].ID)))
	e.poll(fmt.Sprintf(`!gloss.store.get().suggest.list.some((x) => x.id === %s)`, jsString(bp[0].ID)))
	e.poll(labelRanges + ` === 1`) // drawn as an annotation now

	// x rejects the next; nothing is created.
	e.do(chromedp.KeyEvent("x"))
	e.poll(fmt.Sprintf(`gloss.store.get().suggest.focused === %s`, jsString(bp[2].ID)))
	e.suggestionsLoaded(4)
	if n := len(e.annotations(id)); n != 1 {
		t.Errorf("%d annotations after a reject, want 1", n)
	}

	// Shift+A asks with the count, Enter accepts them all.
	e.do(chromedp.KeyEvent("A", chromedp.KeyModifiers(chromedp.ModifierShift)))
	e.poll(`!!document.querySelector('#suggest-card .sg-ask')`)
	if q := e.text("#suggest-card .sg-ask"); !strings.Contains(q, "Accept 4 BOILERPLATE suggestions?") {
		t.Errorf("Shift+A asks %q", q)
	}
	e.shots("suggestions-accept-all", acceptedInView)
	// Enter answers once the question is the focused suggestion's (the
	// reload after the reject may redraw the card first).
	e.poll(`(() => { const S = gloss.store.get().suggest; return S.asking && S.focused !== null && !S.loading && !S.busy; })()`)
	e.settle()
	e.do(chromedp.KeyEvent(kb.Enter))
	e.waitFor("five accepted annotations", func() bool { return len(e.suggested(id)) == 5 })
	for _, a := range e.annotations(id) {
		if a.Label != "BOILERPLATE" || a.Text != "Read more »" || a.Author != testUser || a.Attrs[model.AttrSuggestedBy] == "" {
			t.Errorf("annotation %d: %s %q by %q, attrs %v", a.ID, a.Label, a.Text, a.Author, a.Attrs)
		}
	}
	e.suggestionsLoaded(0)
	e.poll(labelRanges + ` === 5`)
	e.poll(`document.getElementById('suggest-card').hidden && document.querySelectorAll('#suggest-marks .sg-mark').length === 0`)

	// After a reload the rejected one is not proposed again; the filter
	// still leaves out the other labels.
	e.do(chromedp.Reload())
	e.poll(fmt.Sprintf(`window.gloss && gloss.store.get().article && gloss.store.get().article.id === %d`, id))
	e.suggestionsLoaded(0)
	for _, x := range e.suggestionList() {
		if x.ID == bp[1].ID {
			t.Errorf("the rejected suggestion %s is proposed again", x.ID)
		}
	}
	e.toggleSays(0)
	if n := len(e.annotations(id)); n != 5 {
		t.Errorf("%d annotations, want the 5 accepted", n)
	}
}

// TestSuggestToggle: the toolbar toggle takes the suggestions off the
// text (and ] steps through annotations again); it stays off after a
// reload, and on again brings them back.
func TestSuggestToggle(t *testing.T) {
	e := newEnv(t, envOptions{})
	art := e.addArticle("Xi to meet Putin after ICC warrant", "../testdata/xi-putin-icc.txt")
	claim := e.seed(art, claimText, "CLAIM", nil)
	e.login()
	e.openArticle(art.ID)
	e.suggestionsLoaded(6)
	n := len(e.suggestionList())
	tags := fmt.Sprintf(`document.querySelectorAll('#suggest-marks .sg-mark').length === %d`, n)
	e.poll(tags)

	toggle := `#suggest-bar [data-action="sg-toggle"]`
	e.click(toggle)
	e.poll(`[...CSS.highlights.keys()].every((k) => !k.startsWith('gloss-sg-')) && document.querySelectorAll('#suggest-marks .sg-mark').length === 0`)
	if got := eval[string](e, `document.querySelector('`+toggle+`').getAttribute('aria-pressed')`); got != "false" {
		t.Errorf("the toggle is pressed=%s after a click", got)
	}
	if n := eval[int](e, `document.querySelectorAll('#panel .sg-jump').length`); n != 0 {
		t.Errorf("%d side list counts with the suggestions off", n)
	}
	// Off, ] is the annotations' again.
	e.do(chromedp.KeyEvent("]"))
	e.poll(fmt.Sprintf(`gloss.store.get().selectedId === %d`, claim.ID))
	e.do(chromedp.KeyEvent(kb.Escape))

	e.do(chromedp.Reload())
	e.poll(fmt.Sprintf(`window.gloss && gloss.store.get().article && gloss.store.get().article.id === %d`, art.ID))
	e.suggestionsLoaded(6)
	e.poll(`document.querySelector('` + toggle + `') && document.querySelector('` + toggle + `').getAttribute('aria-pressed') === 'false'`)
	if n := e.sg().Painted; n != 0 {
		t.Errorf("%d suggestions painted after a reload with them off", n)
	}
	e.click(toggle)
	e.poll(tags)
}

// TestSuggestLive: ann accepts a suggestion; ben, on the same article in
// another browser, sees the annotation arrive live and the suggestion
// leave his list.
func TestSuggestLive(t *testing.T) {
	a := newEnv(t, envOptions{})
	art := a.addArticle("Xi to meet Putin after ICC warrant", "../testdata/xi-putin-icc.txt")
	b := a.withPeer(art)
	a.suggestionsLoaded(6)
	b.suggestionsLoaded(6)
	first := ofLabel(a.suggestionList(), "BOILERPLATE")[0].ID

	// The side list's "6 suggested" goes to the first of them.
	a.click(`#panel .sg-jump[data-label="BOILERPLATE"]`)
	a.poll(fmt.Sprintf(`gloss.store.get().suggest.focused === %s && !document.getElementById('suggest-card').hidden`, jsString(first)))
	a.click(`#suggest-card [data-action="sg-accept"]`)
	a.waitFor("the accepted annotation", func() bool { return len(a.suggested(art.ID)) == 1 })
	acc := a.suggested(art.ID)[0]

	b.poll(fmt.Sprintf(`(gloss.store.annotation(%d) || { attrs: {} }).attrs.suggested_by === %s`, acc.ID, jsString(acc.Attrs[model.AttrSuggestedBy])))
	b.suggestionsLoaded(5)
	b.poll(fmt.Sprintf(`!gloss.store.get().suggest.list.some((x) => x.id === %s)`, jsString(first)))
	converge(t, art.ID, a, b)
}

// TestSuggestReadOnly: bea, an annotator whose layer is submitted (so
// locked), sees the suggestions but Accept and Reject are disabled with
// the reason; a says why and creates nothing.
func TestSuggestReadOnly(t *testing.T) {
	e := newEnv(t, envOptions{})
	e.join("ann", model.RoleAnnotator)
	e.join("bea", model.RoleAnnotator)
	art := e.independentArticle("Xi to meet Putin after ICC warrant", map[string][]reviewSpan{"bea": {{text: claimText, label: "CLAIM"}}}, "bea")
	e.signIn("bea") // the test's own tab: nobody else needs one
	b := e
	b.openArticle(art.ID)
	b.suggestionsLoaded(6)
	b.do(chromedp.KeyEvent("]"))
	b.poll(`!document.getElementById('suggest-card').hidden`)
	st := b.sg()
	if st.Accept {
		t.Error("Accept is enabled on a submitted layer")
	}
	if !strings.Contains(st.Why, "submitted") {
		t.Errorf("the card says why not: %q", st.Why)
	}
	if !eval[bool](b, `document.querySelector('#suggest-card [data-action="sg-reject"]').disabled`) {
		t.Error("Reject is enabled on a submitted layer")
	}
	b.shots("suggestions-readonly", focusedInView)
	b.do(chromedp.KeyEvent("a"))
	b.poll(`(gloss.store.get().toast || {}).message?.includes('submitted')`)
	b.settle()
	if n := len(b.layerAnns(art.ID, "bea")); n != 1 {
		t.Errorf("bea's layer holds %d annotations, want her 1", n)
	}
	b.suggestionsLoaded(6)
}
