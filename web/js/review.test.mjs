// Run with: node --test web/js/
// Nobody's work vanishes: merge patches, undo field by field, asking
// before deleting a colleague's work, conditional changes, the colleague
// note, the close codes; the pure parts first, then sessions against the
// fake server (live-fake.mjs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diff, patchOf, mergeAttrs, valueOf, names } from './ann-fields.js';
import { applyOp, wire } from './live-ops.js';
import { planRevert, editedSince, skipNote, askNote, changes } from './undo-plan.js';
import { describeEntry, relTime } from './render-review.js';
import { mayChange } from './perm.js';
import { FakeServer, MemoryStorage, PROJECT, peer, truth, annAndBen } from './live-fake.mjs';
import { pendingKey } from './live-kept.js';
import { SIGNED_OUT_WAIT, BACKOFF_MAX } from './live-socket.js';

// ---- pure parts ----

test('fields: diff, merge patches and their values', () => {
  const a = { start: 0, end: 4, label: 'CLAIM', attrs: { verdict: 'true', note: 'x' } };
  const b = { start: 0, end: 5, label: 'CLAIM', attrs: { verdict: 'false', checkworthy: 'yes' } };
  assert.deepEqual(diff(a, b), [
    { field: 'end', old: 4, new: 5 },
    { field: 'attrs.note', old: 'x', new: null },
    { field: 'attrs.verdict', old: 'true', new: 'false' },
    { field: 'attrs.checkworthy', old: null, new: 'yes' },
  ]);
  assert.deepEqual(patchOf({ 'attrs.note': null, 'attrs.verdict': 'true', end: 4 }), { attrs: { note: null, verdict: 'true' }, end: 4 });
  assert.deepEqual(mergeAttrs({ a: '1', b: '2' }, { a: null, b: '', c: '3' }), { c: '3' });
  assert.equal(valueOf(a, 'attrs.missing'), null);
  assert.equal(valueOf({ attrs: { n: '' } }, 'attrs.n'), null, 'an empty value is not set');
  assert.equal(names(['attrs.verdict', 'attrs.note', 'label']), 'verdict, note and label');
  assert.equal(changes(a, { attrs: { note: 'x' } }), false);
  assert.equal(changes(a, { attrs: { note: null } }), true);
  assert.equal(changes(a, { attrs: { other: '' } }), false, 'clearing what is not set changes nothing');
});

test('applyOp merges an attrs patch as the server does, and a relabel keeps only the new label\'s attributes', () => {
  const ctx = { article: { id: 7, text: 'abcdef' }, author: 'ann', attrNames: (l) => (l === 'QUOTE' ? ['speaker'] : ['verdict', 'note']) };
  const cur = { id: 9, article: 7, start: 0, end: 2, label: 'CLAIM', attrs: { verdict: 'true', note: 'keep' }, version: 3 };
  const u = { action: 'update', id: 9, fields: { attrs: { verdict: null } }, user: 'ann' };
  assert.deepEqual(applyOp(cur, u, ctx).attrs, { note: 'keep' });
  assert.deepEqual(wire({ op_id: 'x', ...u }).annotation, { id: 9, attrs: { verdict: null } }, 'null goes out: it removes the key');
  const relabel = applyOp(cur, { action: 'update', id: 9, fields: { label: 'QUOTE', attrs: { speaker: 'Xi' } } }, ctx);
  assert.deepEqual(relabel.attrs, { speaker: 'Xi' });
  const back = applyOp(relabel, { action: 'update', id: 9, fields: { label: 'CLAIM', attrs: { verdict: 'true', note: 'keep', speaker: null } } }, ctx);
  assert.deepEqual(back.attrs, { verdict: 'true', note: 'keep' }, 'an undo of a relabel brings back the dropped attributes');
});

test('wire: if_version only on conditional updates and deletes that know a version', () => {
  const op = { op_id: 's-1', action: 'update', id: 5, fields: { label: 'QUOTE' }, seen: 12 };
  assert.equal(wire(op).annotation.if_version, undefined, 'a plain edit is not conditional');
  assert.equal(wire({ ...op, cond: true }).annotation.if_version, 12);
  assert.equal(wire({ ...op, action: 'delete', fields: {}, cond: true }).annotation.if_version, 12);
  assert.equal(wire({ ...op, cond: true, seen: 0 }).annotation.if_version, undefined);
});

