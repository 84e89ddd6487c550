// adjudicate.js runs the review page (#/articles/ID/review): the gold
// editor of an independent project's article, plus the candidates a
// reviewer decides on. A candidate is one (start, end, label) that one or
// more annotators' submitted layers hold; it is accepted (gold holds the
// same span), rejected (a reviewer left it out: POST .../rejections) or
// open. Candidates that are alternatives of each other (the layers
// overlap with other offsets or another label) form one group, so that
// the reviewer sees them together.
//
// Its state is the store's `review` key:
//
//   {id, loading, error, status,     the article; why the layers could not load (HTTP status)
//    data,                           GET /api/articles/:id/review (null until loaded)
//    current,                        the key of the candidate being decided
//    mode: 'merged' | 'layers',      one list, or each annotator side by side
//    busy}                           'agreed' or 'reviewed' while that request runs
//
// The top is pure (grouping, classifying, the words, the keys), so that
// adjudicate.test.mjs runs it in Node. The rest loads and acts; it takes
// the store as its first argument (as agreement.js does), and what only
// the page has (the undo history, scrolling to a span) comes in through
// bindReview, which main.js calls once.
import { request } from './api.js';
import { independent, perArticle, LAYER_STATUS } from './assign.js';

// ---- candidates ----

/** candidateKey names a candidate: its offsets (code points) and label. */
export function candidateKey(start, end, label) {
  return `${start}:${end}:${label}`;
}

/**
 * KINDS say at a glance how the annotators stand on a candidate, each with
 * an icon and a word (never colour alone): everyone marked it; someone
 * marked an alternative (other offsets or label) instead; some but not
 * all marked it and nobody marked anything else there; one person did.
 */
export const KINDS = {
  agreed: { icon: '✓', word: 'Agreed', long: 'Everyone marked exactly this' },
  disputed: { icon: '≠', word: 'Disputed', long: 'Others marked it differently: other edges or another label' },
  some: { icon: '◐', word: 'Partly', long: 'Some annotators marked it; the others marked nothing here' },
  one: { icon: '○', word: 'One person', long: 'Only one annotator marked it' },
};

/** STATES are what the reviewers decided about a candidate. */
export const STATES = {
  open: { icon: '•', word: 'Open', long: 'Not decided yet' },
  accepted: { icon: '★', word: 'In gold', long: 'Gold holds this span' },
  rejected: { icon: '✕', word: 'Rejected', long: 'A reviewer left it out of gold' },
};

function overlap(a, b) {
  return Math.min(a.end, b.end) - Math.max(a.start, b.start);
}

/**
 * competes reports whether spans a and b ({start, end, label}) claim the
 * same stretch of text: they overlap and either carry the same label or,
 * with different labels, cover mostly the same text (the shared part is
 * at least half of both together). A QUOTE nested in a longer CLAIM does
 * not compete with it.
 */
export function competes(a, b) {
  const o = overlap(a, b);
  if (o <= 0) return false;
  if (a.label === b.label) return true;
  const union = Math.max(a.end, b.end) - Math.min(a.start, b.start);
  return o * 2 >= union;
}

/**
 * rivals reports whether candidates a and b are alternatives: they
 * compete, and each was marked by someone who did not mark the other
 * (ann marked one, bea the other instead). Two spans the same people
 * marked both are not a disagreement.
 */
export function rivals(a, b) {
  if (!competes(a, b)) return false;
  return a.who.some((n) => !b.who.includes(n)) && b.who.some((n) => !a.who.includes(n));
}

function byText(a, b) {
  return a.start - b.start || b.end - a.end || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0);
}

// attrsOf compares what each annotator gave a candidate's attributes:
// the values they all agree on, and the attributes where they differ
// (each value with who gave it; '' for none).
function attrsOf(spans) {
  const names = new Set();
  for (const s of spans) for (const k of Object.keys(s.attrs || {})) names.add(k);
  const agreed = {};
  const conflicts = [];
  for (const name of [...names].sort()) {
    const byValue = new Map();
    for (const s of spans) {
      const v = (s.attrs && s.attrs[name]) || '';
      if (!byValue.has(v)) byValue.set(v, []);
      byValue.get(v).push(s.layer);
    }
    if (byValue.size === 1) {
      const [v] = byValue.keys();
      if (v) agreed[name] = v;
    } else {
      conflicts.push({ name, values: [...byValue].map(([value, who]) => ({ value, who })) });
    }
  }
  return { agreed, conflicts };
}

