// Run with: node --test web/js/
// The pure parts of suggest-view.js: reading order, the filters, stepping
// and where the focus goes after a decision, the words for a detector,
// the keys, who may decide, and what is kept per browser; and loading
// against a fake fetcher.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  compareSuggestions,
  ordered,
  visibleSuggestions,
  countByLabel,
  stepSuggestion,
  nextAfter,
  suggestionAt,
  percent,
  detectorWords,
  bulkQuestion,
  decideRefusal,
  suggestionKey,
  readPrefs,
  writePrefs,
  PREFS_KEY,
  DEFAULT_PREFS,
  loadSuggestions,
  visibleOf,
  sameSuggestions,
  bindSuggest,
  decide,
} from './suggest-view.js';
import { Store } from './state.js';

const S = (id, label, start, end, score = 0.9, extra = {}) => ({ id, label, start, end, score, detector: 'x', ...extra });

// The seed article's six "Read more »" lines and, for the mix, a quote
// and a claim around one of them.
const list = [
  S('rm6', 'BOILERPLATE', 3211, 3222, 0.998),
  S('q1', 'QUOTE', 900, 980, 0.7, { attrs: { speaker: 'Xi Jinping' } }),
  S('rm1', 'BOILERPLATE', 1949, 1960, 0.938),
  S('c1', 'CLAIM', 900, 1000, 0.55),
  S('rm2', 'BOILERPLATE', 2173, 2184, 0.938),
];

test('ordered: reading order, a longer span before the one it starts with', () => {
  assert.deepEqual(
    ordered(list).map((s) => s.id),
    ['c1', 'q1', 'rm1', 'rm2', 'rm6'],
  );
  assert.equal(compareSuggestions(S('a', 'QUOTE', 5, 9), S('b', 'CLAIM', 5, 9)) > 0, true, 'same span: by label');
  assert.equal(compareSuggestions(S('a', 'QUOTE', 5, 9), S('b', 'QUOTE', 5, 9)) < 0, true, 'then by id');
  assert.deepEqual(ordered(null), []);
  assert.notEqual(ordered(list), list, 'a new array: the fetched list stays as it came');
});

test('visibleSuggestions: the toggle, the label filter, the side list’s hidden labels, the lowest score', () => {
  const l = ordered(list);
  const ids = (prefs, hidden) => visibleSuggestions(l, prefs, hidden).map((s) => s.id);
  assert.deepEqual(ids(DEFAULT_PREFS), ['c1', 'q1', 'rm1', 'rm2', 'rm6']);
  assert.deepEqual(ids({ ...DEFAULT_PREFS, shown: false }), [], 'toggled off: none');
  assert.deepEqual(ids({ ...DEFAULT_PREFS, hiddenLabels: ['BOILERPLATE'] }), ['c1', 'q1']);
  assert.deepEqual(ids(DEFAULT_PREFS, ['QUOTE', 'CLAIM']), ['rm1', 'rm2', 'rm6'], 'a label hidden in the side list hides its suggestions too');
  assert.deepEqual(ids({ ...DEFAULT_PREFS, minScore: 0.95 }), ['rm6']);
  assert.deepEqual(ids({ ...DEFAULT_PREFS, minScore: 0.7 }), ['q1', 'rm1', 'rm2', 'rm6'], 'a score equal to the minimum is shown');
  assert.deepEqual(ids({ ...DEFAULT_PREFS, minScore: 0.55 }).length, 5, 'the slider’s 55% keeps a 0.55 (no floating-point slip)');
});

test('countByLabel', () => {
  assert.deepEqual(countByLabel(list), { BOILERPLATE: 3, QUOTE: 1, CLAIM: 1 });
  assert.deepEqual(countByLabel([]), {});
});

test('stepSuggestion: from the focused one, round past the ends', () => {
  const l = ordered(list);
  assert.equal(stepSuggestion(l, 'q1', 1), 'rm1');
  assert.equal(stepSuggestion(l, 'q1', -1), 'c1');
  assert.equal(stepSuggestion(l, 'rm6', 1), 'c1', 'past the last: the first');
  assert.equal(stepSuggestion(l, 'c1', -1), 'rm6', 'before the first: the last');
  assert.equal(stepSuggestion([], null, 1), null);
  assert.equal(stepSuggestion([l[0]], 'c1', 1), 'c1', 'one alone: itself');
});

