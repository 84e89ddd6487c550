// Run with: node --test web/js/
// Relations (issue 10) without a browser: the schema's rules (which
// targets a span may link to), the state (confirmed relations, pending ops
// laid over them, refusals rolled back), then whole sessions against the
// fake server of live-fake.mjs taught relate and unrelate as the real one
// does them (a said_by relate followed by the update filling the quote's
// speaker; a delete preceded by an unrelate per link of the span).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FakeServer, MemoryStorage, PROJECT, TEXT, peer } from './live-fake.mjs';
import { OpQueue, neverSaved, wire } from './live-ops.js';
import { keyAction } from './keys.js';
import { flushStored, pendingKey } from './live-kept.js';
import {
  RelationBook,
  overlay,
  typesFrom,
  fitting,
  targetsFor,
  nearest,
  stepTarget,
  linkingPrompt,
  orWords,
  typeName,
  fillOf,
  linkCounts,
  relationsOf,
  parseRelationString,
  describeRelationChange,
  isRelationOp,
} from './relations.js';

// The default project's relation types, and a SPEAKER label for them.
const TYPES = [
  { name: 'said_by', from: ['QUOTE'], to: ['SPEAKER'], fill: 'speaker' },
  { name: 'supported_by', from: ['CLAIM'], to: ['QUOTE', 'CLAIM'] },
];
PROJECT.labels.push({ name: 'SPEAKER', color: '#059669', hotkey: 's', attrs: [] });
PROJECT.relations = TYPES;

const cp = (s) => [...s].length;
// at returns the code-point span of the first place s occurs in TEXT.
function at(s) {
  const i = TEXT.indexOf(s);
  assert.ok(i >= 0, s);
  const start = cp(TEXT.slice(0, i));
  return { start, end: start + cp(s) };
}
const slice = (a, b) => [...TEXT].slice(a, b).join('');

// ---- the schema ----

const A = (id, label, start, end) => ({ id, label, start, end, text: slice(start, end), attrs: {} });

test('targetsFor offers only what the schema allows, not linked yet, not itself', () => {
  const q = A(1, 'QUOTE', 8, 15);
  const xi = A(2, 'SPEAKER', 0, 2);
  const putin = A(3, 'SPEAKER', 20, 25);
  const c1 = A(4, 'CLAIM', 20, 38);
  const c2 = A(5, 'CLAIM', 48, 63);
  const anns = [xi, q, putin, c1, c2];
  const none = new Map();
  assert.deepEqual(targetsFor(TYPES, q, anns, none).map((t) => [t.annotation.id, t.types]), [[2, ['said_by']], [3, ['said_by']]]);
  // A CLAIM is supported by QUOTEs and other CLAIMs, never by itself.
  assert.deepEqual(targetsFor(TYPES, c1, anns, none).map((t) => t.annotation.id), [1, 5]);
  // Nothing starts at a SPEAKER.
  assert.deepEqual(targetsFor(TYPES, xi, anns, none), []);
  assert.deepEqual(typesFrom(TYPES, 'SPEAKER'), []);
  // What is linked already is not offered again.
  const rels = new Map([[9, { id: 9, type: 'said_by', from: 1, to: 3 }]]);
  assert.deepEqual(targetsFor(TYPES, q, anns, rels).map((t) => t.annotation.id), [2]);
  assert.deepEqual(fitting(TYPES, q, putin, rels), []);
  assert.deepEqual(fitting(TYPES, q, q, none), []);
  // Two types may fit one pair: the editor then asks which.
  const both = [...TYPES, { name: 'cites', from: ['CLAIM'], to: ['QUOTE'] }];
  assert.deepEqual(fitting(both, c1, q, none), ['supported_by', 'cites']);
});