/**
 * buildReview turns the review answer (GET /api/articles/:id/review) and
 * gold's annotations into what the page shows:
 *
 *   layers      every annotator layer, by name, with its status
 *   submitted   the names of the submitted ones (only those are candidates)
 *   k           annotators per article (opts.k, else the layers there are)
 *   candidates  in review order (by group, then in the text):
 *               {key, start, end, label, text, who, spans, agreement
 *               ('all'|'some'|'one'), kind (KINDS), attrs (the values all
 *               who marked it agree on), conflicts, state (STATES),
 *               goldId, rejectedBy, group, rivals (keys)}
 *   groups      [{index, start, end, candidates}]: a disputed stretch
 *               holds several
 *   counts      how many are open, accepted, rejected, of each kind, and
 *               agreedOpen/agreedRejected (what "Accept all agreed" takes)
 *
 * gold are the gold annotations ({id, start, end, label}; a temporary
 * negative id is a create on its way). opts.text is the article's text
 * (code points sliced when a span has no text).
 */
export function buildReview(data, gold = [], opts = {}) {
  const layers = [...((data && data.layers) || [])].sort((a, b) => a.name.localeCompare(b.name));
  const subs = layers.filter((l) => l.status === 'submitted');
  const submitted = subs.map((l) => l.name);
  const n = submitted.length;
  const text = opts.text !== undefined ? opts.text : (data && data.article && data.article.text) || '';
  const cps = opts.text === null ? null : Array.from(text);

  // One candidate per (start, end, label); a layer that holds the same
  // span twice counts once.
  const byKey = new Map();
  for (const l of subs) {
    for (const sp of l.spans || []) {
      const key = candidateKey(sp.start, sp.end, sp.label);
      let c = byKey.get(key);
      if (!c) {
        const t = typeof sp.text === 'string' ? sp.text : cps ? cps.slice(sp.start, sp.end).join('') : '';
        c = { key, start: sp.start, end: sp.end, label: sp.label, text: t, who: [], spans: [] };
        byKey.set(key, c);
      }
      if (c.who.includes(l.name)) continue;
      c.who.push(l.name);
      c.spans.push({ layer: l.name, id: sp.id, attrs: sp.attrs || {} });
    }
  }
  const cands = [...byKey.values()].sort(byText);

  const goldAt = new Map();
  for (const g of gold) {
    const key = candidateKey(g.start, g.end, g.label);
    const had = goldAt.get(key);
    if (had === undefined || (had < 0 && g.id > 0)) goldAt.set(key, g.id);
  }
  const rejected = new Map();
  for (const r of (data && data.rejected) || []) rejected.set(candidateKey(r.start, r.end, r.label), r);

  // Alternatives, found by a sweep in text order: a candidate only meets
  // those that start before it ends. Union-find gathers them in groups.
  const parent = cands.map((_, i) => i);
  const find = (i) => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]];
    return i;
  };
  for (const c of cands) c.rivals = [];
  for (let i = 0; i < cands.length; i++) {
    for (let j = i + 1; j < cands.length && cands[j].start < cands[i].end; j++) {
      if (!rivals(cands[i], cands[j])) continue;
      cands[i].rivals.push(cands[j].key);
      cands[j].rivals.push(cands[i].key);
      parent[find(j)] = find(i);
    }
  }

  for (const c of cands) {
    c.who.sort();
    c.spans.sort((a, b) => a.layer.localeCompare(b.layer));
    c.agreement = n >= 2 && c.who.length === n ? 'all' : c.who.length === 1 ? 'one' : 'some';
    c.kind = c.agreement === 'all' ? 'agreed' : c.rivals.length ? 'disputed' : c.agreement;
    const { agreed, conflicts } = attrsOf(c.spans);
    c.attrs = agreed;
    c.conflicts = conflicts;
    const g = goldAt.get(c.key);
    const r = rejected.get(c.key);
    c.goldId = g === undefined ? null : g;
    c.rejectedBy = r ? r.by || '' : null;
    c.state = g !== undefined ? 'accepted' : r ? 'rejected' : 'open';
  }

  const byRoot = new Map();
  for (let i = 0; i < cands.length; i++) {
    const root = find(i);
    if (!byRoot.has(root)) byRoot.set(root, []);
    byRoot.get(root).push(cands[i]);
  }
  const groups = [...byRoot.values()]
    .map((list) => ({ start: Math.min(...list.map((c) => c.start)), end: Math.max(...list.map((c) => c.end)), candidates: list }))
    .sort((a, b) => a.start - b.start || b.end - a.end);
  const candidates = [];
  groups.forEach((g, i) => {
    g.index = i;
    for (const c of g.candidates) {
      c.group = i;
      candidates.push(c);
    }
  });

  const counts = { total: candidates.length, open: 0, accepted: 0, rejected: 0, agreed: 0, disputed: 0, some: 0, one: 0, agreedOpen: 0, agreedRejected: 0 };
  for (const c of candidates) {
    counts[c.state]++;
    counts[c.kind]++;
    if (c.kind === 'agreed' && c.state === 'open') counts.agreedOpen++;
    if (c.kind === 'agreed' && c.state === 'rejected') counts.agreedRejected++;
  }
  const k = Math.max(opts.k || 0, 1);
  return { layers, submitted, k, candidates, groups, counts, byKey: new Map(candidates.map((c) => [c.key, c])) };
}

