// main.js wires the editor: routes, data loading, one delegated listener
// per event type on the document dispatching on data-action, hotkeys, and
// rendering on every store change (at most once per frame).
import { api } from './api.js';
import { Store } from './state.js';
import { Highlighter } from './highlight.js';
import { Renderer } from './render.js';
import { History } from './history.js';
import { LiveSync } from './live.js';
import { flushStored, storedArticles } from './live-kept.js';
import { selectionSpan, clearSelection, snapSelection, moveEdge } from './selection.js';
import { bindKeys } from './keys.js';
import { sameTextSpans, textOf } from './matches.js';
import { parseLabels, formatLabels } from './schema.js';

const PROJECT_KEY = 'gloss.project';
// HIDDEN_KEY keeps the labels whose highlights are hidden, by name, for
// every article: someone hiding BOILERPLATE to read the claims wants it
// hidden on the next article too.
const HIDDEN_KEY = 'gloss.hidden-labels';

const store = new Store();
const hl = new Highlighter();
const renderer = new Renderer(store, hl);
const live = new LiveSync({ store, api });
const edits = new History(store, live);

// The test suite and the browser console may look at these.
window.gloss = { store, edits, renderer, live, refreshList };

let frame = 0;
function schedule() {
  if (!frame) {
    frame = requestAnimationFrame(() => {
      frame = 0;
      renderer.render();
    });
  }
}
store.addEventListener('change', schedule);
window.addEventListener('resize', schedule);
// Long articles lay paragraphs out only as they scroll into view, which can
// move the text under the other people's name flags.
let flagFrame = 0;
window.addEventListener(
  'scroll',
  () => {
    if (!flagFrame && renderer.el.peerFlags.firstChild) {
      flagFrame = requestAnimationFrame(() => {
        flagFrame = 0;
        renderer.refreshFlags();
      });
    }
  },
  { passive: true },
);

function fail(err) {
  store.toast(err && err.message ? err.message : String(err));
}

// ---- routes and loading ----

function parseRoute(hash) {
  const m = /^#\/articles\/(\d+)\/?$/.exec(hash || '');
  if (m) return { view: 'article', id: Number(m[1]) };
  return { view: 'list' };
}

// Who is logged in: live.js needs the name to pick this user's kept
// changes out of localStorage.
let meReady = null;

// Undo and redo outlive a reload of the tab: the stacks go to
// sessionStorage when the page goes away, per user.
const HISTORY_KEY = 'gloss:history:';
window.addEventListener('pagehide', () => edits.save());
function whoAmI() {
  if (!meReady) meReady = api.me().catch((err) => {
    meReady = null;
    throw err;
  });
  return meReady;
}

let articleSeq = 0;
async function loadArticle(id) {
  const seq = ++articleSeq;
  leaveArticle();
  try {
    const [a, anns] = await Promise.all([api.article(id), api.annotations(id)]);
    if (seq !== articleSeq) return;
    performance.mark('gloss:data'); // from here to 'gloss:rendered' is the editor's own work
    edits.reset(a.id);
    store.openArticle(a, anns);
    document.title = `${a.title || 'Untitled'} · gloss`;
    const me = await whoAmI().catch(() => null);
    if (seq !== articleSeq) return;
    live.open(store.get().article, me);
  } catch (err) {
    if (seq !== articleSeq) return;
    store.set({ articleError: err.message }, 'article');
  }
}

// leaveArticle closes the open article's live session. Changes it could
// not send yet stay in localStorage; sendKept tries them over REST.
// It returns close's promise: settled once the server has us out of the
// article's room.
function leaveArticle() {
  const a = store.get().article;
  const left = a && live.pending > 0 ? a.id : null;
  const gone = live.close();
  store.closeArticle();
  if (left !== null) sendKept();
  return gone;
}

// sendKept sends the changes kept for articles that are not open (left
// or closed while offline) over the REST API.
let sending = false;
async function sendKept() {
  if (sending || live.forcedOffline) return;
  sending = true;
  try {
    const me = await whoAmI().catch(() => null);
    for (const id of storedArticles(window.localStorage)) {
      // The open article's (or the one opening) go out over its socket.
      const r = store.get().route;
      if (live.forcedOffline || (r.view === 'article' && r.id === id)) continue;
      const refused = await flushStored(window.localStorage, api, id, me && me.name);
      for (const msg of refused) store.toast(`A change to article ${id} could not be saved: ${msg}`);
    }
  } catch {
    // Offline or logged out: they wait for the next time.
  } finally {
    sending = false;
  }
}

