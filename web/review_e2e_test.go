package web_test

// Browser tests of "nobody's work vanishes": two people (ann, an admin,
// and ben, an annotator) on one article, each scenario checked in the
// database. With GLOSS_SCREENSHOTS=/tmp/shots they also save screenshots
// of the popover's colleague note, its history, the question an undo
// asks, a popover greyed out by the project's rules, and the sign-out.

import (
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/gloss-dev/gloss/storage"
)

const claimText = "Beijing called for a cease-fire last month"

// setField sets the open popover's attribute field as the user does: a
// new value, then a change event (which saves it).
func (e *env) setField(name, value string) {
	e.t.Helper()
	eval[chromedp.Void](e, fmt.Sprintf(`(() => {
  const el = document.getElementById('attr-' + %s);
  el.value = %s;
  el.dispatchEvent(new Event('change', { bubbles: true }));
})()`, jsString(name), jsString(value)))
}

// attrsOf returns the stored attributes of annotation id.
func (e *env) attrsOf(article, id uint64) map[string]string {
	e.t.Helper()
	for _, a := range e.annotations(article) {
		if a.ID == id {
			return a.Attrs
		}
	}
	return nil
}

// sees waits until e's page shows annotation id's attribute name as value.
func (e *env) sees(id uint64, name, value string) {
	e.t.Helper()
	e.poll(fmt.Sprintf(`(gloss.store.annotation(%d)?.attrs || {})[%s] === %s`, id, jsString(name), jsString(value)))
}

// api calls the REST API from e's page (its session) and returns the status.
func (e *env) api(method, path string, body string) int {
	e.t.Helper()
	return eval[int](e, fmt.Sprintf(`fetch(%s, { method: %s, headers: { 'Content-Type': 'application/json' }, body: %s, credentials: 'same-origin' }).then((r) => r.status)`,
		jsString(path), jsString(method), jsString(body)))
}

func ctrlZ(e *env) {
	e.t.Helper()
	e.do(chromedp.KeyEvent("z", chromedp.KeyModifiers(chromedp.ModifierCtrl)))
}

// (a) ann creates a CLAIM, ben fills in its verdict and note, ann presses
// Ctrl+Z: she is asked first, and only "Delete anyway" deletes it.
func TestReviewUndoCreateAsksFirst(t *testing.T) {
	a := newEnv(t, envOptions{})
	art := a.addArticle("Xi to meet Putin after ICC warrant", "../testdata/xi-putin-icc.txt")
	b := a.withPeer(art)

	a.selectWithMouse(claimText, claimText, false)
	a.do(chromedp.KeyEvent("c"))
	a.waitFor("ann's CLAIM", func() bool { return len(a.annotations(art.ID)) == 1 })
	claim := a.annotations(art.ID)[0]

	b.poll(fmt.Sprintf(`gloss.store.annotation(%d) !== null`, claim.ID))
	b.openPopover(claim)
	b.setField("verdict", "misleading")
	b.setField("note", "the ministry said otherwise")
	b.waitFor("ben's fields", func() bool { return a.attrsOf(art.ID, claim.ID)["note"] != "" })
	a.sees(claim.ID, "note", "the ministry said otherwise")

	ctrlZ(a)
	a.poll(`gloss.store.get().toast?.kind === 'ask' && document.querySelector('#toast [data-action="toast-action"]') !== null`)
	msg := eval[string](a, `document.getElementById('toast').textContent`)
	if !strings.Contains(msg, "Undoing would delete this CLAIM, which ben edited after you") || !strings.Contains(msg, "Delete anyway") {
		t.Errorf("the toast says %q", msg)
	}
	a.settle()
	if n := len(a.annotations(art.ID)); n != 1 {
		t.Fatalf("the undo deleted ben's work without asking (%d annotations)", n)
	}
	a.shot("review-undo-asks")

	a.do(chromedp.Click(chromedp.CSS(`#toast [data-action="toast-action"]`)))
	a.waitFor("the delete, once agreed", func() bool { return len(a.annotations(art.ID)) == 0 })
	b.poll(fmt.Sprintf(`gloss.store.annotation(%d) === null`, claim.ID))
}