// ---- stepping through ----

/**
 * stepOpen returns the key of the next (dir 1) or previous (dir -1) open
 * candidate after the one keyed from, in review order, coming round at
 * the ends; from none (or one that is gone), the first or the last open
 * one. null when none is open.
 */
export function stepOpen(candidates, from, dir = 1) {
  const open = candidates.filter((c) => c.state === 'open');
  if (!open.length) return null;
  const i = from == null ? -1 : candidates.findIndex((c) => c.key === from);
  if (i < 0) return (dir > 0 ? open[0] : open[open.length - 1]).key;
  const n = candidates.length;
  for (let s = 1; s <= n; s++) {
    const c = candidates[(((i + dir * s) % n) + n) % n];
    if (c.state === 'open') return c.key;
  }
  return null;
}

/**
 * afterDecision is the candidate to go on to once the one keyed key was
 * decided: the next open one after it, or null when none is left. (The
 * list was built before the decision: key may still show as open.)
 */
export function afterDecision(candidates, key) {
  const rest = candidates.map((c) => (c.key === key ? { ...c, state: 'decided' } : c));
  return stepOpen(rest, key, 1);
}

/**
 * candidateAt returns the candidate under code point cp that a click
 * there means: the shortest open one, else the shortest of any.
 */
export function candidateAt(candidates, cp) {
  let best = null;
  const better = (c) => !best || (c.state === 'open') > (best.state === 'open') || ((c.state === 'open') === (best.state === 'open') && c.end - c.start < best.end - best.start);
  for (const c of candidates) if (c.start <= cp && cp < c.end && better(c)) best = c;
  return best;
}

// ---- words ----

/** listNames joins names for reading: "ann", "ann and bea", "ann, bea and cy". */
export function listNames(names) {
  if (names.length <= 1) return names.join('');
  return names.slice(0, -1).join(', ') + ' and ' + names[names.length - 1];
}

/** whoLine says who marked candidate c, of the n submitted: "ann, bea — 2 of 2". */
export function whoLine(c, n) {
  return `${c.who.join(', ')} — ${c.who.length} of ${n}`;
}

/** conflictLine says how the annotators differ on an attribute: "verdict: true (ann) · false (bea)". */
export function conflictLine(cf) {
  return `${cf.name}: ` + cf.values.map((v) => `${v.value || '—'} (${v.who.join(', ')})`).join(' · ');
}