test('planRevert: only fields that still hold this user\'s value go back', () => {
  const entry = { before: { 'attrs.verdict': 'unverified', 'attrs.note': null }, after: { 'attrs.verdict': 'false', 'attrs.note': 'mine' } };
  const cur = { label: 'CLAIM', attrs: { verdict: 'false', note: 'ben wrote this' }, updated_by: 'ben' };
  const who = (f) => (f === 'attrs.note' ? 'ben' : 'ann');
  const p = planRevert(entry, cur, true, who, 'ann');
  assert.deepEqual(p.values, { 'attrs.verdict': 'unverified' });
  assert.deepEqual(p.skipped, [{ field: 'attrs.note', who: 'ben', now: 'ben wrote this' }]);
  assert.equal(skipNote(p.skipped, 'ann'), "ben changed note after you; left as ben's.");
  // Redo from the undone state: verdict again, note still ben's.
  const undone = { label: 'CLAIM', attrs: { verdict: 'unverified', note: 'ben wrote this' } };
  assert.deepEqual(planRevert(entry, undone, false, who, 'ann').values, { 'attrs.verdict': 'false' });
  // Unknown who: whoever changed the annotation last, never "you".
  assert.equal(planRevert(entry, cur, true, () => null, 'ann').skipped[0].who, 'ben');
  assert.equal(planRevert(entry, { ...cur, updated_by: 'ann' }, true, () => null, 'ann').skipped[0].who, 'someone');
  // An attribute the (unchanged) label does not declare is not set back.
  const q = planRevert({ before: { 'attrs.speaker': 'Xi' }, after: { 'attrs.speaker': null } }, { label: 'CLAIM', attrs: {} }, true, () => null, 'ann', () => ['verdict']);
  assert.deepEqual(q.values, {});
});

test('editedSince and askNote: what others changed after this user made it', () => {
  const made = { start: 0, end: 2, label: 'CLAIM', attrs: { verdict: 'unverified' } };
  const cur = { start: 0, end: 2, label: 'CLAIM', attrs: { verdict: 'misleading', note: 'n' }, updated_by: 'ben' };
  const edits = editedSince(made, cur, () => 'ben', 'ann');
  assert.deepEqual(edits, [{ field: 'attrs.verdict', who: 'ben' }, { field: 'attrs.note', who: 'ben' }]);
  assert.deepEqual(editedSince(made, { ...made }, () => null, 'ann'), []);
  assert.deepEqual(editedSince(made, cur, () => 'ann', 'ann'), [], 'her own changes do not count');
  assert.equal(askNote([{ id: 1, label: 'CLAIM', edits }], 1), 'Undoing would delete this CLAIM, which ben edited after you (verdict and note). Delete it anyway?');
  assert.equal(askNote([{ id: 1, label: 'CLAIM', edits }], 3), 'Undoing would delete 3 annotations; ben edited 1 of them after you. Delete them anyway?');
});

test('history lines: who did what, how long ago', () => {
  assert.deepEqual(describeEntry({ action: 'create', changes: { start: { old: null, new: 0 }, end: { old: null, new: 4 }, label: { old: null, new: 'CLAIM' }, 'attrs.verdict': { old: null, new: 'unverified' } } }), { verb: 'created it:', fields: ['CLAIM', 'verdict unverified'] });
  assert.deepEqual(describeEntry({ action: 'update', changes: { 'attrs.verdict': { old: 'unverified', new: 'misleading' }, 'attrs.note': { old: null, new: 'x' } } }), { verb: 'changed', fields: ['note: — → x', 'verdict: unverified → misleading'] });
  const now = Date.parse('2024-05-01T12:00:00Z');
  assert.equal(relTime('2024-05-01T11:59:50Z', now), 'just now');
  assert.equal(relTime('2024-05-01T11:55:00Z', now), '5 min ago');
  assert.equal(relTime('2024-04-30T11:00:00Z', now), 'yesterday');
  assert.equal(relTime('2024-01-01T00:00:00Z', now), '2024-01-01');
});