test('stepSuggestion: with none focused, from the top of the screen', () => {
  const l = ordered(list);
  assert.equal(stepSuggestion(l, null, 1, 0), 'c1', 'at the top of the article: the first');
  assert.equal(stepSuggestion(l, null, 1, 2000), 'rm2', 'the first that ends below the top');
  assert.equal(stepSuggestion(l, null, -1, 2000), 'rm1', '[: the one above it');
  assert.equal(stepSuggestion(l, null, 1, 1955), 'rm1', 'one cut by the top edge counts as below it');
  assert.equal(stepSuggestion(l, null, 1, 5000), 'c1', 'below the last: round to the first');
  assert.equal(stepSuggestion(l, null, -1, 5000), 'rm6', '[ below the last: the last');
  assert.equal(stepSuggestion(l, null, -1, 0), 'rm6', '[ at the top: the last');
  assert.equal(stepSuggestion(l, 'gone', 1, 2000), 'rm2', 'a focus no longer listed: from the top');
});

test('nextAfter: after a decision the focus goes on in reading order', () => {
  const l = ordered(list);
  const without = (id) => l.filter((s) => s.id !== id);
  const by = (id) => l.find((s) => s.id === id);
  assert.equal(nextAfter(without('q1'), by('q1')), 'rm1');
  assert.equal(nextAfter(without('rm6'), by('rm6')), 'c1', 'after the last: the first');
  assert.equal(nextAfter([], by('rm6')), null, 'none left');
  assert.equal(nextAfter(l, by('rm1')), 'rm2', 'a list still holding it: the one after');
  // Accepting all BOILERPLATE from rm1: the next of another label.
  const others = l.filter((s) => s.label !== 'BOILERPLATE');
  assert.equal(nextAfter(others, by('rm1')), 'c1');
});

test('suggestionAt: the shortest suggestion under a click', () => {
  const l = ordered(list);
  assert.equal(suggestionAt(l, 950).id, 'q1', 'the quote inside the claim');
  assert.equal(suggestionAt(l, 990).id, 'c1');
  assert.equal(suggestionAt(l, 1949).id, 'rm1');
  assert.equal(suggestionAt(l, 1960), null, 'end exclusive');
  assert.equal(suggestionAt(l, 10), null);
});

test('percent', () => {
  assert.equal(percent(0.938), '94%');
  assert.equal(percent(0.998), '100%');
  assert.equal(percent(0.5), '50%');
  assert.equal(percent(undefined), '0%');
});

test('detectorWords: the detector in words, with the signals behind a score', () => {
  assert.equal(detectorWords('boilerplate.site', { site_learned: 1, short: 1 }), 'learned from this site');
  assert.equal(detectorWords('quote.said'), 'quote marks + said');
  assert.equal(detectorWords('quote.according', { attribution_according: 1 }), 'quote marks + according to');
  assert.equal(detectorWords('quote.marks'), 'quote marks');
  assert.equal(
    detectorWords('boilerplate.lines', { in_body: 1, not_prose: 1, phrase: 1, repeated: 1, short: 1, words_log: 1.38 }),
    'looks like site chrome: a stock phrase, repeated on the page, a short line',
  );
  assert.equal(detectorWords('boilerplate.lines', { after_body: 1 }), 'looks like site chrome: after the article');
  assert.equal(detectorWords('boilerplate.lines', {}), 'looks like site chrome');
  assert.equal(
    detectorWords('claim.rules', { has_number: 1, number_word: 1, has_date: 1, legal_term: 1, opinion: 0, len_words: 12 }),
    'reads as a checkable statement: a number, a date, a legal term',
    'one word for a signal named twice; signals at 0 and lengths are no reason',
  );
  assert.equal(detectorWords('claim.rules', { has_percent: 1, opinion: -1 }), 'reads as a checkable statement: a percentage');
  assert.equal(detectorWords('speaker.ner'), 'found by speaker.ner', 'an unknown detector: its name');
  assert.equal(detectorWords(''), 'found by a detector');
});

test('bulkQuestion', () => {
  assert.equal(bulkQuestion(14, 'BOILERPLATE'), 'Accept 14 BOILERPLATE suggestions?');
  assert.equal(bulkQuestion(1, 'QUOTE'), 'Accept 1 QUOTE suggestion?');
});

