// Loads gloss exports in JavaScript tools and compares what they read with
// what gloss meant.
//
//	node check.mjs DIR NODE_MODULES
//
// DIR holds truth.json (written by tools_test.go), w3c.jsonld and
// claimreview.jsonld; NODE_MODULES is where install.sh put the packages of
// package.json. Prints {"checks": [...]} as check.py does; exits non-zero
// only when the script itself breaks. When truth.json says "layered", each
// span names its layer, and both checks compare the layer the export gives
// it (gloss:layer).
//
// JavaScript strings count UTF-16 code units; gloss counts code points.
// Every comparison here converts with codePoints/cpOffset below, so an
// astral character (emoji, flags) is one position, as in the export.

import { readFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const [dir, nodeModules] = process.argv.slice(2);
const truth = JSON.parse(readFileSync(join(dir, 'truth.json'), 'utf8'));
const require = createRequire(join(nodeModules, 'noop.js'));

class Missing extends Error {}
class Unverifiable extends Error {}

async function load(name) {
  let path;
  try {
    path = require.resolve(name);
  } catch {
    throw new Missing(`npm package ${name}: run server/export/testdata/tools/install.sh`);
  }
  return import(pathToFileURL(path).href);
}

async function run(name, tool, fn) {
  const out = { name, tool, missing: '', unverifiable: '', errors: [], notes: [], files: 0, docs: 0, spans: 0 };
  try {
    await fn(out);
  } catch (e) {
    if (e instanceof Missing) out.missing = e.message;
    else if (e instanceof Unverifiable) out.unverifiable = e.message;
    else out.errors.push(`${name}: ${e.stack || e}`);
  }
  return out;
}

function err(out, msg) {
  if (out.errors.length < 50) out.errors.push(msg);
}

// codePoints returns, for each UTF-16 index of s (and its length), the
// code point offset it falls at.
function codePoints(s) {
  const at = new Array(s.length + 1);
  let cp = 0;
  for (let i = 0; i < s.length; i++) {
    at[i] = cp;
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) at[++i] = cp;
    }
    cp++;
  }
  at[s.length] = cp;
  return at;
}

// LineChunker presents a text to Apache Annotator as chunks of one line
// each, the way a DOM presents a <pre> split into text nodes, so matches
// that cross chunks are exercised too.
class LineChunker {
  constructor(text) {
    this.chunks = [];
    let from = 0;
    for (let i = 0; i < text.length; i++) {
      if (text[i] === '\n') {
        this.chunks.push({ data: text.slice(from, i + 1), offset: from, index: this.chunks.length });
        from = i + 1;
      }
    }
    if (from < text.length || this.chunks.length === 0) {
      this.chunks.push({ data: text.slice(from), offset: from, index: this.chunks.length });
    }
    this.i = 0;
  }
  get currentChunk() {
    return this.chunks[this.i];
  }
  nextChunk() {
    if (this.i + 1 >= this.chunks.length) return null;
    return this.chunks[++this.i];
  }
  previousChunk() {
    if (this.i === 0) return null;
    return this.chunks[--this.i];
  }
  precedesCurrentChunk(chunk) {
    return chunk.index < this.i;
  }
}

