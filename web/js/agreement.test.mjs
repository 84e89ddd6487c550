// The Agreement page's pure parts: the matrix, the colour scale, the
// numbers and words, which state the page shows, and its loading against
// a fake server (a Store and a fetcher, no browser).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  buildMatrix,
  colorFor,
  contrast,
  luminance,
  SCALE,
  INK,
  LEGEND,
  formatFigure,
  formatCount,
  plural,
  listNames,
  diffText,
  whyUndefined,
  whyNoAlpha,
  cellTitle,
  labelsShown,
  blankLabel,
  heatmapLabels,
  pageState,
  refusal,
  noSharedArticle,
  metricOf,
  panelTitle,
  reviewHref,
  loadAgreement,
  chooseView,
  openDisagreements,
  closeDisagreements,
} from './agreement.js';
import { Store } from './state.js';

const pair = (a, b, label, over = {}) => ({ a, b, label, articles: 3, units: 4812, kappa: 0.61, f1_exact: 0.5, f1_overlap: 1, ...over });

const REPORT = {
  pairs: [
    pair('ann', 'bea', 'CLAIM'),
    pair('ann', 'cy', 'CLAIM', { kappa: -0.125 }),
    pair('bea', 'cy', 'CLAIM', { articles: 0, units: 0, kappa: null, f1_exact: null, f1_overlap: null }),
    pair('ann', 'bea', 'QUOTE', { kappa: null, f1_exact: null, f1_overlap: null }),
    pair('ann', 'cy', 'QUOTE', { kappa: 0.9 }),
    pair('bea', 'cy', 'QUOTE', { articles: 0, units: 0, kappa: null, f1_exact: null, f1_overlap: null }),
  ],
  labels: [
    { label: 'CLAIM', alpha: 0.58, annotators: 3, articles: 3, units: 4812 },
    { label: 'QUOTE', alpha: null, annotators: 3, articles: 3, units: 4812 },
  ],
  annotators: ['ann', 'bea', 'cy'],
  submitted: 3,
};

test('buildMatrix: symmetric, blank diagonal, the pair whichever way round, the metric chosen', () => {
  const m = buildMatrix(REPORT, 'CLAIM', 'kappa');
  assert.deepEqual(m.names, ['ann', 'bea', 'cy']);
  assert.equal(m.rows.length, 3);
  for (let i = 0; i < 3; i++) {
    assert.equal(m.rows[i][i].diagonal, true);
    assert.equal(m.rows[i][i].pair, null);
    for (let j = 0; j < 3; j++) {
      if (i === j) continue;
      assert.equal(m.rows[i][j].pair, m.rows[j][i].pair, `cell ${i},${j} and ${j},${i}`);
      assert.equal(m.rows[i][j].value, m.rows[j][i].value);
      assert.ok(m.rows[i][j].a < m.rows[i][j].b, 'a < b in every cell');
    }
  }
  assert.equal(m.rows[0][1].value, 0.61);
  assert.equal(m.rows[2][0].value, -0.125);
  assert.equal(m.rows[1][2].value, null);
  assert.equal(buildMatrix(REPORT, 'CLAIM', 'f1_exact').rows[1][0].value, 0.5);
  assert.equal(buildMatrix(REPORT, 'CLAIM', 'f1_overlap').rows[1][0].value, 1);
  assert.equal(buildMatrix(REPORT, 'QUOTE', 'kappa').rows[0][2].value, 0.9);
  assert.equal(buildMatrix(REPORT, 'CLAIM', 'nonsense').rows[0][1].value, 0.61, 'unknown metric: kappa');
});

test('buildMatrix: a pair the report lacks is a cell with no pair; no report, no names', () => {
  const m = buildMatrix({ ...REPORT, pairs: REPORT.pairs.slice(1) }, 'CLAIM', 'kappa');
  assert.equal(m.rows[0][1].pair, null);
  assert.equal(m.rows[0][1].value, null);
  assert.deepEqual(buildMatrix(null, 'CLAIM', 'kappa'), { names: [], rows: [] });
});

test('labelsShown: all labels, one, or all again for a label the report lacks', () => {
  assert.deepEqual(labelsShown(REPORT, '').map((l) => l.label), ['CLAIM', 'QUOTE']);
  assert.deepEqual(labelsShown(REPORT, 'QUOTE').map((l) => l.label), ['QUOTE']);
  assert.deepEqual(labelsShown(REPORT, 'GONE').map((l) => l.label), ['CLAIM', 'QUOTE']);
});