// (b) ann changes the verdict, ben adds a note, ann presses Ctrl+Z: the
// verdict goes back, ben's note stays.
func TestReviewUndoKeepsColleaguesField(t *testing.T) {
	a := newEnv(t, envOptions{})
	art := a.addArticle("Xi to meet Putin after ICC warrant", "../testdata/xi-putin-icc.txt")
	claim := a.seed(art, claimText, "CLAIM", map[string]string{"verdict": "true"})
	b := a.withPeer(art)

	a.openPopover(claim)
	a.setField("verdict", "false")
	a.waitFor("ann's verdict", func() bool { return a.attrsOf(art.ID, claim.ID)["verdict"] == "false" })

	b.openPopover(claim)
	b.do(chromedp.Click(chromedp.ID("attr-note")), chromedp.KeyEvent("ben's note"+kb.Enter))
	b.waitFor("ben's note", func() bool { return a.attrsOf(art.ID, claim.ID)["note"] == "ben's note" })
	a.sees(claim.ID, "note", "ben's note")

	a.do(chromedp.KeyEvent(kb.Escape))
	ctrlZ(a)
	a.waitFor("the undo", func() bool { return a.attrsOf(art.ID, claim.ID)["verdict"] == "true" })
	if got := a.attrsOf(art.ID, claim.ID); got["note"] != "ben's note" {
		t.Errorf("after ann's undo the attributes are %v: ben's note is gone", got)
	}
	converge(t, art.ID, a, b)
}

// (c) ben, offline, sets the verdict; ann, online, adds a note; ben comes
// back: both are in the database.
func TestReviewOfflineEditsMerge(t *testing.T) {
	a := newEnv(t, envOptions{})
	art := a.addArticle("Xi to meet Putin after ICC warrant", "../testdata/xi-putin-icc.txt")
	claim := a.seed(art, claimText, "CLAIM", nil)
	b := a.withPeer(art)

	eval[chromedp.Void](b, `gloss.live.offline(true)`)
	b.poll(`gloss.store.get().live.status === 'offline'`)
	b.openPopover(claim)
	b.setField("verdict", "misleading")
	b.poll(`gloss.live.pending === 1`)

	a.openPopover(claim)
	a.setField("note", "ann, online")
	a.waitFor("ann's note", func() bool { return a.attrsOf(art.ID, claim.ID)["note"] == "ann, online" })

	eval[chromedp.Void](b, `gloss.live.offline(false)`)
	b.waitLive()
	got := a.attrsOf(art.ID, claim.ID)
	if got["verdict"] != "misleading" || got["note"] != "ann, online" {
		t.Fatalf("after ben came back the database has %v, want ben's verdict and ann's note", got)
	}
	converge(t, art.ID, a, b)
}

// (d) both set the verdict: ann, whose value was overwritten, sees who
// changed what in her popover and puts hers back with one click; the
// History section lists every change.
func TestReviewColleagueNoteAndHistory(t *testing.T) {
	a := newEnv(t, envOptions{})
	art := a.addArticle("Xi to meet Putin after ICC warrant", "../testdata/xi-putin-icc.txt")
	claim := a.seed(art, claimText, "CLAIM", nil)
	b := a.withPeer(art)

	a.openPopover(claim)
	a.setField("verdict", "true")
	a.waitFor("ann's verdict", func() bool { return a.attrsOf(art.ID, claim.ID)["verdict"] == "true" })
	b.sees(claim.ID, "verdict", "true")
	b.openPopover(claim)
	b.setField("verdict", "false")
	b.waitFor("ben's verdict", func() bool { return a.attrsOf(art.ID, claim.ID)["verdict"] == "false" })

	a.poll(`document.querySelector('#popover .pop-colleague') !== null`)
	note := eval[string](a, `document.querySelector('#popover .pop-colleague li').textContent`)
	if note != "ben changed verdict: true → false" {
		t.Errorf("the note says %q", note)
	}
	a.shot("review-colleague-note")

	a.do(chromedp.Click(chromedp.CSS(`#popover [data-action="put-mine-back"]`)))
	a.waitFor("ann's verdict back", func() bool { return a.attrsOf(art.ID, claim.ID)["verdict"] == "true" })
	a.poll(`document.querySelector('#popover .pop-colleague') === null`)
	b.sees(claim.ID, "verdict", "true")

	a.do(chromedp.Click(chromedp.CSS(`#popover [data-action="ann-history"]`)))
	a.poll(`document.querySelectorAll('#popover .pop-history-list li').length === 4`)
	lines := eval[[]string](a, `[...document.querySelectorAll('#popover .pop-history-list li')].map((li) => li.textContent)`)
	want := []string{"ann · just nowchanged verdict: false → true", "ben · just nowchanged verdict: true → false", "ann · just nowchanged verdict: unverified → true", "ann · just nowcreated it: CLAIM, verdict unverified"}
	if strings.Join(lines, "\n") != strings.Join(want, "\n") {
		t.Errorf("the history says\n%s\nwant\n%s", strings.Join(lines, "\n"), strings.Join(want, "\n"))
	}
	// Clicking scrolled the page; show the annotation and its popover.
	eval[chromedp.Void](a, fmt.Sprintf(`gloss.renderer.view.liveRange(%d, %d).startContainer.parentElement.scrollIntoView({ block: 'start' }); window.scrollBy(0, -140)`, claim.Start, claim.End))
	a.shot("review-history")
}

