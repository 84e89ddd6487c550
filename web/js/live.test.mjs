// Run with: node --test web/js/
// live.js without a browser: the pure parts (backoff, queue, versions,
// applying ops), then whole sessions against a fake server that keeps the
// protocol's promises (contiguous versions, ack to the sender and op to
// the others, idempotent op_ids, catch-up or full state on hello).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { colorOf } from './presence.js';
import { FakeServer, FakeTimers, MemoryStorage, peer, shown, truth, annAndBen } from './live-fake.mjs';
import { OpQueue, Versions, applyOp, wire } from './live-ops.js';
import { backoffDelay, BACKOFF_MAX, OFFLINE_AFTER } from './live-socket.js';
import { flushStored, pendingKey } from './live-kept.js';

// ---- pure parts ----

test('backoffDelay doubles from 0.5 s to 10 s, with jitter in the upper half', () => {
  const low = [0, 1, 2, 3, 4, 5, 6, 40].map((n) => backoffDelay(n, () => 0));
  const high = [0, 1, 2, 3, 4, 5, 6, 40].map((n) => backoffDelay(n, () => 1));
  assert.deepEqual(low, [250, 500, 1000, 2000, 4000, 5000, 5000, 5000]);
  assert.deepEqual(high, [500, 1000, 2000, 4000, 8000, 10000, 10000, 10000]);
  for (let n = 0; n < 10; n++) {
    const d = backoffDelay(n);
    assert.ok(d >= Math.min(BACKOFF_MAX, 500 * 2 ** n) / 2 && d <= BACKOFF_MAX, `attempt ${n}: ${d}`);
  }
});

test('OpQueue keeps order, renames temporary ids and drops what depends on a refused create', () => {
  const q = new OpQueue();
  q.push({ op_id: 's-1', action: 'create', id: -1, fields: {} });
  q.push({ op_id: 's-2', action: 'update', id: 7, fields: { label: 'CLAIM' } });
  q.push({ op_id: 's-3', action: 'update', id: -1, fields: { attrs: { a: '1' } } });
  q.push({ op_id: 's-4', action: 'delete', id: -1, fields: {} });
  assert.equal(q.head().op_id, 's-1');
  assert.deepEqual(q.forId(-1).map((o) => o.op_id), ['s-1', 's-3', 's-4']);
  assert.equal(q.rename(-1, 42), 3);
  assert.equal(q.touches(-1), false);
  assert.deepEqual(q.forId(42).map((o) => o.op_id), ['s-1', 's-3', 's-4']);
  assert.equal(q.remove('s-1').op_id, 's-1');
  assert.equal(q.remove('s-1'), null);
  assert.deepEqual(q.drop(42).map((o) => o.op_id), ['s-3', 's-4']);
  assert.deepEqual(q.ops.map((o) => o.op_id), ['s-2']);
});

test('Versions: contiguous, never back, gaps reported', () => {
  const v = new Versions(3);
  assert.equal(v.see(4), 'next');
  assert.equal(v.see(2), 'old'); // the ack of a re-sent op carries its first version
  assert.equal(v.v, 4);
  assert.equal(v.see(6), 'gap');
  assert.equal(v.v, 6);
  v.reset(2);
  assert.equal(v.v, 2);
});

test('wire and applyOp build what the server builds', () => {
  const ctx = { article: { id: 7, text: 'ab😀cd efgh' }, author: 'ann', attrNames: (l) => (l === 'QUOTE' ? ['speaker'] : l === 'CLAIM' ? ['verdict'] : null) };
  const c = { op_id: 'x-1', action: 'create', id: -1, fields: { start: 2, end: 5, label: 'QUOTE', attrs: { speaker: 'Xi' } }, at: 't', user: 'ann' };
  assert.deepEqual(wire(c), { type: 'op', op_id: 'x-1', action: 'create', annotation: { start: 2, end: 5, label: 'QUOTE', attrs: { speaker: 'Xi' } } });
  const a = applyOp(null, c, ctx);
  assert.equal(a.id, -1);
  assert.equal(a.text, '😀cd');
  assert.equal(a.author, 'ann');
  const u = { op_id: 'x-2', action: 'update', id: 9, fields: { label: 'CLAIM' } };
  assert.deepEqual(wire(u).annotation, { id: 9, label: 'CLAIM' });
  const b = applyOp({ ...a, id: 9 }, u, ctx);
  assert.equal(b.label, 'CLAIM');
  assert.deepEqual(b.attrs, {}); // speaker is not a CLAIM attribute
  const m = applyOp(b, { action: 'update', id: 9, fields: { end: 4 } }, ctx);
  assert.equal(m.text, '😀c');
  assert.equal(applyOp(m, { action: 'delete', id: 9, fields: {} }, ctx), null);
  assert.equal(applyOp(null, u, ctx), null); // an update of nothing shows nothing
});