test('heatmapLabels: labels without a single figure are left out, unless chosen or all are blank', () => {
  const blankPairs = (label) => ['ann', 'bea', 'cy'].flatMap((a, i, all) => all.slice(i + 1).map((b) => pair(a, b, label, { kappa: null, f1_exact: null, f1_overlap: null })));
  const r = { ...REPORT, pairs: [...REPORT.pairs, ...blankPairs('SPEAKER')], labels: [...REPORT.labels, { label: 'SPEAKER', alpha: null, annotators: 3, articles: 3, units: 4812 }] };
  assert.equal(blankLabel(r, 'SPEAKER'), true);
  assert.equal(blankLabel(r, 'QUOTE'), false, 'one pair with a figure is enough');
  assert.equal(blankLabel(r, 'CLAIM'), false);
  const names = ({ maps, blank }) => [maps.map((l) => l.label), blank.map((l) => l.label)];
  assert.deepEqual(names(heatmapLabels(r, r.labels, '')), [['CLAIM', 'QUOTE'], ['SPEAKER']]);
  assert.deepEqual(names(heatmapLabels(r, labelsShown(r, 'SPEAKER'), 'SPEAKER')), [['SPEAKER'], []]);
  const onlyBlank = { ...r, labels: [r.labels[2]] };
  assert.deepEqual(names(heatmapLabels(onlyBlank, onlyBlank.labels, '')), [['SPEAKER'], []]);
});

test('colorFor: ordered from light to dark, clamped to 0..1, none for null', () => {
  assert.equal(colorFor(0).bg, SCALE[0]);
  assert.equal(colorFor(1).bg, SCALE[SCALE.length - 1]);
  assert.equal(colorFor(-0.4).bg, SCALE[0], 'below 0 takes the lowest colour');
  assert.equal(colorFor(1.5).bg, SCALE[SCALE.length - 1]);
  assert.equal(colorFor(null), null);
  assert.equal(colorFor(undefined), null);
  assert.equal(colorFor(NaN), null);
  let prev = Infinity;
  for (let v = 0; v <= 1.0001; v += 0.05) {
    const L = luminance(colorFor(v).bg);
    assert.ok(L < prev, `luminance falls as the figure rises (at ${v.toFixed(2)})`);
    prev = L;
  }
});

test('colorFor: the printed figure contrasts at least 4.5:1 with every colour of the scale', () => {
  for (let v = -0.2; v <= 1.2; v += 0.01) {
    const c = colorFor(v);
    assert.ok(contrast(c.bg, c.ink) >= 4.5, `${v.toFixed(2)}: ${c.ink} on ${c.bg} is ${contrast(c.bg, c.ink).toFixed(2)}:1`);
  }
  for (const v of LEGEND) assert.ok(colorFor(v));
  assert.equal(colorFor(0).ink, INK);
  assert.equal(colorFor(1).ink, '#ffffff');
});

test('contrast: the WCAG ratio', () => {
  assert.equal(Math.round(contrast('#000000', '#ffffff')), 21);
  assert.equal(contrast('#777777', '#777777'), 1);
  assert.equal(contrast('#ffffff', '#000000'), contrast('#000000', '#ffffff'));
});

test('formatFigure: 2 decimals, a true minus, no negative zero, – for undefined', () => {
  const cases = [
    [0.61, '0.61'],
    [0.6129, '0.61'],
    [380 / 620, '0.61'],
    [1, '1.00'],
    [0, '0.00'],
    [-0.125, '−0.13'],
    [-0.001, '0.00'],
    [null, '–'],
    [undefined, '–'],
    [NaN, '–'],
  ];
  for (const [v, want] of cases) assert.equal(formatFigure(v), want, String(v));
});

test('counts and words', () => {
  assert.equal(formatCount(3260), '3,260');
  assert.equal(formatCount(0), '0');
  assert.equal(formatCount(undefined), '0');
  assert.equal(plural(1, 'article'), '1 article');
  assert.equal(plural(4812, 'code point'), '4,812 code points');
  assert.equal(listNames([]), '');
  assert.equal(listNames(['ann']), 'ann');
  assert.equal(listNames(['ann', 'bea']), 'ann and bea');
  assert.equal(listNames(['ann', 'bea', 'cy']), 'ann, bea and cy');
  assert.equal(diffText({ disagree: 140, units: 3260 }), '140 of 3,260 code points differ');
  assert.equal(diffText({ disagree: 1, units: 1 }), '1 of 1 code point differs');
  assert.equal(metricOf('f1_overlap').name, 'F1, overlapping spans');
  assert.equal(reviewHref(12), '#/articles/12/review');
  assert.equal(panelTitle({ label: 'CLAIM', a: 'ann', b: 'bea' }), 'Where ann and bea disagree on CLAIM');
  assert.equal(panelTitle({ label: 'CLAIM', a: 'ann' }), 'Where ann disagrees with the others on CLAIM');
  assert.equal(panelTitle({ label: 'CLAIM' }), 'Where the annotators disagree on CLAIM');
});

