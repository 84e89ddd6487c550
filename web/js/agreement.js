// agreement.js runs the Agreement page (#/projects/ID/agreement): how far
// the annotators of an independent project agree, from
// GET /api/projects/:id/agreement, and where a pair (or everyone) disagrees
// on a label, from GET /api/projects/:id/agreement/articles.
//
// Its state is the store's `agreement` key:
//
//   {project, loading, error, refused,   the project shown; why it could not load
//    report,                              the server's report (null until loaded)
//    label: '' | name, metric,            what the page shows: all labels or one; the heatmaps' figure
//    panel: {label, a, b, loading, error, list}}   the disagreement list that is open
//
// The rest is pure (the matrix, the colour scale, the words and numbers),
// so that agreement.test.mjs runs it in Node. The functions that load
// take the store (state.js's Store) as their first argument rather than
// importing app.js, which builds the page's renderer.
import { request } from './api.js';

/** METRICS are the figures a heatmap can show, in the selector's order. */
export const METRICS = [
  { key: 'kappa', name: "Cohen's kappa", short: 'kappa' },
  { key: 'f1_exact', name: 'F1, exact spans', short: 'F1 exact' },
  { key: 'f1_overlap', name: 'F1, overlapping spans', short: 'F1 overlap' },
];

/** metricOf returns the METRICS entry of key (kappa when key is unknown). */
export function metricOf(key) {
  return METRICS.find((m) => m.key === key) || METRICS[0];
}

// ---- numbers and words ----

const counts = new Intl.NumberFormat('en-US');

/** formatCount writes n with thousands separators: 3260 → "3,260". */
export function formatCount(n) {
  return counts.format(n || 0);
}

/**
 * formatFigure writes a figure to 2 decimals ("0.61", "1.00", with a true
 * minus sign for "−0.12"), and "–" for null (undefined). A figure that
 * rounds to zero shows as "0.00", never "−0.00".
 */
export function formatFigure(v) {
  if (v === null || v === undefined || Number.isNaN(v)) return '–';
  const s = v.toFixed(2);
  if (s === '-0.00') return '0.00';
  return s.startsWith('-') ? '−' + s.slice(1) : s;
}

/** plural writes "1 article", "3 articles" (word's plural: word + s unless given). */
export function plural(n, word, many = word + 's') {
  return `${formatCount(n)} ${n === 1 ? word : many}`;
}

/** listNames joins names for reading: "ann", "ann and bea", "ann, bea and cy". */
export function listNames(names) {
  if (names.length <= 1) return names.join('');
  return names.slice(0, -1).join(', ') + ' and ' + names[names.length - 1];
}

/** diffText says how much of an article the annotators code differently. */
export function diffText(d) {
  return `${formatCount(d.disagree)} of ${plural(d.units, 'code point')} ${d.disagree === 1 ? 'differs' : 'differ'}`;
}

/**
 * whyUndefined says why pair p has no figure for metric (null in the
 * report), in words a reviewer can act on. It reads the other figures of
 * the pair to tell the cases apart: no shared article; no span of the
 * label at all (both F1s null too); every code point marked by both.
 */
export function whyUndefined(p, metric) {
  if (!p) return 'No figure for this pair.';
  if (!p.articles) return `${p.a} and ${p.b} have not both submitted any article yet: there is nothing to compare.`;
  const where = `in the ${plural(p.articles, 'article')} both submitted`;
  if (p.f1_exact === null || p.f1_exact === undefined) {
    return `Neither ${p.a} nor ${p.b} marked any ${p.label} ${where}: there is no span to compare.`;
  }
  if (metric === 'kappa') {
    return `${p.a} and ${p.b} coded every code point ${where} the same way for ${p.label} (all marked or none), so kappa is undefined: there is no variation to measure agreement on.`;
  }
  return 'Undefined for this pair.';
}