// (e) the server closes ben's socket with 4001 (an admin disabled him):
// his editor says why and goes to the login page.
func TestReviewSignedOutGoesToLogin(t *testing.T) {
	a := newEnv(t, envOptions{})
	art := a.addArticle("Xi to meet Putin after ICC warrant", "../testdata/xi-putin-icc.txt")
	b := a.withPeer(art)
	if st := a.api("PATCH", "/api/users/"+peerUser, `{"disabled":true}`); st != 200 {
		t.Fatalf("disabling ben: %d", st)
	}
	b.poll(`/Signed out: your account was disabled/.test(document.getElementById('toast')?.textContent || '')`)
	b.shot("review-signed-out")
	b.poll(`location.pathname === '/login'`)
}

// The project turns annotators_edit_all off: ben's socket closes with
// 4002, reconnects with his new rights, and his popover on ann's
// annotation greys out its controls and says why.
func TestReviewRightsChangeGreysOutPopover(t *testing.T) {
	a := newEnv(t, envOptions{})
	art := a.addArticle("Xi to meet Putin after ICC warrant", "../testdata/xi-putin-icc.txt")
	claim := a.seed(art, claimText, "CLAIM", map[string]string{"note": "ann's"})
	b := a.withPeer(art)
	b.openPopover(claim)
	if eval[bool](b, `document.querySelector('#popover [data-action="relabel"]').disabled`) {
		t.Fatal("the popover is greyed out while annotators may edit everything")
	}
	before := a.annotations(art.ID)

	if st := a.api("PATCH", fmt.Sprintf("/api/projects/%d", art.Project), `{"annotators_edit_all":false}`); st != 200 {
		t.Fatalf("turning annotators_edit_all off: %d", st)
	}
	b.poll(`gloss.store.get().projects.length > 0 && !gloss.store.get().projects[0].can.includes('edit_others')`)
	b.waitLive()
	b.poll(`document.querySelector('#popover [data-action="relabel"]').disabled`)
	for _, sel := range []string{`#attr-note`, `#attr-verdict`, `[data-action="delete-ann"]`, `[data-action="edge"]`} {
		if !eval[bool](b, fmt.Sprintf(`document.querySelector('#popover %s').disabled`, sel)) {
			t.Errorf("%s is not disabled", sel)
		}
	}
	if got := eval[string](b, `document.querySelector('#popover .pop-perm').textContent`); got != "ann's annotation: in this project you may change only your own" {
		t.Errorf("the popover says %q", got)
	}
	b.shot("review-disabled-popover")

	// The Delete key is refused before anything is sent, and says why.
	b.do(chromedp.KeyEvent(kb.Delete))
	b.poll(`/you may change only your own/.test(gloss.store.get().toast?.message || '')`)
	b.settle()
	if after := a.annotations(art.ID); len(after) != len(before) || !mapsEqual(after[0].Attrs, before[0].Attrs) {
		t.Errorf("ben changed ann's annotation: %v", after)
	}
}

// Logging out in one tab ends the session everywhere it was used: ben's
// second tab on the article has its socket closed by the server (4001,
// "you logged out"), says so and goes to the login page.
func TestLogoutClosesOtherTabs(t *testing.T) {
	a := newEnv(t, envOptions{})
	art := a.addArticle("Xi to meet Putin after ICC warrant", "../testdata/xi-putin-icc.txt")
	b := a.withPeer(art)
	// A second tab in ben's browser: the same session cookie.
	ctx, cancel := chromedp.NewContext(b.ctx)
	t.Cleanup(cancel)
	b2 := &env{t: t, db: a.db, base: a.base, ctx: ctx}
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(viewportW, viewportH), chromedp.Navigate(a.base+"/")); err != nil {
		t.Fatal(err)
	}
	b2.watchExceptions()
	b2.openArticle(art.ID)
	b2.waitLive()
	eval[chromedp.Void](b, `document.querySelector('[data-action="logout"]').click()`)
	b.poll(`location.pathname === '/login'`)
	b2.poll(`/Signed out: you logged out/.test(document.getElementById('toast')?.textContent || '')`)
	b2.poll(`location.pathname === '/login'`)
	if s, _ := a.db.Credentials(storage.CredSession, peerUser); len(s) != 0 {
		t.Errorf("ben still has %d sessions after logging out", len(s))
	}
}
