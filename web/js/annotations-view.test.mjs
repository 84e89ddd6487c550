// The Annotations view's pure parts (the filters to the hash and back, the
// API's query, the export's link, a span in its sentence, the words), its
// loading against a fake server (a Store and a fetcher, no browser), and
// the article details' form (article-details.js).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  PAGE,
  MAX_IDS,
  MAX_IDS_QUERY,
  emptyFilters,
  hasFilters,
  parseFilters,
  filtersQuery,
  viewHash,
  searchPath,
  withFilter,
  attrField,
  attrFieldText,
  describeFilters,
  countText,
  contextParts,
  attrList,
  annotationHref,
  exportPlan,
  exportNote,
  loadAnnotationsView,
  setFilters,
  clearFilters,
  loadMore,
  exportHref,
} from './annotations-view.js';
import { readFileSync } from 'node:fs';
import { Store } from './state.js';
import { dateOf, detailsForm, detailsPatch, editedText, publishedNote, webAddress, saveDetails, openDetails } from './article-details.js';

const F = (over = {}) => ({ ...emptyFilters(), ...over });

// parseRoute is routes.js's own, read out of its source: the module
// imports the whole editor (app.js), which needs a browser.
const parseRoute = (() => {
  const src = readFileSync(new URL('./routes.js', import.meta.url), 'utf8');
  const m = /export function parseRoute\(hash\) \{\n[\s\S]*?\n\}\n/.exec(src);
  return new Function(`return (${m[0].replace(/^export /, '')})`)();
})();

test('parseFilters reads label, attributes, author, status and text from the hash', () => {
  const f = parseFilters('label=CLAIM&attr.verdict=unverified,misleading&author=ana&status=done&q=caf%C3%A9');
  assert.deepEqual(f, { label: 'CLAIM', attrs: { verdict: ['unverified', 'misleading'] }, author: 'ana', status: 'done', q: 'café' });
  assert.deepEqual(parseFilters(''), emptyFilters());
  assert.deepEqual(parseFilters('?label=QUOTE'), F({ label: 'QUOTE' }));
  // "+" is a space, as in a form's query; an attribute with no value is "set at all".
  assert.deepEqual(parseFilters('label=QUOTE&attr.speaker=Wang+Wenbin'), F({ label: 'QUOTE', attrs: { speaker: ['Wang Wenbin'] } }));
  assert.deepEqual(parseFilters('attr.speaker=').attrs, { speaker: [] });
  assert.deepEqual(parseFilters('attr.speaker').attrs, { speaker: [] });
  // Unknown keys and broken escapes do no harm; the last of a key counts.
  assert.deepEqual(parseFilters('foo=1&label=A&label=B&q=%E0%A4%A'), F({ label: 'B', q: '%E0%A4%A' }));
  // A text search keeps its commas and its spaces.
  assert.equal(parseFilters('q=%20Xi%2C%20Putin').q, ' Xi, Putin');
});

test('filtersQuery writes the filters back in one order, and parseFilters reads them again', () => {
  const f = F({ q: 'café, “quoted”', status: 'done', author: 'Ana María', label: 'CLAIM', attrs: { verdict: ['unverified', 'false'], checkworthy: ['yes'] } });
  const q = filtersQuery(f);
  assert.equal(q, 'label=CLAIM&attr.checkworthy=yes&attr.verdict=unverified,false&author=Ana+Mar%C3%ADa&status=done&q=caf%C3%A9%2C+%E2%80%9Cquoted%E2%80%9D');
  assert.deepEqual(parseFilters(q), f);
  // Values with commas of their own cannot be told apart (the server splits there too); & and = are escaped.
  const g = F({ label: 'A&B', attrs: { note: ['x=1', 'a&b'] } });
  assert.deepEqual(parseFilters(filtersQuery(g)), g);
  assert.equal(filtersQuery(emptyFilters()), '');
  assert.equal(filtersQuery(F({ attrs: { speaker: [] } })), 'attr.speaker=');
});

