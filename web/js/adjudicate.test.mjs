// The review page's pure parts: grouping the submitted layers' spans into
// candidates, telling agreed, disputed, partly and one-person spans apart,
// what gold and the rejections decided, stepping through the open ones,
// the words, the keys, which state the page shows; and its loading and
// rejecting against a fake server (a Store and a fetcher, no browser).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  buildReview,
  candidateKey,
  competes,
  rivals,
  stepOpen,
  afterDecision,
  candidateAt,
  whoLine,
  conflictLine,
  summaryLine,
  progressLine,
  acceptAllPlan,
  pageState,
  refusal,
  reviewKey,
  listNames,
  loadReview,
  rejectCandidate,
  markReviewed,
  KINDS,
  REVIEW_KEYS,
} from './adjudicate.js';
import { Store } from './state.js';

const TEXT = 'Putin was charged with war crimes by the ICC, Xi said. Read more »';

let nextId = 1;
function sp(start, end, label, attrs = {}) {
  return { id: nextId++, start, end, label, attrs, text: Array.from(TEXT).slice(start, end).join('') };
}
function layer(name, spans, status = 'submitted') {
  return { name, status, version: spans.length, annotations: spans.length, spans, relations: [] };
}
function view(layers, rejected = []) {
  return { article: { id: 7, project: 1, text: TEXT, status: 'submitted' }, layers, rejected };
}
const keys = (list) => list.map((c) => c.key);
const find = (m, s, e, l) => m.byKey.get(candidateKey(s, e, l));

test('buildReview: one candidate per (start, end, label), who marked it, of how many', () => {
  const m = buildReview(
    view([
      layer('bea', [sp(0, 5, 'SPEAKER'), sp(55, 66, 'BOILERPLATE')]),
      layer('ann', [sp(0, 5, 'SPEAKER'), sp(55, 66, 'BOILERPLATE'), sp(0, 5, 'SPEAKER')]),
    ]),
  );
  assert.deepEqual(m.submitted, ['ann', 'bea']);
  assert.deepEqual(keys(m.candidates), ['0:5:SPEAKER', '55:66:BOILERPLATE']);
  const putin = m.candidates[0];
  assert.deepEqual(putin.who, ['ann', 'bea']); // the same span twice in one layer counts once
  assert.equal(putin.text, 'Putin');
  assert.equal(putin.agreement, 'all');
  assert.equal(putin.kind, 'agreed');
  assert.equal(whoLine(putin, 2), 'ann, bea — 2 of 2');
  assert.equal(m.counts.agreed, 2);
  assert.equal(m.counts.open, 2);
});

test('buildReview: only submitted layers are candidates', () => {
  const m = buildReview(view([layer('ann', [sp(0, 5, 'SPEAKER')]), layer('bea', [sp(6, 33, 'CLAIM')], 'in_progress')]), [], { k: 2 });
  assert.deepEqual(m.submitted, ['ann']);
  assert.deepEqual(keys(m.candidates), ['0:5:SPEAKER']);
  assert.equal(m.candidates[0].kind, 'one');
  assert.equal(progressLine(m), '1 of 2 submitted — bea: in progress');
});

test('buildReview: other edges or another label are a disputed group, shown together', () => {
  const m = buildReview(
    view([
      layer('ann', [sp(0, 33, 'CLAIM', { verdict: 'true' })]),
      layer('bea', [sp(0, 44, 'CLAIM', { verdict: 'true' })]),
      layer('cy', [sp(0, 33, 'QUOTE')]),
    ]),
  );
  assert.equal(m.groups.length, 1);
  const g = m.groups[0];
  assert.deepEqual(keys(g.candidates), ['0:44:CLAIM', '0:33:CLAIM', '0:33:QUOTE']);
  for (const c of g.candidates) assert.equal(c.kind, 'disputed', c.key);
  assert.deepEqual(find(m, 0, 33, 'CLAIM').rivals.sort(), ['0:33:QUOTE', '0:44:CLAIM']);
  assert.equal(m.counts.disputed, 3);
});

test('buildReview: a QUOTE nested in a CLAIM, or spans the same people marked both, are not a dispute', () => {
  const m = buildReview(
    view([
      layer('ann', [sp(0, 54, 'CLAIM'), sp(0, 5, 'QUOTE'), sp(10, 20, 'CLAIM')]),
      layer('bea', [sp(0, 54, 'CLAIM'), sp(10, 20, 'CLAIM')]),
    ]),
  );
  assert.equal(find(m, 0, 54, 'CLAIM').kind, 'agreed');
  assert.equal(find(m, 10, 20, 'CLAIM').kind, 'agreed');
  assert.equal(find(m, 0, 5, 'QUOTE').kind, 'one');
  assert.equal(m.groups.length, 3);
  assert.ok(!competes({ start: 0, end: 54, label: 'CLAIM' }, { start: 0, end: 5, label: 'QUOTE' }));
  assert.ok(competes({ start: 0, end: 10, label: 'CLAIM' }, { start: 1, end: 10, label: 'QUOTE' }));
  assert.ok(competes({ start: 0, end: 10, label: 'CLAIM' }, { start: 9, end: 30, label: 'CLAIM' }));
  assert.ok(!competes({ start: 0, end: 10, label: 'CLAIM' }, { start: 10, end: 30, label: 'CLAIM' }), 'touching is not overlapping');
  assert.ok(!rivals({ start: 0, end: 10, label: 'CLAIM', who: ['ann', 'bea'] }, { start: 2, end: 10, label: 'CLAIM', who: ['ann'] }));
});