test('nearest, stepTarget and the words of the linking mode', () => {
  const q = A(1, 'QUOTE', 8, 15);
  const ts = [A(2, 'SPEAKER', 0, 2), A(3, 'SPEAKER', 20, 25), A(6, 'SPEAKER', 48, 55)];
  assert.equal(nearest(q, ts), 1); // 5 code points after beats 6 before
  assert.equal(nearest(A(1, 'QUOTE', 10, 16), ts), 1);
  assert.equal(nearest(A(1, 'QUOTE', 2, 8), ts), 0); // right before it: 0 code points away
  assert.equal(stepTarget(ts, 3, 1), 6);
  assert.equal(stepTarget(ts, 6, 1), 2); // round
  assert.equal(stepTarget(ts, 2, -1), 6);
  assert.equal(stepTarget(ts, 99, 1), 2);
  assert.equal(stepTarget([], 2, 1), null);
  assert.equal(linkingPrompt(TYPES, q), 'choose its SPEAKER');
  assert.equal(linkingPrompt(TYPES, A(4, 'CLAIM', 0, 1)), 'choose a QUOTE or CLAIM');
  assert.equal(orWords(['A', 'B', 'C', 'B']), 'A, B or C');
  assert.equal(typeName('said_by'), 'said by');
});

test('fillOf, linkCounts, relationsOf and the history words', () => {
  const q = { ...A(1, 'QUOTE', 8, 15), attrs: { speaker: 'Xi' } };
  const putin = A(3, 'SPEAKER', 20, 25);
  assert.deepEqual(fillOf(TYPES[0], q, putin), { id: 1, attr: 'speaker', before: 'Xi', after: 'Putin' });
  assert.equal(fillOf(TYPES[0], { ...q, attrs: { speaker: 'Putin' } }, putin), null); // holds it already
  assert.equal(fillOf(TYPES[1], q, putin), null); // fills nothing
  const rels = new Map([
    [9, { id: 9, type: 'said_by', from: 1, to: 3 }],
    [-4, { id: -4, type: 'supported_by', from: 4, to: 1, pending: true }],
    [7, { id: 7, type: 'said_by', from: 1, to: 2 }],
  ]);
  assert.deepEqual(relationsOf(rels, 1).map((r) => r.id), [7, 9, -4]); // saved first, then pending
  assert.deepEqual(relationsOf(rels, 1, (id) => id !== 2).map((r) => r.id), [9, -4]); // an end gone: left out
  assert.deepEqual([...linkCounts(rels)].sort((a, b) => a[0] - b[0]), [[1, 3], [2, 1], [3, 1], [4, 1]]);
  assert.deepEqual(parseRelationString('said_by 12 → 14'), { type: 'said_by', from: 12, to: 14 });
  assert.equal(parseRelationString('nonsense'), null);
  const find = (id) => (id === 14 ? { id: 14, label: 'SPEAKER', text: 'Wang Wenbin' } : null);
  assert.deepEqual(describeRelationChange({ old: null, new: 'said_by 12 → 14' }, 12, find), { verb: 'linked it:', fields: ['said by → SPEAKER “Wang Wenbin”'] });
  assert.deepEqual(describeRelationChange({ old: 'said_by 12 → 14', new: null }, 14, () => null), { verb: 'removed the link:', fields: ['annotation 12 said by this'] });
});

test('keyAction: r links the selected annotation, unless a label has r', () => {
  const ev = (key, o = {}) => ({ key, ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, ...o });
  const ctx = (o = {}) => ({ view: 'article', editing: false, labels: PROJECT.labels, hasSelection: false, selectedId: 4, ...o });
  assert.deepEqual(keyAction(ev('r'), ctx()), { type: 'link' });
  assert.equal(keyAction(ev('r'), ctx({ selectedId: null })), null);
  assert.equal(keyAction(ev('r'), ctx({ editing: true })), null);
  assert.equal(keyAction(ev('r', { ctrlKey: true }), ctx()), null);
  assert.deepEqual(keyAction(ev('r'), ctx({ labels: [...PROJECT.labels, { name: 'RUMOUR', hotkey: 'r' }] })), { type: 'label', label: 'RUMOUR' });
});

// ---- the state ----

