// suggest-view.js runs the detectors' suggestions in the editor (issue 11):
// spans the server proposes (BOILERPLATE, QUOTE with its speaker, CLAIM)
// that a person accepts, which makes an ordinary annotation of one, or
// rejects. (suggest.js is something else: the values a text attribute
// field offers.)
//
// Its state is two store keys:
//
//   suggest       {article, loading, error,     the open article's suggestions
//                  list,                        as GET /api/articles/:id/suggestions gave them, in reading order
//                  focused,                     the id of the one whose card is open (null: none)
//                  asking,                      {label, n}: "Accept n LABEL suggestions?" waits for an answer
//                  busy}                        true while an accept-all is on its way
//   suggestPrefs  {shown, hiddenLabels, minScore}   the toolbar's toggle and filters, kept in localStorage
//
// The top is pure (ordering, filtering, stepping, the words for a
// detector, the keys), so that suggest-view.test.mjs runs it in Node. The
// rest loads and acts; what only the page has (the renderer, whether text
// is selected) comes in through bindSuggest, which main.js calls once.
// Offsets are code points, as the server sends them; the renderer's
// TextView converts them (offsets.js).
import { request } from './api.js';
import { articleProject, layerLock } from './perm.js';
import { whyNot } from './people.js';

// ---- pure: order, filters, stepping ----

