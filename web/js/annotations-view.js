// annotations-view.js runs the Annotations view (#/projects/ID/annotations):
// every annotation of a project that a set of filters keeps, each in the
// sentence it stands in, from GET /api/annotations, and an export of
// exactly that selection.
//
// The filters live in the URL's hash, so that a view can be shared:
//
//   #/projects/1/annotations?label=CLAIM&attr.verdict=unverified,misleading&author=ana&status=done&q=caf%C3%A9
//
// attr.NAME lists values (one of them must be the attribute's value);
// attr.NAME with no value keeps the annotations where NAME is set at all.
//
// Its state is the store's `annView` key:
//
//   {project, filters,                    what is shown
//    results, total, loading, more, error, missing,   the server's answer so far
//    exporting, exportError}              the export being prepared
//
// The rest is pure (filters to the hash and back, the API's query, what
// an export takes, a span in its sentence), so that
// annotations-view.test.mjs runs it in Node. The functions that load take
// the store as their first argument rather than importing app.js.
import { request } from './api.js';

/** PAGE is how many annotations one page (and each Load more) brings. */
export const PAGE = 50;

/**
 * MAX_IDS is the largest selection exported by its annotations' ids
 * (annotation_ids): exactly those spans and their articles. A larger one
 * is exported by its filters.
 */
export const MAX_IDS = 500;

/**
 * MAX_IDS_QUERY bounds the annotation_ids list in characters: the server
 * reads a request's line and headers into 4 KiB (fasthttp's buffer; 431
 * past it), and a browser's headers take 600 bytes or more of that, so
 * 500 ids of six digits would not fit (measured in Chromium: a query of
 * 3,400 characters passes, 3,600 does not). Past it, the filters say it.
 */
export const MAX_IDS_QUERY = 3000;

/** emptyFilters are the filters of a view that keeps everything. */
export function emptyFilters() {
  return { label: '', attrs: {}, author: '', status: '', q: '' };
}

/** hasFilters reports whether f keeps anything less than everything. */
export function hasFilters(f) {
  return !!(f.label || f.author || f.status || f.q || Object.keys(f.attrs || {}).length);
}

function decode(s) {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s;
  }
}

// A value goes into the hash encoded except for what reads well and means
// nothing to a query (the comma separates values, as the server splits
// them).
function enc(s) {
  return encodeURIComponent(s).replace(/%20/g, '+');
}

function list(values) {
  return values.map(enc).join(',');
}

/** splitValues splits a typed list ("a, b") into its values, without blanks. */
export function splitValues(s) {
  return String(s || '')
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);
}

/**
 * parseFilters reads the filters from the query part of a hash (what
 * follows "?"; '' for none). Unknown keys are ignored; of a key given
 * twice the last counts.
 */
export function parseFilters(query) {
  const f = emptyFilters();
  for (const part of String(query || '').replace(/^\?/, '').split('&')) {
    if (!part) continue;
    const i = part.indexOf('=');
    const key = decode(i < 0 ? part : part.slice(0, i));
    const raw = i < 0 ? '' : part.slice(i + 1);
    if (key.startsWith('attr.') && key.length > 5) {
      f.attrs[key.slice(5)] = raw.split(',').map(decode).map((v) => v.trim()).filter(Boolean);
      continue;
    }
    const v = decode(raw).trim();
    if (key === 'label' || key === 'author' || key === 'status') f[key] = v;
    else if (key === 'q') f.q = decode(raw); // spaces count: " cafe" is not "cafe"
  }
  return f;
}

/**
 * filtersQuery writes filters f as a query (no "?"), in a fixed order
 * (label, its attributes by name, author, status, q) so that the same
 * filters always give the same hash.
 */
export function filtersQuery(f) {
  const out = [];
  if (f.label) out.push('label=' + enc(f.label));
  for (const name of Object.keys(f.attrs || {}).sort()) out.push(`attr.${enc(name)}=${list(f.attrs[name])}`);
  if (f.author) out.push('author=' + enc(f.author));
  if (f.status) out.push('status=' + enc(f.status));
  if (f.q) out.push('q=' + enc(f.q));
  return out.join('&');
}