/** summaryLine counts the candidates by decision: "5 candidates · 2 open · 2 in gold · 1 rejected". */
export function summaryLine(counts) {
  if (!counts.total) return 'No candidates';
  const parts = [`${counts.total} candidate${counts.total === 1 ? '' : 's'}`, `${counts.open} open`, `${counts.accepted} in gold`];
  if (counts.rejected) parts.push(`${counts.rejected} rejected`);
  return parts.join(' · ');
}

/**
 * progressLine says how many of the k annotators submitted, and who has
 * not: "1 of 2 submitted — bea: in progress".
 */
export function progressLine(model) {
  const waiting = model.layers.filter((l) => l.status !== 'submitted').map((l) => `${l.name}: ${(LAYER_STATUS[l.status] || l.status).toLowerCase()}`);
  const head = `${model.submitted.length} of ${Math.max(model.k, model.submitted.length)} submitted`;
  return waiting.length ? `${head} — ${waiting.join(', ')}` : head;
}

/**
 * acceptAllPlan says what "Accept all agreed" does now: 'none' (nothing
 * agreed is open), 'server' (POST accept-agreed: every agreed span gold
 * lacks) or 'local' (some agreed spans were rejected, which the server's
 * accept-agreed would take too: the open ones are created one by one
 * instead). n is how many it accepts.
 */
export function acceptAllPlan(model) {
  const c = model.counts;
  if (!c.agreedOpen) return { how: 'none', n: 0 };
  if (c.agreedRejected) return { how: 'local', n: c.agreedOpen };
  return { how: 'server', n: c.agreedOpen };
}

/**
 * pageState says what the review page shows for project p and review
 * state R: 'loading', 'refused' (not a reviewer here), 'shared' (the
 * project works in one shared layer), 'missing', 'error', 'none'
 * (nothing submitted yet) or 'ready'.
 */
export function pageState(p, R) {
  if (p && Array.isArray(p.can) && !p.can.includes('review')) return 'refused';
  if (p && !independent(p)) return 'shared';
  if (!R) return 'loading';
  if (R.error) {
    if (R.status === 403) return 'refused';
    if (R.status === 404) return 'missing';
    if (R.status === 400 && /shared layer/.test(R.error)) return 'shared';
    return 'error';
  }
  if (!R.data) return 'loading';
  if (!(R.data.layers || []).some((l) => l.status === 'submitted')) return 'none';
  return 'ready';
}

/** refusal says, plainly, why this user may not review: their role in p. */
export function refusal(p) {
  const role = p && p.my_role;
  const you = role ? ` You are ${/^[aeiou]/.test(role) ? 'an' : 'a'} ${role} in ${p.name}.` : '';
  return `Reviewing is for the project’s reviewers, managers and admins.${you}`;
}

// ---- keys ----

/**
 * REVIEW_KEYS are the review page's keys, for the help: {keys, or, what};
 * or: each key alone does it (else they are pressed together).
 */
export const REVIEW_KEYS = [
  { keys: ['j', ']'], or: true, what: 'next open candidate' },
  { keys: ['k', '['], or: true, what: 'previous open candidate' },
  { keys: ['a'], what: 'accept it into gold (one in gold already: open it there)' },
  { keys: ['x'], what: 'reject it (a rejected one: take the rejection back)' },
  { keys: ['Shift', 'A'], what: 'accept every agreed candidate' },
  { keys: ['Ctrl', 'Enter'], what: 'mark reviewed and open the next article to review' },
];

/**
 * reviewKey returns what a keydown means on the review page, or null.
 * ctx: {editing (focus in a field), hasSelection (text selected),
 * labels [{hotkey}]}. With text selected, a label's hotkey is the
 * label's (a reviewer marks a span of their own in gold).
 */
export function reviewKey(e, ctx) {
  const key = e.key || '';
  if (ctx.editing || e.isComposing || e.altKey) return null;
  if (e.ctrlKey || e.metaKey) return key === 'Enter' ? { type: 'reviewed' } : null;
  if (ctx.hasSelection && (ctx.labels || []).some((l) => l.hotkey && l.hotkey === key.toLowerCase())) return null;
  if (e.shiftKey && key === 'A') return { type: 'accept-agreed' };
  if (e.shiftKey) return null;
  switch (key) {
    case 'j':
    case ']':
      return { type: 'step', by: 1 };
    case 'k':
    case '[':
      return { type: 'step', by: -1 };
    case 'a':
      return { type: 'accept' };
    case 'x':
      return { type: 'reject' };
  }
  return null;
}