test('buildReview: partly (2 of 3, nobody else marked anything there) and one person', () => {
  const m = buildReview(view([layer('ann', [sp(0, 5, 'SPEAKER'), sp(46, 48, 'SPEAKER')]), layer('bea', [sp(0, 5, 'SPEAKER')]), layer('cy', [])]));
  const putin = find(m, 0, 5, 'SPEAKER');
  assert.equal(putin.agreement, 'some');
  assert.equal(putin.kind, 'some');
  assert.equal(whoLine(putin, 3), 'ann, bea — 2 of 3');
  assert.equal(find(m, 46, 48, 'SPEAKER').kind, 'one');
  assert.deepEqual([m.counts.some, m.counts.one, m.counts.agreed], [1, 1, 0]);
});

test('buildReview: with one layer submitted, nothing is agreed', () => {
  const m = buildReview(view([layer('ann', [sp(0, 5, 'SPEAKER')])]));
  assert.equal(m.candidates[0].agreement, 'one');
  assert.deepEqual(acceptAllPlan(m), { how: 'none', n: 0 });
});

test('buildReview: attributes they agree on go along; where they differ, who said what', () => {
  const m = buildReview(
    view([
      layer('ann', [sp(6, 33, 'CLAIM', { verdict: 'true', note: 'ICC' })]),
      layer('bea', [sp(6, 33, 'CLAIM', { verdict: 'false', note: 'ICC' })]),
    ]),
  );
  const c = m.candidates[0];
  assert.deepEqual(c.attrs, { note: 'ICC' });
  assert.deepEqual(c.conflicts, [{ name: 'verdict', values: [{ value: 'true', who: ['ann'] }, { value: 'false', who: ['bea'] }] }]);
  assert.equal(conflictLine(c.conflicts[0]), 'verdict: true (ann) · false (bea)');
  const missing = buildReview(view([layer('ann', [sp(6, 33, 'CLAIM', { note: 'x' })]), layer('bea', [sp(6, 33, 'CLAIM')])])).candidates[0];
  assert.deepEqual(missing.attrs, {});
  assert.equal(conflictLine(missing.conflicts[0]), 'note: x (ann) · — (bea)');
});

test('buildReview: gold decides "in gold", rejections "rejected", gold first', () => {
  const m = buildReview(
    view([layer('ann', [sp(0, 5, 'SPEAKER'), sp(6, 33, 'CLAIM'), sp(55, 66, 'BOILERPLATE')]), layer('bea', [sp(0, 5, 'SPEAKER'), sp(6, 33, 'CLAIM'), sp(55, 66, 'BOILERPLATE')])], [
      { start: 6, end: 33, label: 'CLAIM', by: 'rev', at: '' },
      { start: 0, end: 5, label: 'SPEAKER', by: 'rev', at: '' },
    ]),
    [
      { id: -3, start: 0, end: 5, label: 'SPEAKER' },
      { id: 12, start: 0, end: 5, label: 'SPEAKER' },
      { id: 13, start: 55, end: 66, label: 'QUOTE' },
    ],
  );
  const putin = find(m, 0, 5, 'SPEAKER');
  assert.equal(putin.state, 'accepted');
  assert.equal(putin.goldId, 12, 'a saved gold span before a create on its way');
  assert.equal(find(m, 6, 33, 'CLAIM').state, 'rejected');
  assert.equal(find(m, 6, 33, 'CLAIM').rejectedBy, 'rev');
  assert.equal(find(m, 55, 66, 'BOILERPLATE').state, 'open', 'another label in gold is not this candidate');
  assert.deepEqual([m.counts.accepted, m.counts.rejected, m.counts.open], [1, 1, 1]);
  assert.equal(summaryLine(m.counts), '3 candidates · 1 open · 1 in gold · 1 rejected');
  assert.deepEqual(acceptAllPlan(m), { how: 'local', n: 1 }, 'the server would accept the rejected one too');
});