/** viewHash is the hash of project's Annotations view with filters f. */
export function viewHash(project, f = emptyFilters()) {
  const q = filtersQuery(f);
  return `#/projects/${project}/annotations` + (q ? '?' + q : '');
}

/** searchPath is the API path of one page of project's annotations that f keeps. */
export function searchPath(project, f, offset = 0, limit = PAGE) {
  const q = filtersQuery(f);
  return `/api/annotations?project=${project}` + (q ? '&' + q : '') + `&offset=${offset}&limit=${limit}`;
}

/** sameFilters reports whether a and b keep the same annotations. */
export function sameFilters(a, b) {
  return filtersQuery(a) === filtersQuery(b);
}

/**
 * withFilter returns f with patch applied: a new label drops the
 * attribute filters (they were the old label's); attrs {NAME: list}
 * replaces NAME's values, null or undefined removes it.
 */
export function withFilter(f, patch) {
  const next = { ...f, attrs: { ...f.attrs } };
  for (const k of ['author', 'status', 'q']) if (k in patch) next[k] = patch[k] || '';
  if ('label' in patch && (patch.label || '') !== f.label) {
    next.label = patch.label || '';
    next.attrs = {};
  }
  for (const [name, vals] of Object.entries(patch.attrs || {})) {
    if (vals == null) delete next.attrs[name];
    else next.attrs[name] = [...vals];
  }
  return next;
}

/**
 * attrField reads what is typed into a text attribute's field: '' no
 * filter (null), "*" set at all ([]), else the values, comma-separated.
 */
export function attrField(typed) {
  const s = String(typed || '').trim();
  if (!s) return null;
  if (s === '*') return [];
  return splitValues(s);
}

/** attrFieldText is what a text attribute's field shows for values (undefined: no filter). */
export function attrFieldText(values) {
  if (!values) return '';
  if (!values.length) return '*';
  return values.join(', ');
}

// ---- words ----

const counts = new Intl.NumberFormat('en-US');

/** plural writes "1 annotation", "3 annotations". */
export function plural(n, word, many = word + 's') {
  return `${counts.format(n || 0)} ${n === 1 ? word : many}`;
}

function quoteList(vals, or = 'or') {
  const q = vals.map((v) => `“${v}”`);
  if (q.length <= 1) return q.join('');
  return q.slice(0, -1).join(', ') + ` ${or} ` + q[q.length - 1];
}

/**
 * describeFilters says in words what f keeps: "CLAIM with verdict
 * “unverified”, by ana, in articles that are done, whose text holds
 * “café”" (without a label: "by ana, …"). statusName names a status (its
 * code when not given).
 */
export function describeFilters(f, statusName = (s) => s) {
  const attrs = Object.keys(f.attrs || {})
    .sort()
    .map((n) => (f.attrs[n].length ? `${n} ${quoteList(f.attrs[n])}` : `${n} set`));
  const parts = [];
  if (f.label || attrs.length) parts.push((f.label || 'annotations') + (attrs.length ? ' with ' + attrs.join(' and ') : ''));
  if (f.author) parts.push(`by ${f.author}`);
  if (f.status) parts.push(`in articles that are ${statusName(f.status).toLowerCase()}`);
  if (f.q) parts.push(`whose text holds “${f.q}”`);
  return parts.join(', ');
}

// labelled reports whether describeFilters(f) starts with a name (a label).
function labelled(f) {
  return !!(f.label || Object.keys(f.attrs || {}).length);
}

/**
 * countText is what the results' live region says: how many match, and
 * how many are shown when not all are.
 */
export function countText(V, statusName) {
  if (!V || V.missing) return '';
  if (V.error) return 'The annotations could not be loaded.';
  if (V.loading && !V.results.length) return 'Loading…';
  const f = V.filters;
  const what = hasFilters(f) ? (labelled(f) ? ': ' : ' ') + describeFilters(f, statusName) : ' in this project';
  if (!V.total) return hasFilters(f) ? `No annotations${labelled(f) ? ' match' : ''}${what}.` : 'No annotations in this project yet.';
  const shown = V.results.length < V.total ? ` Showing ${counts.format(V.results.length)}.` : '';
  return `${plural(V.total, 'annotation')}${what}.${shown}`;
}