// ---- loading ----

const enc = encodeURIComponent;

function reviewOf(store) {
  return store.get().review || null;
}

function setReview(store, patch) {
  store.set({ review: { ...reviewOf(store), ...patch } }, 'review');
}

let loadSeq = 0;

/**
 * loadReview fetches article id's layers and rejections. A first load
 * shows "loading"; a later one of the same article (quiet) keeps what is
 * shown until the answer comes. The candidate being decided and the mode
 * stay while the article does.
 */
export async function loadReview(store, id, fetcher = request) {
  const seq = ++loadSeq;
  const prev = reviewOf(store);
  const same = prev && prev.id === id;
  store.set(
    {
      review: {
        id,
        loading: true,
        error: same ? prev.error : '',
        status: same ? prev.status : 0,
        data: same ? prev.data : null,
        current: same ? prev.current : null,
        mode: prev ? prev.mode : 'merged',
        busy: same ? prev.busy : '',
      },
    },
    'review',
  );
  try {
    const data = await fetcher('GET', `/api/articles/${enc(id)}/review`);
    if (seq !== loadSeq) return;
    setReview(store, { loading: false, error: '', status: 0, data });
  } catch (err) {
    if (seq !== loadSeq) return;
    setReview(store, { loading: false, error: err.message, status: err.status || 0 });
  }
}

/** setCurrent makes the candidate keyed key the one being decided. */
export function setCurrent(store, key) {
  const R = reviewOf(store);
  if (R && R.current !== key) setReview(store, { current: key });
}

/** setMode shows the candidates merged in one list or each annotator side by side. */
export function setMode(store, mode) {
  if (reviewOf(store)) setReview(store, { mode: mode === 'layers' ? 'layers' : 'merged' });
}

/**
 * rejectCandidate records (undo false) or forgets (undo true) that
 * reviewers leave candidate c out of gold: shown at once, put back if
 * refused, then the layers are read again. It resolves to whether the
 * server took it.
 */
export async function rejectCandidate(store, c, undo = false, fetcher = request) {
  const R = reviewOf(store);
  if (!R || !R.data) return false;
  const id = R.id;
  const body = { start: c.start, end: c.end, label: c.label };
  const was = R.data.rejected || [];
  const key = candidateKey(c.start, c.end, c.label);
  const me = store.get().me;
  const others = was.filter((r) => candidateKey(r.start, r.end, r.label) !== key);
  const next = undo ? others : [...others, { ...body, by: me ? me.name : '', at: '' }];
  setReview(store, { data: { ...R.data, rejected: next } });
  try {
    const list = await fetcher(undo ? 'DELETE' : 'POST', `/api/articles/${enc(id)}/rejections`, body);
    const now = reviewOf(store);
    if (now && now.id === id && now.data) setReview(store, { data: { ...now.data, rejected: list || [] } });
    loadReview(store, id, fetcher);
    return true;
  } catch (err) {
    const now = reviewOf(store);
    if (now && now.id === id && now.data) setReview(store, { data: { ...now.data, rejected: was } });
    store.toast(`Could not ${undo ? 'undo the rejection' : 'reject it'}: ${err.message}`);
    return false;
  }
}

/**
 * acceptAgreedOnServer sends POST accept-agreed: the server creates in
 * gold every span all submitted layers hold (live, over the socket). It
 * resolves to how many it created, or null when refused.
 */
export async function acceptAgreedOnServer(store, fetcher = request) {
  const R = reviewOf(store);
  if (!R || R.busy) return null;
  setReview(store, { busy: 'agreed' });
  try {
    const res = await fetcher('POST', `/api/articles/${enc(R.id)}/accept-agreed`);
    return res ? res.accepted : 0;
  } catch (err) {
    store.toast(`Could not accept the agreed spans: ${err.message}`);
    return null;
  } finally {
    if (reviewOf(store)) setReview(store, { busy: '' });
  }
}

