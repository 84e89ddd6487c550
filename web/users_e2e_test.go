package web_test

// Browser tests of teams: the Users page, Your account (password, API
// tokens), the Members dialog, and an editor that offers each user only
// what their project role lets them do.
//
//	GLOSS_SCREENSHOTS=/tmp/shots go test ./web/ -run 'Users|Tokens|Members'   also saves screenshots

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/gloss-dev/gloss/storage/model"
	"github.com/gloss-dev/gloss/storage/storagetest"
	"github.com/gloss-dev/gloss/web/browsertest"
)

// browserAs opens another browser context (its own cookies and storage)
// on e's server, signed in as name, a user who exists already.
func (e *env) browserAs(name string) *env {
	e.t.Helper()
	b := e.newBrowser()
	b.signIn(name)
	return b
}

// browserLogin is browserAs through the login form, with password: for a
// password that the test set or changed in the page.
func (e *env) browserLogin(name, password string) *env {
	e.t.Helper()
	b := e.newBrowser()
	b.loginAs(name, password)
	return b
}

// newBrowser opens another browser context (its own cookies and storage)
// on e's server.
func (e *env) newBrowser() *env {
	e.t.Helper()
	ctx, cancel := chromedp.NewContext(e.ctx, chromedp.WithNewBrowserContext())
	e.t.Cleanup(cancel)
	b := &env{t: e.t, db: e.db, base: e.base, ctx: ctx}
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(viewportW, viewportH)); err != nil {
		e.t.Fatal(err)
	}
	if err := browsertest.Quiet(ctx); err != nil {
		e.t.Fatal(err)
	}
	b.watchExceptions()
	return b
}

// join makes name a member of the first project with role (creating the
// user, global role "user", with testPassword).
func (e *env) join(name string, role model.ProjectRole) {
	e.t.Helper()
	hash, err := testHash()
	if err != nil {
		e.t.Fatal(err)
	}
	storagetest.Join(e.t, e.db, name, hash, role)
}

// typeInto replaces the value of the field sel with s, typed as keys.
func (e *env) typeInto(sel, s string) {
	e.t.Helper()
	e.poll(`document.querySelector(` + jsString(sel) + `)`) // forms in rows are drawn at the next frame
	eval[chromedp.Void](e, `document.querySelector(`+jsString(sel)+`).value = ''`)
	e.do(chromedp.SendKeys(chromedp.CSS(sel), s))
}

// text returns the text of the element sel (” when there is none).
func (e *env) text(sel string) string {
	e.t.Helper()
	return eval[string](e, `(document.querySelector(`+jsString(sel)+`) || {}).textContent || ''`)
}

// visible reports whether sel is in the page and not hidden.
func (e *env) visible(sel string) bool {
	e.t.Helper()
	return eval[bool](e, `(() => { const el = document.querySelector(`+jsString(sel)+`); return !!el && !!el.offsetParent })()`)
}

// click clicks sel with the mouse.
//
// The click is dispatched in the page, in one step with finding the
// element: a table that re-renders (a server answer arriving) between a
// CDP query and its mouse events would leave the click on a node that is
// gone.
func (e *env) click(sel string) {
	e.t.Helper()
	e.poll(`document.querySelector(` + jsString(sel) + `)`)
	eval[chromedp.Void](e, `document.querySelector(`+jsString(sel)+`).click()`)
}

// pick chooses value in the select sel and fires its change event.
func (e *env) pick(sel, value string) {
	e.t.Helper()
	e.poll(`document.querySelector(` + jsString(sel) + `)`)
	eval[chromedp.Void](e, `(() => { const el = document.querySelector(`+jsString(sel)+`); el.value = `+jsString(value)+`; el.dispatchEvent(new Event('change', { bubbles: true })) })()`)
}

// role returns name's role in the first project ("" when not a member).
func (e *env) role(name string) model.ProjectRole {
	e.t.Helper()
	ps, err := e.db.Projects()
	if err != nil {
		e.t.Fatal(err)
	}
	r, _ := ps[0].Member(name)
	return r
}

// bearer sends GET /api/me with token and returns the status code.
func bearer(t *testing.T, base, token string) int {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, base+"/api/me", nil)
	req.Header.Set("Authorization", "Bearer "+token)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	return res.StatusCode
}

