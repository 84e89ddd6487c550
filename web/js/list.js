// list.js loads the article list of the current project: its pages, the
// status filter and the search, a refresh in the background while it is
// open, and importing files into the project.
import { api } from './api.js';
import { store } from './app.js';
import { can, openProject } from './perm.js';
import { whyNot } from './people.js';

let listSeq = 0;
/**
 * loadList fetches the list page; after, when given, settles first (the
 * article just left: its row must not show us as still there).
 */
export async function loadList(after) {
  const s = store.get();
  if (s.projectId == null) return;
  const L = s.list;
  const seq = ++listSeq;
  store.setList({ loading: true });
  try {
    if (after) await after;
    const res = await api.articles({ project: s.projectId, status: L.status, q: L.q, offset: L.offset, limit: L.limit });
    if (seq !== listSeq) return;
    store.setList({ articles: res.articles || [], here: res.here || {}, total: res.total || 0, offset: res.offset || 0, loading: false, error: '' });
  } catch (err) {
    if (seq !== listSeq) return;
    store.setList({ loading: false, error: err.message });
  }
}

/**
 * refreshList fetches the list page again in the background, so that who
 * is on each article (and statuses and counts others change) stays true
 * while the list is open. Rows are redrawn only when an article changed.
 */
export async function refreshList() {
  const s = store.get();
  const L = s.list;
  if (s.route.view !== 'list' || s.projectId == null || L.loading || document.visibilityState !== 'visible') return;
  const seq = listSeq;
  try {
    const res = await api.articles({ project: s.projectId, status: L.status, q: L.q, offset: L.offset, limit: L.limit });
    if (seq !== listSeq || store.get().route.view !== 'list') return;
    const articles = res.articles || [];
    const here = res.here || {};
    if (JSON.stringify(articles) === JSON.stringify(store.get().list.articles)) store.setList({ here });
    else store.setList({ articles, here, total: res.total || 0 });
  } catch {
    // Offline or logged out: the next try, or the next navigation, says so.
  }
}
/** LIST_REFRESH is how often the open list is fetched again, in ms. */
export const LIST_REFRESH = 10000;

/** turnPage shows the next page of the list (button el's data-dir 1) or the previous one (-1). */
export function turnPage(el) {
  const L = store.get().list;
  store.setList({ offset: Math.max(0, L.offset + Number(el.dataset.dir) * L.limit) });
  loadList();
  window.scrollTo(0, 0);
}

/** filterStatus shows only the articles with the status chosen in el (all for ''). */
export function filterStatus(el) {
  store.setList({ status: el.value, offset: 0 });
  loadList();
}

let searchTimer = 0;
/** search shows the articles that match what is typed in el, once typing pauses. */
export function search(el) {
  clearTimeout(searchTimer);
  searchTimer = setTimeout(() => {
    store.setList({ q: el.value.trim(), offset: 0 });
    loadList();
  }, 250);
}

/** importFiles imports the files chosen in input into the current project. */
export async function importFiles(input) {
  const files = [...(input.files || [])];
  input.value = '';
  if (!files.length) return;
  if (!can(store.get(), 'add_articles')) {
    const p = openProject(store.get());
    store.set({ importResult: { error: whyNot('Importing', 'add_articles', p && p.my_role) } }, 'import');
    return;
  }
  store.set({ importing: true, importResult: null }, 'import');
  try {
    const res = await api.importFiles(files, store.get().projectId);
    store.set({ importing: false, importResult: { articles: (res && res.articles) || [] } }, 'import');
    store.setList({ offset: 0 });
    loadList();
  } catch (err) {
    store.set({ importing: false, importResult: { error: err.message } }, 'import');
  }
}