test('RelationBook: a removed relation never comes back, whatever arrives after', () => {
  const b = new RelationBook();
  assert.equal(b.known, false);
  assert.equal(b.apply({ action: 'relate', relation: { id: 5, type: 'said_by', from: 1, to: 2 } }), true);
  assert.equal(b.apply({ action: 'relate', relation: { id: 5, type: 'said_by', from: 1, to: 2 } }), false); // twice: once
  assert.equal(b.apply({ action: 'unrelate', relation: { id: 5 } }), true);
  // A list fetched before the unrelate, answered after it: 5 stays gone.
  b.merge([{ id: 5, type: 'said_by', from: 1, to: 2 }, { id: 6, type: 'said_by', from: 1, to: 3 }]);
  assert.deepEqual([...b.confirmed.keys()], [6]);
  assert.equal(b.known, true);
  assert.equal(b.apply({ action: 'relate', relation: { id: 5, type: 'said_by', from: 1, to: 2 } }), false); // an old ack
  b.full([{ id: 7, type: 'said_by', from: 1, to: 4 }, { id: 5 }]);
  assert.deepEqual([...b.confirmed.keys()], [7]);
  assert.equal(b.apply({ action: 'update', annotation: {} }), false);
});

test('overlay lays pending relates and unrelates over the confirmed ones', () => {
  const confirmed = new Map([[5, { id: 5, type: 'said_by', from: 1, to: 2 }]]);
  const ops = [
    { op_id: 's-1', action: 'relate', id: -3, fields: { type: 'said_by', from: 1, to: 4 }, user: 'ann', at: 't' },
    { op_id: 's-2', action: 'unrelate', id: 5, fields: {} },
  ];
  const m = overlay(confirmed, ops);
  assert.deepEqual([...m.keys()], [-3]);
  assert.deepEqual(m.get(-3), { id: -3, type: 'said_by', from: 1, to: 4, author: 'ann', created_at: 't', version: 0, pending: true });
  assert.equal(confirmed.size, 1); // untouched
  // Relating and unrelating one pending relation shows nothing.
  assert.equal(overlay(confirmed, [ops[0], { action: 'unrelate', id: -3 }]).has(-3), false);
});

test('wire, rename and neverSaved know relation ops', () => {
  const rel = { op_id: 'x-1', action: 'relate', id: -3, fields: { type: 'said_by', from: -1, to: 8 } };
  const un = { op_id: 'x-2', action: 'unrelate', id: -3, fields: {} };
  assert.deepEqual(wire(rel), { type: 'op', op_id: 'x-1', action: 'relate', relation: { type: 'said_by', from: -1, to: 8 } });
  assert.deepEqual(wire(un), { type: 'op', op_id: 'x-2', action: 'unrelate', relation: { id: -3 } });
  assert.equal(neverSaved(rel), 'the annotation was never saved');
  assert.equal(neverSaved(un), 'the link was never saved');
  const q = new OpQueue([{ op_id: 'x-0', action: 'create', id: -1, fields: {} }, rel, un]);
  assert.equal(q.rename(-1, 41), 2); // the create and the relate's start
  assert.deepEqual(rel.fields, { type: 'said_by', from: 41, to: 8 });
  assert.equal(neverSaved(rel), '');
  q.rename(-3, 50); // the relation's real id: the unrelate names it
  assert.equal(un.id, 50);
  assert.equal(neverSaved(un), '');
  assert.ok(isRelationOp(un) && !isRelationOp(q.ops[0]));
});

// ---- sessions ----

// RelServer is the fake server with relations, as storage/relations.go
// makes them.
class RelServer extends FakeServer {
  constructor() {
    super();
    this.rels = new Map();
  }

  relations() {
    return [...this.rels.values()].map((r) => ({ ...r })).sort((a, b) => a.id - b.id);
  }

  join(c, since) {
    if (since > 0 && since <= this.version && this.version - since <= 1000) return super.join(c, since);
    c.joined = true;
    c.deliver({ type: 'welcome', version: this.version, you: { name: c.user, color: '#e11d48' }, annotations: this.annotations(), relations: this.relations() });
    this.presence();
  }

  log1(op, opId = '') {
    this.log.push({ ...op, opId });
    return op;
  }