/**
 * markReviewed marks the article reviewed (locked for its annotators)
 * and, with next, opens the next article waiting for review. It resolves
 * to whether it was marked.
 */
export async function markReviewed(store, next = false, fetcher = request) {
  const R = reviewOf(store);
  if (!R || R.busy) return false;
  setReview(store, { busy: 'reviewed' });
  try {
    const res = await fetcher('PATCH', `/api/articles/${enc(R.id)}`, { status: 'reviewed' });
    const a = store.get().article;
    if (a && a.id === R.id) store.setArticleFields({ status: res.status, layers: res.layers || a.layers });
    const open = reviewOf(store);
    if (open && open.data) setReview(store, { data: { ...open.data, article: { ...open.data.article, status: res.status } } });
    if (!next) {
      store.toast('Marked reviewed: its annotators can no longer change it.', 'info');
      return true;
    }
    const to = await nextToReview(store, a ? a.project : null, R.id, fetcher);
    if (to) {
      if (typeof location !== 'undefined') location.hash = `#/articles/${to}/review`;
      store.toast('Marked reviewed. Here is the next article waiting for review.', 'info');
    } else {
      store.toast('Marked reviewed. No other article waits for review in this project.', 'info');
    }
    return true;
  } catch (err) {
    store.toast(`Could not mark it reviewed: ${err.message}`);
    return false;
  } finally {
    if (reviewOf(store)) setReview(store, { busy: '' });
  }
}

/** nextToReview returns the id of another submitted article of project, or null. */
export async function nextToReview(store, project, not, fetcher = request) {
  if (project == null) return null;
  const page = await fetcher('GET', `/api/articles?project=${enc(project)}&status=submitted&limit=3`);
  const a = ((page && page.articles) || []).find((x) => x.id !== not);
  return a ? a.id : null;
}

// ---- acting on the page ----

// deps are the page's parts bindReview was given: {store, edits, goto,
// select, reveal} (see bindReview).
let deps = null;

/**
 * reviewModel builds the review page's model from the store, once per
 * change of the layers or of gold.
 */
let memo = { data: null, rev: -1, k: 0, model: null };
export function reviewModel(store) {
  const R = reviewOf(store);
  if (!R || !R.data) return null;
  const s = store.get();
  const p = (s.projects || []).find((x) => x.id === (s.article ? s.article.project : R.data.article && R.data.article.project));
  const k = perArticle(p);
  if (memo.data !== R.data || memo.rev !== s.annRev || memo.k !== k || memo.store !== store) {
    const text = s.article && s.article.id === R.id ? s.article.text : undefined;
    memo = { data: R.data, rev: s.annRev, k, store, model: buildReview(R.data, s.article && s.article.id === R.id ? store.sorted() : [], { k, text }) };
  }
  return memo.model;
}

function current(store) {
  const R = reviewOf(store);
  const m = reviewModel(store);
  if (!R || !m) return { m, c: null };
  return { m, c: (R.current && m.byKey.get(R.current)) || null };
}

/** focusCandidate makes key current and shows it: scrolled to in the text and the list. */
export function focusCandidate(key) {
  if (!deps) return;
  setCurrent(deps.store, key);
  const m = reviewModel(deps.store);
  const c = key && m ? m.byKey.get(key) : null;
  if (c && deps.reveal) deps.reveal(c);
}

/** step goes to the next (by 1) or previous (by -1) open candidate. */
export function step(by) {
  if (!deps) return false;
  const { m, c } = current(deps.store);
  if (!m) return false;
  const to = stepOpen(m.candidates, c ? c.key : null, by);
  if (!to) {
    deps.store.toast(m.candidates.length ? 'Every candidate is decided: mark the article reviewed when gold is right.' : 'Nothing to review here.', 'info');
    return true;
  }
  deps.store.select(null);
  focusCandidate(to);
  return true;
}