// w3c: Apache Annotator resolves each annotation's selectors against the
// article text carried in the export (gloss:text of the article's first
// annotation).
async function checkW3CSelectors(out) {
  const sel = await load('@apache-annotator/selector');
  const coll = JSON.parse(readFileSync(join(dir, 'w3c.jsonld'), 'utf8'));
  out.files = 1;
  const items = coll.first?.items ?? [];
  if (coll.total !== items.length) err(out, `total is ${coll.total}, items hold ${items.length}`);
  const docs = truth.docs.filter((d) => d.spans.length > 0); // no spans, no entry in a w3c export
  const bySource = new Map(docs.map((d) => [d.url || `${truth.base_url}/articles/${d.id}`, d]));
  const texts = new Map();
  const seen = new Map(docs.map((d) => [d.id, []]));
  for (const a of items) {
    if (a.motivation === 'linking') continue; // a relation: checkW3CRelations
    const src = typeof a.target.source === 'string' ? a.target.source : a.target.source.id;
    const doc = bySource.get(src);
    if (!doc) {
      err(out, `${a.id}: source ${src} is no article of the export`);
      continue;
    }
    if (typeof a.target.source === 'object') {
      if (texts.has(src)) err(out, `${a.id}: describes ${src} again`);
      texts.set(src, a.target.source['gloss:text']);
      if (a.target.source['gloss:text'] !== doc.text) err(out, `${a.id}: gloss:text is not the article's text`);
    }
    const text = texts.get(src);
    if (text === undefined) {
      err(out, `${a.id}: names ${src} before any annotation describes it`);
      continue;
    }
    const aid = Number(a.id.slice(a.id.lastIndexOf('/') + 1));
    const want = doc.spans.find((s) => s.id === aid);
    if (!want) {
      err(out, `${a.id}: no such span in article ${doc.id}`);
      continue;
    }
    seen.get(doc.id).push(aid);
    const bodies = Array.isArray(a.body) ? a.body : [a.body];
    const tags = bodies.filter((b) => b.purpose === 'tagging').map((b) => b.value);
    const attrs = Object.fromEntries(bodies.filter((b) => b.purpose === 'describing').map((b) => [b['gloss:attr'], b.value]));
    if (tags.length !== 1 || tags[0] !== want.label) err(out, `${a.id}: tagging bodies ${JSON.stringify(tags)}, want ["${want.label}"]`);
    if (a['gloss:layer'] !== want.layer) err(out, `${a.id}: gloss:layer ${a['gloss:layer']}, want ${want.layer}`);
    if (JSON.stringify(sortKeys(attrs)) !== JSON.stringify(sortKeys(want.attrs))) {
      err(out, `${a.id}: describing bodies ${JSON.stringify(attrs)}, want ${JSON.stringify(want.attrs)}`);
    }
    const at = codePoints(text);
    const toCP = (r) => [at[r.startChunk.offset + r.startIndex], at[r.endChunk.offset + r.endIndex]];
    const selectors = Array.isArray(a.target.selector) ? a.target.selector : [a.target.selector];
    const pos = selectors.find((s) => s.type === 'TextPositionSelector');
    const quote = selectors.find((s) => s.type === 'TextQuoteSelector');
    if (!pos || !quote) {
      err(out, `${a.id}: selectors ${JSON.stringify(selectors.map((s) => s.type))}`);
      continue;
    }
    const wantRange = JSON.stringify([want.start, want.end]);
    const p = [];
    for await (const r of sel.textPositionSelectorMatcher(pos)(new LineChunker(text))) p.push(toCP(r));
    if (p.length !== 1 || JSON.stringify(p[0]) !== wantRange) {
      err(out, `${a.id}: TextPositionSelector resolves to ${JSON.stringify(p)}, want ${wantRange}`);
    }
    // A quote selector may match more than once when the text repeats
    // itself beyond its 32 code points of context (scraped boilerplate
    // does); a W3C client then takes the match the position selector
    // names, so the intended span must be among the matches.
    const q = [];
    for await (const r of sel.textQuoteSelectorMatcher(quote)(new LineChunker(text))) q.push(toCP(r));
    if (!q.some((r) => JSON.stringify(r) === wantRange)) {
      err(out, `${a.id}: TextQuoteSelector matches ${JSON.stringify(q)}, not ${wantRange}`);
      continue;
    }
    if (q.length > 1) {
      out.notes.push(`${a.id}: TextQuoteSelector matches ${q.length} times (${JSON.stringify(q)}); TextPositionSelector names ${wantRange}`);
    }
    const got = Array.from(text).slice(want.start, want.end).join('');
    if (got !== want.text || quote.exact !== want.text) {
      err(out, `${a.id}: reads ${JSON.stringify(got)}, exact ${JSON.stringify(quote.exact)}, want ${JSON.stringify(want.text)}`);
      continue;
    }
    out.spans++;
  }
  for (const d of docs) {
    out.docs++;
    const got = seen.get(d.id).sort((x, y) => x - y);
    const want = d.spans.map((s) => s.id).sort((x, y) => x - y);
    if (JSON.stringify(got) !== JSON.stringify(want)) err(out, `article ${d.id}: annotations ${got}, want ${want}`);
  }
}