  // relate commits a relate (and the said_by fill after it): [ops, error, code].
  relate(user, opId, f) {
    const key = `${user}\0${opId}`;
    if (opId && this.opids.has(key)) return [[this.opids.get(key)], null, '', true];
    const from = this.anns.get(f.from);
    const to = this.anns.get(f.to);
    if (!from || !to) return [null, `annotation ${!from ? f.from : f.to} (the relation's ${!from ? 'from' : 'to'}) not found in article 7`, 'not_found'];
    const t = TYPES.find((x) => x.name === f.type);
    if (!t) return [null, `unknown relation type "${f.type}"`, 'invalid'];
    if (!t.from.includes(from.label)) return [null, `${t.name} starts at a ${t.from.join(' or ')}, not a ${from.label}`, 'invalid'];
    if (!t.to.includes(to.label)) return [null, `${t.name} points to a ${t.to.join(' or ')}, not a ${to.label}`, 'invalid'];
    if (this.ownOnly && from.author !== user) return [null, `annotation ${from.id} is ${from.author}'s: you may link only your own in this project (annotators_edit_all is off)`, 'forbidden'];
    for (const r of this.rels.values()) if (r.type === t.name && r.from === from.id && r.to === to.id) return [null, `annotation ${from.id} is already ${t.name} annotation ${to.id} (relation ${r.id})`, 'conflict'];
    const r = { id: ++this.seq, article: 7, type: t.name, from: from.id, to: to.id, author: user, version: ++this.version };
    this.rels.set(r.id, r);
    const ops = [this.log1({ version: r.version, action: 'relate', relation: { ...r }, author: user }, opId)];
    if (t.fill && from.attrs[t.fill] !== to.text) {
      const an = { ...from, attrs: { ...from.attrs, [t.fill]: to.text }, version: ++this.version, updated_by: user };
      this.anns.set(an.id, an);
      ops.push(this.log1({ version: an.version, action: 'update', annotation: { ...an }, author: user }));
    }
    if (opId) this.opids.set(key, ops[0]);
    return [ops, null];
  }

  unrelate(user, opId, id) {
    const key = `${user}\0${opId}`;
    if (opId && this.opids.has(key)) return [[this.opids.get(key)], null, '', true];
    const r = this.rels.get(id);
    if (!r) return [null, `relation ${id} not found in article 7`, 'not_found'];
    if (this.ownOnly && r.author !== user) return [null, `relation ${id} is ${r.author}'s: you may remove only your own in this project (annotators_edit_all is off)`, 'forbidden'];
    this.rels.delete(id);
    const op = this.log1({ version: ++this.version, action: 'unrelate', relation: { ...r }, author: user }, opId);
    if (opId) this.opids.set(key, op);
    return [[op], null];
  }

  // unrelateAll takes away annotation id's links before its delete.
  unrelateAll(user, id) {
    const out = [];
    for (const r of [...this.rels.values()]) {
      if (r.from !== id && r.to !== id) continue;
      this.rels.delete(r.id);
      out.push(this.log1({ version: ++this.version, action: 'unrelate', relation: { ...r }, author: user }));
    }
    return out;
  }

  op(c, m) {
    if (m.action === 'relate' || m.action === 'unrelate') {
      const [ops, err, code, replay] = m.action === 'relate' ? this.relate(c.user, m.op_id, m.relation) : this.unrelate(c.user, m.op_id, m.relation.id);
      if (err) return c.deliver({ type: 'error', op_id: m.op_id, code, error: err });
      if (replay) return c.deliver({ type: 'ack', op_id: m.op_id, ...ops[0] });
      ops.forEach((op, i) => this.broadcast(op, i === 0 ? c : null, m.op_id));
      return;
    }
    if (m.action === 'delete') {
      const cur = this.anns.get(m.annotation.id);
      const ok = cur && !(m.annotation.if_version && cur.version !== m.annotation.if_version) && !(this.ownOnly && cur.author !== c.user) && !this.opids.has(`${c.user}\0${m.op_id}`);
      if (ok) for (const op of this.unrelateAll(c.user, cur.id)) this.broadcast(op, null, '');
    }
    return super.op(c, m);
  }

  rest(user) {
    const api = super.rest(user);
    const fail = (err, code) => Promise.reject(Object.assign(new Error(err), { status: { not_found: 404, conflict: 409, forbidden: 403 }[code] || 400 }));
    return {
      ...api,
      relations: () => Promise.resolve(this.relations()),
      createRelation: (art, b) => {
        const [ops, err, code, replay] = this.relate(user, b.op_id, b);
        if (err) return fail(err, code);
        if (!replay) for (const op of ops) this.broadcast(op, null, '');
        return Promise.resolve({ ...ops[0].relation });
      },
      deleteRelation: (art, id, opId) => {
        const [ops, err, code, replay] = this.unrelate(user, opId, id);
        if (err) return fail(err, code);
        if (!replay) for (const op of ops) this.broadcast(op, null, '');
        return Promise.resolve(null);
      },
    };
  }
}