// ---- a span in its sentence ----

/** oneLine collapses runs of whitespace (line breaks too) to one space. */
function oneLine(s) {
  return String(s || '').replace(/\s+/g, ' ');
}

// cutStart keeps the last n code points of s, cut at a space when one is
// near; cutEnd the first n.
function cutStart(s, n) {
  const cps = Array.from(s);
  if (cps.length <= n) return { text: s, cut: false };
  let from = cps.length - n;
  for (let i = from; i < Math.min(cps.length, from + 16); i++) {
    if (cps[i] === ' ') {
      from = i + 1;
      break;
    }
  }
  return { text: cps.slice(from).join(''), cut: true };
}

function cutEnd(s, n) {
  const cps = Array.from(s);
  if (cps.length <= n) return { text: s, cut: false };
  let to = n;
  for (let i = to; i > Math.max(0, to - 16); i--) {
    if (cps[i] === ' ') {
      to = i;
      break;
    }
  }
  return { text: cps.slice(0, to).join(''), cut: true };
}

// The server gives at most this many code points each side (service's
// sentenceAround): as many means the sentence goes on further.
const SERVER_REACH = 160;

/**
 * contextParts lays an annotation found by the search out for reading:
 * {before, span, after, cutBefore, cutAfter, cutSpan}. Line breaks become
 * spaces; the text before and after is kept to side code points (cut at a
 * word, cutBefore/cutAfter saying so, as when the server's own reach cut
 * the sentence), and a span longer than spanMax keeps its start and end
 * around " … " (cutSpan).
 */
export function contextParts(found, { side = 110, spanMax = 320 } = {}) {
  const rawBefore = found.before || '';
  const rawAfter = found.after || '';
  const b = cutStart(oneLine(rawBefore).replace(/^ /, ''), side);
  const a = cutEnd(oneLine(rawAfter).replace(/ $/, ''), side);
  let span = oneLine(found.text).trim() || oneLine(found.text);
  const cps = Array.from(span);
  let cutSpan = false;
  if (cps.length > spanMax) {
    const head = cutEnd(span, Math.ceil(spanMax * 0.6)).text.trimEnd();
    const tail = cutStart(span, Math.floor(spanMax * 0.4)).text.trimStart();
    span = head + ' … ' + tail;
    cutSpan = true;
  }
  return {
    before: b.text,
    span,
    after: a.text,
    cutBefore: b.cut || Array.from(rawBefore).length >= SERVER_REACH,
    cutAfter: a.cut || Array.from(rawAfter).length >= SERVER_REACH,
    cutSpan,
  };
}

/**
 * attrList is an annotation's attributes to show, as [name, value]: the
 * label's own first, in the schema's order, then any others by name;
 * empty values left out.
 */
export function attrList(attrs, label) {
  const a = attrs || {};
  const order = ((label && label.attrs) || []).map((x) => x.name);
  const rest = Object.keys(a)
    .filter((n) => !order.includes(n))
    .sort();
  return [...order, ...rest].filter((n) => a[n] !== undefined && a[n] !== null && a[n] !== '').map((n) => [n, String(a[n])]);
}

/** annotationHref is the link from a result to its place in the article. */
export function annotationHref(found) {
  return `#/articles/${encodeURIComponent(found.article)}?annotation=${encodeURIComponent(found.id)}`;
}

// ---- the export ----

/**
 * exportPlan says how "Export this selection" exports project's
 * annotations that f keeps, given the view V ({total, results}) and the
 * ids of the whole selection when known (null: not fetched yet):
 *
 *   {how: 'ids', href}        exactly those spans, and their articles
 *   {how: 'need-ids'}         ids to fetch first (a selection of at most
 *                             MAX_IDS not all loaded yet)
 *   {how: 'filters', href}    every article (of the status chosen) with
 *                             the spans the filters keep
 *   {how: 'none', why}        nothing to export, or no way to say it
 */