test('mayChange: own annotations, or anyone\'s with edit_others; no permission list, no guessing', () => {
  const an = { id: 3, author: 'ann' };
  const st = (can) => ({ me: { name: 'ben' }, projectId: 1, article: { project: 1 }, projects: [{ id: 1, can }] });
  assert.equal(mayChange(st(['view', 'annotate']), an), false);
  assert.equal(mayChange(st(['view', 'annotate']), { id: 4, author: 'ben' }), true);
  assert.equal(mayChange(st(['view', 'annotate', 'edit_others']), an), true);
  assert.equal(mayChange(st(['view', 'annotate']), { id: -1, author: 'ann' }), true, 'not saved yet: it is one\'s own');
  assert.equal(mayChange({ ...st(undefined) }, an), true);
});

// ---- sessions ----

function claim(server, a, b, by = 'ann') {
  const p = by === 'ann' ? a : b;
  p.history.create({ start: 3, end: 7, label: 'CLAIM', attrs: {} });
  server.flush();
  return server.annotations()[0].id;
}

test('(b) ann changes the verdict, ben adds a note, ann undoes: the verdict goes back, ben\'s note stays', () => {
  const { server, a, b, id } = annAndBen('ann', { start: 3, end: 7, label: 'CLAIM', attrs: { verdict: 'true' } });
  a.history.update(id, { attrs: { verdict: 'false' } });
  server.flush();
  b.history.update(id, { attrs: { note: 'ben checked' } });
  server.flush();
  a.history.undo();
  server.flush();
  assert.deepEqual(server.anns.get(id).attrs, { verdict: 'true', note: 'ben checked' });
  const undo = server.received.filter(([u, m]) => u === 'ann' && m.type === 'op').pop()[1];
  assert.deepEqual(undo.annotation.attrs, { verdict: 'true' }, 'the undo is a patch of the one key');
  assert.ok(undo.annotation.if_version > 0, 'and conditional');
  assert.deepEqual(truth(server), [...a.store.sorted()].map((x) => `${x.id} ${x.label} ${x.start}-${x.end} ${JSON.stringify(x.attrs)}`));
  a.history.redo();
  server.flush();
  assert.deepEqual(server.anns.get(id).attrs, { verdict: 'false', note: 'ben checked' }, 'redo: her verdict again, his note still');
  a.done();
  b.done();
});

