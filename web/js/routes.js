// routes.js follows the route in the URL's hash: it loads the article the
// route names (and opens its live session) or the article list, and sends
// the changes kept for articles left while offline.
import { api } from './api.js';
import { flushStored, storedArticles } from './live-kept.js';
import { store, live, edits, renderer } from './app.js';
import { loadList } from './list.js';
import { refreshProjects } from './projects.js';
import { loadUsers } from './users.js';
import { loadTokens } from './account.js';
import { loadAgreement } from './agreement.js';
import { loadAnnotationsView, revealAnnotation } from './annotations-view.js';
import { gotoAnnotation } from './annotate.js';

/** parseRoute reads the view, and the article's id, from a location hash. */
export function parseRoute(hash) {
  // ?annotation=ID: a link to one annotation (ClaimReview's url).
  const m = /^#\/articles\/(\d+)\/?(?:\?annotation=(\d+))?$/.exec(hash || '');
  if (m) return m[2] ? { view: 'article', id: Number(m[1]), annotation: Number(m[2]) } : { view: 'article', id: Number(m[1]) };
  const rv = /^#\/articles\/(\d+)\/review\/?$/.exec(hash || ''); // the gold editor with the review panel (adjudicate.js)
  if (rv) return { view: 'article', id: Number(rv[1]), review: true };
  if (/^#\/users\/?$/.test(hash || '')) return { view: 'users' };
  if (/^#\/account\/?$/.test(hash || '')) return { view: 'account' };
  const ag = /^#\/projects\/(\d+)\/agreement\/?$/.exec(hash || '');
  if (ag) return { view: 'agreement', project: Number(ag[1]) };
  const an = /^#\/projects\/(\d+)\/annotations\/?(?:\?(.*))?$/.exec(hash || ''); // the filters follow "?" (annotations-view.js)
  if (an) return { view: 'annotations', project: Number(an[1]), query: an[2] || '' };
  return { view: 'list' };
}

// Who is logged in: live.js needs the name to pick this user's kept
// changes out of localStorage.
let meReady = null;

/** whoAmI returns the user logged in (asked once; again after a failure). */
export function whoAmI() {
  if (!meReady) meReady = api.me().catch((err) => {
    meReady = null;
    throw err;
  });
  return meReady;
}

let articleSeq = 0;
/** loadArticle fetches article id and opens it, live; a later call (or the list) wins over it. */
export async function loadArticle(id) {
  const seq = ++articleSeq;
  leaveArticle();
  try {
    const [a, anns] = await Promise.all([api.article(id), api.annotations(id)]);
    if (seq !== articleSeq) return;
    performance.mark('gloss:data'); // from here to 'gloss:rendered' is the editor's own work
    edits.reset(a.id);
    store.openArticle(a, anns);
    document.title = `${a.title || 'Untitled'} · gloss`;
    const r = store.get().route; // ?annotation=AID: selected once drawn
    if (r.annotation && r.id === a.id) revealAnnotation(store, renderer, gotoAnnotation, r.annotation);
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

let sending = false;
/**
 * sendKept sends the changes kept for articles that are not open (left
 * or closed while offline) over the REST API.
 */
export async function sendKept() {
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

/**
 * onRoute shows what the hash names: the article, the list, the Users page
 * or Your account. Each move also asks the server again what this user may
 * do: rights change while the editor is open.
 */
export function onRoute() {
  const route = parseRoute(location.hash);
  const prev = store.get().route;
  store.set({ route, help: false }, 'route');
  if (prev.view !== 'loading') refreshProjects();
  if (route.view === 'article') {
    if (prev.view !== 'article' || prev.id !== route.id || !store.get().article) loadArticle(route.id);
    else if (route.annotation) revealAnnotation(store, renderer, gotoAnnotation, route.annotation);
    window.scrollTo(0, 0);
    return;
  }
  articleSeq++;
  const gone = store.get().article ? leaveArticle() : null;
  if (route.view === 'users') {
    document.title = 'Users · gloss';
    loadUsers(true);
  } else if (route.view === 'agreement') {
    loadAgreement(store, route.project);
  } else if (route.view === 'annotations') {
    loadAnnotationsView(store, route.project, route.query);
  } else if (route.view === 'account') {
    document.title = 'Your account · gloss';
    loadTokens(true);
  } else {
    document.title = 'gloss';
    loadList(gone);
  }
}