// seed puts an annotation in the server as user (before anyone opens).
function seed(server, label, text, user = 'ann', attrs = {}) {
  const [op] = server.commit(user, '', 'create', { ...at(text), label, attrs });
  return op.annotation.id;
}

const rels = (store) => [...store.get().relations.values()].map((r) => `${r.id} ${r.type} ${r.from}→${r.to}${r.pending ? ' pending' : ''}`).sort();
const truthRels = (server) => server.relations().map((r) => `${r.id} ${r.type} ${r.from}→${r.to}`).sort();

function twoPeers() {
  const server = new RelServer();
  const q = seed(server, 'QUOTE', '“peace”');
  const xi = seed(server, 'SPEAKER', 'Xi');
  const putin = seed(server, 'SPEAKER', 'Putin');
  const a = peer(server, 'ann');
  const b = peer(server, 'ben');
  a.open();
  b.open();
  return { server, a, b, q, xi, putin };
}

test('a link shows at once, then under its real id everywhere; said_by fills the speaker', () => {
  const { server, a, b, q, putin } = twoPeers();
  const r = a.history.relate({ type: 'said_by', from: q, to: putin });
  assert.ok(r instanceof Promise);
  const [shownNow] = a.store.get().relations.values();
  assert.ok(shownNow.id < 0 && shownNow.pending, 'a temporary id, pending');
  const opId = a.live.queue.ops[0].op_id;
  server.flush();
  assert.deepEqual(server.received.filter(([, m]) => m.type === 'op').map(([, m]) => m), [{ type: 'op', op_id: opId, action: 'relate', relation: { type: 'said_by', from: q, to: putin } }]);
  const [real] = server.relations();
  assert.ok(real.id > 0);
  assert.deepEqual(rels(a.store), [`${real.id} said_by ${q}→${putin}`]);
  assert.deepEqual(rels(b.store), rels(a.store));
  assert.equal(a.history.resolve(shownNow.id), real.id);
  // The fill came as an ordinary update after the relate.
  assert.equal(a.store.annotation(q).attrs.speaker, 'Putin');
  assert.equal(b.store.annotation(q).attrs.speaker, 'Putin');
  // Versions went on through both kinds of op, contiguous.
  assert.equal(a.live.versions.v, server.version);
  assert.equal(b.live.versions.v, server.version);
  assert.equal(a.store.get().article.version >= server.version - 1, true);
  assert.equal(a.live.pending, 0);
  assert.equal(a.storage.getItem(pendingKey(7)), null);
  a.done();
  b.done();
});

test('a refused link is rolled back, with the server’s message', () => {
  const { server, a, b, q, putin } = twoPeers();
  server.ownOnly = true;
  const before = a.store.get().relRev;
  b.history.relate({ type: 'said_by', from: q, to: putin }); // ann's QUOTE: refused by the server
  assert.equal(b.store.get().relations.size, 1); // shown at once
  server.flush();
  assert.equal(b.store.get().relations.size, 0);
  assert.equal(b.store.get().toast.message, `Could not link: annotation ${q} is ann's: you may link only your own in this project (annotators_edit_all is off)`);
  assert.equal(b.history.undoStack.length, 0); // nothing to undo
  assert.deepEqual(truthRels(server), []);
  assert.equal(a.store.get().relRev, before); // ann saw nothing
  // Twice the same link: the second is refused as a duplicate.
  a.history.relate({ type: 'said_by', from: q, to: putin });
  a.history.relate({ type: 'said_by', from: q, to: putin });
  assert.equal(a.store.get().relations.size, 2);
  server.flush();
  assert.match(a.store.get().toast.message, /^Could not link: annotation \d+ is already said_by annotation \d+/);
  assert.deepEqual(rels(a.store), truthRels(server));
  assert.equal(a.history.undoStack.length, 1);
  assert.equal(a.live.versions.v, server.version);
  a.done();
  b.done();
});