// ---- sessions ----

test('a create shows at once under a temporary id, then under the real one everywhere', () => {
  const server = new FakeServer();
  const a = peer(server, 'ann');
  const b = peer(server, 'ben');
  a.open();
  b.open();
  assert.equal(a.store.get().live.status, 'live');
  assert.deepEqual(a.store.get().live.users.map((u) => u.name), ['ann', 'ben']);

  a.history.create({ start: 0, end: 2, label: 'QUOTE' });
  const [t] = a.store.sorted();
  assert.ok(t.id < 0, 'temporary id');
  assert.equal(t.text, 'Xi');
  a.store.select(t.id);
  // Edits of the pending annotation queue behind its create.
  a.history.update(t.id, { attrs: { speaker: 'Xi Jinping' } });
  assert.equal(a.live.pending, 2);
  assert.equal(a.store.get().live.pending, 2);
  assert.deepEqual(a.store.annotation(t.id).attrs, { speaker: 'Xi Jinping' });
  server.flush();

  const real = server.annotations()[0];
  assert.ok(real.id > 0);
  assert.equal(a.store.annotation(t.id), null);
  assert.equal(a.store.get().selectedId, real.id);
  assert.equal(a.history.resolve(t.id), real.id);
  assert.equal(a.store.currentId(t.id), real.id);
  assert.deepEqual(real.attrs, { speaker: 'Xi Jinping' });
  assert.deepEqual(shown(a.store), truth(server));
  assert.deepEqual(shown(b.store), truth(server));
  assert.equal(a.live.pending, 0);
  assert.equal(a.storage.getItem(pendingKey(7)), null);
  assert.equal(a.live.versions.v, server.version);
  assert.equal(b.live.versions.v, server.version);
  // The update went out only after the create's ack gave it the real id.
  const sent = server.received.filter(([u, m]) => u === 'ann' && m.type === 'op');
  assert.deepEqual(sent.map(([, m]) => [m.action, m.annotation.id]), [['create', undefined], ['update', real.id]]);

  // Undo twice: the attrs, then the create (a delete of the real id).
  a.history.undo();
  a.history.undo();
  server.flush();
  assert.deepEqual(truth(server), []);
  assert.deepEqual(shown(b.store), []);
  a.history.redo(); // created again, under a new id
  server.flush();
  assert.equal(server.anns.size, 1);
  assert.deepEqual(shown(a.store), truth(server));
  assert.deepEqual(shown(b.store), truth(server));
  a.done();
  b.done();
});

test('one op in flight at a time, in order', () => {
  const server = new FakeServer();
  const a = peer(server, 'ann');
  a.open();
  for (let i = 0; i < 5; i++) a.live.create({ start: i, end: i + 3, label: 'CLAIM' });
  server.flush();
  assert.equal(server.maxOutstanding, 1, 'never two ops unanswered');
  assert.deepEqual(server.annotations().map((x) => x.start), [0, 1, 2, 3, 4]);
  assert.deepEqual(shown(a.store), truth(server));
  a.done();
});