// Back online: what was kept for other articles goes out too.
store.addEventListener('change', (e) => {
  if (e.detail.what !== 'live' || store.get().live.status !== 'live') return;
  const open = store.get().article;
  if (storedArticles(window.localStorage).some((id) => !open || id !== open.id)) sendKept();
});

let listSeq = 0;
// loadList fetches the list page; after, when given, settles first (the
// article just left: its row must not show us as still there).
async function loadList(after) {
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

// refreshList fetches the list page again in the background, so that who
// is on each article (and statuses and counts others change) stays true
// while the list is open. Rows are redrawn only when an article changed.
async function refreshList() {
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
// LIST_REFRESH is how often the open list is fetched again, in ms.
const LIST_REFRESH = 10000;
setInterval(refreshList, LIST_REFRESH);

function onRoute() {
  const route = parseRoute(location.hash);
  const prev = store.get().route;
  store.set({ route, help: false }, 'route');
  if (route.view === 'article') {
    if (prev.view !== 'article' || prev.id !== route.id || !store.get().article) loadArticle(route.id);
    window.scrollTo(0, 0);
  } else {
    articleSeq++;
    const gone = store.get().article ? leaveArticle() : null;
    document.title = 'gloss';
    loadList(gone);
  }
}

function savedHidden() {
  try {
    const v = JSON.parse(localStorage.getItem(HIDDEN_KEY) || '[]');
    return Array.isArray(v) ? v.filter((x) => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

async function boot() {
  // The article (when the route names one) loads alongside who-am-I and
  // the projects: it is what the user waits for.
  const route = parseRoute(location.hash);
  if (route.view === 'article') {
    store.set({ route }, 'route');
    loadArticle(route.id);
  }
  try {
    const [me, projects] = await Promise.all([whoAmI(), api.projects()]);
    edits.restore(window.sessionStorage, HISTORY_KEY + me.name);
    store.set({ hidden: savedHidden() }, 'hidden');
    const saved = Number(localStorage.getItem(PROJECT_KEY));
    const projectId = projects.some((p) => p.id === saved) ? saved : projects.length ? projects[0].id : null;
    store.set({ me, projects, projectId }, 'projects');
  } catch (err) {
    fail(err);
    return;
  }
  window.addEventListener('hashchange', onRoute);
  sendKept();
  if (route.view === 'article') {
    // Already loading; keep the list ready for the way back.
    return;
  }
  onRoute();
}

// ---- annotation actions ----

function smallestAt(cp) {
  let best = null;
  for (const a of store.shown()) {
    if (a.start > cp) break;
    if (cp < a.end && (!best || a.end - a.start < best.end - best.start)) best = a;
  }
  return best;
}

// lastCreated is the annotation the last label key made (its id then,
// which store.currentId follows to the real one): Enter edits it.
let lastCreated = null;

function labelSelection(label) {
  const view = renderer.view;
  if (!view || !store.get().article) return;
  const span = selectionSpan(view);
  if (span) {
    clearSelection();
    const dup = store.sorted().find((a) => a.start === span.start && a.end === span.end && a.label === label);
    if (dup) {
      store.select(dup.id);
      return;
    }
    edits.create({ start: span.start, end: span.end, label, attrs: {} });
    // Enter right after goes into its fields (the popover is not opened
    // now: it would cover the text the next drag is headed for).
    const made = store.sorted().find((a) => a.id < 0 && a.start === span.start && a.end === span.end && a.label === label);
    lastCreated = made ? made.id : null;
    return;
  }
  const id = store.get().selectedId;
  if (id != null) {
    const a = store.annotation(id);
    if (a && a.label !== label) edits.update(id, { label });
    return;
  }
  store.toast('Select some text first, then choose a label.', 'info');
}

function gotoAnnotation(id) {
  const a = store.annotation(id);
  const view = renderer.view;
  if (!a || !view) return;
  store.select(id);
  const rect = view.liveRange(a.start, a.end).getBoundingClientRect();
  const top = 130; // below the sticky bars
  if (rect.top < top || rect.bottom > window.innerHeight - 40) {
    window.scrollBy({ top: rect.top - Math.max(top, window.innerHeight / 3), behavior: 'smooth' });
  }
  hl.flash(view.staticRange(a.start, a.end));
}

// labelEverywhere counts (apply false) or labels (apply true) the places in
// every article of the project where the selected annotation's text occurs
// without its label. What it labels can be taken back from the toast.
async function labelEverywhere(apply) {
  const an = store.annotation(store.get().selectedId);
  const view = renderer.view;
  const art = store.get().article;
  if (!an || !view || !art || an.id < 0) return;
  const { needle, wholeWords } = textOf(view.text, view.map, an);
  const body = { text: needle, label: an.label, attrs: { ...(an.attrs || {}) }, whole_words: wholeWords, apply };
  const id = an.id;
  store.set({ everywhere: { id, loading: true } }, 'everywhere');
  try {
    const res = await api.labelText(art.project, body);
    if (!apply) {
      store.set({ everywhere: { id, places: res.places, articles: res.articles } }, 'everywhere');
      return;
    }
    store.set({ everywhere: null }, 'everywhere');
    const created = res.created || [];
    const failed = (res.failed || []).length;
    const n = created.length;
    const msg = `Labelled ${n} ${n === 1 ? 'place' : 'places'} ${an.label} in ${new Set(created.map((c) => c.article)).size} articles` + (failed ? `; ${failed} could not be: ${res.failed[0].error}` : '.');
    store.toast(msg, failed ? 'error' : 'info', n ? { label: 'Undo', run: () => unlabelEverywhere(created) } : null);
  } catch (err) {
    store.set({ everywhere: { id, error: err.message } }, 'everywhere');
  }
}

// unlabelEverywhere takes back what labelEverywhere created; those someone
// deleted since are skipped.
async function unlabelEverywhere(created) {
  try {
    const res = await api.deleteAnnotations(created);
    store.toast(`Took back ${res.deleted} ${res.deleted === 1 ? 'annotation' : 'annotations'}.`, 'info');
  } catch (err) {
    fail(err);
  }
}

// toggleHidden adds name to the hidden list key ('hidden' for labels,
// 'hiddenAuthors'), or takes it out, and returns the new list; the
// selected annotation is unselected when it is no longer shown.
function toggleHidden(key, name) {
  const cur = store.get()[key];
  const next = cur.includes(name) ? cur.filter((x) => x !== name) : [...cur, name];
  store.set({ [key]: next }, 'hidden');
  const sel = store.annotation(store.get().selectedId);
  if (sel && !store.shown().includes(sel)) store.select(null);
  return next;
}

// resizeSelected moves the selected annotation's start or end by a word
// (an ordinary update: undoable, live). It reports whether it could.
function resizeSelected(edge, dir) {
  const an = store.annotation(store.get().selectedId);
  const view = renderer.view;
  if (!an || !view) return false;
  const [s16, e16] = view.map.spanToUTF16(an.start, an.end);
  const to = moveEdge(view.text, s16, e16, edge, dir);
  if (!to) return false;
  const [start, end] = view.map.spanToCodePoints(to[0], to[1]);
  edits.update(an.id, { start, end });
  return true;
}

// stepAnnotation selects the next (by 1) or previous (by -1) shown
// annotation in text order, from the selected one or, when none is, from the top of the
// screen; past the last it comes round to the first. It reports whether
// there was one to go to.
function stepAnnotation(by) {
  const all = store.shown();
  const view = renderer.view;
  if (!all.length || !view) return false;
  const cur = all.findIndex((a) => a.id === store.get().selectedId);
  let i;
  if (cur >= 0) i = (cur + by + all.length) % all.length;
  else {
    const box = view.root.getBoundingClientRect();
    const top = view.offsetAtPoint(box.left + 4, 140) ?? 0;
    const first = all.findIndex((a) => a.end > top);
    i = by > 0 ? (first < 0 ? 0 : first) : (first <= 0 ? all.length - 1 : first - 1);
  }
  clearSelection();
  gotoAnnotation(all[i].id);
  return true;
}

// gotoPeer scrolls to the selection of another person on the article.
function gotoPeer(name) {
  const view = renderer.view;
  const u = (store.get().live.users || []).find((x) => x.name === name && x.selection && x.selection.end > x.selection.start);
  if (!view || !u) return;
  const rect = view.liveRange(u.selection.start, u.selection.end).getBoundingClientRect();
  const top = 130;
  if (rect.top < top || rect.bottom > window.innerHeight - 40) {
    window.scrollBy({ top: rect.top - Math.max(top, window.innerHeight / 3), behavior: 'smooth' });
  }
  hl.flash(view.staticRange(u.selection.start, u.selection.end));
}

function pick(e) {
  const view = renderer.view;
  if (!view) return;
  const sel = window.getSelection();
  if (sel && !sel.isCollapsed && view.root.contains(sel.anchorNode)) return; // a drag, not a click
  const cp = view.offsetAtPoint(e.clientX, e.clientY);
  const a = cp === null ? null : smallestAt(cp);
  store.select(a ? a.id : null);
}

async function setStatus(status) {
  const a = store.get().article;
  if (!a || a.status === status) return;
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
async function doneAndNext() {
  const a = store.get().article;
  if (!a || advancing) return;
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

async function importFiles(input) {
  const files = [...(input.files || [])];
  input.value = '';
  if (!files.length) return;
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

function saveAttr(el) {
  const id = store.get().selectedId;
  const a = id != null ? store.annotation(id) : null;
  if (!a) return;
  const name = el.dataset.name;
  const value = el.value.trim();
  const attrs = { ...(a.attrs || {}) };
  if ((attrs[name] || '') === value) return;
  if (value === '') delete attrs[name];
  else attrs[name] = value;
  el.removeAttribute('aria-invalid');
  edits.update(id, { attrs }).then((r) => {
    // Refused (the toast says why): keep the text so that it can be fixed.
    if (!r && el.isConnected) el.setAttribute('aria-invalid', 'true');
  });
}

// ---- projects ----

// openNewProject opens the New project dialog with the current project's
// labels to start from.
function openNewProject() {
  const cur = store.project();
  document.getElementById('np-name').value = '';
  document.getElementById('np-labels').value = formatLabels(cur ? cur.labels : []);
  store.set({ newProject: { error: '' } }, 'new-project');
  document.getElementById('np-name').focus();
}

// createProject creates the dialog's project and switches to it.
async function createProject(form) {
  const np = store.get().newProject;
  if (!np || np.busy) return;
  const name = form.elements.name.value.trim();
  let labels;
  try {
    if (!name) throw new Error('Give the project a name.');
    labels = parseLabels(form.elements.labels.value);
  } catch (err) {
    store.set({ newProject: { error: err.message } }, 'new-project');
    return;
  }
  store.set({ newProject: { error: '', busy: true } }, 'new-project');
  try {
    const p = await api.createProject(name, labels);
    const projects = await api.projects();
    localStorage.setItem(PROJECT_KEY, String(p.id));
    store.set({ projects, projectId: p.id, newProject: null }, 'projects');
    store.setList({ offset: 0 });
    if (location.hash && location.hash !== '#/') location.hash = '#/';
    else loadList();
    store.toast(`Project ${p.name} created with ${p.labels.length} labels. Import articles into it with Import.`, 'info');
  } catch (err) {
    store.set({ newProject: { error: err.message } }, 'new-project');
  }
}
document.getElementById('new-project-form').addEventListener('submit', (e) => {
  e.preventDefault();
  createProject(e.target);
});

// ---- delegated listeners ----

const clicks = {
  logout: async () => {
    edits.storage = null; // what this user could undo is not the next one's
    const me = store.get().me;
    if (me) window.sessionStorage.removeItem(HISTORY_KEY + me.name);
    try {
      await api.logout();
    } catch {
      // Going to the login page is what matters.
    }
    location.assign('/login');
  },
  help: () => store.set({ help: !store.get().help }),
  'close-help': () => store.set({ help: false }),
  page: (el) => {
    const L = store.get().list;
    store.setList({ offset: Math.max(0, L.offset + Number(el.dataset.dir) * L.limit) });
    loadList();
    window.scrollTo(0, 0);
  },
  open: (el, e) => {
    if (e.target.closest('a')) return;
    location.hash = `#/articles/${el.dataset.id}`;
  },
  'dismiss-import': () => store.set({ importResult: null }, 'import'),
  'dismiss-toast': () => store.set({ toast: null }, 'toast'),
  'close-new-project': () => store.set({ newProject: null }, 'new-project'),
  'toast-action': () => {
    const t = store.get().toast;
    store.set({ toast: null }, 'toast');
    if (t && t.action) t.action.run();
  },
  everywhere: () => labelEverywhere(false),
  'everywhere-apply': () => labelEverywhere(true),
  'everywhere-cancel': () => store.set({ everywhere: null }, 'everywhere'),
  label: (el) => labelSelection(el.dataset.label),
  undo: () => edits.undo(),
  redo: () => edits.redo(),
  'done-next': () => doneAndNext(),
  goto: (el) => gotoAnnotation(Number(el.dataset.id)),
  'goto-peer': (el) => gotoPeer(el.dataset.name),
  'toggle-label': (el) => {
    const hidden = toggleHidden('hidden', el.dataset.label);
    try {
      localStorage.setItem(HIDDEN_KEY, JSON.stringify(hidden));
    } catch {
      // Full or refused: hidden for this page only.
    }
  },
  'toggle-author': (el) => toggleHidden('hiddenAuthors', el.dataset.author),
  expand: (el) => {
    renderer.expanded.add(el.dataset.label);
    schedule();
  },
  'close-popover': () => store.select(null),
  edge: (el) => resizeSelected(el.dataset.edge, Number(el.dataset.dir)),
  'delete-ann': () => {
    const id = store.get().selectedId;
    if (id != null) edits.remove(id);
  },
  'label-all': () => {
    const an = store.annotation(store.get().selectedId);
    const view = renderer.view;
    if (!an || !view) return;
    const spans = sameTextSpans(view.text, view.map, an, store.sorted());
    if (!spans.length) return;
    edits.createAll(spans.map((sp) => ({ ...sp, label: an.label, attrs: { ...(an.attrs || {}) } })));
    store.toast(`Labelled ${spans.length} more ${spans.length === 1 ? 'place' : 'places'} ${an.label}. Ctrl+Z takes them away.`, 'info');
  },
  pick: (el, e) => pick(e),
};

const changes = {
  project: (el) => {
    if (el.value === 'new') {
      el.value = String(store.get().projectId);
      openNewProject();
      return;
    }
    const id = Number(el.value);
    localStorage.setItem(PROJECT_KEY, String(id));
    store.set({ projectId: id }, 'projects');
    store.setList({ offset: 0 });
    if (location.hash && location.hash !== '#/') location.hash = '#/';
    else loadList();
  },
  'status-filter': (el) => {
    store.setList({ status: el.value, offset: 0 });
    loadList();
  },
  status: (el) => setStatus(el.value),
  relabel: (el) => {
    const id = store.get().selectedId;
    if (id != null) edits.update(id, { label: el.value });
  },
  attr: (el) => saveAttr(el),
  import: (el) => importFiles(el),
  'export-format': (el) => setExport({ format: el.value }),
  'export-done': (el) => setExport({ done: el.checked }),
  'export-clean': (el) => setExport({ clean: el.checked }),
};

function setExport(patch) {
  store.set({ exportOpts: { ...store.get().exportOpts, ...patch } }, 'export');
}

// closeMenus closes the open menus (details.menu) except the one holding keep.
function closeMenus(keep = null) {
  let closed = false;
  for (const d of document.querySelectorAll('details.menu[open]')) {
    if (keep && d.contains(keep)) continue;
    d.open = false;
    closed = true;
  }
  return closed;
}

let searchTimer = 0;
const inputs = {
  attr: (el) => el.removeAttribute('aria-invalid'),
  search: (el) => {
    clearTimeout(searchTimer);
    searchTimer = setTimeout(() => {
      store.setList({ q: el.value.trim(), offset: 0 });
      loadList();
    }, 250);
  },
};

function delegate(type, table) {
  document.addEventListener(type, (e) => {
    const el = e.target.closest && e.target.closest('[data-action]');
    if (!el) return;
    const fn = table[el.dataset.action];
    if (fn) fn(el, e);
  });
}
// A click outside an open menu closes it.
document.addEventListener('click', (e) => closeMenus(e.target));
// Downloading closes the menu it came from.
clicks['export-download'] = () => setTimeout(() => closeMenus(), 0);
delegate('click', clicks);

// A drag that starts in the text selects whole words (Alt keeps the exact
// characters): what is selected on screen is what a label marks. It may
// end anywhere (past the last line, in the margin).
let dragInText = false;
document.addEventListener('mousedown', (e) => {
  const view = renderer.view;
  dragInText = e.button === 0 && !!view && e.target instanceof Node && view.root.contains(e.target);
});
document.addEventListener('mouseup', (e) => {
  const view = renderer.view;
  if (!dragInText || e.button !== 0) return;
  dragInText = false;
  if (!e.altKey && store.get().article && view) snapSelection(view);
});

// Others see where the selection is (live presence).
document.addEventListener('selectionchange', () => {
  if (store.get().article && renderer.view) live.select(selectionSpan(renderer.view));
});
delegate('change', changes);
delegate('input', inputs);

// Keep the text selection when a label button is pressed.
document.addEventListener('mousedown', (e) => {
  if (e.target.closest && e.target.closest('[data-action="label"],[data-action="undo"],[data-action="redo"]')) e.preventDefault();
});
document.addEventListener('submit', (e) => e.preventDefault());
// Enter in a text attribute saves it without leaving the field.
document.addEventListener('keydown', (e) => {
  const el = e.target;
  if (e.key === 'Enter' && el.dataset && el.dataset.action === 'attr' && el.tagName === 'INPUT') {
    e.preventDefault();
    saveAttr(el);
  }
});
// Help closes on a click on its backdrop.
document.getElementById('help').addEventListener('click', (e) => {
  if (e.target.id === 'help') store.set({ help: false });
});

bindKeys(
  () => {
    const s = store.get();
    return {
      view: s.route.view,
      labels: store.labels(),
      hasSelection: s.route.view === 'article' && !!selectionSpan(renderer.view),
      selectedId: s.selectedId,
      justMade: lastCreated !== null,
    };
  },
  (action, e) => {
    const s = store.get();
    switch (action.type) {
      case 'escape': {
        if (closeMenus()) return true;
        if (s.newProject) {
          store.set({ newProject: null }, 'new-project');
          return true;
        }
        if (s.help) store.set({ help: false });
        else if (s.selectedId != null) {
          if (document.activeElement && document.getElementById('popover').contains(document.activeElement)) document.activeElement.blur();
          store.select(null);
        } else if (window.getSelection() && !window.getSelection().isCollapsed) clearSelection();
        else return false;
        return true;
      }
      case 'help':
        store.set({ help: !s.help });
        return true;
      case 'undo':
        edits.undo();
        return true;
      case 'redo':
        edits.redo();
        return true;
      case 'delete':
        edits.remove(s.selectedId);
        return true;
      case 'label':
        labelSelection(action.label);
        return true;
      case 'done-next':
        doneAndNext();
        return true;
      case 'step':
        return stepAnnotation(action.by);
      case 'resize':
        return resizeSelected(action.edge, action.dir);
      case 'edit': {
        // Into the popover's first field of the selected annotation, or of
        // the one just made: select text, q, Enter, type the speaker,
        // Enter saves, Esc goes back to the text.
        const id = s.selectedId ?? (lastCreated === null ? null : store.currentId(lastCreated));
        const an = id === null ? null : store.annotation(id);
        const l = an && store.label(an.label);
        if (!l || !(l.attrs || []).length) return false;
        store.select(an.id);
        requestAnimationFrame(() => requestAnimationFrame(() => {
          const field = document.querySelector('#popover [data-action="attr"]');
          if (field) field.focus();
        }));
        return true;
      }
    }
    return false;
  },
);

boot();