test('the editor refuses before sending what the rights or the schema forbid', () => {
  const { server, a, b, q, putin } = twoPeers();
  b.store.state.projects = [{ ...PROJECT, can: ['annotate'] }]; // ben may change only his own
  const sent = server.received.length;
  b.history.relate({ type: 'said_by', from: q, to: putin });
  assert.match(b.store.get().toast.message, /^Could not link: ann's annotation: in this project you may change only your own/);
  assert.equal(b.store.get().relations.size, 0);
  server.flush();
  assert.equal(server.received.length - sent, 0);
  a.done();
  b.done();
});

test('unrelate by one shows in both; undo and redo cover relate and unrelate', () => {
  const { server, a, b, q, xi, putin } = twoPeers();
  a.history.relate({ type: 'said_by', from: q, to: putin });
  server.flush();
  const [r1] = server.relations();
  // Undo the link: gone, and the speaker it filled is put back (not set).
  a.history.undo();
  server.flush();
  assert.deepEqual(truthRels(server), []);
  assert.deepEqual(rels(b.store), []);
  assert.equal(server.anns.get(q).attrs.speaker, undefined);
  assert.equal(b.store.annotation(q).attrs.speaker, undefined);
  // Redo links again (a new relation) and fills again.
  a.history.redo();
  server.flush();
  const [r2] = server.relations();
  assert.ok(r2.id !== r1.id);
  assert.equal(server.anns.get(q).attrs.speaker, 'Putin');
  assert.deepEqual(rels(b.store), [`${r2.id} said_by ${q}→${putin}`]);
  // Remove it (×), undo the removal, redo it.
  a.history.unrelate(r2.id);
  server.flush();
  assert.deepEqual(rels(b.store), []);
  a.history.undo();
  server.flush();
  const [r3] = server.relations();
  assert.deepEqual(rels(b.store), [`${r3.id} said_by ${q}→${putin}`]);
  a.history.redo();
  server.flush();
  assert.deepEqual(truthRels(server), []);
  // A second link, to Xi, is its own undo step.
  a.history.relate({ type: 'said_by', from: q, to: xi });
  server.flush();
  assert.equal(server.anns.get(q).attrs.speaker, 'Xi');
  assert.deepEqual(rels(a.store), truthRels(server));
  assert.deepEqual(rels(b.store), truthRels(server));
  assert.equal(a.live.versions.v, server.version);
  assert.equal(b.live.versions.v, server.version);
  a.done();
  b.done();
});

test('undoing a link someone removed does nothing, and says so', () => {
  const { server, a, b, q, putin } = twoPeers();
  a.history.relate({ type: 'said_by', from: q, to: putin });
  server.flush();
  const [r] = server.relations();
  b.history.unrelate(r.id);
  server.flush();
  assert.deepEqual(rels(a.store), []);
  const sent = server.received.length;
  a.history.undo();
  assert.equal(a.store.get().toast.message, 'Nothing to undo: the said by link was removed already.');
  assert.equal(a.store.get().toast.kind, 'info');
  assert.equal(a.history.undoStack.length, 0);
  assert.equal(a.history.redoStack.length, 0);
  server.flush();
  assert.equal(server.received.length, sent); // nothing went out
  // Undoing ben's unrelate while ann has relinked: nothing to send either.
  a.history.relate({ type: 'said_by', from: q, to: putin });
  server.flush();
  b.history.undo();
  assert.equal(b.store.get().toast.message, 'Nothing to undo: the said by link is there already.');
  server.flush();
  assert.equal(server.relations().length, 1);
  a.done();
  b.done();
});

test('deleting a span takes its links away in both tabs; undoing the delete links it again', () => {
  const { server, a, b, q, putin } = twoPeers();
  a.history.relate({ type: 'said_by', from: q, to: putin });
  server.flush();
  a.history.remove(putin);
  // At once: the span is gone, and so is the link to it, on screen.
  assert.deepEqual(linkCounts(a.store.get().relations, (id) => a.store.annotation(id)).size, 0);
  server.flush();
  assert.deepEqual(truthRels(server), []);
  assert.deepEqual(rels(a.store), []);
  assert.deepEqual(rels(b.store), []);
  assert.equal(b.store.annotation(putin), null);
  // The server sent an unrelate before the delete: versions still follow.
  const ops = server.log.slice(-2).map((o) => o.action);
  assert.deepEqual(ops, ['unrelate', 'delete']);
  assert.equal(a.live.versions.v, server.version);
  assert.equal(b.live.versions.v, server.version);
  a.history.undo();
  server.flush();
  const sp = server.annotations().find((x) => x.label === 'SPEAKER' && x.start === at('Putin').start);
  assert.ok(sp && sp.id !== putin);
  assert.deepEqual(truthRels(server).map((x) => x.replace(/^\d+ /, '')), [`said_by ${q}→${sp.id}`]);
  assert.deepEqual(rels(b.store), truthRels(server));
  a.done();
  b.done();
});

test('a link to a span not saved yet goes out after its create, with its real id', () => {
  const { server, a, b, q } = twoPeers();
  const made = a.live.create({ ...at('The ICC'), label: 'SPEAKER', attrs: {} });
  a.history.relate({ type: 'said_by', from: q, to: made.annotation.id });
  assert.equal(a.live.pending, 2);
  server.flush();
  const icc = server.annotations().find((x) => x.text === 'The ICC');
  assert.deepEqual(truthRels(server).map((x) => x.replace(/^\d+ /, '')), [`said_by ${q}→${icc.id}`]);
  const sent = server.received.filter(([u, m]) => u === 'ann' && m.type === 'op').map(([, m]) => m.action + (m.relation ? ` ${m.relation.to}` : ''));
  assert.deepEqual(sent, ['create', `relate ${icc.id}`]);
  assert.deepEqual(rels(a.store), truthRels(server));
  assert.deepEqual(rels(b.store), truthRels(server));
  assert.equal(b.store.annotation(q).attrs.speaker, 'The ICC');
  a.done();
  b.done();
});

test('a catch-up welcome brings no relations: they are fetched, and merged with the ops', async () => {
  const server = new RelServer();
  const q = seed(server, 'QUOTE', '“peace”');
  const putin = seed(server, 'SPEAKER', 'Putin');
  const xi = seed(server, 'SPEAKER', 'Xi');
  server.relate('ben', '', { type: 'said_by', from: q, to: putin });
  // ann's page has the annotations (REST) at the newest version: the
  // socket catches up from there, without the state.
  const a = peer(server, 'ann');
  let fetched = 0;
  let answer = null;
  a.live.api = { ...a.live.api, relations: () => (fetched++, new Promise((resolve) => (answer = resolve))) };
  server.relate('ben', '', { type: 'said_by', from: q, to: xi }); // after the page's fetch: in the catch-up
  a.open();
  assert.equal(fetched, 1);
  const [r1, r2] = server.relations();
  assert.deepEqual(rels(a.store), [`${r2.id} said_by ${q}→${xi}`]); // the catch-up's; the list is on its way
  // The list is read now; ben removes the first before it arrives.
  const list = server.relations();
  const [ops] = server.unrelate('ben', '', r1.id);
  server.broadcast(ops[0], null, '');
  server.flush();
  answer(list);
  await new Promise((resolve) => setTimeout(resolve, 0));
  assert.deepEqual(rels(a.store), [`${r2.id} said_by ${q}→${xi}`]); // r1 does not come back
  assert.equal(a.live.rel.known, true);
  assert.equal(a.live.versions.v, server.version);
  // A drop and a catch-up later: no second fetch, and nothing missed.
  server.drop(server.client('ann'));
  server.relate('ben', '', { type: 'said_by', from: q, to: putin });
  server.flush();
  a.timers.advance(20000);
  server.flush();
  assert.equal(fetched, 1);
  assert.deepEqual(rels(a.store), truthRels(server));
  a.done();
});

test('links made offline are kept, restored after a reload and sent once', () => {
  const { server, a, q, putin } = twoPeers();
  a.live.offline(true);
  server.flush();
  a.history.create({ ...at('The ICC'), label: 'SPEAKER' });
  const icc = a.store.sorted().find((x) => x.id < 0);
  a.history.relate({ type: 'said_by', from: q, to: icc.id });
  a.history.relate({ type: 'said_by', from: q, to: putin });
  assert.equal(a.live.pending, 3);
  const kept = JSON.parse(a.storage.getItem(pendingKey(7)));
  assert.deepEqual(kept.ops.map((o) => o.action), ['create', 'relate', 'relate']);
  a.done();
  // A reload: a new page with the same storage lays them over again.
  const a2 = peer(server, 'ann', { storage: a.storage, sessionStorage: new MemoryStorage() });
  a2.live.open(a2.store.get().article, { name: 'ann' });
  assert.equal(a2.store.get().relations.size, 2);
  assert.ok([...a2.store.get().relations.values()].every((r) => r.pending));
  server.flush();
  const iccReal = server.annotations().find((x) => x.text === 'The ICC');
  assert.deepEqual(truthRels(server).map((x) => x.replace(/^\d+ /, '')).sort(), [`said_by ${q}→${iccReal.id}`, `said_by ${q}→${putin}`].sort());
  assert.deepEqual(rels(a2.store), truthRels(server));
  assert.equal(a2.storage.getItem(pendingKey(7)), null);
  a2.done();
});

test('flushStored sends kept links of an article that is not open over REST', async () => {
  const server = new RelServer();
  const q = seed(server, 'QUOTE', '“peace”');
  const putin = seed(server, 'SPEAKER', 'Putin');
  const storage = new MemoryStorage();
  storage.setItem(
    pendingKey(7),
    JSON.stringify({
      v: 1,
      base: server.version,
      ops: [
        { op_id: 's-1', action: 'create', id: -1, fields: { ...at('The ICC'), label: 'SPEAKER', attrs: {} }, user: 'ann' },
        { op_id: 's-2', action: 'relate', id: -2, fields: { type: 'said_by', from: q, to: -1 }, user: 'ann' },
        { op_id: 's-3', action: 'relate', id: -3, fields: { type: 'said_by', from: q, to: putin }, user: 'ann' },
        { op_id: 's-4', action: 'unrelate', id: -3, fields: {}, user: 'ann' },
      ],
    }),
  );
  const refused = await flushStored(storage, server.rest('ann'), 7, 'ann');
  assert.deepEqual(refused, []);
  const icc = server.annotations().find((x) => x.text === 'The ICC');
  assert.deepEqual(truthRels(server).map((x) => x.replace(/^\d+ /, '')), [`said_by ${q}→${icc.id}`]);
  assert.equal(storage.getItem(pendingKey(7)), null);
});

test('without live (refused for good), links go over REST, fetched once', async () => {
  const server = new RelServer();
  const q = seed(server, 'QUOTE', '“peace”');
  const putin = seed(server, 'SPEAKER', 'Putin');
  server.relate('ben', '', { type: 'said_by', from: q, to: seed(server, 'SPEAKER', 'Xi') });
  class Refused {
    constructor() {
      setTimeout(() => this.onclose && this.onclose({ code: 1006 }), 0);
    }
    send() {}
    close() {}
  }
  const api = { ...server.rest('ann'), liveProbe: () => Promise.reject(Object.assign(new Error('not found'), { status: 404 })) };
  const a = peer(server, 'ann', { WebSocket: Refused, api });
  a.open();
  await new Promise((r) => setTimeout(r, 5));
  assert.equal(a.store.get().live.status, 'rest');
  assert.deepEqual(rels(a.store), truthRels(server)); // ben's, fetched
  const made = await a.history.relate({ type: 'said_by', from: q, to: putin });
  assert.ok(made && made.id > 0);
  assert.deepEqual(rels(a.store), truthRels(server));
  assert.equal(await a.history.unrelate(made.id) !== null, true);
  assert.deepEqual(rels(a.store), truthRels(server));
  assert.equal(truthRels(server).length, 1);
  // A refusal over REST: rolled back, said, and the truth fetched again.
  const dup = await a.history.relate({ type: 'said_by', from: q, to: server.relations()[0].to });
  assert.equal(dup, null);
  assert.match(a.store.get().toast.message, /^Could not link: annotation \d+ is already said_by/);
  await new Promise((r) => setTimeout(r, 5));
  assert.deepEqual(rels(a.store), truthRels(server));
  a.done();
});