/**
 * accept puts candidate key (the current one by default) into gold: an
 * ordinary create by this user, live and undoable, with the attributes
 * its annotators agree on. One gold holds already is opened there
 * instead. Where they gave an attribute different values the new span's
 * popover opens to choose; otherwise the next open candidate is next.
 */
export function accept(key) {
  if (!deps) return;
  const { store } = deps;
  const { m, c: cur } = current(store);
  const c = key ? m && m.byKey.get(key) : cur;
  if (!c) {
    step(1);
    return;
  }
  if (c.goldId != null) {
    setCurrent(store, c.key);
    deps.goto(c.goldId);
    return;
  }
  const next = afterDecision(m.candidates, c.key);
  const made = deps.edits.create({ start: c.start, end: c.end, label: c.label, attrs: { ...c.attrs } });
  if (c.state === 'rejected') rejectCandidate(store, c, true);
  if (c.conflicts.length) {
    setCurrent(store, c.key);
    const g = store.sorted().find((a) => a.id < 0 && a.start === c.start && a.end === c.end && a.label === c.label);
    if (g) deps.goto(g.id);
    store.toast(`Accepted. They differ on ${c.conflicts.map((cf) => conflictLine(cf)).join('; ')}: choose in the popover.`, 'info');
  } else if (next) {
    focusCandidate(next);
  } else {
    setCurrent(store, c.key);
  }
  return made;
}

/**
 * reject leaves candidate key (the current one by default) out of gold,
 * or, when it is rejected already, takes the rejection back. Rejecting
 * moves on to the next open candidate; the toast offers Undo.
 */
export function reject(key) {
  if (!deps) return;
  const { store } = deps;
  const { m, c: cur } = current(store);
  const c = key ? m && m.byKey.get(key) : cur;
  if (!c) {
    step(1);
    return;
  }
  if (c.state === 'accepted') {
    store.toast(`Gold holds this ${c.label}: delete it there (Delete, or Ctrl+Z if you just accepted it) to leave it out.`, 'info');
    return;
  }
  if (c.state === 'rejected') {
    rejectCandidate(store, c, true);
    return;
  }
  const next = afterDecision(m.candidates, c.key);
  rejectCandidate(store, c, false).then((ok) => {
    if (ok) store.toast(`Rejected ${c.label} “${short(c.text)}”.`, 'info', { label: 'Undo', run: () => rejectCandidate(store, c, true) });
  });
  if (next) focusCandidate(next);
}

function short(s) {
  const t = (s || '').replace(/\s+/g, ' ').trim();
  const cps = Array.from(t);
  return cps.length > 40 ? cps.slice(0, 39).join('') + '…' : t;
}

/**
 * acceptAgreed accepts every agreed candidate that is open (acceptAllPlan):
 * with POST accept-agreed, or, when some agreed ones were rejected, one
 * undoable create each, so that the rejected stay out.
 */
export async function acceptAgreed() {
  if (!deps) return;
  const { store } = deps;
  const m = reviewModel(store);
  if (!m) return;
  const plan = acceptAllPlan(m);
  if (plan.how === 'none') {
    store.toast(m.counts.agreed ? 'Every agreed candidate is decided already.' : 'No candidate is agreed by everyone.', 'info');
    return;
  }
  if (plan.how === 'local') {
    const list = m.candidates.filter((c) => c.kind === 'agreed' && c.state === 'open');
    deps.edits.createAll(list.map((c) => ({ start: c.start, end: c.end, label: c.label, attrs: { ...c.attrs } })));
    store.toast(`Accepted ${list.length} agreed ${list.length === 1 ? 'span' : 'spans'} (not the ${m.counts.agreedRejected} rejected). Ctrl+Z takes them away.`, 'info');
    return;
  }
  const n = await acceptAgreedOnServer(store);
  if (n === null) return;
  store.toast(n ? `Accepted ${n} agreed ${n === 1 ? 'span' : 'spans'} into gold.` : 'Gold held every agreed span already.', 'info');
  const R = reviewOf(store);
  const now = reviewModel(store);
  if (R && now && (!R.current || !now.byKey.has(R.current) || now.byKey.get(R.current).kind === 'agreed')) {
    // The agreed ones arrive over the socket; go on to what is left.
    const rest = now.candidates.map((c) => (c.kind === 'agreed' ? { ...c, state: 'accepted' } : c));
    const to = stepOpen(rest, null, 1);
    if (to) focusCandidate(to);
  }
}