export function exportPlan(project, f, V, format, ids = null) {
  const total = (V && V.total) || 0;
  if (!total) return { how: 'none', why: 'Nothing to export: no annotation matches.' };
  const base = `/api/export?format=${enc(format || 'jsonl')}&project=${project}`;
  if (total <= MAX_IDS) {
    const have = ids || (V.results.length >= total ? V.results.map((r) => r.id) : null);
    if (!have) return { how: 'need-ids' };
    const idList = have.join(',');
    if (idList.length <= MAX_IDS_QUERY) return { how: 'ids', href: `${base}&annotation_ids=${idList}` };
  }
  if (f.q) {
    return {
      how: 'none',
      why: `An export cannot search the text, and ${plural(total, 'annotation')} are too many to list one by one: narrow the other filters to ${MAX_IDS} or fewer, or clear the text.`,
    };
  }
  const parts = [base];
  if (f.label) parts.push('labels=' + enc(f.label));
  for (const name of Object.keys(f.attrs || {}).sort()) parts.push(`attr.${enc(name)}=${list(f.attrs[name])}`);
  if (f.author) parts.push('authors=' + enc(f.author));
  if (f.status) parts.push('status=' + enc(f.status));
  return { how: 'filters', href: parts.join('&') };
}

/** exportNote says what the export of plan will hold. */
export function exportNote(plan, V) {
  if (!V || !V.total) return '';
  if (plan.how === 'none') return plan.why;
  if (plan.how === 'filters') return `Over ${MAX_IDS} annotations: the file holds every article of the project${V.filters.status ? ' with that status' : ''}, each with the annotations these filters keep.`;
  const arts = new Set(V.results.map((r) => r.article)).size;
  const all = V.results.length >= V.total;
  return `The file holds exactly ${V.total === 1 ? 'this annotation' : `these ${plural(V.total, 'annotation')}`}${all ? ` and ${arts === 1 ? 'its article' : `their ${plural(arts, 'article')}`}` : ' and their articles'}.`;
}

// ---- loading ----

function viewOf(store) {
  return store.get().annView || null;
}

function setView(store, patch) {
  store.set({ annView: { ...viewOf(store), ...patch } }, 'annotations');
}

let loadSeq = 0;

/**
 * loadAnnotationsView shows project id's annotations that the hash's
 * query keeps. It reads the first page again (or as many as were shown,
 * up to MAX_IDS: coming back from an article keeps what was loaded), and
 * the project becomes the editor's open one.
 */
export async function loadAnnotationsView(store, id, query = '', fetcher = request) {
  const f = parseFilters(query);
  const prev = viewOf(store);
  const same = prev && prev.project === id && sameFilters(prev.filters, f);
  const s = store.get();
  const p = (s.projects || []).find((x) => x.id === id) || null;
  if (typeof document !== 'undefined') document.title = `Annotations · ${p ? p.name + ' · ' : ''}gloss`;
  if (p && s.projectId !== id) store.set({ projectId: id }, 'projects');
  const keep = same ? prev.results.length : 0;
  store.set(
    {
      annView: {
        project: id,
        filters: f,
        results: same ? prev.results : [],
        total: same ? prev.total : 0,
        loading: true,
        more: false,
        error: '',
        missing: false,
        exporting: false,
        exportError: '',
        format: (prev && prev.format) || 'jsonl',
      },
    },
    'annotations',
  );
  if (s.projects && s.projects.length && !p) {
    setView(store, { loading: false, missing: true });
    return;
  }
  await fetchPage(store, 0, Math.min(MAX_IDS, Math.max(PAGE, keep)), fetcher);
}

async function fetchPage(store, offset, limit, fetcher) {
  const V = viewOf(store);
  const seq = ++loadSeq;
  try {
    const page = await fetcher('GET', searchPath(V.project, V.filters, offset, limit));
    if (seq !== loadSeq) return;
    const got = (page && page.annotations) || [];
    const results = offset ? [...viewOf(store).results, ...got] : got;
    setView(store, { results, total: (page && page.total) || 0, loading: false, more: false, error: '' });
  } catch (err) {
    if (seq !== loadSeq) return;
    setView(store, { loading: false, more: false, error: err.message, missing: err.status === 404 });
  }
}