test('a refused op is reverted to the server truth and said in the toast', async () => {
  const server = new FakeServer();
  const a = peer(server, 'ann');
  const b = peer(server, 'ben');
  a.open();
  b.open();
  a.live.create({ start: 0, end: 2, label: 'QUOTE' }); // not in ann's undo history
  server.flush();
  const id = server.annotations()[0].id;

  // A bad URL: refused, the attrs come back, the promise says null.
  const p = a.history.update(id, { attrs: { evidence: 'see above' } });
  assert.equal(a.store.annotation(id).attrs.evidence, 'see above');
  server.flush();
  assert.equal(await p, null);
  assert.deepEqual(a.store.annotation(id).attrs, {});
  assert.match(a.store.get().toast.message, /^Could not save the change: .*URL/);
  assert.equal(a.history.undoStack.length, 0, 'the refused change is not undoable');

  // Ben deletes it while ann, not yet told, relabels it: ann's op is
  // refused and the annotation goes, as on the server.
  b.history.remove(id);
  a.history.update(id, { label: 'CLAIM' });
  server.flush();
  assert.equal(a.store.annotation(id), null);
  assert.match(a.store.get().toast.message, /not found/);
  assert.deepEqual(shown(a.store), truth(server));

  // A refused create takes the ops queued on it along.
  const r = a.live.create({ start: 0, end: 2, label: 'NOPE' });
  a.live.update(r.annotation.id, { attrs: { speaker: 'x' } });
  assert.equal(a.live.pending, 2);
  server.flush();
  assert.equal(a.live.pending, 0);
  assert.deepEqual(shown(a.store), []);
  a.done();
  b.done();
});

test('others\' changes arrive while ours are pending, and both show', () => {
  const { server, a, b, id } = annAndBen('ben', { start: 3, end: 7, label: 'QUOTE' });
  // ann changes the attrs; before her op reaches the server, ben relabels.
  a.live.update(id, { attrs: { speaker: 'Xi' } });
  b.live.update(id, { label: 'CLAIM', attrs: { verdict: 'true' } });
  server.flush();
  // Last committed wins on the server; both converge on it.
  assert.deepEqual(shown(a.store), truth(server));
  assert.deepEqual(shown(b.store), truth(server));
  a.done();
  b.done();
});

const tick = () => new Promise((r) => setTimeout(r, 0));

test('offline: ops queue in memory and storage, survive a reload, go out once with the same op_ids', async () => {
  const server = new FakeServer();
  const a = peer(server, 'ann');
  const b = peer(server, 'ben');
  a.open();
  b.open();
  b.live.create({ start: 0, end: 2, label: 'QUOTE' });
  b.live.create({ start: 8, end: 15, label: 'QUOTE' });
  server.flush();
  const [first, second] = server.annotations();

  // The network goes.
  server.down = true;
  server.drop([...server.clients].find((c) => c.user === 'ann'));
  server.flush();
  assert.equal(a.store.get().live.status, 'reconnecting');
  for (let i = 0; i < OFFLINE_AFTER; i++) {
    a.timers.advance(BACKOFF_MAX);
    server.flush();
    await tick(); // the probe: no network
  }
  assert.equal(a.store.get().live.status, 'offline');

  // Two changes while offline: a create and a delete.
  a.history.create({ start: 20, end: 25, label: 'CLAIM' });
  a.history.remove(first.id);
  assert.equal(a.store.get().live.pending, 2);
  const kept = JSON.parse(a.storage.getItem(pendingKey(7)));
  assert.equal(kept.ops.length, 2);
  assert.equal(kept.base, server.version);
  const opIds = kept.ops.map((o) => o.op_id);
  // Meanwhile ben changes something.
  b.live.update(second.id, { attrs: { speaker: 'Putin' } });
  server.flush();

  // Reload while still offline: a new page, the same storage.
  a.done();
  server.down = false; // the page itself loads...
  const a2 = peer(server, 'ann', { storage: a.storage });
  server.down = true; // ...but the socket does not get through
  a2.open();
  assert.equal(a2.live.pending, 2);
  assert.equal(a2.store.annotation(first.id), null, 'the delete still shows');
  assert.equal(a2.store.sorted().filter((x) => x.id < 0).length, 1, 'the create still shows');

  // Back online: catch-up from the kept version, then the same op_ids.
  server.down = false;
  await tick();
  a2.timers.advance(BACKOFF_MAX);
  server.flush();
  assert.equal(a2.store.get().live.status, 'live');
  const hello = server.received.filter(([u, m]) => u === 'ann' && m.type === 'hello').pop()[1];
  assert.ok(hello.since >= kept.base, `since ${hello.since}, kept at ${kept.base}`);
  const resent = server.received.filter(([u, m]) => u === 'ann' && m.type === 'op').map(([, m]) => m.op_id);
  assert.deepEqual(resent.slice(-2), opIds);
  assert.equal(a2.live.pending, 0);
  assert.equal(a2.storage.getItem(pendingKey(7)), null);
  assert.deepEqual(shown(a2.store), truth(server));
  assert.deepEqual(shown(b.store), truth(server));
  assert.equal(server.anns.size, 2); // second (updated by ben) and ann's new claim
  a2.done();
  b.done();
});