// TestUsersAndRights: an admin adds a user on the Users page; the new user,
// in no project yet, is told so; a manager adds them as annotator in
// Members, and their editor offers no Import, Export or Mark done; made
// reviewer, the open editor offers Mark done without a reload; disabled
// by the admin, their editor goes to the login page.
func TestUsersAndRights(t *testing.T) {
	e := newEnv(t, envOptions{})
	art := e.addArticle("Xi to meet Putin after ICC warrant", "../testdata/xi-putin-icc.txt")
	e.join("max", model.RoleManager)
	e.join("ben", model.RoleAnnotator)
	e.login()

	// The admin's top bar has Users and Members.
	e.poll(`!document.getElementById('users-link').hidden && !document.getElementById('members-btn').hidden`)
	if got := e.text("#who"); got != "ann"+"admin" {
		t.Errorf("who = %q, want the name and the role admin", got)
	}
	e.click("#users-link")
	e.poll(`document.querySelector('#users-table tr[data-name="ben"]')`)

	// Refusals are shown next to the form, in words.
	e.typeInto(`#add-user [name=name]`, "cara")
	e.typeInto(`#add-user [name=password]`, "short")
	e.click(`#add-user [type=submit]`)
	e.poll(`/at least 8 characters/.test(document.getElementById('add-user-msg').textContent)`)
	e.typeInto(`#add-user [name=name]`, "ben")
	e.typeInto(`#add-user [name=password]`, testPassword)
	e.click(`#add-user [type=submit]`)
	e.poll(`/user ben exists already/.test(document.getElementById('add-user-msg').textContent)`)
	if _, err := e.db.User("cara"); err == nil {
		t.Fatal("a refused form created cara")
	}

	e.typeInto(`#add-user [name=name]`, "cara")
	e.typeInto(`#add-user [name=password]`, testPassword)
	e.click(`#add-user [type=submit]`)
	e.poll(`document.querySelector('#users-table tr[data-name="cara"]')`)
	if u, err := e.db.User("cara"); err != nil || u.Role != model.RoleUser {
		t.Fatalf("cara = %+v, %v; want a user", u, err)
	}
	if got := e.text(`#users-table tr[data-name="cara"] td:nth-child(3)`); !strings.Contains(got, "None yet") {
		t.Errorf("cara's projects = %q", got)
	}

	// Cara is in no project yet: the list says so, and offers nothing.
	cara := e.browserLogin("cara", testPassword)
	cara.poll(`/not in any project/.test(document.getElementById('list-empty').textContent)`)
	for _, sel := range []string{"#import-btn", "#export-list", "#members-btn", "#users-link", "#rows tr"} {
		if cara.visible(sel) {
			t.Errorf("cara, in no project, sees %s", sel)
		}
	}
	cara.shot("users-empty-no-project")

	// The manager adds her as annotator: a name that is nobody is refused in words.
	mgr := e.browserAs("max")
	mgr.poll(`!document.getElementById('members-btn').hidden && document.getElementById('users-link').hidden`)
	mgr.click("#members-btn")
	mgr.poll(`document.querySelector('#members-list li[data-name="max"]')`)
	if mgr.visible("#member-pick") || !mgr.visible("#member-name") {
		t.Error("a manager should type a name (the user list is the admins')")
	}
	mgr.typeInto("#member-name", "zed")
	mgr.click(`#add-member [type=submit]`)
	mgr.click("#members-save")
	mgr.poll(`/member zed: no such user/.test(document.getElementById('members-msg').textContent)`)
	mgr.click(`#members-list li[data-name="zed"] [data-action="member-remove"]`)
	mgr.typeInto("#member-name", "cara")
	mgr.click(`#add-member [type=submit]`)
	mgr.poll(`document.querySelector('#members-list li[data-name="cara"]')`)
	mgr.shot("members-dialog")
	mgr.click("#members-save")
	mgr.poll(`document.getElementById('members').hidden`)
	if r := e.role("cara"); r != model.RoleAnnotator {
		t.Fatalf("cara's role = %q, want annotator", r)
	}

	// Her page looks again by itself, with no reload: every 10 s while she
	// is in no project, and whenever the tab comes back to the front,
	// which the test does rather than wait. As annotator: the article, but
	// no Import, Export, Members or Mark done.
	eval[chromedp.Void](cara, `window.dispatchEvent(new Event('focus'))`)
	cara.poll(`document.querySelectorAll('#rows tr').length === 1`)
	if got := cara.text("#who"); got != "cara"+"annotator" {
		t.Errorf("cara's who = %q, want her name and annotator", got)
	}
	for _, sel := range []string{"#import-btn", "#export-list", "#members-btn", "#users-link"} {
		if cara.visible(sel) {
			t.Errorf("cara, annotator, sees %s", sel)
		}
	}
	cara.openArticle(art.ID)
	cara.waitLive()
	done := `document.querySelector('[data-action="done-next"]')`
	if !eval[bool](cara, done+`.disabled && document.getElementById('status').disabled`) {
		t.Error("an annotator may mark done or set the status")
	}
	if got := eval[string](cara, done+`.title`); got != "Marking done takes the reviewer role in this project (you are annotator)" {
		t.Errorf("Mark done's title = %q", got)
	}
	if cara.visible("#export-article") {
		t.Error("an annotator sees Export on the article")
	}
	cara.shot("users-annotator-editor")

	// Made reviewer in Members: the server closes her socket (4002), and
	// the open editor offers Mark done without a reload.
	mgr.click("#members-btn")
	// The list of the first opening is still in the closed dialog: wait
	// for this opening's, or the pick lands on rows about to be redrawn.
	mgr.poll(`gloss.store.get().members && !gloss.store.get().members.loading && document.querySelector('#members-list li[data-name="cara"]')`)
	mgr.pick(`#members-list li[data-name="cara"] select`, "reviewer")
	mgr.click("#members-save")
	mgr.poll(`document.getElementById('members').hidden`)
	if r := e.role("cara"); r != model.RoleReviewer {
		t.Fatalf("cara's role = %q, want reviewer", r)
	}
	cara.poll(`!` + done + `.disabled && !document.getElementById('status').disabled && document.getElementById('who').textContent === 'carareviewer'`)
	cara.waitLive()
	cara.click(`[data-action="done-next"]`)
	e.waitFor("the article done", func() bool {
		a, err := e.db.Article(art.ID)
		return err == nil && a.Status == model.StatusDone
	})
	// The only article is done: the list, and a note saying so.
	cara.poll(`gloss.store.get().route.view === 'list' && /Every article in this project is done/.test(document.getElementById('toast').textContent)`)
	cara.openArticle(art.ID)
	cara.waitLive()

	// The admin disables her: her open editor goes to the login page.
	e.click("#users-link")
	e.poll(`document.querySelector('#users-table tr[data-name="cara"] [data-action="user-disable"]')`)
	e.click(`#users-table tr[data-name="cara"] [data-action="user-disable"]`)
	e.poll(`document.querySelector('#users-table tr[data-name="cara"].off')`)
	cara.poll(`location.pathname === '/login'`)
	e.shot("users-page")
	if u, _ := e.db.User("cara"); !u.Disabled {
		t.Error("cara is not disabled")
	}

	// The same page at a phone's width.
	e.do(chromedp.EmulateViewport(420, 900))
	e.shot("users-page-narrow")
	e.do(chromedp.EmulateViewport(viewportW, viewportH))
}