test('decideRefusal: a locked layer, no annotate right, no connection', () => {
  const project = (over = {}) => ({ id: 1, name: 'Desk', mode: 'shared', my_role: 'annotator', can: ['view', 'annotate'], ...over });
  const state = (over = {}, p = project()) => ({ projects: [p], projectId: 1, article: { id: 7, project: 1, status: 'in_progress' }, live: { status: 'live' }, me: { name: 'bea' }, ...over });
  assert.equal(decideRefusal(state()), '');
  assert.match(decideRefusal(state({}, project({ can: ['view'], my_role: 'viewer' }))), /^Accepting or rejecting a suggestion takes the annotator role in this project \(you are viewer\)/);
  assert.equal(decideRefusal(state({}, project({ can: undefined }))), '', 'no permission list: offered, the server decides');
  const ind = project({ mode: 'independent', annotators_per_article: 2 });
  assert.match(decideRefusal(state({ article: { id: 7, project: 1, status: 'in_progress', mine: { status: 'submitted' } } }, ind)), /submitted/);
  assert.match(decideRefusal(state({ article: { id: 7, project: 1, status: 'reviewed' } }, ind)), /reviewed/);
  assert.match(decideRefusal(state({ live: { status: 'offline' } })), /connection/);
  assert.match(decideRefusal(state({ live: { status: 'reconnecting' } })), /connection/);
  assert.equal(decideRefusal(state({ live: { status: 'rest' } })), '', 'saved directly over REST: fine');
});

test('suggestionKey: with one focused, a/Enter accept, x rejects, Shift+A all, ] and [ step', () => {
  const ctx = { focused: true, canStep: true };
  const k = (key, over = {}, mods = {}) => suggestionKey({ key, ...mods }, { ...ctx, ...over });
  assert.deepEqual(k('a'), { type: 'accept' });
  assert.deepEqual(k('Enter'), { type: 'accept' });
  assert.deepEqual(k('x'), { type: 'reject' });
  assert.deepEqual(k('A', {}, { shiftKey: true }), { type: 'accept-all' });
  assert.deepEqual(k(']'), { type: 'step', by: 1 });
  assert.deepEqual(k('['), { type: 'step', by: -1 });
  assert.deepEqual(k('Escape'), { type: 'unfocus' });
  assert.equal(k('b'), null, 'a label key is the editor’s');
  assert.equal(k('q'), null);
  assert.equal(k('?'), null, 'help');
  assert.equal(k('X', {}, { shiftKey: true }), null);
  assert.equal(k('z', {}, { ctrlKey: true }), null, 'undo');
  assert.equal(k('a', {}, { altKey: true }), null);
  assert.equal(k('Enter', { onControl: true }), null, 'Enter on a button is the button’s');
  assert.deepEqual(k('a', { onControl: true }), { type: 'accept' }, 'a on the card’s buttons still accepts');
});

test('suggestionKey: text selected, typing, a menu, or nothing focused', () => {
  const k = (key, ctx, mods = {}) => suggestionKey({ key, ...mods }, ctx);
  assert.equal(k('a', { focused: true, hasSelection: true }), null, 'with text selected the keys are the labels’');
  assert.equal(k('x', { focused: true, hasSelection: true }), null);
  assert.equal(k('a', { focused: true, editing: true }), null, 'typing in a field');
  assert.equal(k('a', { focused: false, canStep: true }), null, 'nothing focused: a is nothing of ours');
  assert.equal(k('Enter', { focused: false, canStep: true }), null);
  assert.deepEqual(k(']', { focused: false, canStep: true }), { type: 'step', by: 1 }, '] goes to the suggestions while they are shown');
  assert.equal(k(']', { focused: false, canStep: false }), null, 'an annotation selected, or none shown: the annotations’ ]');
  assert.equal(k('Escape', { focused: false }), null);
  assert.equal(k('Escape', { focused: true, menuOpen: true }), null, 'Esc closes the menu first');
  assert.equal(k('a', { focused: true, isComposing: true }, { isComposing: true }), null);
});

test('suggestionKey: while Shift+A asks', () => {
  const ctx = { focused: true, asking: true };
  assert.deepEqual(suggestionKey({ key: 'Enter' }, ctx), { type: 'confirm' });
  assert.equal(suggestionKey({ key: 'Enter' }, { ...ctx, onControl: true }), null, 'on its button Enter clicks it');
  assert.deepEqual(suggestionKey({ key: 'Escape' }, ctx), { type: 'cancel' });
  assert.equal(suggestionKey({ key: 'a' }, ctx), null, 'a does not answer the question');
  assert.equal(suggestionKey({ key: 'x' }, ctx), null);
});