/**
 * reviewed marks the article reviewed; with next (Ctrl+Enter), goes on to
 * the next article waiting for review. While candidates are open it asks
 * first (unless asked already: ask false).
 */
export function reviewed(next = false, ask = true) {
  if (!deps) return;
  const { store } = deps;
  const m = reviewModel(store);
  const open = m ? m.counts.open : 0;
  if (ask && open) {
    store.toast(`${open} candidate${open === 1 ? ' is' : 's are'} still open: they stay out of gold. Mark it reviewed anyway?`, 'ask', { label: 'Mark reviewed', run: () => markReviewed(store, next) });
    return;
  }
  return markReviewed(store, next);
}

/**
 * reviewing reports whether the store shows the review page of an
 * article a reviewer may review.
 */
export function reviewing(s) {
  return s.route.view === 'article' && !!s.route.review;
}

/** REFRESH is how often (ms) an open review reads the layers again, for other reviewers' rejections. */
export const REFRESH = 15000;

/**
 * bindReview wires the review page to the editor, once: loading the
 * layers when the route names a review, reading them again when gold
 * changes (debounced) and every REFRESH, and the keys. d: {store, edits,
 * goto(id): select and show a gold annotation, reveal(candidate): scroll
 * it into view, selection(): whether text is selected}.
 */
export function bindReview(d) {
  deps = d;
  const { store } = d;
  let loadedFor = null;
  let picked = null;
  let timer = 0;
  const again = (ms) => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      const s = store.get();
      if (reviewing(s) && reviewOf(store) && reviewOf(store).id === s.route.id) loadReview(store, s.route.id);
    }, ms);
  };
  store.addEventListener('change', (e) => {
    const s = store.get();
    const what = e.detail.what;
    if (!reviewing(s)) {
      loadedFor = null;
      return;
    }
    if (what === 'route' || what === 'projects' || what === 'article') {
      if (loadedFor !== s.route.id) {
        loadedFor = s.route.id;
        picked = null;
        loadReview(store, s.route.id);
      }
    }
    // The first look starts at the first open candidate, once both the
    // layers and gold are in (shown in the panel and tinted in the text,
    // not scrolled to).
    const R = reviewOf(store);
    if (picked !== s.route.id && R && R.id === s.route.id && R.data && s.article && s.article.id === R.id && ['live', 'rest'].includes(s.live.status)) {
      picked = R.id;
      if (R.current === null) {
        const m = reviewModel(store);
        const first = m && stepOpen(m.candidates, null, 1);
        if (first) setCurrent(store, first);
      }
    }
    // Gold changed (anyone's change, over the socket) or the socket is
    // back: the rejections and layers may have moved too.
    if (what === 'annotations' || what === 'article-meta') again(600);
    if (what === 'live' && s.live.status === 'live') again(50);
  });
  setInterval(() => {
    if (document.visibilityState === 'visible' && reviewing(store.get())) again(0);
  }, REFRESH);
  // Before the editor's own keys (capture): on the review page j, k, a, x
  // and Shift+A are the review's.
  document.addEventListener(
    'keydown',
    (e) => {
      const s = store.get();
      if (e.defaultPrevented || !reviewing(s) || s.help || !reviewModel(store)) return;
      const el = e.target;
      const editing = !!el && !!el.tagName && (/^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName) || el.isContentEditable) && !/^(button|checkbox|radio)$/.test(el.type || '');
      const a = reviewKey(e, { editing, hasSelection: d.selection(), labels: store.labels() });
      if (!a) return;
      e.preventDefault();
      e.stopPropagation();
      if (a.type === 'step') step(a.by);
      else if (a.type === 'accept') accept();
      else if (a.type === 'reject') reject();
      else if (a.type === 'accept-agreed') acceptAgreed();
      else if (a.type === 'reviewed') reviewed(true);
    },
    true,
  );
}
