package web_test

// Browser tests of live collaboration: two browser contexts (separate
// cookies) logged in as two users on one server, and the export menu.
//
//	GLOSS_SCREENSHOTS=/tmp/shots go test ./web/ -run 'Live|Export'   also saves screenshots

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/gloss-dev/gloss/server/live"
	"github.com/gloss-dev/gloss/storage"
	"github.com/gloss-dev/gloss/storage/model"
	"github.com/gloss-dev/gloss/storage/storagetest"
)

const peerUser = "ben"

// peer opens a second browser context (its own cookies and storage) on
// e's server, signed in as a new annotator called name.
func (e *env) peer(name string) *env {
	e.t.Helper()
	hash, err := testHash()
	if err != nil {
		e.t.Fatal(err)
	}
	storagetest.Join(e.t, e.db, name, hash, model.RoleAnnotator)
	return e.browserAs(name)
}

// waitLive waits until the open article's socket is live and nothing is
// pending.
func (e *env) waitLive() {
	e.t.Helper()
	e.poll(`gloss.store.get().live.status === 'live' && gloss.live.pending === 0`)
}

// withPeer logs e in, opens a second browser as peerUser, and has both on
// art, live. It returns the second.
func (e *env) withPeer(art model.Article) *env {
	e.t.Helper()
	e.login()
	b := e.peer(peerUser)
	e.openArticle(art.ID)
	b.openArticle(art.ID)
	e.waitLive()
	b.waitLive()
	return b
}

// row is an annotation as the tests compare it.
type row struct {
	ID         int64
	Start, End int
	Label      string
	Attrs      map[string]string
}

func (r row) String() string {
	return fmt.Sprintf("%d %s [%d,%d) %v", r.ID, r.Label, r.Start, r.End, r.Attrs)
}

func sortRows(rs []row) []row {
	sort.Slice(rs, func(i, j int) bool { return rs[i].ID < rs[j].ID })
	for i := range rs {
		if len(rs[i].Attrs) == 0 {
			rs[i].Attrs = nil
		}
	}
	return rs
}

// shown returns the annotations the editor shows.
func (e *env) shown() []row {
	e.t.Helper()
	return sortRows(eval[[]row](e, `gloss.store.sorted().map((a) => ({ ID: a.id, Start: a.start, End: a.end, Label: a.label, Attrs: a.attrs || {} }))`))
}

// stored returns the annotations in the database.
func (e *env) stored(article uint64) []row {
	e.t.Helper()
	var out []row
	for _, a := range e.annotations(article) {
		out = append(out, row{ID: int64(a.ID), Start: a.Start, End: a.End, Label: a.Label, Attrs: a.Attrs})
	}
	return sortRows(out)
}

func rowsEqual(a, b []row) bool {
	return slices.EqualFunc(a, b, func(x, y row) bool {
		return x.ID == y.ID && x.Start == y.Start && x.End == y.End && x.Label == y.Label && mapsEqual(x.Attrs, y.Attrs)
	})
}

// converge waits until every browser shows what the database holds.
func converge(t *testing.T, article uint64, es ...*env) {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for {
		want := es[0].stored(article)
		ok := true
		for _, e := range es {
			if !rowsEqual(e.shown(), want) {
				ok = false
			}
		}
		if ok {
			return
		}
		if time.Now().After(deadline) {
			for i, e := range es {
				t.Errorf("browser %d shows %v", i, e.shown())
			}
			t.Fatalf("the database holds %v", want)
		}
		time.Sleep(30 * time.Millisecond)
	}
}

// labelRanges counts the ranges painted for annotations (not selections).
const labelRanges = `[...CSS.highlights.entries()].filter(([k]) => /^gloss-\d/.test(k)).reduce((n, [, h]) => n + h.size, 0)`