test('whyUndefined tells the cases apart', () => {
  const none = REPORT.pairs[2];
  assert.match(whyUndefined(none, 'kappa'), /bea and cy have not both submitted any article/);
  assert.match(whyUndefined(none, 'f1_exact'), /not both submitted/);
  const noSpans = REPORT.pairs[3];
  assert.match(whyUndefined(noSpans, 'kappa'), /Neither ann nor bea marked any QUOTE in the 3 articles both submitted/);
  assert.match(whyUndefined(noSpans, 'f1_overlap'), /no span to compare/);
  const allMarked = pair('ann', 'bea', 'BOILERPLATE', { kappa: null, f1_exact: 1, f1_overlap: 1 });
  assert.match(whyUndefined(allMarked, 'kappa'), /same way.*no variation/);
  assert.match(whyNoAlpha({ label: 'QUOTE', articles: 0 }), /two or more annotators/);
  assert.match(whyNoAlpha({ label: 'QUOTE', articles: 3 }), /QUOTE spans vary/);
});

test('cellTitle: the figure, why it is missing, and what it was measured over', () => {
  const t = cellTitle(REPORT.pairs[0], 'kappa');
  assert.match(t, /^ann × bea, CLAIM: Cohen's kappa 0\.61/);
  assert.match(t, /Over 4,812 code points in 3 articles both submitted\./);
  assert.match(t, /F1 exact 0\.50, F1 overlap 1\.00/);
  const u = cellTitle(REPORT.pairs[2], 'f1_exact');
  assert.match(u, /F1, exact spans –/);
  assert.match(u, /have not both submitted/);
  assert.doesNotMatch(u, /Over/);
});

test('pageState: what the page shows', () => {
  const reviewer = { id: 1, name: 'News', mode: 'independent', can: ['view', 'review'], my_role: 'reviewer' };
  const annotator = { ...reviewer, can: ['view', 'annotate'], my_role: 'annotator' };
  const shared = { ...reviewer, mode: 'shared' };
  assert.equal(pageState(reviewer, null), 'loading');
  assert.equal(pageState(reviewer, { loading: true, report: null }), 'loading');
  assert.equal(pageState(annotator, { report: null }), 'refused');
  assert.equal(pageState(reviewer, { refused: 'no' }), 'refused');
  assert.equal(pageState(reviewer, { error: 'boom' }), 'error');
  assert.equal(pageState(null, { error: 'no such project', missing: true }), 'missing');
  assert.equal(pageState(shared, { report: { ...REPORT, submitted: 0, annotators: [] } }), 'shared');
  assert.equal(pageState(reviewer, { report: { ...REPORT, submitted: 0, annotators: [] } }), 'none');
  assert.equal(pageState(reviewer, { report: { ...REPORT, annotators: ['ann'] } }), 'one');
  assert.equal(pageState(reviewer, { report: REPORT }), 'report');
  assert.equal(pageState(shared, { report: REPORT }), 'report', 'figures from before a switch back to shared still show');
  assert.equal(noSharedArticle(REPORT), false);
  assert.equal(noSharedArticle({ pairs: [REPORT.pairs[2]] }), true);
});

test('refusal: says the rule and the role', () => {
  const r = refusal({ name: 'News', my_role: 'annotator' });
  assert.match(r, /reviewers, managers and admins/);
  assert.match(r, /You are an annotator in News\./);
  assert.match(r, /blind/);
  assert.match(refusal(null, 'forbidden'), /The server said: forbidden/);
});

// fakeServer answers the page's GETs from a table of paths, and records them.
function fakeServer(answers) {
  const asked = [];
  const fetcher = async (method, path) => {
    asked.push(`${method} ${path}`);
    const a = answers[path];
    if (a instanceof Error) throw a;
    if (a === undefined) throw Object.assign(new Error(`no answer for ${path}`), { status: 500 });
    return structuredClone(a);
  };
  return { fetcher, asked };
}

function storeWith(projects, projectId = null) {
  const s = new Store();
  s.set({ projects, projectId, route: { view: 'agreement', project: 7 } });
  return s;
}

const PROJECT = { id: 7, name: 'News', mode: 'independent', can: ['view', 'review'], my_role: 'reviewer', labels: [] };

test('loadAgreement: fetches the report, makes the project the open one, keeps label and metric', async () => {
  const store = storeWith([{ ...PROJECT, id: 1 }, PROJECT], 1);
  const { fetcher, asked } = fakeServer({ '/api/projects/7/agreement': REPORT });
  await loadAgreement(store, 7, fetcher);
  const A = store.get().agreement;
  assert.deepEqual(asked, ['GET /api/projects/7/agreement']);
  assert.equal(A.loading, false);
  assert.deepEqual(A.report, REPORT);
  assert.equal(A.metric, 'kappa');
  assert.equal(store.get().projectId, 7);
  chooseView(store, { label: 'QUOTE', metric: 'f1_exact' });
  await loadAgreement(store, 7, fetcher);
  assert.equal(store.get().agreement.label, 'QUOTE');
  assert.equal(store.get().agreement.metric, 'f1_exact');
  chooseView(store, { metric: 'bogus' });
  assert.equal(store.get().agreement.metric, 'kappa');
});

test('loadAgreement: an annotator is refused without asking the server', async () => {
  const store = storeWith([{ ...PROJECT, can: ['view', 'annotate'], my_role: 'annotator' }], 7);
  const { fetcher, asked } = fakeServer({});
  await loadAgreement(store, 7, fetcher);
  assert.deepEqual(asked, []);
  assert.match(store.get().agreement.refused, /You are an annotator in News/);
});

test('loadAgreement: the server’s 403 and 404 and other errors, in words', async () => {
  const store = storeWith([], null);
  await loadAgreement(store, 7, fakeServer({ '/api/projects/7/agreement': Object.assign(new Error('forbidden'), { status: 403 }) }).fetcher);
  assert.equal(pageState(null, store.get().agreement), 'refused');
  await loadAgreement(store, 7, fakeServer({ '/api/projects/7/agreement': Object.assign(new Error('project 7 not found'), { status: 404 }) }).fetcher);
  assert.equal(pageState(null, store.get().agreement), 'missing');
  await loadAgreement(store, 7, fakeServer({ '/api/projects/7/agreement': Object.assign(new Error('The server cannot be reached.'), { status: 0 }) }).fetcher);
  assert.equal(store.get().agreement.error, 'The server cannot be reached.');
});

test('openDisagreements: asks for the pair, the one, or everyone; the last asked wins', async () => {
  const store = storeWith([PROJECT], 7);
  const list = [{ article: 12, title: 'A', annotators: 2, units: 3260, disagree: 140, ranges: [] }];
  const { fetcher, asked } = fakeServer({
    '/api/projects/7/agreement': REPORT,
    '/api/projects/7/agreement/articles?label=CLAIM&a=ann&b=bea': list,
    '/api/projects/7/agreement/articles?label=CLAIM': [],
    '/api/projects/7/agreement/articles?label=Q+%26+A&a=ann': [],
  });
  await loadAgreement(store, 7, fetcher);
  await openDisagreements(store, { label: 'CLAIM', a: 'ann', b: 'bea' }, fetcher);
  assert.deepEqual(store.get().agreement.panel, { label: 'CLAIM', a: 'ann', b: 'bea', loading: false, error: '', list });
  await openDisagreements(store, { label: 'CLAIM' }, fetcher);
  await openDisagreements(store, { label: 'Q & A', a: 'ann' }, fetcher);
  assert.deepEqual(asked.slice(1), [
    'GET /api/projects/7/agreement/articles?label=CLAIM&a=ann&b=bea',
    'GET /api/projects/7/agreement/articles?label=CLAIM',
    'GET /api/projects/7/agreement/articles?label=Q+%26+A&a=ann',
  ]);
  // A slow answer for a list closed meanwhile does not open it again.
  let release;
  const slow = () => new Promise((r) => (release = () => r(list)));
  const p = openDisagreements(store, { label: 'CLAIM', a: 'ann', b: 'bea' }, slow);
  closeDisagreements(store);
  release();
  await p;
  assert.equal(store.get().agreement.panel, null);
  // An error is kept in the panel, in words.
  await openDisagreements(store, { label: 'CLAIM', a: 'x', b: 'y' }, fetcher);
  assert.match(store.get().agreement.panel.error, /no answer/);
});