test('acceptAllPlan: the server when no agreed span is rejected', () => {
  const m = buildReview(view([layer('ann', [sp(0, 5, 'SPEAKER'), sp(6, 33, 'CLAIM')]), layer('bea', [sp(0, 5, 'SPEAKER'), sp(6, 33, 'CLAIM')])]), [{ id: 1, start: 0, end: 5, label: 'SPEAKER' }]);
  assert.deepEqual(acceptAllPlan(m), { how: 'server', n: 1 });
});

test('buildReview: offsets are code points; text sliced when a span has none', () => {
  const text = '🇺🇦 Kyiv said no.';
  const m = buildReview({ article: { text }, layers: [layer('ann', [{ id: 1, start: 3, end: 7, label: 'SPEAKER', attrs: {} }])], rejected: [] });
  assert.equal(m.candidates[0].text, 'Kyiv');
});

test('stepOpen and afterDecision: open ones only, round the ends', () => {
  const cs = ['a', 'b', 'c', 'd'].map((key, i) => ({ key, state: i === 1 ? 'accepted' : 'open' }));
  assert.equal(stepOpen(cs, null, 1), 'a');
  assert.equal(stepOpen(cs, null, -1), 'd');
  assert.equal(stepOpen(cs, 'a', 1), 'c');
  assert.equal(stepOpen(cs, 'c', -1), 'a');
  assert.equal(stepOpen(cs, 'd', 1), 'a');
  assert.equal(stepOpen(cs, 'gone', 1), 'a');
  assert.equal(afterDecision(cs, 'c'), 'd');
  assert.equal(afterDecision(cs, 'd'), 'a');
  assert.equal(afterDecision([{ key: 'a', state: 'open' }], 'a'), null);
  assert.equal(stepOpen(cs.map((c) => ({ ...c, state: 'rejected' })), 'a', 1), null);
});

test('candidateAt: the shortest open one under the point', () => {
  const cs = [
    { key: 'long', start: 0, end: 30, state: 'open' },
    { key: 'short', start: 5, end: 10, state: 'accepted' },
    { key: 'mid', start: 4, end: 12, state: 'open' },
  ];
  assert.equal(candidateAt(cs, 6).key, 'mid');
  assert.equal(candidateAt(cs, 20).key, 'long');
  assert.equal(candidateAt(cs, 30), null);
  assert.equal(candidateAt([{ key: 'x', start: 0, end: 3, state: 'rejected' }], 1).key, 'x');
});

test('pageState: refused, shared, loading, errors, nothing submitted, ready', () => {
  const p = { id: 1, name: 'Default', mode: 'independent', can: ['view', 'review'], my_role: 'reviewer' };
  assert.equal(pageState({ ...p, can: ['view', 'annotate'], my_role: 'annotator' }, null), 'refused');
  assert.equal(pageState({ ...p, mode: 'shared' }, null), 'shared');
  assert.equal(pageState(p, null), 'loading');
  assert.equal(pageState(null, { error: 'nope', status: 403 }), 'refused');
  assert.equal(pageState(null, { error: 'article 9: not found', status: 404 }), 'missing');
  assert.equal(pageState(null, { error: 'project "D" works in one shared layer: …', status: 400 }), 'shared');
  assert.equal(pageState(p, { error: 'The server cannot be reached.', status: 0 }), 'error');
  assert.equal(pageState(p, { data: view([layer('ann', [], 'in_progress')]) }), 'none');
  assert.equal(pageState(p, { data: view([layer('ann', [], 'submitted')]) }), 'ready');
  assert.equal(refusal({ name: 'Default', my_role: 'annotator' }), 'Reviewing is for the project’s reviewers, managers and admins. You are an annotator in Default.');
});

test('reviewKey: j/k and ]/[ step, a accepts, x rejects, Shift+A accepts all agreed, Ctrl+Enter marks reviewed', () => {
  const ctx = { editing: false, hasSelection: false, labels: [{ name: 'QUOTE', hotkey: 'q' }, { name: 'AD', hotkey: 'a' }] };
  const k = (key, mods = {}) => reviewKey({ key, ...mods }, ctx);
  assert.deepEqual(k('j'), { type: 'step', by: 1 });
  assert.deepEqual(k(']'), { type: 'step', by: 1 });
  assert.deepEqual(k('k'), { type: 'step', by: -1 });
  assert.deepEqual(k('['), { type: 'step', by: -1 });
  assert.deepEqual(k('a'), { type: 'accept' });
  assert.deepEqual(k('x'), { type: 'reject' });
  assert.deepEqual(k('A', { shiftKey: true }), { type: 'accept-agreed' });
  assert.equal(k('A'), null, 'caps lock alone is not Shift+A');
  assert.deepEqual(k('Enter', { ctrlKey: true }), { type: 'reviewed' });
  assert.equal(k('z', { ctrlKey: true }), null, 'undo stays the editor’s');
  assert.equal(k('q'), null);
  assert.equal(k('Delete'), null);
  assert.equal(reviewKey({ key: 'a' }, { ...ctx, editing: true }), null);
  assert.equal(reviewKey({ key: 'a' }, { ...ctx, hasSelection: true }), null, 'with text selected a label’s hotkey labels it');
  assert.deepEqual(reviewKey({ key: 'x' }, { ...ctx, hasSelection: true }), { type: 'reject' });
  assert.ok(REVIEW_KEYS.length >= 5 && REVIEW_KEYS.every((r) => r.keys.length && r.what));
});