test('an op committed whose ack was lost is re-sent, acknowledged again, applied once, shown once', () => {
  const server = new FakeServer();
  const a = peer(server, 'ann');
  a.open();
  const r = a.live.create({ start: 0, end: 2, label: 'QUOTE' });
  server.loseAckOf = r.opId;
  server.flush(); // committed, then the connection drops before the ack
  assert.equal(server.anns.size, 1);
  assert.equal(a.live.pending, 1);
  a.timers.advance(BACKOFF_MAX);
  server.flush();
  assert.equal(server.anns.size, 1, 'not applied twice');
  assert.equal(a.live.pending, 0);
  assert.deepEqual(shown(a.store), truth(server));
  a.done();
});

test('a server that names our op_ids in the catch-up spares the re-send', () => {
  const server = new FakeServer();
  server.catchupOpIds = true;
  server.commit('ben', 'b-1', 'create', { start: 3, end: 7, label: 'CLAIM' }); // so that ann asks from version 1
  const a = peer(server, 'ann');
  a.open();
  const r = a.live.create({ start: 0, end: 2, label: 'QUOTE' });
  server.loseAckOf = r.opId;
  server.flush();
  a.timers.advance(BACKOFF_MAX);
  server.flush();
  assert.equal(a.live.pending, 0);
  assert.equal(server.received.filter(([u, m]) => u === 'ann' && m.type === 'op').length, 1, 'sent once');
  assert.deepEqual(shown(a.store), truth(server));
  assert.equal(a.store.sorted().filter((x) => x.id < 0).length, 0);
  a.done();
});

test('presence: the selection goes out at most every 100 ms, the last one always', () => {
  const server = new FakeServer();
  const timers = new FakeTimers();
  const a = peer(server, 'ann', { timers });
  const b = peer(server, 'ben');
  a.open();
  b.open();
  timers.advance(200);
  server.flush();
  const count = () => server.received.filter(([u, m]) => u === 'ann' && m.type === 'presence').length;
  const before = count();
  for (let i = 0; i < 10; i++) {
    a.live.select({ start: 0, end: i + 1 });
    timers.advance(20);
  }
  timers.advance(200);
  server.flush();
  const sent = count() - before;
  assert.ok(sent >= 1 && sent <= 3, `${sent} presence messages`);
  const ann = b.store.get().live.users.find((u) => u.name === 'ann');
  assert.deepEqual(ann.selection, { start: 0, end: 10 });
  a.live.select(null);
  timers.advance(200);
  server.flush();
  assert.equal(b.store.get().live.users.find((u) => u.name === 'ann').selection, null);
  a.done();
  b.done();
});

test('close settles once the server has taken us out of the room, or after a second', async () => {
  const server = new FakeServer();
  const timers = new FakeTimers();
  const a = peer(server, 'ann', { timers });
  const b = peer(server, 'ben');
  a.open();
  b.open();
  let settled = false;
  const gone = a.live.close().then(() => {
    settled = true;
  });
  await Promise.resolve();
  assert.equal(settled, false, 'the server has not answered yet');
  server.flush();
  await gone;
  assert.deepEqual(
    b.store.get().live.users.map((u) => u.name),
    ['ben'],
    'when close settles, ann is out of the room',
  );
  // A server that never answers: the second runs out.
  a.open();
  server.down = true;
  let late = false;
  const stuck = a.live.close().then(() => {
    late = true;
  });
  server.events.length = 0; // the answer is lost
  await Promise.resolve();
  assert.equal(late, false);
  timers.advance(1000);
  await stuck;
  assert.equal(await a.live.close(), undefined, 'closing a closed session settles at once');
  b.done();
});

