// Run with: node --test web/js/
// The parts of the editor that need no DOM: nesting levels, whitespace
// trimming, hotkeys, the store's remote ops. Undo and redo are tested with
// live sync in live.test.mjs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assignLevels } from './highlight.js';
import { trimSpan } from './selection.js';
import { keyAction } from './keys.js';
import { Store } from './state.js';

test('assignLevels: nested and overlapping spans get distinct levels', () => {
  const spans = [
    { start: 0, end: 100 }, // outer
    { start: 10, end: 20 }, // inside outer
    { start: 12, end: 15 }, // inside both
    { start: 30, end: 40 }, // inside outer only
    { start: 90, end: 120 }, // overlaps the end of outer
    { start: 130, end: 140 }, // alone
  ];
  assert.deepEqual(assignLevels(spans), [0, 1, 2, 1, 1, 0]);
});

test('assignLevels: order of input does not matter, touching spans share a level', () => {
  const spans = [
    { start: 5, end: 10 },
    { start: 0, end: 5 },
    { start: 0, end: 10 },
  ];
  // [0,10) is longer so it comes first at level 0; [0,5) and [5,10) touch.
  assert.deepEqual(assignLevels(spans), [1, 1, 0]);
});

test('trimSpan drops whitespace at both ends, newlines included', () => {
  const t = '  “Quote,” he said.\n\n Next ';
  assert.deepEqual(trimSpan(t, 0, 19), [2, 19]);
  assert.deepEqual(trimSpan(t, 0, t.length), [2, t.length - 1]);
  assert.equal(trimSpan(t, 19, 22), null);
  assert.deepEqual(trimSpan('a\u00a0b\u00a0', 0, 4), [0, 3]);
});

const labels = [
  { name: 'QUOTE', hotkey: 'q' },
  { name: 'CLAIM', hotkey: 'c' },
];
const ctx = (o = {}) => ({ view: 'article', editing: false, labels, hasSelection: true, selectedId: null, ...o });
const ev = (key, o = {}) => ({ key, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...o });

test('keyAction: hotkeys come from the schema', () => {
  assert.deepEqual(keyAction(ev('q'), ctx()), { type: 'label', label: 'QUOTE' });
  assert.deepEqual(keyAction(ev('Q', { shiftKey: true }), ctx()), { type: 'label', label: 'QUOTE' });
  assert.equal(keyAction(ev('x'), ctx()), null);
  assert.equal(keyAction(ev('q'), ctx({ hasSelection: false })), null);
  assert.deepEqual(keyAction(ev('c'), ctx({ hasSelection: false, selectedId: 4 })), { type: 'label', label: 'CLAIM' });
  assert.equal(keyAction(ev('q'), ctx({ editing: true })), null);
  assert.equal(keyAction(ev('q'), ctx({ view: 'list' })), null);
});

test('keyAction: undo, redo, delete, help, escape', () => {
  assert.deepEqual(keyAction(ev('z', { ctrlKey: true }), ctx()), { type: 'undo' });
  assert.deepEqual(keyAction(ev('Z', { ctrlKey: true, shiftKey: true }), ctx()), { type: 'redo' });
  assert.deepEqual(keyAction(ev('y', { ctrlKey: true }), ctx()), { type: 'redo' });
  assert.deepEqual(keyAction(ev('z', { metaKey: true }), ctx()), { type: 'undo' });
  assert.equal(keyAction(ev('z', { ctrlKey: true }), ctx({ editing: true })), null);
  assert.deepEqual(keyAction(ev('Delete'), ctx({ selectedId: 3 })), { type: 'delete' });
  assert.deepEqual(keyAction(ev('Backspace'), ctx({ selectedId: 3 })), { type: 'delete' });
  assert.equal(keyAction(ev('Delete'), ctx()), null);
  assert.deepEqual(keyAction(ev('?', { shiftKey: true }), ctx()), { type: 'help' });
  assert.deepEqual(keyAction(ev('Escape'), ctx({ editing: true })), { type: 'escape' });
  assert.deepEqual(keyAction(ev('Enter', { ctrlKey: true }), ctx()), { type: 'done-next' });
});

const article = { id: 7, project: 1, text: 'ab😀cd efgh', status: 'new', version: 0, annotations: 0 };

test('Store.applyRemote applies ops once, in version order', () => {
  const s = new Store();
  let changes = 0;
  s.addEventListener('change', () => changes++);
  s.openArticle({ ...article }, []);
  const an = { id: 1, article: 7, start: 2, end: 5, label: 'QUOTE', attrs: {}, version: 1 };
  assert.equal(s.applyRemote({ version: 1, action: 'create', annotation: an }), true);
  assert.equal(s.annotation(1).text, '😀cd'); // derived from code points when the op has no text
  assert.equal(s.applyRemote({ version: 1, action: 'create', annotation: an }), false);
  assert.equal(s.applyRemote({ version: 2, action: 'update', annotation: { ...an, label: 'CLAIM', version: 2 } }), true);
  assert.equal(s.annotation(1).label, 'CLAIM');
  assert.equal(s.applyRemote({ version: 2, action: 'update', annotation: { ...an, article: 8, id: 9, version: 2 } }), false);
  assert.equal(s.applyRemote({ version: 3, action: 'delete', annotation: { ...an, version: 3 } }), true);
  assert.equal(s.annotation(1), null);
  assert.equal(s.get().article.version, 3);
  assert.equal(s.get().article.status, 'in_progress');
  assert.ok(changes >= 4);
});