// TestUsersPageActions: an admin changes a role, resets a password,
// deletes a user (after saying yes), and may not disable themselves.
func TestUsersPageActions(t *testing.T) {
	e := newEnv(t, envOptions{})
	e.join("dora", model.RoleAnnotator)
	e.join("eve", model.RoleReviewer)
	e.login()
	eval[chromedp.Void](e, `location.hash = '#/users'`)
	e.poll(`document.querySelector('#users-table tr[data-name="eve"]')`)
	row := func(name string) string { return fmt.Sprintf(`#users-table tr[data-name=%q]`, name) }

	if !eval[bool](e, `document.querySelector('`+row("ann")+` [data-action="user-disable"]').disabled`) {
		t.Error("an admin is offered to disable themselves")
	}

	e.pick(row("dora")+` [data-action="user-role"]`, "admin")
	e.waitFor("dora an admin", func() bool { u, _ := e.db.User("dora"); return u.Role == model.RoleAdmin })
	// The page reloads the list after the change and redraws the table,
	// and a form opened before that would lose what was typed into it.
	e.poll(`(() => { const U = gloss.store.get().users; return !U.loading && !U.busy && U.list.some((u) => u.name === 'dora' && u.role === 'admin') })()`)

	e.click(row("eve") + ` [data-action="user-reset"]`)
	e.typeInto(`form[data-action="user-password"] [name=password]`, "a new long password")
	e.click(`form[data-action="user-password"] [type=submit]`)
	e.poll(`/New password set/.test(document.getElementById('users-table').textContent)`)
	eve := e.browserLogin("eve", "a new long password")
	eve.poll(`document.getElementById('who').textContent === 'evereviewer'`)

	// An admin picks new members from the users, and turns off
	// annotators editing everyone's annotations.
	hash, _ := testHash()
	if err := e.db.PutUser(model.User{Name: "fay", Role: model.RoleUser, PasswordHash: hash}); err != nil {
		t.Fatal(err)
	}
	e.click("#members-btn")
	e.poll(`[...document.querySelectorAll('#member-pick option')].map((o) => o.value).join() === ',fay'`)
	if e.visible("#member-name") {
		t.Error("an admin is asked to type a name")
	}
	e.pick("#member-pick", "fay")
	e.pick("#member-role", "reviewer")
	e.click(`#add-member [type=submit]`)
	e.poll(`document.querySelector('#members-list li[data-name="fay"]') && document.getElementById('member-pick').options.length === 1`)
	e.click("#edit-all")
	e.click("#members-save")
	e.poll(`document.getElementById('members').hidden`)
	if r := e.role("fay"); r != model.RoleReviewer {
		t.Errorf("fay's role = %q, want reviewer", r)
	}
	if ps, _ := e.db.Projects(); ps[0].AnnotatorsEditAll {
		t.Error("annotators_edit_all is still on")
	}

	e.click(row("dora") + ` [data-action="user-delete"]`)
	e.poll(`/their annotations keep their name/.test(document.getElementById('users-table').textContent)`)
	e.click(row("eve") + ` [data-action="user-delete"]`) // asking about another closes the first question
	e.poll(`document.querySelectorAll('.confirm').length === 1 && /Delete eve\?/.test(document.querySelector('.confirm').textContent)`)
	e.click(`[data-action="user-delete-no"]`)
	e.poll(`!document.querySelector('.confirm')`)
	if _, err := e.db.User("eve"); err != nil {
		t.Fatal("Keep deleted eve")
	}
	e.click(row("dora") + ` [data-action="user-delete"]`)
	e.poll(`document.querySelector('[data-action="user-delete-yes"][data-name="dora"]')`)
	e.click(`[data-action="user-delete-yes"]`)
	e.poll(`!document.querySelector('` + row("dora") + `')`)
	if _, err := e.db.User("dora"); err == nil {
		t.Error("dora is still there")
	}
}

