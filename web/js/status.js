// status.js sets the open article's status: from the toolbar, or done and
// on to the next article not done. In an independent project (issue 10)
// an annotator submits their layer instead and goes on to the next
// article assigned to them, and a reviewer marks articles reviewed,
// reopens them and gives annotators' submitted layers back.
import { api } from './api.js';
import { store, live, fail } from './app.js';
import { can, openProject, articleProject, layerLock } from './perm.js';
import { whyNot } from './people.js';
import { independent, noneLeft, reopenStatus } from './assign.js';
import { loadList } from './list.js';

// allowed reports whether the user may set statuses here, and says why not
// when they may not (Ctrl+Enter reaches doneAndNext without a button).
function allowed(what) {
  const s = store.get();
  if (can(s, 'set_status')) return true;
  const p = openProject(s);
  store.toast(whyNot(what, 'set_status', p && p.my_role) + '.', 'info');
  return false;
}

/** setStatus sets the open article's status, shown at once and put back if refused. */
export async function setStatus(status) {
  const a = store.get().article;
  if (!a || a.status === status) return;
  if (!allowed('Setting the status')) {
    store.emit('article-meta'); // the select shows the status again
    return;
  }
  const old = a.status;
  store.setArticleFields({ status });
  try {
    const res = await api.setStatus(a.id, status);
    if (store.get().article === a) store.setArticleFields(layerFields(res));
  } catch (err) {
    if (store.get().article === a) store.setArticleFields({ status: old });
    fail(err);
  }
}

// layerFields are the parts of an article answer that submit, reopen and
// status changes move.
function layerFields(res) {
  return { status: res.status, mine: res.mine || null, layers: res.layers || null };
}

// saved waits for the open article's pending changes to reach the server
// (5 s at most) and reports whether they all did.
async function saved() {
  if (['live', 'rest', 'connecting'].includes(store.get().live.status)) await live.idle(5000);
  return live.pending === 0;
}

let advancing = false;
/**
 * doneAndNext marks the open article done and opens the next one not done.
 * In an independent project an annotator is asked to submit their layer
 * and then gets their next article (their layer locked already: the next
 * one at once); a reviewer marks it reviewed and opens the next one
 * submitted.
 */
export async function doneAndNext() {
  const s = store.get();
  const a = s.article;
  if (!a || advancing) return;
  const p = articleProject(s);
  if (independent(p)) {
    if ((p.can || []).includes('review')) return reviewedAndNext(a);
    if (layerLock(s)) return openAssigned(a.project);
    return askSubmit(true);
  }
  if (!allowed('Marking done')) return;
  advancing = true;
  try {
    // Let pending saves land first, when they can.
    await saved();
    await api.setStatus(a.id, 'done');
    store.setArticleFields({ status: 'done' });
    try {
      const n = await api.next(a.id, a.project);
      location.hash = `#/articles/${n.id}`;
    } catch (err) {
      if (err.status !== 404) throw err;
      location.hash = '#/';
      store.toast('Every article in this project is done.', 'info');
    }
  } catch (err) {
    fail(err);
  } finally {
    advancing = false;
  }
}

/**
 * openAssigned opens the caller's next article of an independent project
 * (their unfinished one, else a new one); when none is left it says so
 * plainly, on the list. done, when given, starts the note (what was just
 * done).
 */
export async function openAssigned(project, done = '') {
  if (advancing) return;
  advancing = true;
  try {
    const n = await api.assign(project);
    const here = store.get().article;
    location.hash = `#/articles/${n.id}`;
    if (done) store.toast(`${done} ${here && here.id === n.id ? 'This is still yours to finish.' : 'Here is your next article.'}`, 'info');
  } catch (err) {
    if (err.status !== 404) {
      fail(err);
      return;
    }
    if (store.get().route.view !== 'list') location.hash = '#/';
    store.toast(`${done ? done + ' ' : ''}${noneLeft(store.project(project))}`, 'info');
  } finally {
    advancing = false;
  }
}

/** askSubmit asks the annotator to confirm submitting their layer (then, with next, going on). */
export function askSubmit(next = false) {
  const s = store.get();
  if (!s.article) return;
  const lock = layerLock(s);
  if (lock) {
    store.toast(lock, 'info');
    return;
  }
  store.set({ submitAsk: { next } }, 'submit-ask');
}