test('undo skips a field a colleague changed since, and says so', () => {
  const { server, a, b, id } = annAndBen('ann', { start: 3, end: 7, label: 'CLAIM', attrs: { verdict: 'true' } });
  a.history.update(id, { attrs: { verdict: 'false' } });
  server.flush();
  b.history.update(id, { attrs: { verdict: 'misleading' } }); // the same field
  server.flush();
  a.history.undo();
  server.flush();
  assert.equal(server.anns.get(id).attrs.verdict, 'misleading', "ben's value stays");
  assert.match(a.store.get().toast.message, /Nothing to undo: ben changed verdict after you; left as ben's\./);
  assert.equal(a.history.undoStack.length, 1, 'only the create is left');
  assert.equal(a.history.redoStack.length, 0, 'nothing was undone, nothing to redo');
  a.done();
  b.done();
});

test('(a) undoing a create that a colleague has edited asks first; Delete anyway deletes it with if_version', () => {
  const server = new FakeServer();
  const a = peer(server, 'ann');
  const b = peer(server, 'ben');
  a.open();
  b.open();
  const id = claim(server, a, b);
  b.history.update(id, { attrs: { verdict: 'misleading', note: 'see report' } });
  server.flush();
  a.history.undo();
  server.flush();
  assert.ok(server.anns.has(id), 'not deleted silently');
  const t = a.store.get().toast;
  assert.equal(t.kind, 'ask');
  assert.equal(t.message, 'Undoing would delete this CLAIM, which ben edited after you (note and verdict). Delete it anyway?');
  assert.equal(t.action.label, 'Delete anyway');
  assert.equal(a.history.undoStack.length, 1, 'the create is still to undo');

  // Ben changes it again before ann answers: she is asked again.
  b.history.update(id, { attrs: { note: 'see the report' } });
  server.flush();
  t.action.run();
  server.flush();
  assert.ok(server.anns.has(id));
  assert.equal(a.store.get().toast.kind, 'ask');
  a.store.get().toast.action.run();
  server.flush();
  assert.equal(server.anns.has(id), false, 'deleted once she agreed to what she saw');
  const del = server.received.filter(([u, m]) => u === 'ann' && m.type === 'op').pop()[1];
  assert.equal(del.action, 'delete');
  assert.ok(del.annotation.if_version > 0);
  assert.equal(a.history.redoStack.length, 1);
  a.done();
  b.done();
});

test('an undo that meets a colleague\'s change on the way is refused, said, and can be pressed again', () => {
  const { server, a, b, id } = annAndBen('ann', { start: 3, end: 7, label: 'CLAIM', attrs: { verdict: 'true' } });
  a.history.update(id, { attrs: { verdict: 'false' } });
  server.flush();
  // Both at once: ben's change is committed before ann's undo arrives.
  b.history.update(id, { attrs: { note: 'ben' } });
  a.history.undo();
  server.flush();
  assert.equal(server.anns.get(id).attrs.verdict, 'false', 'refused: nothing written');
  assert.match(a.store.get().toast.message, /^Your undo was not saved: ben changed this annotation just before/);
  assert.equal(a.history.undoStack.length, 2, 'the undo is back to press again');
  a.history.undo(); // now over what she has seen
  server.flush();
  assert.deepEqual(server.anns.get(id).attrs, { verdict: 'true', note: 'ben' });
  a.done();
  b.done();
});

test('quick changes in a row on one annotation: each conditional one expects the version the previous made', () => {
  const { server, a, id } = annAndBen('ann', { start: 3, end: 7, label: 'CLAIM', attrs: {} });
  a.history.update(id, { attrs: { verdict: 'false' } });
  a.history.update(id, { attrs: { verdict: 'true' } });
  a.history.undo();
  a.history.undo();
  a.history.remove(id);
  assert.equal(a.live.pending, 5);
  server.flush();
  assert.equal(a.live.pending, 0);
  assert.equal(server.anns.has(id), false, 'every one went through');
  assert.equal(a.store.get().toast, null, 'no refusal');
  a.done();
});

test('(c) ben offline sets the verdict, ann online adds a note, ben comes back (after a reload too): both are kept', async () => {
  const server = new FakeServer();
  const a = peer(server, 'ann');
  const storage = new MemoryStorage();
  const b = peer(server, 'ben', { storage });
  a.open();
  b.open();
  const id = claim(server, a, b);
  b.live.offline(true);
  b.history.update(id, { attrs: { verdict: 'misleading' } });
  a.history.update(id, { attrs: { note: 'ann online' } });
  server.flush();
  const kept = JSON.parse(storage.getItem(pendingKey(7))).ops;
  assert.deepEqual(kept.map((o) => o.fields), [{ attrs: { verdict: 'misleading' } }], 'the queue keeps the one-key patch');
  b.done();
  const b2 = peer(server, 'ben', { storage }); // a reload, still offline
  b2.live.offline(true);
  b2.open();
  assert.equal(b2.store.annotation(id).attrs.verdict, 'misleading');
  b2.live.offline(false);
  server.flush();
  assert.deepEqual(server.anns.get(id).attrs, { verdict: 'misleading', note: 'ann online' });
  assert.deepEqual(b2.store.annotation(id).attrs, { verdict: 'misleading', note: 'ann online' });
  assert.deepEqual(a.store.annotation(id).attrs, { verdict: 'misleading', note: 'ann online' });
  a.done();
  b2.done();
});

test('(d) both edit one field: the one overwritten sees who, old → new, and Put mine back restores it conditionally', () => {
  const { server, a, b, id } = annAndBen('ann', { start: 3, end: 7, label: 'CLAIM', attrs: {} });
  a.store.select(id);
  a.history.update(id, { attrs: { verdict: 'true' } });
  server.flush();
  b.history.update(id, { attrs: { verdict: 'false' } });
  server.flush();
  const note = a.store.get().colleague;
  assert.deepEqual(note, { id, changes: [{ field: 'attrs.verdict', old: 'true', new: 'false', who: 'ben', mine: true }] });
  // What the button does (actions-annotation.js), through the history.
  a.history.update(id, { attrs: { verdict: 'true' } }, { cond: true, what: 'put back' });
  server.flush();
  assert.equal(server.anns.get(id).attrs.verdict, 'true');
  const last = server.received.filter(([u, m]) => u === 'ann' && m.type === 'op').pop()[1];
  assert.equal(last.annotation.if_version, server.anns.get(id).version - 1);
  a.done();
  b.done();
});

test('ben may not change ann\'s annotation when the project says only one\'s own: refused before it is sent', () => {
  const { server, b, a, id } = annAndBen('ann', { start: 3, end: 7, label: 'CLAIM', attrs: {} });
  b.store.set({ me: { name: 'ben', role: 'user' }, projects: [{ ...PROJECT, can: ['view', 'annotate'] }] });
  const sent = server.received.length;
  b.history.update(id, { attrs: { verdict: 'true' } });
  server.flush();
  assert.equal(server.received.filter(([u, m]) => u === 'ben' && m.type === 'op').length, 0);
  assert.match(b.store.get().toast.message, /ann's annotation: in this project you may change only your own/);
  assert.ok(server.received.length >= sent);
  a.done();
  b.done();
});

test('close 4001: no reconnecting, the reason is said, then the login page', () => {
  const server = new FakeServer();
  const went = [];
  const loc = { protocol: 'http:', host: 'gloss.test', pathname: '/', search: '', hash: '#/articles/7', assign: (u) => went.push(u) };
  const a = peer(server, 'ann', { location: loc });
  a.open();
  server.drop(server.client('ann'), 4001, 'the token was revoked');
  server.flush();
  assert.match(a.store.get().toast.message, /Signed out: the token was revoked/);
  assert.deepEqual(went, []);
  a.timers.advance(SIGNED_OUT_WAIT);
  assert.deepEqual(went, ['/login?next=%2F%23%2Farticles%2F7']);
  a.timers.advance(BACKOFF_MAX * 4);
  server.flush();
  assert.equal(server.received.filter(([u, m]) => m.type === 'hello').length, 1, 'never said hello again');
  a.done();
});

test('close 4002: reconnect at once and fetch the new rights', async () => {
  const server = new FakeServer();
  const a = peer(server, 'ann');
  a.open();
  server.projects = [{ ...PROJECT, can: ['view', 'annotate'] }];
  server.drop(server.client('ann'), 4002, 'the project\'s permissions changed');
  server.flush();
  await new Promise((r) => setTimeout(r, 0));
  assert.equal(a.store.get().live.status, 'live', 'back without waiting for a backoff');
  assert.deepEqual(a.store.get().projects[0].can, ['view', 'annotate']);
  assert.match(a.store.get().toast.message, /The project's permissions changed: reconnected/);
  a.done();
});

test('over REST too, a conditional delete of something changed meanwhile is refused and said', async () => {
  const server = new FakeServer();
  const api = server.rest('ann');
  const a = peer(server, 'ann', { api: { ...api, liveProbe: () => Promise.reject(Object.assign(new Error('nope'), { status: 404 })) }, WebSocket: class { constructor() { throw new Error('no sockets here'); } } });
  server.commit('ann', 'x-1', 'create', { start: 3, end: 7, label: 'CLAIM', attrs: {} });
  a.store.openArticle({ ...server.article, version: 1 }, server.annotations());
  a.open();
  await new Promise((r) => setTimeout(r, 0));
  assert.equal(a.store.get().live.status, 'rest');
  const id = server.annotations()[0].id;
  server.commit('ben', 'y-1', 'update', { id, attrs: { note: 'ben' } }); // not seen by ann's page
  a.history.remove(id);
  for (let i = 0; i < 5; i++) await new Promise((r) => setTimeout(r, 0));
  assert.ok(server.anns.has(id), 'nothing deleted');
  assert.match(a.store.get().toast.message, /was not saved: .* changed this annotation just before/);
  assert.equal(a.store.annotation(id).attrs.note, 'ben', 'and the page shows ben\'s now');
  a.done();
});

test('an update entry kept in the tab from before merge patches (whole attrs maps) still undoes and redoes by field', () => {
  const entry = { before: { start: 0, end: 2, label: 'CLAIM', attrs: { verdict: 'true', note: 'old' } }, after: { start: 0, end: 2, label: 'CLAIM', attrs: { verdict: 'true' } } };
  const cur = { start: 0, end: 2, label: 'CLAIM', attrs: { verdict: 'true' } };
  const undo = planRevert(entry, cur, true, () => null, 'ann');
  assert.deepEqual(undo.values, { 'attrs.note': 'old' });
  assert.deepEqual([undo.before, undo.after], [{ 'attrs.note': 'old' }, { 'attrs.note': null }]);
  const redo = planRevert(entry, { ...cur, attrs: { verdict: 'true', note: 'old' } }, false, () => null, 'ann');
  assert.deepEqual(redo.values, { 'attrs.note': null }, 'redo removes it again');
});