/** whyNoAlpha says why label row l has no alpha. */
export function whyNoAlpha(l) {
  if (!l.articles) return 'No article has been submitted by two or more annotators yet.';
  return `Nobody's ${l.label} spans vary over the ${plural(l.articles, 'article')} two or more annotators submitted (no span at all, or every code point marked): alpha is undefined.`;
}

/** pairSummary is a pair's figures in one line, for tooltips and screen readers. */
export function pairSummary(p) {
  return `kappa ${formatFigure(p.kappa)}, F1 exact ${formatFigure(p.f1_exact)}, F1 overlap ${formatFigure(p.f1_overlap)}`;
}

/**
 * cellTitle is a heatmap cell's tooltip: the pair, the figure (or why it
 * has none) and what it was measured over.
 */
export function cellTitle(p, metric) {
  const m = metricOf(metric);
  const v = p[m.key];
  const head = `${p.a} × ${p.b}, ${p.label}: ${m.name} ${formatFigure(v)}`;
  const over = p.articles ? `Over ${plural(p.units, 'code point')} in ${plural(p.articles, 'article')} both submitted.` : '';
  const why = v === null || v === undefined ? whyUndefined(p, m.key) : '';
  return [head, why, over, p.articles ? `All figures: ${pairSummary(p)}.` : ''].filter(Boolean).join('\n');
}

// ---- the matrix ----

/**
 * buildMatrix lays out one label's pairs as an annotators × annotators
 * matrix: names in the report's order, rows[i][j] = {a, b, pair, value,
 * diagonal}, where pair is the report's (a < b, whichever way round the
 * cell is) and value its figure for metric (null when undefined or when
 * the report has no such pair). The matrix is symmetric; the diagonal
 * holds no pair.
 */
export function buildMatrix(report, label, metric) {
  const names = (report && report.annotators) || [];
  const key = metricOf(metric).key;
  const byPair = new Map();
  for (const p of (report && report.pairs) || []) {
    if (p.label === label) byPair.set(p.a + '\u0000' + p.b, p);
  }
  const rows = names.map((row) =>
    names.map((col) => {
      if (row === col) return { a: row, b: col, pair: null, value: null, diagonal: true };
      const [a, b] = row < col ? [row, col] : [col, row];
      const pair = byPair.get(a + '\u0000' + b) || byPair.get(b + '\u0000' + a) || null;
      const v = pair ? pair[key] : null;
      return { a, b, pair, value: v === undefined ? null : v, diagonal: false };
    }),
  );
  return { names, rows };
}

/**
 * labelsShown are the report's label rows the page shows: all, or the one
 * chosen (all again when that label is not in the report).
 */
export function labelsShown(report, label) {
  const all = (report && report.labels) || [];
  if (!label) return all;
  const one = all.filter((l) => l.label === label);
  return one.length ? one : all;
}

/**
 * blankLabel reports whether label has no figure at all in the report:
 * every pair's kappa and both F1s undefined (no span of it in any article
 * two annotators share). The page leaves its matrix out, saying so.
 */
export function blankLabel(report, label) {
  return ((report && report.pairs) || []).filter((p) => p.label === label).every((p) => p.kappa == null && p.f1_exact == null && p.f1_overlap == null);
}

/**
 * heatmapLabels splits the label rows shown into those that get a matrix
 * and those left out as blank. A label chosen by name always gets its
 * matrix, and so do all when every one is blank (nothing else to show).
 */
export function heatmapLabels(report, rows, chosen) {
  if (chosen) return { maps: rows, blank: [] };
  const blank = rows.filter((l) => blankLabel(report, l.label));
  if (blank.length === rows.length) return { maps: rows, blank: [] };
  return { maps: rows.filter((l) => !blank.includes(l)), blank };
}

// ---- the colour scale ----

/**
 * SCALE is ColorBrewer's YlGnBu, a sequential scale that stays ordered
 * for the common colour-vision deficiencies and in greyscale (light = low,
 * dark = high). Figures are printed in every cell; the colour only helps
 * the eye find the high and low ones.
 */