// w3c relations: each is a linking annotation after the annotations it
// links, its body one tagging TextualBody (the type), its targets the IRIs
// of its start and end annotations in that order, as Recogito writes
// relations. Read as JSON: the Web Annotation context is not here to read
// them as JSON-LD (see checkW3CJSONLD).
async function checkW3CRelations(out) {
  const coll = JSON.parse(readFileSync(join(dir, 'w3c.jsonld'), 'utf8'));
  out.files = 1;
  const key = (s) => JSON.stringify([s.start, s.end, s.label, s.layer ?? '']);
  const bySource = new Map(truth.docs.map((d) => [d.url || `${truth.base_url}/articles/${d.id}`, d]));
  const seen = new Map(); // annotation IRI → [doc, span], as met
  const got = new Map(truth.docs.map((d) => [d.id, []]));
  let doc = null;
  for (const a of coll.first?.items ?? []) {
    if (a.motivation !== 'linking') {
      const src = typeof a.target.source === 'string' ? a.target.source : a.target.source.id;
      doc = bySource.get(src);
      const aid = Number(a.id.slice(a.id.lastIndexOf('/') + 1));
      const span = doc?.spans.find((s) => s.id === aid && (s.layer ?? '') === (a['gloss:layer'] ?? ''));
      if (span) seen.set(a.id, [doc, span]);
      continue;
    }
    const bodies = Array.isArray(a.body) ? a.body : [a.body];
    const targets = Array.isArray(a.target) ? a.target : [a.target];
    const ends = targets.map((t) => seen.get(typeof t === 'string' ? t : t.id));
    if (bodies.length !== 1 || bodies[0].purpose !== 'tagging' || targets.length !== 2 || ends.some((e) => !e)) {
      err(out, `${a.id}: body ${JSON.stringify(a.body)}, targets ${JSON.stringify(a.target)}: want one tag and two annotations met before it`);
      continue;
    }
    if (ends[0][0] !== doc || ends[1][0] !== doc) {
      err(out, `${a.id}: links annotations of another article than the one it follows`);
      continue;
    }
    if (ends[0][1].layer !== a['gloss:layer'] || ends[1][1].layer !== a['gloss:layer']) {
      err(out, `${a.id}: gloss:layer ${a['gloss:layer']}, its ends' ${ends[0][1].layer} and ${ends[1][1].layer}`);
    }
    if (!/\/relations\/\d+$/.test(a.id)) err(out, `${a.id}: not a relation IRI`);
    got.get(doc.id).push(JSON.stringify([bodies[0].value, key(ends[0][1]), key(ends[1][1])]));
  }
  for (const d of truth.docs) {
    out.docs++;
    const span = (layer, id) => d.spans.find((s) => (s.layer ?? '') === (layer ?? '') && s.id === id);
    const want = d.relations.map((r) => JSON.stringify([r.type, key(span(r.layer, r.from)), key(span(r.layer, r.to))])).sort();
    const g = got.get(d.id).sort();
    if (JSON.stringify(g) !== JSON.stringify(want)) {
      err(out, `article ${d.id}: relations ${JSON.stringify(g)}, want ${JSON.stringify(want)}`);
    } else {
      out.relations = (out.relations ?? 0) + g.length;
    }
  }
}