test('without live (refused for good), the queue goes over REST', async () => {
  const server = new FakeServer();
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
  const r = a.history.create({ start: 0, end: 2, label: 'QUOTE' });
  const got = await r;
  assert.ok(got && got.id > 0);
  assert.equal(server.anns.size, 1);
  assert.deepEqual(shown(a.store), truth(server));
  const bad = await a.history.update(got.id, { attrs: { evidence: 'nope' } });
  assert.equal(bad, null);
  await new Promise((r) => setTimeout(r, 5));
  assert.deepEqual(shown(a.store), truth(server));
  assert.equal(await a.history.remove(got.id) !== null, true);
  assert.equal(server.anns.size, 0);
  a.done();
});

test('flushStored sends the changes kept for an article that is not open', async () => {
  const server = new FakeServer();
  const storage = new MemoryStorage();
  storage.setItem(
    pendingKey(7),
    JSON.stringify({
      v: 1,
      base: 0,
      ops: [
        { op_id: 's1-1', action: 'create', id: -1, fields: { start: 0, end: 2, label: 'QUOTE', attrs: {} }, user: 'ann' },
        { op_id: 's1-2', action: 'update', id: -1, fields: { attrs: { speaker: 'Xi' } }, user: 'ann' },
        { op_id: 's1-3', action: 'create', id: -2, fields: { start: 0, end: 2, label: 'NOPE', attrs: {} }, user: 'ann' },
      ],
    }),
  );
  const refused = await flushStored(storage, server.rest('ann'), 7, 'ann');
  assert.equal(refused.length, 1);
  assert.equal(storage.getItem(pendingKey(7)), null);
  assert.deepEqual(server.annotations().map((a) => a.attrs), [{ speaker: 'Xi' }]);
  // Again: nothing left to send, nothing applied twice.
  assert.deepEqual(await flushStored(storage, server.rest('ann'), 7, 'ann'), []);
  assert.equal(server.anns.size, 1);
});

test('a page asks only for what happened after its fetched state', () => {
  const server = new FakeServer();
  server.commit('ben', 'b-1', 'create', { start: 0, end: 2, label: 'QUOTE' });
  server.commit('ben', 'b-2', 'create', { start: 3, end: 7, label: 'CLAIM' });
  const a = peer(server, 'ann');
  let redraws = 0;
  a.store.addEventListener('change', (e) => {
    if (e.detail.what === 'annotations') redraws++;
  });
  a.open();
  assert.equal(a.store.get().live.status, 'live');
  assert.equal(redraws, 0);
  assert.equal(a.live.versions.v, 2);
  const hello = server.received.find(([u, m]) => u === 'ann' && m.type === 'hello')[1];
  assert.equal(hello.since, 2);
  a.done();
});

test('a fetched state older than the log: the catch-up brings it up to date', () => {
  const server = new FakeServer();
  server.commit('ben', 'b-1', 'create', { start: 0, end: 2, label: 'QUOTE' });
  const [c] = server.commit('ben', 'b-2', 'create', { start: 3, end: 7, label: 'CLAIM' });
  const a = peer(server, 'ann'); // fetched at version 2
  // After the fetch: ben deletes one, creates and deletes another, updates the first.
  server.commit('ben', 'b-3', 'delete', { id: c.annotation.id });
  const [d] = server.commit('ben', 'b-4', 'create', { start: 8, end: 9, label: 'QUOTE' });
  server.commit('ben', 'b-5', 'update', { id: d.annotation.id, label: 'CLAIM' });
  server.commit('ben', 'b-6', 'delete', { id: d.annotation.id });
  server.commit('ben', 'b-7', 'update', { id: 101, attrs: { speaker: 'Xi' } });
  a.open();
  assert.deepEqual(shown(a.store), truth(server));
  assert.equal(a.live.versions.v, server.version);
  a.done();
});