test('viewHash is the route routes.js reads back', () => {
  const f = F({ label: 'QUOTE', attrs: { speaker: ['Wang Wenbin'] } });
  const hash = viewHash(3, f);
  assert.equal(hash, '#/projects/3/annotations?label=QUOTE&attr.speaker=Wang+Wenbin');
  assert.equal(viewHash(3), '#/projects/3/annotations');
  const r = parseRoute(hash);
  assert.deepEqual(r, { view: 'annotations', project: 3, query: 'label=QUOTE&attr.speaker=Wang+Wenbin' });
  assert.deepEqual(parseFilters(r.query), f);
  assert.deepEqual(parseRoute('#/projects/3/annotations'), { view: 'annotations', project: 3, query: '' });
  assert.deepEqual(parseRoute('#/projects/3/annotations/'), { view: 'annotations', project: 3, query: '' });
  assert.deepEqual(parseRoute('#/articles/7?annotation=42'), { view: 'article', id: 7, annotation: 42 });
});

test('searchPath asks the API for a page of what the filters keep', () => {
  assert.equal(searchPath(1, emptyFilters()), `/api/annotations?project=1&offset=0&limit=${PAGE}`);
  assert.equal(
    searchPath(1, F({ label: 'CLAIM', attrs: { verdict: ['unverified'] }, q: 'café' }), 50, 50),
    '/api/annotations?project=1&label=CLAIM&attr.verdict=unverified&q=caf%C3%A9&offset=50&limit=50',
  );
  // As URLSearchParams (the server's reading) sees it.
  const p = new URL('http://x' + searchPath(2, F({ author: 'ben', status: 'in_progress', attrs: { speaker: ['Wang Wenbin', 'Xi'] } }))).searchParams;
  assert.equal(p.get('author'), 'ben');
  assert.equal(p.get('status'), 'in_progress');
  assert.equal(p.get('attr.speaker'), 'Wang Wenbin,Xi');
  assert.equal(p.get('project'), '2');
});

test('withFilter: a new label drops the old label’s attributes; null removes one', () => {
  const f = F({ label: 'CLAIM', attrs: { verdict: ['true'] } });
  assert.deepEqual(withFilter(f, { label: 'QUOTE' }), F({ label: 'QUOTE' }));
  assert.deepEqual(withFilter(f, { label: 'CLAIM' }), f);
  assert.deepEqual(withFilter(f, { attrs: { verdict: null } }), F({ label: 'CLAIM' }));
  assert.deepEqual(withFilter(f, { attrs: { note: [] }, q: 'x' }), F({ label: 'CLAIM', attrs: { verdict: ['true'], note: [] }, q: 'x' }));
  assert.deepEqual(f.attrs, { verdict: ['true'] }, 'f itself is left as it was');
  assert.equal(hasFilters(emptyFilters()), false);
  assert.equal(hasFilters(F({ attrs: { a: [] } })), true);
});

test('a text attribute’s field: exact values, commas for several, * for set at all', () => {
  assert.equal(attrField(''), null);
  assert.equal(attrField('   '), null);
  assert.deepEqual(attrField('*'), []);
  assert.deepEqual(attrField(' Wang Wenbin '), ['Wang Wenbin']);
  assert.deepEqual(attrField('Xi Jinping, Vladimir Putin,'), ['Xi Jinping', 'Vladimir Putin']);
  assert.equal(attrFieldText(undefined), '');
  assert.equal(attrFieldText([]), '*');
  assert.equal(attrFieldText(['a', 'b']), 'a, b');
});

test('describeFilters and countText say what is shown', () => {
  const name = (s) => ({ done: 'Done', in_progress: 'In progress' })[s] || s;
  assert.equal(describeFilters(F({ label: 'CLAIM', attrs: { verdict: ['unverified'] } }), name), 'CLAIM with verdict “unverified”');
  assert.equal(
    describeFilters(F({ label: 'QUOTE', attrs: { speaker: ['Wang Wenbin', 'Xi'], note: [] }, author: 'ana', status: 'done', q: 'café' }), name),
    'QUOTE with note set and speaker “Wang Wenbin” or “Xi”, by ana, in articles that are done, whose text holds “café”',
  );
  assert.equal(describeFilters(F({ q: 'x', author: 'ben' })), 'by ben, whose text holds “x”');
  assert.equal(describeFilters(F({ attrs: { note: [] } })), 'annotations with note set');
  const V = (over) => ({ filters: emptyFilters(), results: [], total: 0, loading: false, error: '', ...over });
  assert.equal(countText(null), '');
  assert.equal(countText(V({ loading: true })), 'Loading…');
  assert.equal(countText(V({})), 'No annotations in this project yet.');
  assert.equal(countText(V({ filters: F({ label: 'CLAIM' }) })), 'No annotations match: CLAIM.');
  assert.equal(countText(V({ total: 1, results: [{}] })), '1 annotation in this project.');
  assert.equal(countText(V({ total: 1234, results: new Array(50).fill({}), filters: F({ label: 'CLAIM' }) })), '1,234 annotations: CLAIM. Showing 50.');
  assert.equal(countText(V({ error: 'boom' })), 'The annotations could not be loaded.');
  assert.equal(countText(V({ total: 1, results: [{}], filters: F({ q: 'CAFÉ' }) })), '1 annotation whose text holds “CAFÉ”.');
  assert.equal(countText(V({ filters: F({ q: 'zz', author: 'ann' }) })), 'No annotations by ann, whose text holds “zz”.');
});