// TestTokensAndPassword: a token's secret is shown once and works; revoked,
// it is gone from the list and refused. One's own password changes with
// the current one (a wrong one is refused in words).
func TestTokensAndPassword(t *testing.T) {
	e := newEnv(t, envOptions{})
	e.join("ben", model.RoleAnnotator)
	e.login()
	b := e.browserAs("ben")
	eval[chromedp.Void](b, `location.hash = '#/users'`)
	b.poll(`/Only admins manage users/.test(document.getElementById('users-table').textContent) && document.getElementById('add-user').hidden`)
	b.click("#who")
	b.poll(`location.hash === '#/account' && /no API tokens yet/.test(document.getElementById('tokens-table').textContent)`)
	b.shot("users-account-empty")

	b.click(`#new-token [type=submit]`)
	b.poll(`/Say what the token is for/.test(document.getElementById('new-token-msg').textContent)`)
	b.typeInto(`#new-token [name=name]`, "nightly export")
	b.pick(`#new-token [name=ttl]`, "720h")
	b.click(`#new-token [type=submit]`)
	b.poll(`!document.getElementById('token-secret').hidden && document.querySelector('#tokens-table tr[data-id]')`)
	secret := b.text("#token-secret code")
	if len(secret) < 20 || !strings.Contains(b.text("#token-secret"), "won’t see it again") {
		t.Fatalf("the new token's box: %q", b.text("#token-secret"))
	}
	if got := b.text(`#tokens-table tr[data-id] td:nth-child(3)`); got != "In 30 days" {
		t.Errorf("expires = %q", got)
	}
	b.shot("users-token-created")
	if code := bearer(t, e.base, secret); code != http.StatusOK {
		t.Fatalf("the new token: %d", code)
	}

	// An admin sees everyone's tokens, with whose they are.
	eval[chromedp.Void](e, `location.hash = '#/account'`)
	e.poll(`document.querySelector('#tokens-table tr[data-id]') && /ben/.test(document.getElementById('tokens-table').textContent)`)

	// Once hidden, the secret is nowhere in the page.
	b.click(`[data-action="token-hide"]`)
	b.poll(`document.getElementById('token-secret').hidden`)
	if eval[bool](b, `document.body.innerHTML.includes(`+jsString(secret)+`)`) {
		t.Error("the secret is still in the page")
	}
	b.click(`#tokens-table [data-action="token-revoke"]`)
	b.click(`[data-action="token-revoke-yes"]`)
	b.poll(`!document.querySelector('#tokens-table tr[data-id]')`)
	if code := bearer(t, e.base, secret); code != http.StatusUnauthorized {
		t.Errorf("a revoked token: %d, want 401", code)
	}

	b.typeInto(`#own-password [name=current]`, "not my password")
	b.typeInto(`#own-password [name=password]`, "another long password")
	b.typeInto(`#own-password [name=again]`, "another long password")
	b.click(`#own-password [type=submit]`)
	b.poll(`/current password is wrong/.test(document.getElementById('own-password-msg').textContent)`)
	b.typeInto(`#own-password [name=again]`, "another long passwort")
	b.click(`#own-password [type=submit]`)
	b.poll(`/two new passwords differ/.test(document.getElementById('own-password-msg').textContent)`)
	b.typeInto(`#own-password [name=current]`, testPassword)
	b.typeInto(`#own-password [name=again]`, "another long password")
	b.click(`#own-password [type=submit]`)
	b.poll(`/Password changed/.test(document.getElementById('own-password-msg').textContent)`)
	e.browserLogin("ben", "another long password")
}