/**
 * setFilters changes the filters by patch (withFilter), writes them into
 * the hash without a new history entry (typing is not a step back), and
 * loads the first page.
 */
export function setFilters(store, patch, fetcher = request, replace = replaceHash) {
  const V = viewOf(store);
  if (!V) return;
  const f = withFilter(V.filters, patch);
  if (sameFilters(f, V.filters)) return;
  replace(viewHash(V.project, f));
  store.set({ annView: { ...V, filters: f, loading: true, more: false, error: '', exportError: '' } }, 'annotations');
  return fetchPage(store, 0, PAGE, fetcher);
}

/** clearFilters shows every annotation of the project. */
export function clearFilters(store, fetcher = request, replace = replaceHash) {
  const V = viewOf(store);
  if (!V) return;
  const patch = { label: '', author: '', status: '', q: '', attrs: Object.fromEntries(Object.keys(V.filters.attrs).map((n) => [n, null])) };
  return setFilters(store, patch, fetcher, replace);
}

function replaceHash(hash) {
  if (typeof history !== 'undefined' && typeof location !== 'undefined' && location.hash !== hash) history.replaceState(null, '', hash);
}

/** loadMore adds the next page to the results. */
export function loadMore(store, fetcher = request) {
  const V = viewOf(store);
  if (!V || V.loading || V.more || V.results.length >= V.total) return;
  setView(store, { more: true });
  return fetchPage(store, V.results.length, PAGE, fetcher);
}

/** reloadView reads the view again (after an error). */
export function reloadView(store, fetcher = request) {
  const V = viewOf(store);
  if (!V) return;
  setView(store, { loading: true, error: '' });
  return fetchPage(store, 0, Math.min(MAX_IDS, Math.max(PAGE, V.results.length)), fetcher);
}

/** chooseFormat sets the export's format. */
export function chooseFormat(store, format) {
  setView(store, { format, exportError: '' });
}

/**
 * exportHref works out the download link of "Export this selection":
 * fetching the selection's ids first when it is small enough to be
 * exported by them but not all loaded. It resolves to '' (and says why
 * in the view) when there is no way to export it.
 */
export async function exportHref(store, fetcher = request) {
  const V = viewOf(store);
  if (!V) return '';
  let plan = exportPlan(V.project, V.filters, V, V.format);
  if (plan.how === 'need-ids') {
    setView(store, { exporting: true, exportError: '' });
    try {
      const page = await fetcher('GET', searchPath(V.project, V.filters, 0, MAX_IDS));
      const ids = ((page && page.annotations) || []).map((a) => a.id);
      const now = viewOf(store);
      if (now.project !== V.project || !sameFilters(now.filters, V.filters)) return '';
      const total = (page && page.total) || 0;
      plan = exportPlan(V.project, V.filters, { ...now, total }, now.format, total <= MAX_IDS ? ids : null);
      if (plan.how === 'need-ids') plan = { how: 'none', why: 'The selection changed while the export was prepared: try again.' };
    } catch (err) {
      setView(store, { exporting: false, exportError: err.message });
      return '';
    }
  }
  setView(store, { exporting: false, exportError: plan.how === 'none' ? plan.why : '' });
  return plan.href || '';
}

// ---- opening an annotation from a link ----

/**
 * revealAnnotation selects annotation id once the open article is drawn
 * (the editor's text view exists and holds it), through goto (annotate.js's
 * gotoAnnotation: select, scroll, flash). It gives up when another
 * article opens meanwhile, and says so when the annotation is not there
 * (deleted since, or in a layer this user does not see).
 */
export function revealAnnotation(store, renderer, goto, id, frames = 300) {
  const a = store.get().article;
  if (!a) return;
  const tick = (left) => {
    const s = store.get();
    if (s.article !== a) return;
    if (renderer.view && renderer.view.text === a.text && s.projects.length) {
      if (store.annotation(id)) goto(id);
      else store.toast(`Annotation ${id} is not in this article any more: deleted since, or in a layer you do not see.`, 'info');
      return;
    }
    if (left > 0) requestAnimationFrame(() => tick(left - 1));
  };
  requestAnimationFrame(() => tick(frames));
}