test('two tabs of one user on one article keep each other\'s unsent changes', () => {
  const server = new FakeServer();
  const storage = new MemoryStorage();
  const t1 = peer(server, 'ann', { storage });
  const t2 = peer(server, 'ann', { storage });
  t1.open();
  t2.open();
  t1.live.offline(true);
  t2.live.offline(true);
  t1.live.create({ start: 0, end: 2, label: 'QUOTE' });
  t2.live.create({ start: 3, end: 7, label: 'CLAIM' });
  assert.equal(JSON.parse(storage.getItem(pendingKey(7))).ops.length, 2);
  t1.live.offline(false);
  server.flush();
  assert.equal(server.anns.size, 1);
  const kept = JSON.parse(storage.getItem(pendingKey(7))).ops;
  assert.deepEqual(kept.map((o) => o.fields.label), ['CLAIM'], 'the other tab\'s change is still kept');
  t2.live.offline(false);
  server.flush();
  assert.equal(server.anns.size, 2);
  assert.equal(storage.getItem(pendingKey(7)), null);
  assert.deepEqual(shown(t1.store), truth(server));
  assert.deepEqual(shown(t2.store), truth(server));
  t1.done();
  t2.done();
});

test('changes kept by another user of this browser are not sent as this one', () => {
  const server = new FakeServer();
  const storage = new MemoryStorage();
  storage.setItem(
    pendingKey(7),
    JSON.stringify({ v: 1, base: 0, ops: [{ op_id: 'z-1', action: 'create', id: -1, fields: { start: 0, end: 2, label: 'QUOTE', attrs: {} }, user: 'ben' }] }),
  );
  const a = peer(server, 'ann', { storage });
  a.open();
  assert.equal(a.live.pending, 0);
  assert.equal(server.anns.size, 0);
  a.live.create({ start: 3, end: 7, label: 'CLAIM' });
  server.flush();
  assert.equal(server.anns.size, 1);
  assert.equal(JSON.parse(storage.getItem(pendingKey(7))).ops[0].user, 'ben', 'still kept for ben');
  a.done();
});

test('a gap in versions asks for the full state again', () => {
  const server = new FakeServer();
  const a = peer(server, 'ann');
  a.open();
  // An op the server never delivered to ann (a bug elsewhere, say).
  server.commit('ben', 'b-1', 'create', { start: 0, end: 2, label: 'QUOTE' });
  const [op2] = server.commit('ben', 'b-2', 'create', { start: 3, end: 7, label: 'CLAIM' });
  server.broadcast(op2, null, '');
  server.flush();
  a.timers.advance(BACKOFF_MAX);
  server.flush();
  assert.equal(a.store.get().live.status, 'live');
  assert.deepEqual(shown(a.store), truth(server));
  assert.equal(a.live.versions.v, 2);
  a.done();
});

test('colorOf gives a user the colour the server gives them (server/live ColorOf)', () => {
  // Printed by Go's live.ColorOf for these names.
  const want = { ann: '#e11d48', ben: '#0e7490', maria: '#be185d', 'José': '#0f766e', '李明': '#0e7490', script: '#0e7490' };
  for (const [name, color] of Object.entries(want)) assert.equal(colorOf(name), color, name);
});

test('someone else changing or deleting the annotation you have open is said: in the popover, or for a delete in a toast', () => {
  const { server, a, b, id } = annAndBen();
  a.store.set({ selectedId: id });
  b.history.update(id, { label: 'CLAIM' });
  server.flush();
  assert.deepEqual(a.store.get().colleague, { id, changes: [{ field: 'label', old: 'QUOTE', new: 'CLAIM', who: 'ben', mine: true }] });
  a.store.set({ colleague: null });
  a.history.update(id, { attrs: { verdict: 'true' } }); // her own change: no note
  server.flush();
  assert.equal(a.store.get().colleague, null);
  b.history.remove(id);
  server.flush();
  assert.match(a.store.get().toast?.message || '', /ben deleted the annotation you had open/);
  a.done();
  b.done();
});