function memoryStorage() {
  const m = new Map();
  return { getItem: (k) => (m.has(k) ? m.get(k) : null), setItem: (k, v) => m.set(k, String(v)), m };
}

test('readPrefs and writePrefs: kept per browser, bad values ignored', () => {
  const st = memoryStorage();
  assert.deepEqual(readPrefs(st), { shown: true, hiddenLabels: [], minScore: 0 }, 'nothing kept: shown');
  writePrefs(st, { shown: false, hiddenLabels: ['QUOTE'], minScore: 0.6 });
  assert.deepEqual(readPrefs(st), { shown: false, hiddenLabels: ['QUOTE'], minScore: 0.6 });
  st.setItem(PREFS_KEY, '{"shown": "yes", "hiddenLabels": ["CLAIM", 3], "minScore": 7}');
  assert.deepEqual(readPrefs(st), { shown: true, hiddenLabels: ['CLAIM'], minScore: 1 });
  st.setItem(PREFS_KEY, 'not json');
  assert.deepEqual(readPrefs(st), { shown: true, hiddenLabels: [], minScore: 0 });
  assert.deepEqual(readPrefs(null), { shown: true, hiddenLabels: [], minScore: 0 });
  writePrefs({ setItem: () => { throw new Error('quota'); } }, DEFAULT_PREFS); // refused: no throw
});

test('loadSuggestions: ordered, the focus kept while listed, stale answers dropped, errors shown', async () => {
  const store = new Store();
  store.set({ article: { id: 7, project: 1, text: '' }, route: { view: 'article', id: 7 } });
  const asked = [];
  const answers = [];
  const fetcher = (method, path) => {
    asked.push(`${method} ${path}`);
    return new Promise((resolve, reject) => answers.push({ resolve, reject }));
  };
  const p1 = loadSuggestions(store, 7, fetcher);
  assert.deepEqual(asked, ['GET /api/articles/7/suggestions']);
  assert.equal(store.get().suggest.loading, true);
  answers[0].resolve([list[0], list[2]]);
  await p1;
  assert.deepEqual(store.get().suggest.list.map((s) => s.id), ['rm1', 'rm6']);
  assert.equal(store.get().suggest.loading, false);
  assert.deepEqual(visibleOf(store).map((s) => s.id), ['rm1', 'rm6']);

  store.set({ suggest: { ...store.get().suggest, focused: 'rm6' } }, 'suggest');
  const p2 = loadSuggestions(store, 7, fetcher);
  const p3 = loadSuggestions(store, 7, fetcher);
  assert.deepEqual(store.get().suggest.list.map((s) => s.id), ['rm1', 'rm6'], 'a quiet reload keeps the list meanwhile');
  answers[2].resolve([list[4], list[0]]);
  await p3;
  answers[1].resolve([]); // older: dropped
  await p2;
  assert.deepEqual(store.get().suggest.list.map((s) => s.id), ['rm2', 'rm6']);
  assert.equal(store.get().suggest.focused, 'rm6', 'still listed: still focused');

  const p4 = loadSuggestions(store, 7, fetcher);
  answers[3].resolve([list[4]]);
  await p4;
  assert.equal(store.get().suggest.focused, null, 'gone (decided elsewhere): unfocused');

  const p5 = loadSuggestions(store, 7, fetcher);
  answers[4].reject(new Error('the server cannot be reached'));
  await p5;
  assert.equal(store.get().suggest.error, 'the server cannot be reached');
  assert.deepEqual(store.get().suggest.list.map((s) => s.id), ['rm2'], 'an error keeps what was shown');
});

test('loadSuggestions: a quiet reload with the same answer changes nothing (no redraw)', async () => {
  const store = new Store();
  store.set({ article: { id: 7, project: 1, text: '' }, route: { view: 'article', id: 7 } });
  const answer = () => Promise.resolve([list[2], list[4]].map((x) => ({ ...x, attrs: { ...(x.attrs || {}) } })));
  await loadSuggestions(store, 7, answer);
  const before = store.get().suggest.list;
  let changes = 0;
  store.addEventListener('change', () => changes++);
  await loadSuggestions(store, 7, answer);
  assert.equal(changes, 0);
  assert.equal(store.get().suggest.list, before, 'the same array: memos keyed on it hold');
  await loadSuggestions(store, 7, () => Promise.resolve([{ ...list[2], score: 0.99, detector: 'boilerplate.site' }, list[4]]));
  assert.equal(changes, 1, 'a new score is a change');
  assert.equal(store.get().suggest.list[0].detector, 'boilerplate.site');
});