function sortKeys(o) {
  return Object.fromEntries(Object.entries(o ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

// The JSON-LD contexts the exports name. Only schema.org's is shipped by an
// npm package (@fedify/vocab-runtime, which preloads it for the same
// reason); no npm or Debian package ships the Web Annotation context, and
// none is copied into this repository.
function schemaOrgContext() {
  const path = join(nodeModules, '@fedify/vocab-runtime/src/contexts/schemaorg.json');
  if (!existsSync(path)) throw new Missing('npm package @fedify/vocab-runtime: run server/export/testdata/tools/install.sh');
  return JSON.parse(readFileSync(path, 'utf8'));
}

// documentLoader serves the local schema.org context and fails loudly for
// every other URL: nothing is fetched.
function documentLoader(contexts) {
  return async (url) => {
    const doc = contexts[url.replace(/\/$/, '')];
    if (!doc) throw new Error(`no offline copy of ${url}`);
    return { contextUrl: null, documentUrl: url, document: doc };
  };
}

const SDO = 'http://schema.org/';
const GLOSS = 'https://github.com/gloss-dev/gloss#';

async function checkClaimReview(out) {
  const jsonld = (await load('jsonld')).default;
  const ctx = schemaOrgContext();
  const data = JSON.parse(readFileSync(join(dir, 'claimreview.jsonld'), 'utf8'));
  out.files = 1;
  const expanded = await jsonld.expand(data, {
    documentLoader: documentLoader({ 'https://schema.org': ctx, 'http://schema.org': ctx }),
    safe: true, // fail on anything the context cannot map, rather than drop it
  });
  const one = (node, prop, ns = SDO) => {
    const vs = node[ns + prop] ?? [];
    if (vs.length !== 1) return vs.length ? `${vs.length} values` : null;
    return vs[0]['@id'] ?? vs[0]['@value'];
  };
  const got = new Map();
  for (const n of expanded) {
    if (!(n['@type'] ?? []).includes(SDO + 'ClaimReview')) continue;
    const rating = n[SDO + 'reviewRating'][0];
    const app = (n[SDO + 'itemReviewed'][0][SDO + 'appearance'] ?? [null])[0];
    got.set(n['@id'], {
      claimReviewed: one(n, 'claimReviewed'), alternateName: one(rating, 'alternateName'),
      ratingValue: one(rating, 'ratingValue'), url: one(n, 'url'),
      appearance: app ? one(app, 'url') : null, headline: app ? one(app, 'headline') : null,
      citation: one(n, 'citation'), layer: one(n, 'layer', GLOSS),
    });
  }
  const rating = { false: 1, misleading: 2, true: 5 };
  for (const doc of truth.docs) {
    const page = doc.url || null; // the article's own page, when it has one
    for (const s of doc.spans) {
      const v = s.attrs?.verdict ?? '';
      if (s.label !== 'CLAIM' || v === '' || v === 'unverified') continue;
      out.docs++;
      // The fact-check page: review_url, else the claim in the editor.
      const iri = s.attrs?.review_url || `${truth.base_url}/#/articles/${doc.id}?annotation=${s.id}`;
      const want = {
        claimReviewed: s.text, alternateName: v, ratingValue: rating[v] ?? null,
        url: iri, appearance: page, headline: page ? doc.title : null,
        citation: s.attrs?.evidence || null, layer: s.layer || null,
      };
      const g = got.get(iri);
      got.delete(iri);
      if (JSON.stringify(g) !== JSON.stringify(want)) err(out, `${iri}: read ${JSON.stringify(g)}, want ${JSON.stringify(want)}`);
      else out.spans++;
    }
  }
  for (const iri of got.keys()) err(out, `${iri}: a ClaimReview no CLAIM span with a verdict asks for`);
}

// w3c as JSON-LD: expanding needs http://www.w3.org/ns/anno.jsonld. The
// loader has no copy, so this reports the check as not verifiable, with
// jsonld.js's own error as the proof that nothing else stood in the way.
async function checkW3CJSONLD(out) {
  const jsonld = (await load('jsonld')).default;
  const coll = JSON.parse(readFileSync(join(dir, 'w3c.jsonld'), 'utf8'));
  out.files = 1;
  try {
    await jsonld.expand(coll, { documentLoader: documentLoader({}), safe: true });
  } catch (e) {
    const cause = e.details?.cause?.message ?? '';
    if (/anno\.jsonld/.test(cause)) {
      throw new Unverifiable(`jsonld.js stops at the Web Annotation context (${e.name}: ${cause}); ` +
        'no npm or Debian package ships it, and this repository copies no public context');
    }
    throw e;
  }
  err(out, 'jsonld.js expanded w3c.jsonld without the Web Annotation context: this check needs writing');
}

const checks = [
  await run('w3c-selectors', 'Apache Annotator text selector matchers', checkW3CSelectors),
  await run('w3c-relations', 'linking annotations, read as JSON', checkW3CRelations),
  await run('claimreview-jsonld.js', 'jsonld.js expand, schema.org context', checkClaimReview),
  await run('w3c-jsonld.js', 'jsonld.js expand, Web Annotation context', checkW3CJSONLD),
];
process.stdout.write(JSON.stringify({ checks }) + '\n');