test('contextParts lays a span out in its sentence', () => {
  const found = { text: 'no-limits\nfriendship', before: 'Xi and Putin declared they had a “', after: '” days before the February 2022 attack on Ukraine.' };
  const c = contextParts(found);
  assert.deepEqual(c, {
    before: 'Xi and Putin declared they had a “',
    span: 'no-limits friendship',
    after: '” days before the February 2022 attack on Ukraine.',
    cutBefore: false,
    cutAfter: false,
    cutSpan: false,
  });
  // The span at the start of its sentence, nothing after.
  assert.deepEqual(contextParts({ text: 'Read more »', before: '', after: '' }), { before: '', span: 'Read more »', after: '', cutBefore: false, cutAfter: false, cutSpan: false });
  // Long context is cut at a word, and says so; so is what the server cut at its reach (160).
  const long = 'word '.repeat(40);
  const d = contextParts({ text: 'X', before: long, after: ' ' + long.trim() + '.' }, { side: 30 });
  assert.ok(d.cutBefore && d.cutAfter);
  assert.ok([...d.before].length <= 30 && d.before.startsWith('word'), d.before);
  assert.ok([...d.after].length <= 30 && d.after.endsWith('word') && d.after.startsWith(' '), d.after);
  const reach = 'a'.repeat(160);
  assert.equal(contextParts({ text: 'X', before: reach, after: '' }, { side: 200 }).cutBefore, true);
  // A long span keeps its start and end.
  const span = Array.from({ length: 200 }, (_, i) => `w${i}`).join(' ');
  const e = contextParts({ text: span, before: '', after: '' }, { spanMax: 100 });
  assert.ok(e.cutSpan);
  assert.ok(e.span.startsWith('w0 w1 ') && e.span.endsWith(' w199') && e.span.includes(' … '), e.span);
  assert.ok([...e.span].length <= 103, e.span);
  // Code points, not UTF-16 units: emoji and flags are not split.
  const f = contextParts({ text: '🇺🇦', before: '🙂'.repeat(50), after: '' }, { side: 10 });
  assert.equal(f.before, '🙂'.repeat(10));
});

test('attrList shows the label’s attributes in its order, then the others', () => {
  const label = { attrs: [{ name: 'checkworthy' }, { name: 'verdict' }, { name: 'evidence' }] };
  assert.deepEqual(attrList({ verdict: 'unverified', source_author: 'x', checkworthy: 'yes', evidence: '', aaa: '1' }, label), [
    ['checkworthy', 'yes'],
    ['verdict', 'unverified'],
    ['aaa', '1'],
    ['source_author', 'x'],
  ]);
  assert.deepEqual(attrList(null, null), []);
  assert.equal(annotationHref({ article: 7, id: 42 }), '#/articles/7?annotation=42');
  assert.deepEqual(parseRoute(annotationHref({ article: 7, id: 42 })), { view: 'article', id: 7, annotation: 42 });
});