export const SCALE = ['#ffffd9', '#edf8b1', '#c7e9b4', '#7fcdbb', '#41b6c4', '#1d91c0', '#225ea8', '#253494', '#081d58'];

function rgb(hex) {
  const n = parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

function toHex([r, g, b]) {
  return '#' + [r, g, b].map((x) => Math.round(x).toString(16).padStart(2, '0')).join('');
}

/** luminance is the WCAG relative luminance of a #rrggbb colour. */
export function luminance(hex) {
  const [r, g, b] = rgb(hex).map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** contrast is the WCAG contrast ratio of two #rrggbb colours (1 to 21). */
export function contrast(x, y) {
  const [hi, lo] = [luminance(x), luminance(y)].sort((p, q) => q - p);
  return (hi + 0.05) / (lo + 0.05);
}

/**
 * INK is the dark text colour on light cells; white goes on dark ones.
 * Black, not the page's ink (#1c2026): with it, one of the two is at least
 * 4.58:1 on any background, where the page's ink leaves mid blues at 4.47.
 */
export const INK = '#000000';

/**
 * colorFor returns a cell's background for figure v, and the text colour
 * (dark or white, whichever contrasts more: at least 4.5:1 on every
 * colour of the scale): {bg, ink}. Figures are read on 0..1; kappa below
 * 0 (worse than chance) takes the lowest colour, its sign is in the
 * number. null (undefined) has no colour: the page hatches it.
 */
export function colorFor(v) {
  if (v === null || v === undefined || Number.isNaN(v)) return null;
  const t = Math.min(1, Math.max(0, v)) * (SCALE.length - 1);
  const i = Math.min(Math.floor(t), SCALE.length - 2);
  const f = t - i;
  const [a, b] = [rgb(SCALE[i]), rgb(SCALE[i + 1])];
  const bg = toHex(a.map((c, k) => c + (b[k] - c) * f));
  const ink = contrast(bg, INK) >= contrast(bg, '#ffffff') ? INK : '#ffffff';
  return { bg, ink };
}

/** LEGEND are the figures the legend shows a swatch of. */
export const LEGEND = [0, 0.2, 0.4, 0.6, 0.8, 1];

// ---- what the page shows ----

/**
 * pageState says what the page shows for project p (from the project
 * list; null when this user has no such project) and state A:
 * 'loading', 'missing', 'refused', 'error', 'shared' (a shared project
 * with nothing submitted), 'none' (nothing submitted yet), 'one' (one
 * annotator only), or 'report'.
 */
export function pageState(p, A) {
  if (!A) return 'loading';
  if (A.refused) return 'refused';
  if (A.error) return p || !A.missing ? 'error' : 'missing';
  if (p && !(p.can || []).includes('review')) return 'refused';
  const r = A.report;
  if (!r) return 'loading';
  const shared = !p || p.mode !== 'independent';
  if (!r.submitted) return shared ? 'shared' : 'none';
  if ((r.annotators || []).length < 2) return 'one';
  return 'report';
}

/**
 * refusal says why this user may not read the project's agreement: their
 * role in it (p.my_role), or the server's own words.
 */
export function refusal(p, serverMessage) {
  const role = p && p.my_role;
  const who = role ? `You are ${/^[aeiou]/.test(role) ? 'an' : 'a'} ${role} in ${p.name}.` : '';
  const rule = 'Agreement figures are for the project’s reviewers, managers and admins';
  const why = role === 'annotator' ? ': annotators work blind to each other’s layers, and the figures would show them.' : '.';
  return [rule + why, who, serverMessage && !role ? `(The server said: ${serverMessage})` : ''].filter(Boolean).join(' ');
}

/** noSharedArticle reports whether every pair of the report shares no article. */
export function noSharedArticle(report) {
  return (report.pairs || []).every((p) => !p.articles);
}

// ---- loading ----

function articlesPath(project, { label, a, b }) {
  const q = new URLSearchParams({ label });
  if (a) q.set('a', a);
  if (b) q.set('b', b);
  return `/api/projects/${encodeURIComponent(project)}/agreement/articles?${q}`;
}

function agreementOf(store) {
  return store.get().agreement || null;
}

function setAgreement(store, patch) {
  store.set({ agreement: { ...agreementOf(store), ...patch } }, 'agreement');
}

let loadSeq = 0;

/**
 * loadAgreement shows project id's agreement: it fetches the report,
 * unless the project list says this user may not read it. The label and
 * metric chosen stay while the project does. The project becomes the
 * editor's open one (the picker and the way back to the list follow it).
 */
export async function loadAgreement(store, id, fetcher = request) {
  if (typeof document !== 'undefined') document.title = 'Agreement · gloss';
  const seq = ++loadSeq;
  const prev = agreementOf(store);
  const keep = prev && prev.project === id ? { label: prev.label, metric: prev.metric } : { label: '', metric: 'kappa' };
  store.set({ agreement: { project: id, loading: true, error: '', refused: '', missing: false, report: prev && prev.project === id ? prev.report : null, panel: null, ...keep } }, 'agreement');
  const s = store.get();
  const p = (s.projects || []).find((x) => x.id === id) || null;
  if (p && s.projectId !== id) store.set({ projectId: id }, 'projects');
  if (p && typeof document !== 'undefined') document.title = `Agreement · ${p.name} · gloss`;
  if (p && Array.isArray(p.can) && !p.can.includes('review')) {
    setAgreement(store, { loading: false, refused: refusal(p) });
    return;
  }
  try {
    const report = await fetcher('GET', `/api/projects/${encodeURIComponent(id)}/agreement`);
    if (seq !== loadSeq) return;
    setAgreement(store, { loading: false, report });
  } catch (err) {
    if (seq !== loadSeq) return;
    if (err.status === 403) setAgreement(store, { loading: false, refused: refusal(p, err.message) });
    else setAgreement(store, { loading: false, error: err.message, missing: err.status === 404 });
  }
}

/** chooseView sets what the page shows: {label} ('' for all) and/or {metric}. */
export function chooseView(store, patch) {
  const A = agreementOf(store);
  if (!A) return;
  const next = {};
  if ('label' in patch) next.label = patch.label || '';
  if ('metric' in patch) next.metric = metricOf(patch.metric).key;
  setAgreement(store, next);
}

let panelSeq = 0;

/**
 * openDisagreements opens the list of the articles where a and b (a only:
 * a against everyone else; neither: all annotators) disagree most on
 * label, most first.
 */
export async function openDisagreements(store, { label, a = '', b = '' }, fetcher = request) {
  const A = agreementOf(store);
  if (!A || !label) return;
  const seq = ++panelSeq;
  setAgreement(store, { panel: { label, a, b, loading: true, error: '', list: [] } });
  try {
    const list = await fetcher('GET', articlesPath(A.project, { label, a, b }));
    if (seq !== panelSeq) return;
    setAgreement(store, { panel: { label, a, b, loading: false, error: '', list: list || [] } });
  } catch (err) {
    if (seq !== panelSeq) return;
    setAgreement(store, { panel: { label, a, b, loading: false, error: err.message, list: [] } });
  }
}

/** closeDisagreements closes the disagreement list. */
export function closeDisagreements(store) {
  panelSeq++;
  if (agreementOf(store) && agreementOf(store).panel) setAgreement(store, { panel: null });
}

/** panelTitle names what a disagreement list is about. */
export function panelTitle({ label, a, b }) {
  if (a && b) return `Where ${a} and ${b} disagree on ${label}`;
  if (a) return `Where ${a} disagrees with the others on ${label}`;
  return `Where the annotators disagree on ${label}`;
}

/** reviewHref is the link from a disagreement to the article's review. */
export function reviewHref(article) {
  return `#/articles/${encodeURIComponent(article)}/review`;
}