// peerTexts lists the text under the other users' selections.
const peerTexts = `[...CSS.highlights.entries()].filter(([k]) => k.startsWith('gloss-peer-')).flatMap(([, h]) => [...h].map((r) => { const x = document.createRange(); x.setStart(r.startContainer, r.startOffset); x.setEnd(r.endContainer, r.endOffset); return x.toString(); }))`

// shot saves a 1440x900 screenshot of e's page to $GLOSS_SCREENSHOTS and
// returns it (nil when the variable is not set).
func (e *env) shot(name string) []byte {
	e.t.Helper()
	dir := os.Getenv("GLOSS_SCREENSHOTS")
	if dir == "" {
		return nil
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		e.t.Fatal(err)
	}
	// Two frames: what the last change drew is on screen.
	eval[chromedp.Void](e, `new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))`)
	b, err := chromedp.Run(e.ctx, chromedp.CaptureScreenshot())
	if err != nil {
		e.t.Fatal(err)
	}
	p := filepath.Join(dir, name+".png")
	if err := os.WriteFile(p, b, 0o644); err != nil {
		e.t.Fatal(err)
	}
	e.t.Logf("wrote %s", p)
	return b
}

// sideBySide writes two screenshots next to each other, full size and
// halved (1440 wide), with a gutter between them.
func sideBySide(t *testing.T, name string, left, right []byte) {
	t.Helper()
	if left == nil || right == nil {
		return
	}
	a, err := png.Decode(bytes.NewReader(left))
	if err != nil {
		t.Fatal(err)
	}
	b, err := png.Decode(bytes.NewReader(right))
	if err != nil {
		t.Fatal(err)
	}
	const gutter = 16
	w, h := a.Bounds().Dx()+gutter+b.Bounds().Dx(), max(a.Bounds().Dy(), b.Bounds().Dy())
	full := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			full.Set(x, y, color.RGBA{60, 64, 72, 255})
		}
	}
	for y := 0; y < a.Bounds().Dy(); y++ {
		for x := 0; x < a.Bounds().Dx(); x++ {
			full.Set(x, y, a.At(a.Bounds().Min.X+x, a.Bounds().Min.Y+y))
		}
	}
	off := a.Bounds().Dx() + gutter
	for y := 0; y < b.Bounds().Dy(); y++ {
		for x := 0; x < b.Bounds().Dx(); x++ {
			full.Set(off+x, y, b.At(b.Bounds().Min.X+x, b.Bounds().Min.Y+y))
		}
	}
	half := image.NewRGBA(image.Rect(0, 0, w/2, h/2))
	for y := 0; y < h/2; y++ {
		for x := 0; x < w/2; x++ {
			var r, g, bl, al uint32
			for dy := 0; dy < 2; dy++ {
				for dx := 0; dx < 2; dx++ {
					c := full.RGBAAt(2*x+dx, 2*y+dy)
					r, g, bl, al = r+uint32(c.R), g+uint32(c.G), bl+uint32(c.B), al+uint32(c.A)
				}
			}
			half.SetRGBA(x, y, color.RGBA{uint8(r / 4), uint8(g / 4), uint8(bl / 4), uint8(al / 4)})
		}
	}
	dir := os.Getenv("GLOSS_SCREENSHOTS")
	for suffix, img := range map[string]image.Image{"": full, "-half": half} {
		var buf bytes.Buffer
		if err := png.Encode(&buf, img); err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(dir, name+suffix+".png")
		if err := os.WriteFile(p, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("wrote %s", p)
	}
}