test('exportPlan: exactly the spans by id up to 500, else the filters', () => {
  const rs = (n, from = 1) => Array.from({ length: n }, (_, i) => ({ id: from + i, article: 1 + (i % 3) }));
  const f = F({ label: 'CLAIM', attrs: { verdict: ['unverified'] }, author: 'ana', status: 'done' });
  assert.deepEqual(exportPlan(1, f, { total: 0, results: [] }, 'jsonl'), { how: 'none', why: 'Nothing to export: no annotation matches.' });
  assert.deepEqual(exportPlan(1, f, { total: 3, results: rs(3, 10) }, 'jsonl'), { how: 'ids', href: '/api/export?format=jsonl&project=1&annotation_ids=10,11,12' });
  // Not all loaded: the ids are fetched first.
  assert.deepEqual(exportPlan(1, f, { total: 120, results: rs(50) }, 'csv'), { how: 'need-ids' });
  assert.equal(exportPlan(1, f, { total: 120, results: rs(50) }, 'csv', rs(120).map((r) => r.id)).how, 'ids');
  // Over 500: the same filters, with the export's names for them.
  assert.deepEqual(exportPlan(1, f, { total: 501, results: rs(50) }, 'doccano'), {
    how: 'filters',
    href: '/api/export?format=doccano&project=1&labels=CLAIM&attr.verdict=unverified&authors=ana&status=done',
  });
  // The export has no text search: past 500 with a text filter there is no way to say it.
  const q = exportPlan(1, F({ q: 'café' }), { total: 900, results: rs(50) }, 'jsonl');
  assert.equal(q.how, 'none');
  assert.match(q.why, /cannot search the text/);
  // Ids too long for the server's 4 KiB request line go by the filters instead.
  const big = rs(500, 9_000_000).map((r) => r.id);
  assert.ok(big.join(',').length > MAX_IDS_QUERY);
  assert.equal(exportPlan(1, f, { total: 500, results: [] }, 'jsonl', big).how, 'filters');
  const small = rs(MAX_IDS, 10_000).map((r) => r.id);
  assert.ok(small.join(',').length <= MAX_IDS_QUERY, 'five-digit ids: 500 of them fit');
  assert.equal(exportPlan(1, f, { total: 500, results: [] }, 'jsonl', small).how, 'ids');
  assert.equal(exportPlan(1, f, { total: 400, results: [] }, 'jsonl', rs(400, 100_000).map((r) => r.id)).how, 'ids', 'six-digit ids: 400 fit');
  // What the note says.
  const V = { total: 3, results: rs(3), filters: f };
  assert.equal(exportNote({ how: 'ids' }, V), 'The file holds exactly these 3 annotations and their 3 articles.');
  assert.equal(exportNote({ how: 'ids' }, { total: 1, results: rs(1), filters: f }), 'The file holds exactly this annotation and its article.');
  assert.match(exportNote({ how: 'filters' }, { total: 600, results: rs(50), filters: f }), /every article of the project with that status/);
});

// fake answers GET /api/annotations from a list of annotations, as the
// server would (label, attr, author, q folded), and records the paths.
function fakeServer(all) {
  const calls = [];
  const fetcher = async (method, path) => {
    calls.push(`${method} ${path}`);
    const u = new URL('http://x' + path);
    const p = u.searchParams;
    let list = all.filter((a) => !p.get('label') || a.label === p.get('label'));
    for (const [k, v] of p) {
      if (!k.startsWith('attr.')) continue;
      const vals = v.split(',').filter(Boolean);
      list = list.filter((a) => (vals.length ? vals.includes(a.attrs[k.slice(5)]) : !!a.attrs[k.slice(5)]));
    }
    if (p.get('q')) list = list.filter((a) => a.text.normalize('NFC').toLowerCase().includes(p.get('q').normalize('NFC').toLowerCase()));
    const offset = Number(p.get('offset')) || 0;
    const limit = Number(p.get('limit')) || 50;
    return { annotations: list.slice(offset, offset + limit), total: list.length, offset, limit };
  };
  return { fetcher, calls };
}

const PROJECTS = [{ id: 1, name: 'Desk', can: ['view', 'export'], labels: [{ name: 'CLAIM', attrs: [{ name: 'verdict', type: 'enum', values: ['unverified', 'true'] }] }] }];

function annotations(n) {
  return Array.from({ length: n }, (_, i) => ({ id: i + 1, article: 1 + Math.floor(i / 10), label: i % 2 ? 'QUOTE' : 'CLAIM', attrs: i % 2 ? { speaker: i % 4 === 1 ? 'Wang Wenbin' : 'Xi' } : { verdict: i % 3 ? 'true' : 'unverified' }, text: i === 7 ? 'cafe\u0301 talk' : `span ${i}`, before: '', after: '' }));
}