/** cancelSubmit closes the question; nothing is submitted. */
export function cancelSubmit() {
  if (store.get().submitAsk) store.set({ submitAsk: null }, 'submit-ask');
}

/**
 * submitLayer submits the open article's layer, as confirmed: once every
 * change of it has reached the server (a layer submitted without them
 * would lock them out), then the next article when that was asked.
 */
export async function submitLayer() {
  const ask = store.get().submitAsk;
  const a = store.get().article;
  cancelSubmit();
  if (!a || !ask || advancing) return;
  advancing = true;
  let next = false;
  try {
    if (!(await saved())) {
      throw new Error('Some of your changes are not saved yet (see the top bar): submit once they are, or they would be left out.');
    }
    const res = await api.submitLayer(a.id);
    if (store.get().article === a) store.setArticleFields(layerFields(res));
    next = ask.next;
    if (!next) store.toast('Submitted. Your annotations of this article are locked now.', 'info');
  } catch (err) {
    fail(err);
  } finally {
    advancing = false;
  }
  if (next) await openAssigned(a.project, 'Submitted.');
}

// reviewedAndNext marks a reviewed and opens the next submitted article.
async function reviewedAndNext(a) {
  advancing = true;
  try {
    await saved();
    const res = await api.setStatus(a.id, 'reviewed');
    if (store.get().article === a) store.setArticleFields(layerFields(res));
    const page = await api.articles({ project: a.project, status: 'submitted', limit: 2 });
    const n = (page.articles || []).find((x) => x.id !== a.id);
    if (n) {
      location.hash = `#/articles/${n.id}`;
      return;
    }
    location.hash = '#/';
    store.toast('Marked reviewed. No other article waits for review in this project.', 'info');
  } catch (err) {
    fail(err);
  } finally {
    advancing = false;
  }
}

// known returns article id as the page has it: the open one or a row of the list.
function known(id) {
  const s = store.get();
  if (s.article && s.article.id === id) return s.article;
  return s.list.articles.find((a) => a.id === id) || null;
}

// reviewed shows what a reviewer's action answered: on the open article,
// and in the list when that is what is shown.
function reviewed(id, res, note) {
  const a = store.get().article;
  if (a && a.id === id) store.setArticleFields(layerFields(res));
  if (store.get().route.view === 'list') loadList();
  store.toast(note, 'info');
}

/** reopenLayer gives annotator name's submitted layer of article id back to them (reviewers). */
export async function reopenLayer(id, name) {
  try {
    const res = await api.reopenLayer(id, name);
    reviewed(id, res, `${name}'s annotations are open again: they can change them and submit again.`);
  } catch (err) {
    fail(err);
  }
}

/** markReviewed marks article id reviewed (reviewers): locked for its annotators. */
export async function markReviewed(id) {
  try {
    const res = await api.setStatus(id, 'reviewed');
    reviewed(id, res, 'Marked reviewed. Its annotators can no longer change it.');
  } catch (err) {
    fail(err);
  }
}

/** reopenArticle takes article id back from reviewed, to where its layers say (reviewers). */
export async function reopenArticle(id) {
  const a = known(id);
  const to = reopenStatus(a, a && store.project(a.project));
  try {
    const res = await api.setStatus(id, to);
    reviewed(id, res, 'Reopened: no longer reviewed. Annotators whose layers are not submitted can change them again.');
  } catch (err) {
    fail(err);
  }
}

/**
 * refreshOpenArticle asks again how the open article of an independent
 * project stands (submitted, reopened, reviewed by someone else while it
 * was open): what it may do depends on it.
 */
export async function refreshOpenArticle() {
  const s = store.get();
  const a = s.article;
  if (!a || !independent(articleProject(s))) return;
  try {
    const res = await api.article(a.id);
    const f = layerFields(res);
    if (store.get().article === a && JSON.stringify(f) !== JSON.stringify(layerFields(a))) store.setArticleFields(f);
  } catch {
    // Offline or gone: the next look, or the next change, says so.
  }
}