// restCreate creates an annotation over the REST API as a script would:
// a Bearer token and plain net/http.
func restCreate(t *testing.T, base, token string, article uint64, body map[string]any) model.Annotation {
	t.Helper()
	b, _ := json.Marshal(body)
	req, err := http.NewRequest(http.MethodPost, fmt.Sprintf("%s/api/articles/%d/annotations", base, article), bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Content-Type", "application/json")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var a model.Annotation
	if err := json.NewDecoder(res.Body).Decode(&a); err != nil {
		t.Fatal(err)
	}
	if res.StatusCode != http.StatusCreated {
		t.Fatalf("POST annotation: %s", res.Status)
	}
	return a
}

func hexToRGB(c string) string {
	var r, g, b int
	fmt.Sscanf(c, "#%02x%02x%02x", &r, &g, &b)
	return fmt.Sprintf("rgb(%d, %d, %d)", r, g, b)
}

func TestLiveTwoBrowsers(t *testing.T) {
	a := newEnv(t, envOptions{})
	art := a.addArticle("Xi to meet Putin after ICC warrant", "../testdata/xi-putin-icc.txt")
	b := a.withPeer(art)
	// Nothing below reloads B: this survives.
	eval[chromedp.Void](b, `window.__noReload = true`)

	step := func(name string, fn func(t *testing.T)) {
		t.Run(name, func(t *testing.T) {
			a.t, b.t = t, t
			defer func() { a.t, b.t = t, t }()
			fn(t)
		})
		a.t, b.t = t, t
	}

	const quote = "“My upcoming visit to Russia will be a journey of friendship, cooperation and peace,”"
	qs, qe := span(t, art.Text, quote, quote)
	var quoteID int64
	step("HighlightAppearsInOther", func(t *testing.T) {
		a.selectWithMouse(quote, quote, false)
		a.do(chromedp.KeyEvent("q"))
		a.waitFor("the QUOTE in the database", func() bool { return len(a.annotations(art.ID)) == 1 })
		got := a.annotations(art.ID)[0]
		if got.Start != qs || got.End != qe || got.Label != "QUOTE" || got.Author != testUser {
			t.Fatalf("stored %s [%d,%d) by %s, want QUOTE [%d,%d) by %s", got.Label, got.Start, got.End, got.Author, qs, qe, testUser)
		}
		quoteID = int64(got.ID)
		b.poll(fmt.Sprintf(`gloss.store.annotation(%d) !== null && gloss.store.annotation(%d).label === 'QUOTE'`, quoteID, quoteID))
		b.poll(labelRanges + ` === 1`)
		b.poll(`document.querySelectorAll('#panel [data-action=goto]').length === 1`)
		a.poll(fmt.Sprintf(`gloss.store.annotation(%d) !== null && gloss.store.sorted().length === 1`, quoteID))
		// B's card names its author, in the author's colour; A's own does not.
		if got := eval[string](b, `document.querySelector('#panel .ann .by')?.textContent ?? ''`); got != testUser {
			t.Errorf("B's card says by %q, want %q", got, testUser)
		}
		if got, want := eval[string](b, `getComputedStyle(document.querySelector('#panel .ann .by'), '::before').backgroundColor`), hexToRGB(live.ColorOf(testUser)); got != want {
			t.Errorf("the author's dot is %s, want %s", got, want)
		}
		if n := eval[int](a, `document.querySelectorAll('#panel .ann .by').length`); n != 0 {
			t.Errorf("A's own card names its author (%d)", n)
		}
		if !eval[bool](b, `window.__noReload === true`) {
			t.Error("B reloaded")
		}
	})

	step("PresenceAvatarsAndRemoteSelection", func(t *testing.T) {
		want := []string{testUser, peerUser}
		for _, e := range []*env{a, b} {
			e.poll(`document.querySelectorAll('#peers .avatar').length === 2`)
			names := eval[[]string](e, `[...document.querySelectorAll('#peers .avatar')].map((li) => li.dataset.name).sort()`)
			if !slices.Equal(names, want) {
				t.Errorf("avatars %q, want %q", names, want)
			}
			// In the colour the server gave each user.
			for _, n := range want {
				bg := eval[string](e, fmt.Sprintf(`getComputedStyle(document.querySelector('#peers .avatar[data-name=%s] .avatar-face')).backgroundColor`, jsString(n)))
				if got, want := bg, hexToRGB(live.ColorOf(n)); got != want {
					t.Errorf("%s's avatar is %s, want %s", n, got, want)
				}
			}
			if got := eval[string](e, `document.getElementById('live-status').textContent`); got != "Live" {
				t.Errorf("status %q, want Live", got)
			}
		}
		if got := eval[string](a, `document.querySelector('#peers .avatar.you').dataset.name`); got != testUser {
			t.Errorf("A marks %s as you", got)
		}
		// B selects; A sees it, in B's colour.
		const sel = "Russian President Vladimir Putin"
		b.selectWithMouse(sel, sel, false)
		a.poll(peerTexts + `.join('|') === ` + jsString(sel))
		// A selects too, and B sees it.
		const selA = "Chinese leader Xi Jinping"
		a.selectWithMouse(selA, selA, false)
		b.poll(peerTexts + `.join('|') === ` + jsString(selA))
		// Each sees the other's name on their selection; a click on the
		// avatar scrolls to it.
		a.poll(`[...document.querySelectorAll('#peer-flags .peer-flag')].map((f) => f.textContent).join() === 'ben'`)
		b.poll(`[...document.querySelectorAll('#peer-flags .peer-flag')].map((f) => f.textContent).join() === 'ann'`)
		eval[chromedp.Void](a, `window.scrollTo(0, 0)`)
		a.do(chromedp.Click(chromedp.CSS(`#peers .avatar[data-name="ben"] button`)))
		a.poll(`(() => { const r = document.querySelector('#peer-flags .peer-flag').getBoundingClientRect(); return r.top > 100 && r.bottom < innerHeight; })()`)
		b.do(chromedp.Click(chromedp.CSS(`#peers .avatar[data-name="ann"] button`)))
		b.poll(`(() => { const r = document.querySelector('#peer-flags .peer-flag').getBoundingClientRect(); return r.top > 100 && r.bottom < innerHeight; })()`)
		a.poll(`!CSS.highlights.has('gloss-flash')`)
		b.poll(`!CSS.highlights.has('gloss-flash')`)
		sideBySide(t, "live-two-browsers", a.shot("live-a"), b.shot("live-b"))
		// A selection that goes away goes away for the others too.
		eval[chromedp.Void](b, `window.getSelection().removeAllRanges()`)
		a.poll(peerTexts + `.length === 0`)
		eval[chromedp.Void](a, `window.getSelection().removeAllRanges()`)
	})

	step("DeleteRemovesInOther", func(t *testing.T) {
		a.openPopover(a.annotations(art.ID)[0])
		a.do(chromedp.KeyEvent(kb.Delete))
		b.poll(fmt.Sprintf(`gloss.store.annotation(%d) === null`, quoteID))
		b.poll(labelRanges + ` === 0`)
		a.waitFor("the delete in the database", func() bool { return len(a.annotations(art.ID)) == 0 })
	})

	step("RESTWriteShowsInBoth", func(t *testing.T) {
		token, err := a.db.NewCredential(storage.CredToken, testUser, 0)
		if err != nil {
			t.Fatal(err)
		}
		s, en := span(t, art.Text, "Beijing called for a cease-fire last month", "Beijing called for a cease-fire last month")
		got := restCreate(t, a.base, token, art.ID, map[string]any{"start": s, "end": en, "label": "CLAIM", "attrs": map[string]string{"checkworthy": "yes"}})
		for _, e := range []*env{a, b} {
			e.poll(fmt.Sprintf(`(() => { const x = gloss.store.annotation(%d); return x && x.label === 'CLAIM' && x.attrs.checkworthy === 'yes'; })()`, got.ID))
			e.poll(labelRanges + ` === 1`)
		}
		converge(t, art.ID, a, b)
	})

	step("ConcurrentEditsConverge", func(t *testing.T) {
		// Both relabel and re-attribute the same annotation at once: the
		// last committed wins and everyone shows it.
		id := a.annotations(art.ID)[0].ID
		eval[chromedp.Void](a, fmt.Sprintf(`gloss.edits.update(%d, { attrs: { checkworthy: 'no', note: 'from ann' } })`, id))
		eval[chromedp.Void](b, fmt.Sprintf(`gloss.edits.update(%d, { label: 'QUOTE' })`, id))
		eval[chromedp.Void](a, fmt.Sprintf(`gloss.edits.update(%d, { attrs: { checkworthy: 'yes' } })`, id))
		a.settle()
		b.settle()
		converge(t, art.ID, a, b)
	})

	step("ListShowsWhoIsHere", func(t *testing.T) {
		// B goes back to the list: the article's row shows that ann is on it.
		eval[chromedp.Void](b, `location.hash = '#/'`)
		row := fmt.Sprintf(`document.querySelector('tr[data-id="%d"] .here')`, art.ID)
		b.poll(row + ` !== null`)
		if got := eval[string](b, row+`.textContent`); got != "A" {
			t.Errorf("the row shows %q, want ann's initial A", got)
		}
		if got := eval[string](b, row+`.title`); got != "Open now: "+testUser {
			t.Errorf("title %q", got)
		}
		b.shot("list-here")
		// A leaves too: B's list, refreshed in the background, drops the
		// mark without redrawing the rows.
		eval[chromedp.Void](b, `document.querySelector('tbody tr').dataset.keep = 'yes'`)
		eval[chromedp.Void](a, `location.hash = '#/'`)
		a.poll(`gloss.store.get().route.view === 'list' && !gloss.store.get().list.loading`)
		eval[chromedp.Void](b, `gloss.refreshList()`)
		b.poll(row + ` === null`)
		if got := eval[string](b, `document.querySelector('tbody tr').dataset.keep || ''`); got != "yes" {
			t.Error("the refresh redrew the rows")
		}
	})
}

func TestLiveOfflineAndReload(t *testing.T) {
	a := newEnv(t, envOptions{})
	art := a.addArticle("Xi to meet Putin after ICC warrant", "../testdata/xi-putin-icc.txt")
	// Something for A to delete while offline.
	boilerplate := a.seed(art, "South Africa Latest News", "BOILERPLATE", nil)
	boilerID := boilerplate.ID
	b := a.withPeer(art)
	b.poll(`document.querySelectorAll('#peers .avatar').length === 2`)

	// A goes offline: its socket closes and stays closed.
	eval[chromedp.Void](a, `gloss.live.offline(true)`)
	a.poll(`/^Offline/.test(document.getElementById('live-status').textContent)`)
	b.poll(`document.querySelectorAll('#peers .avatar').length === 0`) // alone again: no avatars

	// Two changes offline: a create (mouse and hotkey) and a delete.
	const speaker = "Chinese leader Xi Jinping"
	ss, se := span(t, art.Text, speaker, speaker)
	a.selectWithMouse(speaker, speaker, false)
	a.do(chromedp.KeyEvent("s"))
	a.poll(fmt.Sprintf(`gloss.store.sorted().some((x) => x.id < 0 && x.start === %d && x.end === %d && x.label === 'SPEAKER')`, ss, se))
	a.openPopover(boilerplate)
	a.do(chromedp.Click(chromedp.CSS(`#popover [data-action="delete-ann"]`)))
	a.poll(fmt.Sprintf(`gloss.store.annotation(%d) === null`, boilerID))
	a.poll(`document.getElementById('live-status').textContent === 'Offline · 2 pending changes'`)
	eval[chromedp.Void](a, `window.scrollTo(0, 0)`)
	a.poll(`document.querySelector('#panel .ann.pending .unsaved') !== null`)
	a.shot("live-offline")
	if got := eval[int](a, fmt.Sprintf(`JSON.parse(localStorage.getItem('gloss:pending:%d')).ops.length`, art.ID)); got != 2 {
		t.Fatalf("%d changes kept in localStorage, want 2", got)
	}
	// Nothing reached the server or B.
	if got := a.stored(art.ID); len(got) != 1 || got[0].ID != int64(boilerID) {
		t.Fatalf("the database changed while offline: %v", got)
	}
	if got := b.shown(); len(got) != 1 {
		t.Fatalf("B shows %v while A is offline", got)
	}

	// Meanwhile B labels something.
	const claim = "Beijing called for a cease-fire last month"
	b.selectWithMouse(claim, claim, false)
	b.do(chromedp.KeyEvent("c"))
	b.waitFor("B's claim", func() bool { return len(b.annotations(art.ID)) == 2 })

	// A reloads, still offline: its two changes are still there.
	eval[chromedp.Void](a, `performance.clearMarks('gloss:rendered')`)
	a.do(chromedp.Reload())
	a.poll(fmt.Sprintf(`window.gloss && gloss.store.get().article && gloss.store.get().article.id === %d && performance.getEntriesByName('gloss:rendered').length > 0`, art.ID))
	a.poll(`document.getElementById('live-status').textContent === 'Offline · 2 pending changes'`)
	a.poll(fmt.Sprintf(`gloss.store.sorted().some((x) => x.id < 0 && x.start === %d && x.end === %d && x.label === 'SPEAKER')`, ss, se))
	a.poll(fmt.Sprintf(`gloss.store.annotation(%d) === null`, boilerID))
	// B's claim came with the page (REST), and the two changes are painted over it.
	a.poll(labelRanges + ` === 2`)

	// Back online: the missed op arrives, the kept ones go out once.
	eval[chromedp.Void](a, `gloss.live.offline(false)`)
	a.waitLive()
	a.poll(fmt.Sprintf(`localStorage.getItem('gloss:pending:%d') === null`, art.ID))
	converge(t, art.ID, a, b)
	got := a.stored(art.ID)
	if len(got) != 2 {
		t.Fatalf("the database holds %v, want B's claim and A's speaker", got)
	}
	labels := []string{got[0].Label, got[1].Label}
	sort.Strings(labels)
	if !slices.Equal(labels, []string{"CLAIM", "SPEAKER"}) {
		t.Errorf("labels %q, want CLAIM and SPEAKER", labels)
	}
	if n := eval[int](a, `gloss.store.sorted().filter((x) => x.id < 0).length`); n != 0 {
		t.Errorf("%d temporary ids left in A", n)
	}
}

func TestExportMenu(t *testing.T) {
	e := newEnv(t, envOptions{})
	art := e.addArticle("Xi to meet Putin after ICC warrant", "../testdata/xi-putin-icc.txt")
	e.seed(art, "Beijing called for a cease-fire last month", "CLAIM", map[string]string{"verdict": "false"})
	if _, err := e.db.SetStatus(art.ID, model.StatusDone); err != nil {
		t.Fatal(err)
	}
	e.login()
	e.poll(`document.querySelectorAll('#rows tr').length === 1`)

	// The menu opens with every format and its description.
	e.do(chromedp.Click(chromedp.CSS(`#export-list summary`)))
	e.poll(`document.getElementById('export-list').open`)
	if n := eval[int](e, `document.querySelectorAll('#export-list [data-action="export-format"]').length`); n != 9 {
		t.Fatalf("%d formats, want 9", n)
	}
	project := eval[int](e, `gloss.store.get().projectId`)
	href := func(menu string) string {
		return eval[string](e, `new URL(document.querySelector('#`+menu+` a.download').href).pathname + new URL(document.querySelector('#`+menu+` a.download').href).search`)
	}
	if got, want := href("export-list"), fmt.Sprintf("/api/export?format=jsonl&project=%d", project); got != want {
		t.Errorf("link %s, want %s", got, want)
	}
	e.do(
		chromedp.Click(chromedp.CSS(`#export-list input[value="conll"]`)),
		chromedp.Click(chromedp.CSS(`#export-list [data-action="export-done"]`)),
		chromedp.Click(chromedp.CSS(`#export-list [data-action="export-clean"]`)),
	)
	e.poll(fmt.Sprintf(`document.querySelector('#export-list a.download').href.endsWith(%s)`, jsString(fmt.Sprintf("/api/export?format=conll&project=%d&status=done&clean=true", project))))
	e.do(chromedp.Click(chromedp.CSS(`#export-list input[value="w3c"]`)))
	e.shot("export-menu")

	// Every format downloads: 200, an attachment, a body.
	type got struct {
		Status      int
		Disposition string
		Size        int
	}
	for _, f := range []string{"jsonl", "doccano", "labelstudio", "spacy", "conll", "w3c", "brat", "csv", "claimreview"} {
		eval[chromedp.Void](e, `(() => { const r = document.querySelector('#export-list input[value="`+f+`"]'); r.click(); })()`)
		g := eval[got](e, `(async () => { const res = await fetch(document.querySelector('#export-list a.download').href); const b = await res.arrayBuffer(); return { Status: res.status, Disposition: res.headers.get('Content-Disposition') || '', Size: b.byteLength }; })()`)
		if g.Status != 200 || !strings.HasPrefix(g.Disposition, "attachment") || g.Size == 0 {
			t.Errorf("%s: status %d, disposition %q, %d bytes", f, g.Status, g.Disposition, g.Size)
		}
	}

	// A click on the link downloads the file (CDP download events).
	dir := t.TempDir()
	dctx, cancel := context.WithTimeout(e.ctx, 15*time.Second)
	defer cancel()
	begin := chromedp.BrowserEvents(dctx, browser.DownloadWillBegin)
	if _, err := chromedp.CallBrowser(e.ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
		Behavior: browser.SetDownloadBehaviorBehaviorAllowAndName, DownloadPath: dir, EventsEnabled: ptr(true),
		// The tab's own browser context: the browser is shared by the tests.
		BrowserContextID: chromedp.FromContext(e.ctx).BrowserContextID,
	}); err != nil {
		t.Fatal(err)
	}
	eval[chromedp.Void](e, `document.querySelector('#export-list input[value="jsonl"]').click()`)
	// The link follows the choice on the next frame: click it then.
	e.poll(`/format=jsonl/.test(document.querySelector('#export-list a.download').href)`)
	e.do(chromedp.Click(chromedp.CSS(`#export-list a.download`)))
	var guid string
	for ev, err := range begin {
		if err != nil {
			t.Fatalf("waiting for the download: %v", err)
		}
		if !strings.HasSuffix(ev.SuggestedFilename, ".jsonl") {
			t.Errorf("suggested file name %q, want a .jsonl", ev.SuggestedFilename)
		}
		guid = ev.GUID
		break
	}
	e.waitFor("the downloaded file", func() bool {
		fi, err := os.Stat(filepath.Join(dir, guid))
		return err == nil && fi.Size() > 0
	})
	e.poll(`!document.getElementById('export-list').open`)

	// In the article view the menu is there too, for the article's project.
	e.openArticle(art.ID)
	e.do(chromedp.Click(chromedp.CSS(`#export-article summary`)))
	e.poll(`document.getElementById('export-article').open`)
	e.shot("export-menu-article")
	if got := href("export-article"); !strings.Contains(got, fmt.Sprintf("project=%d", art.Project)) || !strings.Contains(got, fmt.Sprintf("articles=%d", art.ID)) {
		t.Errorf("article menu link %s lacks project=%d and articles=%d (this article, by default)", got, art.Project, art.ID)
	}
	if scope := e.text("#export-article .scope"); scope != "This article only" {
		t.Errorf("article menu scope %q", scope)
	}
	// Unticked, the whole project again.
	e.do(chromedp.Click(chromedp.CSS(`#export-article [data-action="export-this"]`)))
	e.poll(`!/articles=/.test(document.querySelector('#export-article a.download').href)`)
	// Escape closes it.
	e.do(chromedp.KeyEvent(kb.Escape))
	e.poll(`!document.getElementById('export-article').open`)
}

func ptr[T any](v T) *T { return &v }