test('loadAnnotationsView loads the first page of what the hash keeps; the project becomes the open one', async () => {
  const store = new Store();
  store.set({ projects: PROJECTS, projectId: null });
  const { fetcher, calls } = fakeServer(annotations(130));
  await loadAnnotationsView(store, 1, 'label=CLAIM&attr.verdict=unverified', fetcher);
  const V = store.get().annView;
  assert.equal(store.get().projectId, 1);
  assert.deepEqual(V.filters, F({ label: 'CLAIM', attrs: { verdict: ['unverified'] } }));
  assert.equal(V.total, 22);
  assert.ok(V.results.every((a) => a.label === 'CLAIM' && a.attrs.verdict === 'unverified'));
  assert.deepEqual(calls, ['GET /api/annotations?project=1&label=CLAIM&attr.verdict=unverified&offset=0&limit=50']);

  // A project this user is not in: said, and not asked for.
  await loadAnnotationsView(store, 9, '', fetcher);
  assert.equal(store.get().annView.missing, true);
  assert.equal(calls.length, 1);
});

test('setFilters writes the hash, loads page one; Load more appends; coming back keeps as many', async () => {
  const store = new Store();
  store.set({ projects: PROJECTS, projectId: 1 });
  const { fetcher, calls } = fakeServer(annotations(130));
  await loadAnnotationsView(store, 1, '', fetcher);
  assert.equal(store.get().annView.total, 130);
  assert.equal(store.get().annView.results.length, 50);
  const hashes = [];
  await setFilters(store, { label: 'QUOTE', attrs: { speaker: ['Wang Wenbin'] } }, fetcher, (h) => hashes.push(h));
  assert.deepEqual(hashes, ['#/projects/1/annotations?label=QUOTE&attr.speaker=Wang+Wenbin']);
  let V = store.get().annView;
  assert.equal(V.total, 33);
  assert.ok(V.results.every((a) => a.attrs.speaker === 'Wang Wenbin'));
  // The same filters again: nothing to do.
  assert.equal(await setFilters(store, { label: 'QUOTE' }, fetcher, (h) => hashes.push(h)), undefined);
  assert.equal(hashes.length, 1);
  await setFilters(store, { label: '', q: 'CAFÉ' }, fetcher, (h) => hashes.push(h));
  V = store.get().annView;
  assert.deepEqual(V.results.map((a) => a.id), [8], 'café finds the decomposed cafe\u0301');
  await clearFilters(store, fetcher, (h) => hashes.push(h));
  assert.equal(hashes.at(-1), '#/projects/1/annotations');
  await loadMore(store, fetcher);
  await loadMore(store, fetcher);
  V = store.get().annView;
  assert.equal(V.results.length, 130);
  assert.deepEqual(V.results.map((a) => a.id), annotations(130).map((a) => a.id));
  assert.equal(await loadMore(store, fetcher), undefined, 'nothing more to load');
  // Back from an article: the same filters read as many as were shown again.
  calls.length = 0;
  await loadAnnotationsView(store, 1, '', fetcher);
  assert.deepEqual(calls, ['GET /api/annotations?project=1&offset=0&limit=130']);
});

test('exportHref fetches the ids of a small selection not all loaded', async () => {
  const store = new Store();
  store.set({ projects: PROJECTS, projectId: 1 });
  const { fetcher, calls } = fakeServer(annotations(130));
  await loadAnnotationsView(store, 1, 'label=CLAIM', fetcher);
  assert.equal(store.get().annView.total, 65);
  calls.length = 0;
  const href = await exportHref(store, fetcher);
  assert.deepEqual(calls, ['GET /api/annotations?project=1&label=CLAIM&offset=0&limit=500']);
  const ids = annotations(130).filter((a) => a.label === 'CLAIM').map((a) => a.id);
  assert.equal(href, '/api/export?format=jsonl&project=1&annotation_ids=' + ids.join(','));
  // Over 500 with a text filter: refused in words.
  const big = fakeServer(Array.from({ length: 600 }, (_, i) => ({ id: i + 1, article: 1, label: 'CLAIM', attrs: {}, text: 'same text' })));
  await loadAnnotationsView(store, 1, 'q=same', big.fetcher);
  assert.equal(await exportHref(store, big.fetcher), '');
  assert.match(store.get().annView.exportError, /cannot search the text/);
});