test('sameSuggestions', () => {
  const a = ordered(list);
  assert.equal(sameSuggestions(a, a.map((x) => ({ ...x }))), true);
  assert.equal(sameSuggestions(a, a.slice(1)), false);
  assert.equal(sameSuggestions(a, a.map((x, i) => (i === 1 ? { ...x, attrs: { speaker: 'Putin' } } : x))), false, 'another speaker');
  assert.equal(sameSuggestions([], []), true);
  assert.equal(sameSuggestions(null, []), false);
});

// page is just enough of a page for bindSuggest: listeners nobody fires,
// no selection, no storage.
function page() {
  const el = { addEventListener() {} };
  globalThis.document ??= { getElementById: () => el, addEventListener() {}, querySelector: () => null, querySelectorAll: () => [] };
  globalThis.window ??= { addEventListener() {}, getSelection: () => null };
  const renderer = { revealSuggestion() {}, focusSuggestionCard() {}, topOffset: () => 0, view: null };
  return renderer;
}

test('decide: the focus moves on at once; an accept shows its annotation when no socket brings it', async () => {
  const store = new Store();
  const renderer = page();
  bindSuggest({ store, renderer, selection: () => false });
  for (const [id, status] of [[9, 'rest'], [10, 'live']]) {
    store.openArticle({ id, project: 1, text: '' }, []);
    store.set({ route: { view: 'article', id }, live: { status, pending: 0, users: [], you: null } }, 'live');
    await loadSuggestions(store, id, () => Promise.resolve(list.map((x) => ({ ...x }))));
    store.set({ suggest: { ...store.get().suggest, focused: 'rm1' } }, 'suggest');
    const asked = [];
    const created = { id: 41, article: id, start: 1949, end: 1960, label: 'BOILERPLATE', attrs: { suggested_by: 'boilerplate.lines' }, author: 'ann', version: 3, text: 'Read more »' };
    const fetcher = (method, path) => {
      asked.push(`${method} ${path}`);
      if (method === 'POST') return Promise.resolve({ suggestion: list[2], annotation: created });
      return Promise.resolve(list.filter((x) => x.id !== 'rm1'));
    };
    const done = decide(true, null, fetcher);
    assert.equal(store.get().suggest.focused, 'rm2', `${status}: focused on the next at once`);
    assert.ok(!store.get().suggest.list.some((x) => x.id === 'rm1'), `${status}: gone from the list at once`);
    await done;
    assert.equal(asked[0], `POST /api/articles/${id}/suggestions/rm1/accept`);
    if (status === 'rest') assert.equal(store.annotation(41)?.attrs.suggested_by, 'boilerplate.lines', 'REST: shown from the answer');
    else assert.equal(store.annotation(41), null, 'live: the socket brings it');
  }
});

test('decide: refused, it comes back with the reason; a 404 leaves it out and reloads', async () => {
  const store = new Store();
  bindSuggest({ store, renderer: page(), selection: () => false });
  store.openArticle({ id: 11, project: 1, text: '' }, []);
  store.set({ route: { view: 'article', id: 11 }, live: { status: 'live', pending: 0, users: [], you: null } }, 'live');
  await loadSuggestions(store, 11, () => Promise.resolve(list.map((x) => ({ ...x }))));
  const fail = (status) => () => Promise.reject(Object.assign(new Error(status === 404 ? 'not found' : 'the disk is full; nothing was saved'), { status }));
  await decide(false, 'q1', fail(507));
  assert.ok(store.get().suggest.list.some((x) => x.id === 'q1'), 'put back');
  assert.match(store.get().toast.message, /Could not reject the suggestion: the disk is full/);
  let reloaded = 0;
  const gone = (method) => {
    if (method === 'GET') {
      reloaded++;
      return Promise.resolve(list.map((x) => ({ ...x })));
    }
    return fail(404)();
  };
  await decide(true, 'c1', gone);
  assert.equal(reloaded, 1, 'read again');
  assert.ok(!store.get().suggest.list.some((x) => x.id === 'c1'), 'decided here: not brought back by a list sent before');
  assert.match(store.get().toast.message, /decided that suggestion meanwhile/);
});