/** compareSuggestions orders suggestions in reading order: start, longer first, label, id. */
export function compareSuggestions(a, b) {
  return a.start - b.start || b.end - a.end || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** ordered returns list sorted in reading order (a new array). */
export function ordered(list) {
  return [...(list || [])].sort(compareSuggestions);
}

/** DEFAULT_PREFS: suggestions shown, every label, any score. */
export const DEFAULT_PREFS = Object.freeze({ shown: true, hiddenLabels: [], minScore: 0 });

/**
 * visibleSuggestions returns the suggestions of list (in reading order)
 * that the text shows: none when prefs.shown is off, else those whose
 * label is neither filtered out (prefs.hiddenLabels) nor hidden in the
 * side list (hidden: its labels' highlights are off), scored at least
 * prefs.minScore.
 */
export function visibleSuggestions(list, prefs = DEFAULT_PREFS, hidden = []) {
  if (!prefs.shown) return [];
  const off = new Set([...(prefs.hiddenLabels || []), ...(hidden || [])]);
  const min = prefs.minScore || 0;
  return (list || []).filter((s) => !off.has(s.label) && s.score >= min - 1e-9);
}

/** countByLabel counts suggestions per label: {LABEL: n}. */
export function countByLabel(list) {
  const out = {};
  for (const s of list || []) out[s.label] = (out[s.label] || 0) + 1;
  return out;
}

/**
 * stepSuggestion returns the id of the suggestion by (1 or -1) from the
 * one with currentId in list (reading order), coming round past either
 * end. With no current one it starts from code point from (the top of the
 * screen): the first that ends after it, or for -1 the one before that.
 * null when list is empty.
 */
export function stepSuggestion(list, currentId, by, from = 0) {
  const n = (list || []).length;
  if (!n) return null;
  const cur = currentId == null ? -1 : list.findIndex((s) => s.id === currentId);
  if (cur >= 0) return list[(cur + by + n) % n].id;
  const first = list.findIndex((s) => s.end > from);
  if (by > 0) return list[first < 0 ? 0 : first].id;
  return list[first <= 0 ? n - 1 : first - 1].id;
}

/**
 * nextAfter returns the id of the suggestion of list that comes after
 * decided (which list no longer holds) in reading order, coming round to
 * the first; null when list is empty. After an accept or a reject, the
 * focus goes there.
 */
export function nextAfter(list, decided) {
  if (!list || !list.length) return null;
  const next = list.find((s) => s.id !== decided.id && compareSuggestions(s, decided) > 0);
  return (next || list.find((s) => s.id !== decided.id) || { id: null }).id;
}

/**
 * suggestionAt returns the shortest suggestion of list covering code
 * point cp, or null.
 */
export function suggestionAt(list, cp) {
  let best = null;
  for (const s of list || []) {
    if (s.start > cp) break;
    if (cp < s.end && (!best || s.end - s.start < best.end - best.start)) best = s;
  }
  return best;
}

// ---- pure: words ----

/** percent shows a score (0..1) as a whole percentage: 0.938 → "94%". */
export function percent(score) {
  return `${Math.round((Number(score) || 0) * 100)}%`;
}

// What each detector looked for, in words (server/suggest).
const DETECTORS = {
  'boilerplate.site': 'learned from this site',
  'boilerplate.lines': 'looks like site chrome',
  'quote.marks': 'quote marks',
  'quote.said': 'quote marks + said',
  'quote.according': 'quote marks + according to',
  'quote.called': 'quote marks + called',
  'quote.colon': 'quote marks after a name and a colon',
  'quote.incise': 'quote marks around “… said”',
  'quote.follow': 'quote marks, the speaker in the next sentence',
  'quote.continued': 'continues the quote before it',
  'claim.rules': 'reads as a checkable statement',
};

// The signals behind a score worth naming, strongest first.
const SIGNALS = {
  site_learned: 'accepted on this site before',
  phrase: 'a stock phrase',
  repeated: 'repeated on the page',
  link_density: 'mostly links',
  path_chrome: 'in the page’s menus or footer',
  before_body: 'before the article',
  after_body: 'after the article',
  tag_list: 'a list of tags',
  short: 'a short line',
  has_percent: 'a percentage',
  has_money: 'an amount of money',
  statistic: 'a statistic',
  has_number: 'a number',
  number_word: 'a number',
  has_date: 'a date',
  official_action: 'an official action',
  legal_term: 'a legal term',
  comparison: 'a comparison',
  attributed: 'attributed to a source',
  event: 'an event',
};

/**
 * detectorWords says in words how a suggestion was found: the detector
 * ("quote marks + said", "learned from this site") and, for BOILERPLATE
 * and CLAIM, up to three of the signals among its features ("looks like
 * site chrome: a stock phrase, repeated on the page"). An unknown
 * detector is named as it is.
 */
export function detectorWords(detector, features = {}) {
  const d = String(detector || '');
  const base = DETECTORS[d] || (d ? `found by ${d}` : 'found by a detector');
  if (d !== 'boilerplate.lines' && d !== 'claim.rules') return base;
  const seen = new Set();
  const why = [];
  for (const [k, words] of Object.entries(SIGNALS)) {
    if (!(features && features[k] > 0) || seen.has(words) || k === 'site_learned') continue;
    seen.add(words);
    why.push(words);
    if (why.length === 3) break;
  }
  return why.length ? `${base}: ${why.join(', ')}` : base;
}

/** bulkQuestion is what Shift+A asks: "Accept 14 BOILERPLATE suggestions?" */
export function bulkQuestion(n, label) {
  return `Accept ${n} ${label} suggestion${n === 1 ? '' : 's'}?`;
}

/**
 * decideRefusal says why the user may not accept or reject suggestions on
 * the open article, or '' when they may: a locked layer (perm.js), no
 * annotate right in the article's project, or no connection (a decision
 * is made on the server).
 */
export function decideRefusal(state) {
  const lock = layerLock(state);
  if (lock) return lock;
  const p = articleProject(state);
  if (p && Array.isArray(p.can) && !p.can.includes('annotate')) return whyNot('Accepting or rejecting a suggestion', 'annotate', p.my_role);
  const live = state.live ? state.live.status : '';
  if (live === 'offline' || live === 'reconnecting') return 'Accepting and rejecting are done on the server: wait for the connection to come back.';
  return '';
}

// ---- pure: keys ----

/**
 * SUGGEST_KEYS are the suggestion keys, for the help: {keys, or, what}.
 */
export const SUGGEST_KEYS = [
  { keys: [']', '['], or: true, what: 'next / previous suggestion (while suggestions are shown and no annotation is selected)' },
  { keys: ['a', 'Enter'], or: true, what: 'accept the suggestion: it becomes an annotation' },
  { keys: ['x'], what: 'reject the suggestion' },
  { keys: ['Shift', 'A'], what: 'accept every suggestion of its label on this article (asks first)' },
  { keys: ['Esc'], what: 'close the suggestion' },
];

/**
 * suggestionKey returns what a keydown means for suggestions, or null
 * when it is the editor's. ctx: {editing (focus in a field), onControl
 * (focus on a button or link), hasSelection (text selected), focused (a
 * suggestion's card is open), asking (the Shift+A question is),
 * canStep (suggestions are shown and no annotation is selected),
 * menuOpen (a menu is open: Esc is its)}.
 *
 * With a suggestion focused and no text selected, a and Enter accept, x
 * rejects, Shift+A accepts its label's, ] and [ step; a label's hotkey
 * never means anything else with text selected.
 */
export function suggestionKey(e, ctx) {
  const key = e.key || '';
  if (ctx.editing || e.isComposing || e.ctrlKey || e.metaKey || e.altKey) return null;
  if (key === 'Escape') {
    if (ctx.menuOpen) return null;
    if (ctx.asking) return { type: 'cancel' };
    return ctx.focused ? { type: 'unfocus' } : null;
  }
  if (ctx.hasSelection) return null;
  if (ctx.asking) return key === 'Enter' && !ctx.onControl ? { type: 'confirm' } : null;
  if (ctx.focused) {
    if (e.shiftKey) return key === 'A' ? { type: 'accept-all' } : null;
    switch (key) {
      case 'a':
        return { type: 'accept' };
      case 'Enter':
        return ctx.onControl ? null : { type: 'accept' };
      case 'x':
        return { type: 'reject' };
      case ']':
        return { type: 'step', by: 1 };
      case '[':
        return { type: 'step', by: -1 };
    }
    return null;
  }
  if (ctx.canStep && !e.shiftKey && (key === ']' || key === '[')) return { type: 'step', by: key === ']' ? 1 : -1 };
  return null;
}

// ---- pure: what is kept per browser ----

/** PREFS_KEY is where the toggle and the filters are kept (localStorage). */
export const PREFS_KEY = 'gloss.suggestions';

/** readPrefs returns the kept toggle and filters (DEFAULT_PREFS when none or unreadable). */
export function readPrefs(storage) {
  try {
    const v = JSON.parse((storage && storage.getItem(PREFS_KEY)) || 'null');
    if (!v || typeof v !== 'object') return { ...DEFAULT_PREFS };
    const min = Number(v.minScore);
    return {
      shown: v.shown !== false,
      hiddenLabels: Array.isArray(v.hiddenLabels) ? v.hiddenLabels.filter((x) => typeof x === 'string') : [],
      minScore: Number.isFinite(min) ? Math.max(0, Math.min(1, min)) : 0,
    };
  } catch {
    return { ...DEFAULT_PREFS };
  }
}

/** writePrefs keeps prefs; a full or refused storage keeps them for this page only. */
export function writePrefs(storage, prefs) {
  try {
    if (storage) storage.setItem(PREFS_KEY, JSON.stringify(prefs));
  } catch {
    // this page only
  }
}

// ---- loading ----

const enc = encodeURIComponent;

// QUIET: a 401 is not this module's to act on. When a session ends the
// live socket says why and goes to the login page itself; a suggestion
// request going there first would cut that short.
const QUIET = { noRedirect: true };

function sg(store) {
  return store.get().suggest || null;
}

function setSg(store, patch) {
  store.set({ suggest: { ...sg(store), ...patch } }, 'suggest');
}

/** prefsOf returns the toggle and filters in force. */
export function prefsOf(store) {
  return store.get().suggestPrefs || DEFAULT_PREFS;
}

// decided holds the ids accepted or rejected from this page, per article:
// an answer to a list request sent before the decision must not bring
// one back.
const decided = new Map(); // article id -> Set of suggestion ids

function decidedOf(article) {
  if (!decided.has(article)) decided.set(article, new Set());
  return decided.get(article);
}

let loadSeq = 0;

/**
 * sameSuggestions reports whether two lists propose the same: the same
 * ids with the same scores, detectors and attributes, in the same order.
 */
export function sameSuggestions(a, b) {
  if (a === b) return true;
  if (!a || !b || a.length !== b.length) return false;
  return a.every((x, i) => {
    const y = b[i];
    return x.id === y.id && x.score === y.score && x.detector === y.detector && JSON.stringify(x.attrs || {}) === JSON.stringify(y.attrs || {});
  });
}

/**
 * loadSuggestions fetches article id's open suggestions. A first load
 * shows "loading"; a later one (quiet) changes nothing on the screen
 * unless the answer differs (every change of the store redraws, and
 * moves what is placed by the viewport, like a popover). The focused one
 * stays focused while it is in the list.
 */
export async function loadSuggestions(store, id, fetcher = request) {
  const seq = ++loadSeq;
  const prev = sg(store);
  if (!prev || prev.article !== id) {
    store.set({ suggest: { article: id, loading: true, error: '', list: [], focused: null, asking: null, busy: false } }, 'suggest');
  }
  try {
    const got = await fetcher('GET', `/api/articles/${enc(id)}/suggestions`, undefined, QUIET);
    if (seq !== loadSeq) return;
    const gone = decidedOf(id);
    const now = sg(store);
    if (!now || now.article !== id) return;
    let list = ordered((got || []).filter((s) => !gone.has(s.id)));
    if (sameSuggestions(list, now.list)) {
      if (!now.loading && !now.error) return;
      list = now.list;
    }
    const focused = now.focused && list.some((s) => s.id === now.focused) ? now.focused : null;
    setSg(store, { loading: false, error: '', list, focused, asking: focused ? now.asking : null });
  } catch (err) {
    if (seq !== loadSeq) return;
    const now = sg(store);
    if (now && now.article === id && (now.loading || now.error !== err.message)) setSg(store, { loading: false, error: err.message });
  }
}

/** visibleOf returns the open article's suggestions the text shows (memoized on what they come from). */
let vmemo = { list: null, prefs: null, hidden: null, out: [] };
export function visibleOf(store) {
  const s = store.get();
  const S = s.suggest;
  const list = S && s.article && S.article === s.article.id ? S.list : null;
  const prefs = prefsOf(store);
  if (vmemo.list !== list || vmemo.prefs !== prefs || vmemo.hidden !== s.hidden) {
    vmemo = { list, prefs, hidden: s.hidden, out: list ? visibleSuggestions(list, prefs, s.hidden) : [] };
  }
  return vmemo.out;
}

/** focusedOf returns the focused suggestion when the text shows it, else null. */
export function focusedOf(store) {
  const S = sg(store);
  if (!S || S.focused == null) return null;
  return visibleOf(store).find((x) => x.id === S.focused) || null;
}

/** setPrefs changes the toggle or the filters, keeps them, and drops a focus they hide. */
export function setPrefs(store, patch, storage = globalThis.localStorage) {
  const prefs = { ...prefsOf(store), ...patch };
  store.set({ suggestPrefs: prefs }, 'suggest');
  writePrefs(storage, prefs);
  const S = sg(store);
  if (S && S.focused != null && !focusedOf(store)) setSg(store, { focused: null, asking: null });
}

// ---- acting ----

// deps are the page's parts bindSuggest was given: {store, renderer,
// selection} (see bindSuggest).
let deps = null;

/**
 * focus opens suggestion id's card (null closes it): the annotation
 * selected, if any, is unselected (one card at a time), and with reveal
 * the text scrolls to it.
 */
export function focus(id, reveal = true) {
  const { store, renderer } = deps;
  const S = sg(store);
  if (!S) return;
  if (id != null && store.get().selectedId != null) store.select(null);
  if (S.focused !== id || S.asking) setSg(store, { focused: id, asking: null });
  if (id == null) return;
  const it = S.list.find((x) => x.id === id);
  if (it && reveal) renderer.revealSuggestion(it);
  renderer.focusSuggestionCard();
}

/**
 * step focuses the next (by 1) or previous (-1) suggestion the text
 * shows, from the focused one or from the top of the screen. It reports
 * whether there was one.
 */
export function step(by) {
  const { store, renderer } = deps;
  const list = visibleOf(store);
  const S = sg(store);
  if (!list.length || !S) return false;
  const cur = focusedOf(store); // a focus the filters hide counts as none
  const id = stepSuggestion(list, cur ? cur.id : null, by, cur ? 0 : renderer.topOffset());
  if (id == null) return false;
  if (window.getSelection) window.getSelection().removeAllRanges();
  focus(id);
  return true;
}

function refused(store) {
  const why = decideRefusal(store.get());
  if (why) store.toast(why, 'info');
  return why;
}

/**
 * decide accepts (accept true) or rejects suggestion id (the focused one
 * when not given): it leaves the list at once and the focus moves to the
 * next; the server's answer puts it back when refused. An accept's
 * annotation arrives over the socket like anyone's (without one, from the
 * answer). A 404 means someone decided it meanwhile: the list is read
 * again.
 */
export async function decide(accept, id = null, fetcher = request) {
  const { store } = deps;
  const S = sg(store);
  if (!S) return;
  const it = S.list.find((x) => x.id === (id == null ? S.focused : id));
  if (!it || refused(store)) return;
  const article = S.article;
  decidedOf(article).add(it.id);
  const list = S.list.filter((x) => x.id !== it.id);
  const wasFocused = S.focused === it.id;
  setSg(store, { list, asking: null });
  if (wasFocused) {
    const next = nextAfter(visibleOf(store), it);
    focus(next, true);
  }
  try {
    const res = await fetcher('POST', `/api/articles/${enc(article)}/suggestions/${enc(it.id)}/${accept ? 'accept' : 'reject'}`, undefined, QUIET);
    if (accept && res && res.annotation) showAccepted(store, article, [res.annotation]);
  } catch (err) {
    if (err.status === 404) {
      store.toast('Someone decided that suggestion meanwhile (or the text changed); the suggestions are up to date again.', 'info');
    } else {
      decidedOf(article).delete(it.id);
      const now = sg(store);
      if (now && now.article === article) setSg(store, { list: ordered([...now.list, it]) });
      store.toast(`Could not ${accept ? 'accept' : 'reject'} the suggestion: ${err.message}`);
    }
  } finally {
    const now = sg(store);
    if (now && now.article === article) loadSuggestions(store, article, fetcher);
  }
}

function isLive(store) {
  return store.get().live.status === 'live';
}

/**
 * showAccepted shows the annotations an accept made when no socket
 * brings them (the REST fallback, offline a moment ago): as the
 * server's, like a colleague's over the socket. Live, the socket does.
 */
function showAccepted(store, article, anns) {
  if (isLive(store)) return;
  const a = store.get().article;
  if (!a || a.id !== article) return;
  for (const an of anns || []) {
    if (!store.annotation(an.id)) store.applyRemote({ version: an.version || 0, action: 'create', annotation: an });
  }
}

/**
 * askAcceptAll asks, in the focused suggestion's card, whether to accept
 * every suggestion the text shows with its label ("Accept 14 BOILERPLATE
 * suggestions?").
 */
export function askAcceptAll() {
  const { store, renderer } = deps;
  const it = focusedOf(store);
  if (!it || refused(store)) return;
  const n = visibleOf(store).filter((x) => x.label === it.label).length;
  setSg(store, { asking: { label: it.label, n } });
  renderer.focusSuggestionCard();
}

/** cancelAsk takes the question back. */
export function cancelAsk() {
  const { store, renderer } = deps;
  setSg(store, { asking: null });
  renderer.focusSuggestionCard();
}

/**
 * acceptAll accepts, on the server (POST .../suggestions/accept), every
 * open suggestion of the label asked about scored at least the filter's
 * minimum; the annotations arrive over the socket. The focus moves to the
 * next suggestion of another label.
 */
export async function acceptAll(fetcher = request) {
  const { store } = deps;
  const S = sg(store);
  if (!S || !S.asking || S.busy || refused(store)) return;
  const { label } = S.asking;
  const article = S.article;
  const cur = S.list.find((x) => x.id === S.focused) || null;
  const taken = visibleOf(store).filter((x) => x.label === label);
  for (const x of taken) decidedOf(article).add(x.id);
  const list = S.list.filter((x) => !taken.includes(x));
  setSg(store, { list, busy: true, asking: null, focused: null });
  if (cur) {
    const next = nextAfter(visibleOf(store), cur);
    if (next != null) focus(next, true);
  }
  try {
    const res = await fetcher('POST', `/api/articles/${enc(article)}/suggestions/accept`, { label, min_score: prefsOf(store).minScore || 0 }, QUIET);
    const n = res ? res.accepted : 0;
    if (n && !isLive(store)) showAccepted(store, article, await fetcher('GET', `/api/articles/${enc(article)}/annotations`, undefined, QUIET));
    store.toast(`Accepted ${n} ${label} suggestion${n === 1 ? '' : 's'}: ${n === 1 ? 'it is an annotation' : 'they are annotations'} now.`, 'info');
  } catch (err) {
    for (const x of taken) decidedOf(article).delete(x.id);
    store.toast(`Could not accept the ${label} suggestions: ${err.message}`);
  } finally {
    const now = sg(store);
    if (now && now.article === article) {
      setSg(store, { busy: false });
      loadSuggestions(store, article, fetcher);
    }
  }
}

/** jumpTo focuses the first suggestion of label the text shows after the focused one (or the first). */
export function jumpTo(label) {
  const { store } = deps;
  const list = visibleOf(store).filter((x) => x.label === label);
  if (!list.length) return;
  const cur = focusedOf(store);
  const next = cur && cur.label === label ? nextAfter(list, cur) : list[0].id;
  focus(next);
}

/** REFRESH_WAIT is how long (ms) after the last annotation change the suggestions are read again. */
export const REFRESH_WAIT = 700;

/**
 * bindSuggest wires suggestions to the editor, once: loading them when an
 * article opens, reading them again when its annotations change
 * (debounced), when the tab comes back and when the socket does; the
 * focus giving way to a selected annotation; clicks on the text; and the
 * keys. d: {store, renderer, selection(): whether text is selected}.
 */
export function bindSuggest(d) {
  deps = d;
  const { store, renderer } = d;
  store.set({ suggestPrefs: readPrefs(globalThis.localStorage) }, 'suggest');
  let timer = 0;
  const again = (ms) => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      const a = store.get().article;
      if (a && on(store.get())) loadSuggestions(store, a.id);
    }, ms);
  };
  store.addEventListener('change', (e) => {
    const s = store.get();
    const what = e.detail.what;
    if (what === 'article') {
      clearTimeout(timer);
      const S = sg(store);
      if (s.article && (!S || S.article !== s.article.id)) loadSuggestions(store, s.article.id);
      if (!s.article && S) store.set({ suggest: null }, 'suggest');
      return;
    }
    if (!s.article) return;
    if (what === 'annotations') again(REFRESH_WAIT);
    if (what === 'live' && s.live.status === 'live') again(50);
    // An annotation selected: its popover, not the suggestion's card.
    if (what === 'selection' && s.selectedId != null && sg(store) && sg(store).focused != null) setSg(store, { focused: null, asking: null });
  });
  window.addEventListener('focus', () => again(0));

  // A click on a suggestion in the text opens its card, unless an
  // annotation lies under the click too: that one's popover, as ever (]
  // and the side list reach a suggestion inside an annotation), and not
  // while a link's end is being chosen (relations.js). Elsewhere, the
  // card closes.
  document.getElementById('text').addEventListener('click', (e) => {
    const s = store.get();
    const view = renderer.view;
    if (!on(s) || !view || !sg(store) || s.linking) return;
    const sel = window.getSelection();
    if (sel && !sel.isCollapsed) return;
    const cp = view.offsetAtPoint(e.clientX, e.clientY);
    const hit = cp === null ? null : suggestionAt(visibleOf(store), cp);
    if (!hit || store.shown().some((a) => a.start <= cp && cp < a.end)) {
      if (sg(store).focused != null) setSg(store, { focused: null, asking: null });
      return;
    }
    e.stopPropagation(); // not the editor's pick: it would close nothing and select nothing
    for (const m of document.querySelectorAll('details.menu[open]')) m.open = false;
    focus(hit.id, false);
  });

  // Before the editor's own keys (capture): with a suggestion focused, a,
  // x, Enter, ] and [ are the suggestion's.
  document.addEventListener(
    'keydown',
    (e) => {
      const s = store.get();
      if (e.defaultPrevented || !on(s) || s.help || !sg(store)) return;
      const el = e.target;
      const editing = !!el && !!el.tagName && (/^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName) || el.isContentEditable) && !/^(button|checkbox|radio|range)$/.test(el.type || '');
      const S = sg(store);
      const a = suggestionKey(e, {
        editing,
        onControl: !!(el && el.closest && el.closest('button, a[href], summary, [role="button"], input')),
        hasSelection: d.selection(),
        focused: !!focusedOf(store),
        asking: !!(S.asking && focusedOf(store)),
        canStep: visibleOf(store).length > 0 && s.selectedId == null,
        menuOpen: !!document.querySelector('details.menu[open]'),
      });
      if (!a) return;
      e.preventDefault();
      e.stopPropagation();
      switch (a.type) {
        case 'step':
          step(a.by);
          break;
        case 'accept':
          decide(true);
          break;
        case 'reject':
          decide(false);
          break;
        case 'accept-all':
          askAcceptAll();
          break;
        case 'confirm':
          acceptAll();
          break;
        case 'cancel':
          cancelAsk();
          break;
        case 'unfocus':
          focus(null);
          if (document.activeElement && document.activeElement.closest && document.activeElement.closest('#suggest-card')) document.activeElement.blur();
          break;
      }
    },
    true,
  );
}

/**
 * on reports whether suggestions belong on the screen: an article open in
 * the editor (not on the review page, whose a, x, ] and [ are the review's).
 */
export function on(s) {
  return s.route.view === 'article' && !s.route.review && !!s.article;
}
