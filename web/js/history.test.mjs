// Run with: node --test web/js/
// history.js: undo and redo of this user's changes through live sync
// against the fake server (live-fake.mjs), and kept across articles and
// reloads. review.test.mjs has undo next to colleagues' changes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { History } from './history.js';
import { FakeServer, peer, shown, truth, annAndBen } from './live-fake.mjs';

test('History: undo and redo of create, update and delete, with re-created ids', async () => {
  const server = new FakeServer();
  const a = peer(server, 'ann');
  a.open();
  const h = a.history;

  const c = h.create({ start: 0, end: 2, label: 'QUOTE' });
  server.flush();
  const id1 = server.annotations()[0].id;
  assert.equal((await c).id, id1); // the promise has the committed annotation
  h.update(id1, { attrs: { speaker: 'Xi' } });
  h.remove(id1);
  server.flush();
  assert.equal(server.anns.size, 0);

  h.undo(); // re-creates under a new id
  server.flush();
  assert.equal(server.anns.size, 1);
  const id2 = server.annotations()[0].id;
  assert.notEqual(id2, id1);
  assert.deepEqual(server.anns.get(id2).attrs, { speaker: 'Xi' });
  assert.equal(h.resolve(id1), id2);

  h.undo(); // the attribute change, on the new id
  h.undo(); // the create: deletes it
  server.flush();
  assert.equal(server.anns.size, 0);
  assert.equal(a.store.get().canUndo, false);
  assert.equal(a.store.get().canRedo, true);

  h.redo(); // create again
  h.redo(); // attrs
  server.flush();
  assert.deepEqual(server.annotations()[0].attrs, { speaker: 'Xi' });
  h.redo(); // delete
  server.flush();
  assert.equal(server.anns.size, 0);
  assert.equal(a.store.get().canRedo, false);
  assert.deepEqual(shown(a.store), []);
  assert.equal(h.undo() instanceof Promise, true);
  server.flush();
  assert.equal(server.anns.size, 1);
  a.done();
});

test('History: undo of something another user deleted is refused and dropped', async () => {
  const { server, a, b, id } = annAndBen();
  b.history.remove(id);
  server.flush();
  const r = await a.history.undo(); // the annotation is gone here too
  assert.equal(r, null);
  assert.match(a.store.get().toast.message, /gone/);
  assert.equal(a.history.undoStack.length, 0);
  a.done();
  b.done();
});

test('History: createAll is one undo and one redo; parts deleted by others leave the group', () => {
  const server = new FakeServer();
  const a = peer(server, 'ann');
  const b = peer(server, 'ben');
  a.open();
  b.open();
  a.history.createAll([
    { start: 0, end: 2, label: 'CLAIM' },
    { start: 5, end: 9, label: 'CLAIM' },
    { start: 12, end: 15, label: 'CLAIM' },
  ]);
  server.flush();
  assert.equal(server.anns.size, 3);
  assert.equal(a.history.undoStack.length, 1, 'one entry');
  a.history.undo();
  server.flush();
  assert.equal(server.anns.size, 0, 'one undo takes all three away');
  assert.deepEqual(shown(b.store), []);
  a.history.redo();
  server.flush();
  assert.equal(server.anns.size, 3, 'one redo brings them back, under new ids');
  assert.deepEqual(shown(a.store), truth(server));
  // Ben deletes one of them; ann's undo takes the other two, and her redo
  // brings back those two.
  const gone = server.annotations()[1].id;
  b.history.remove(gone);
  server.flush();
  a.history.undo();
  server.flush();
  assert.equal(server.anns.size, 0);
  assert.equal(a.history.redoStack[0].entries.length, 2);
  a.history.redo();
  server.flush();
  assert.deepEqual(server.annotations().map((x) => x.start), [0, 12]);
  assert.deepEqual(shown(b.store), truth(server));
  a.done();
  b.done();
});

test('History: going to another article and back keeps what can be undone there', () => {
  let article = 1;
  const anns = new Map();
  let next = 1;
  const store = {
    state: {},
    get() { return { ...this.state, article: { id: article } }; },
    set(patch) { Object.assign(this.state, patch); },
    annotation: (id) => anns.get(id) || null,
    toast() {},
  };
  const writer = {
    create(f) {
      const a = { id: next++, ...f };
      anns.set(a.id, a);
      return { annotation: a, opId: `op${a.id}` };
    },
    update(id, patch) {
      const a = { ...anns.get(id), ...patch };
      anns.set(id, a);
      return { annotation: a, opId: `u${id}` };
    },
    remove(id) {
      const a = anns.get(id);
      anns.delete(id);
      return { annotation: a, opId: `d${id}` };
    },
  };
  const h = new History(store, writer);
  h.reset(1);
  h.create({ start: 0, end: 2, label: 'QUOTE' }); // id 1, on article 1
  article = 2;
  h.reset(2);
  assert.equal(store.state.canUndo, false, 'article 2 starts with nothing to undo');
  h.create({ start: 3, end: 5, label: 'CLAIM' }); // id 2, on article 2
  article = 1;
  h.reset(1);
  assert.equal(store.state.canUndo, true, 'article 1 has its create back');
  h.undo();
  assert.equal(anns.has(1), false, "undo on article 1 removes article 1's annotation");
  assert.equal(anns.has(2), true);
  article = 2;
  h.reset(2);
  assert.equal(store.state.canUndo, true);
  assert.equal(store.state.canRedo, false);
  h.reset(2); // opening the same article again keeps its stacks
  assert.equal(h.undoStack.length, 1);

  // A reload: the stacks go to sessionStorage on pagehide and come back,
  // whether the article opens before or after the user is known.
  const mem = new Map();
  const storage = { getItem: (k) => (mem.has(k) ? mem.get(k) : null), setItem: (k, v) => mem.set(k, String(v)) };
  h.restore(storage, 'gloss:history:ann');
  h.save();
  for (const openFirst of [true, false]) {
    const h2 = new History(store, writer);
    article = 2;
    if (openFirst) h2.reset(2);
    h2.restore(storage, 'gloss:history:ann');
    if (!openFirst) h2.reset(2);
    assert.equal(h2.undoStack.length, 1, `article 2's create is back (open first: ${openFirst})`);
    article = 1;
    h2.reset(1);
    assert.equal(h2.undoStack.length, 0, 'article 1 had its create undone');
    assert.equal(h2.redoStack.length, 1, "and can redo it");
  }
  assert.equal(new History(store, writer).restore({ getItem: () => '{not json' }, 'k'), undefined, 'unreadable storage is ignored');
});