test('article details: the form, the patch, the words', () => {
  const a = { id: 4, project: 1, title: 'Xi to meet Putin', source: 'xi-putin-icc.txt', url: '', published: '2023-03-20T09:30:00Z' };
  assert.deepEqual(detailsForm(a), { title: 'Xi to meet Putin', source: 'xi-putin-icc.txt', url: '', published: '2023-03-20' });
  assert.equal(dateOf('2023-03-20'), '2023-03-20');
  assert.equal(dateOf('17 March 2023'), '');
  // Only what changed; the date left alone keeps its time.
  assert.deepEqual(detailsPatch(a, { ...detailsForm(a), url: ' https://www.reuters.com/world/xi-putin ', title: 'Xi to meet Putin in Moscow' }), {
    patch: { title: 'Xi to meet Putin in Moscow', url: 'https://www.reuters.com/world/xi-putin' },
    error: '',
    field: '',
  });
  assert.deepEqual(detailsPatch(a, detailsForm(a)).patch, {});
  assert.deepEqual(detailsPatch(a, { ...detailsForm(a), published: '2023-03-21' }).patch, { published: '2023-03-21' });
  assert.deepEqual(detailsPatch(a, { ...detailsForm(a), published: '' }).patch, { published: '' });
  // A date the form cannot show stays unless one is picked.
  const b = { ...a, published: '17 March 2023' };
  assert.deepEqual(detailsPatch(b, detailsForm(b)).patch, {});
  assert.match(publishedNote(b), /not a date/);
  assert.match(publishedNote(a), /kept unless you change the date/);
  assert.equal(publishedNote({ published: '2023-03-20' }), '');
  // Refused before sending: not a web address.
  for (const bad of ['www.reuters.com/x', 'javascript:alert(1)', 'ftp://x.org/a', 'https://']) {
    const r = detailsPatch(a, { ...detailsForm(a), url: bad });
    assert.equal(r.field, 'url', bad);
    assert.match(r.error, /http:\/\/ or https:\/\//);
  }
  assert.equal(webAddress('http://example.org'), true);
  assert.equal(detailsPatch({ ...a, url: 'https://x.org' }, { ...detailsForm(a), url: '' }).patch.url, '', 'clearing the URL is allowed');
  assert.equal(editedText(a), '');
  assert.match(editedText({ updated_by: 'rev', updated_at: '2026-03-02T10:00:00Z' }), /^Details edited by rev, /);
});

test('saveDetails sends what changed, updates the open article, and keeps a refusal in the dialog', async () => {
  const store = new Store();
  store.set({ projects: PROJECTS, projectId: 1 });
  const a = { id: 4, project: 1, title: 'Old', source: 's', url: '', published: '', text: 'The text.', status: 'new' };
  store.openArticle(a, []);
  openDetails(store);
  const sent = [];
  const ok = async (method, path, body) => {
    sent.push([method, path, body]);
    return { ...a, text: undefined, ...body, updated_by: 'rev', updated_at: '2026-03-02T10:00:00Z' };
  };
  assert.equal(await saveDetails(store, { title: 'New', source: 's', url: 'https://example.org/a', published: '' }, ok), true);
  assert.deepEqual(sent, [['PATCH', '/api/articles/4', { title: 'New', url: 'https://example.org/a' }]]);
  const art = store.get().article;
  assert.equal(art.title, 'New');
  assert.equal(art.url, 'https://example.org/a');
  assert.equal(art.text, 'The text.', 'the answer has no text: the open one stays');
  assert.equal(art.updated_by, 'rev');
  assert.equal(store.get().details, null);

  openDetails(store);
  const refuse = async () => {
    const e = new Error('published must be a date (YYYY-MM-DD) or an RFC 3339 time, not "x"');
    e.status = 400;
    throw e;
  };
  assert.equal(await saveDetails(store, { title: 'New', source: 's', url: 'https://example.org/a', published: '2026-01-01' }, refuse), false);
  assert.match(store.get().details.error, /published must be a date/);
  assert.equal(store.get().details.busy, false);
  assert.equal(store.get().article.published, '', 'nothing changed');
  // Refused before sending.
  assert.equal(await saveDetails(store, { title: 'New', source: 's', url: 'example.org', published: '' }, refuse), false);
  assert.equal(store.get().details.field, 'url');
});

test('MAX_IDS is the API’s page limit', () => {
  assert.equal(MAX_IDS, 500);
});