test('words', () => {
  assert.equal(listNames(['ann', 'bea', 'cy']), 'ann, bea and cy');
  assert.equal(summaryLine({ total: 0 }), 'No candidates');
  assert.equal(summaryLine({ total: 1, open: 1, accepted: 0, rejected: 0 }), '1 candidate · 1 open · 0 in gold');
  for (const k of Object.values(KINDS)) assert.ok(k.icon && k.word, 'every kind has an icon and a word, not only a colour');
});

function fakeServer(routes) {
  const calls = [];
  const fetcher = async (method, path, body) => {
    calls.push([method, path, body]);
    const fn = routes[`${method} ${path}`];
    if (!fn) throw Object.assign(new Error(`no route ${method} ${path}`), { status: 404 });
    return fn(body);
  };
  return { fetcher, calls };
}

test('loadReview: loading, then the data; an error keeps its status', async () => {
  const store = new Store();
  const data = view([layer('ann', [sp(0, 5, 'SPEAKER')])]);
  const { fetcher } = fakeServer({ 'GET /api/articles/7/review': () => data });
  const p = loadReview(store, 7, fetcher);
  assert.equal(store.get().review.loading, true);
  await p;
  assert.equal(store.get().review.data, data);
  assert.equal(store.get().review.mode, 'merged');
  const bad = fakeServer({
    'GET /api/articles/8/review': () => {
      throw Object.assign(new Error('you may not review'), { status: 403 });
    },
  });
  await loadReview(store, 8, bad.fetcher);
  assert.equal(store.get().review.status, 403);
  assert.equal(store.get().review.data, null, 'another article starts afresh');
});

test('rejectCandidate: shown at once, the server’s list after, then read again; put back when refused', async () => {
  const store = new Store();
  store.set({ me: { name: 'rev' } });
  const data = view([layer('ann', [sp(0, 5, 'SPEAKER')])]);
  let saved = [];
  const { fetcher, calls } = fakeServer({
    'GET /api/articles/7/review': () => ({ ...data, rejected: saved }),
    'POST /api/articles/7/rejections': (b) => (saved = [{ ...b, by: 'rev', at: '2024-01-01T00:00:00Z' }]),
    'DELETE /api/articles/7/rejections': () => (saved = []),
  });
  await loadReview(store, 7, fetcher);
  const c = { start: 0, end: 5, label: 'SPEAKER' };
  const p = rejectCandidate(store, c, false, fetcher);
  assert.equal(store.get().review.data.rejected.length, 1, 'at once');
  assert.equal(await p, true);
  assert.equal(store.get().review.data.rejected[0].at, '2024-01-01T00:00:00Z', 'the server’s list');
  assert.deepEqual(calls[1], ['POST', '/api/articles/7/rejections', { start: 0, end: 5, label: 'SPEAKER' }]);
  assert.deepEqual(calls[2][0] + ' ' + calls[2][1], 'GET /api/articles/7/review', 'read again after');
  assert.equal(await rejectCandidate(store, c, true, fetcher), true);
  assert.deepEqual(store.get().review.data.rejected, []);

  const refusing = fakeServer({
    'POST /api/articles/7/rejections': () => {
      throw Object.assign(new Error('unknown label "X"'), { status: 400 });
    },
  });
  assert.equal(await rejectCandidate(store, { start: 1, end: 2, label: 'X' }, false, refusing.fetcher), false);
  assert.deepEqual(store.get().review.data.rejected, []);
  assert.match(store.get().toast.message, /Could not reject it: unknown label/);
});

test('markReviewed: PATCH status reviewed; the page shows it', async () => {
  const store = new Store();
  store.set({ article: { id: 7, project: 1, status: 'submitted', text: TEXT } });
  const { fetcher, calls } = fakeServer({
    'GET /api/articles/7/review': () => view([layer('ann', [])]),
    'PATCH /api/articles/7': () => ({ id: 7, status: 'reviewed', layers: [] }),
  });
  await loadReview(store, 7, fetcher);
  assert.equal(await markReviewed(store, false, fetcher), true);
  assert.deepEqual(calls[1], ['PATCH', '/api/articles/7', { status: 'reviewed' }]);
  assert.equal(store.get().article.status, 'reviewed');
  assert.equal(store.get().review.data.article.status, 'reviewed');
  assert.equal(store.get().review.busy, '');
});
