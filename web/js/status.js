// status.js sets the open article's status: from the toolbar, or done and
// on to the next article not done.
import { api } from './api.js';
import { store, live, fail } from './app.js';
import { can, openProject } from './perm.js';
import { whyNot } from './people.js';

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
    if (store.get().article === a) store.setArticleFields({ status: res.status });
  } catch (err) {
    if (store.get().article === a) store.setArticleFields({ status: old });
    fail(err);
  }
}

let advancing = false;
/** doneAndNext marks the open article done and opens the next one not done. */
export async function doneAndNext() {
  const a = store.get().article;
  if (!a || advancing || !allowed('Marking done')) return;
  advancing = true;
  try {
    // Let pending saves land first, when they can.
    if (['live', 'rest', 'connecting'].includes(store.get().live.status)) await live.idle(5000);
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
