// Run with: node --test web/js/
// Annotating without a mouse (issue 12): the caret's keys, what the live
// region says, how an annotation reads aloud, and spans that cut a word.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { caretMove } from './caret.js';
import { changes, describe, quoted } from './announce.js';
import { cutEdges, cutText } from './word-notch.js';
import { keyAction } from './keys.js';

const ev = (key, o = {}) => ({ key, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...o });

test('caretMove: characters, words, lines, line ends; Shift extends', () => {
  assert.deepEqual(caretMove(ev('ArrowRight')), { alter: 'move', dir: 'right', unit: 'character' });
  assert.deepEqual(caretMove(ev('ArrowLeft', { shiftKey: true })), { alter: 'extend', dir: 'left', unit: 'character' });
  assert.deepEqual(caretMove(ev('ArrowRight', { ctrlKey: true })), { alter: 'move', dir: 'right', unit: 'word' });
  assert.deepEqual(caretMove(ev('ArrowLeft', { altKey: true, shiftKey: true })), { alter: 'extend', dir: 'left', unit: 'word' }, 'Alt is the word key on a Mac');
  assert.deepEqual(caretMove(ev('ArrowRight', { metaKey: true })), { alter: 'move', dir: 'right', unit: 'lineboundary' });
  assert.deepEqual(caretMove(ev('ArrowDown')), { alter: 'move', dir: 'forward', unit: 'line' });
  assert.deepEqual(caretMove(ev('ArrowUp', { ctrlKey: true })), { alter: 'move', dir: 'backward', unit: 'paragraph' });
  assert.deepEqual(caretMove(ev('Home')), { alter: 'move', dir: 'backward', unit: 'lineboundary' });
  assert.deepEqual(caretMove(ev('End', { shiftKey: true })), { alter: 'extend', dir: 'forward', unit: 'lineboundary' });
  assert.deepEqual(caretMove(ev('End', { ctrlKey: true })), { alter: 'move', dir: 'forward', unit: 'documentboundary' });
  assert.equal(caretMove(ev('q')), null);
  assert.equal(caretMove(ev('Enter')), null);
});

test('keyAction: w snaps the selected or focused annotation, unless a label has w', () => {
  const labels = [{ name: 'QUOTE', hotkey: 'q' }];
  const ctx = (o = {}) => ({ view: 'article', editing: false, labels, hasSelection: false, selectedId: null, ...o });
  assert.deepEqual(keyAction(ev('w'), ctx({ selectedId: 3 })), { type: 'snap' });
  assert.deepEqual(keyAction(ev('w'), ctx({ focusedId: 3 })), { type: 'snap' });
  assert.equal(keyAction(ev('w'), ctx()), null, 'nothing to snap');
  assert.equal(keyAction(ev('w'), ctx({ selectedId: 3, editing: true })), null, 'typing a w in a field');
  assert.deepEqual(keyAction(ev('w'), ctx({ selectedId: 3, labels: [{ name: 'WHO', hotkey: 'w' }] })), { type: 'label', label: 'WHO' });
});

const an = (id, label, text, o = {}) => ({ id, label, text, start: 0, end: text.length, attrs: {}, author: 'ann', ...o });

test('changes: added, removed, relabelled, moved, attributes; by whom', () => {
  const q = an(1, 'QUOTE', '“no-limits friendship”');
  const c = an(2, 'CLAIM', 'Beijing called for a cease-fire');
  const before = new Map([[1, q], [2, c]]);
  const same = (x) => x;
  assert.deepEqual(changes(before, new Map(before), same, 'ann'), [], 'nothing changed');
  assert.deepEqual(changes(before, new Map([[1, q]]), same, 'ann'), ['CLAIM removed: “Beijing called for a cease-fire”']);
  const s = an(3, 'SPEAKER', 'Wang Wenbin', { author: 'ben' });
  assert.deepEqual(changes(before, new Map([[1, q], [2, c], [3, s]]), same, 'ann'), ['SPEAKER added by ben: “Wang Wenbin”']);
  assert.deepEqual(changes(before, new Map([[1, { ...q, label: 'CLAIM' }], [2, c]]), same, 'ann'), ['QUOTE changed to CLAIM: “no-limits friendship”'], 'a quote is not quoted twice');
  assert.deepEqual(changes(before, new Map([[1, q], [2, { ...c, end: 40, text: 'Beijing called for a cease-fire last month' }]]), same, 'ann'), ['CLAIM now reads “Beijing called for a cease-fire last month”']);
  assert.deepEqual(changes(before, new Map([[1, { ...q, attrs: { speaker: 'Xi Jinping' } }], [2, c]]), same, 'ann'), ['QUOTE “no-limits friendship” changed: speaker Xi Jinping']);
  assert.deepEqual(changes(before, new Map([[1, { ...q }], [2, c]]), same, 'ann'), [], 'a new object with the same fields (an ack) is not news');
});

test('changes: a saved create under its real id is the same annotation', () => {
  const tmp = an(-1, 'QUOTE', '“no-limits friendship”');
  const real = { ...tmp, id: 7, attrs: { verdict: 'unverified' } };
  const renamed = (id) => (id === -1 ? 7 : id);
  assert.deepEqual(changes(new Map(), new Map([[-1, tmp]]), renamed, 'ann'), ['QUOTE added: “no-limits friendship”']);
  assert.deepEqual(changes(new Map([[-1, tmp]]), new Map([[7, real]]), renamed, 'ann'), [], 'neither removed nor added, and its defaults are no news');
});

test('changes: many at once are counted', () => {
  const before = new Map();
  const after = new Map([1, 2, 3, 4, 5].map((i) => [i, an(i, 'BOILERPLATE', 'Read more »')]));
  assert.deepEqual(changes(before, after, (x) => x, 'ann'), ['5 annotations added']);
  assert.deepEqual(changes(after, new Map([[1, after.get(1)]]), (x) => x, 'ann'), ['4 annotations removed']);
});

test('describe: label, text, attributes, and whose when not yours', () => {
  const l = { name: 'QUOTE', attrs: [{ name: 'speaker' }] };
  const q = an(4, 'QUOTE', '“avoid politicization and double standards,”', { attrs: { speaker: 'Wang Wenbin' } });
  assert.equal(describe(q, l, 'ann'), 'QUOTE: “avoid politicization and double standards,”, speaker: Wang Wenbin');
  assert.equal(describe({ ...q, author: 'ben' }, l, 'ann'), 'QUOTE: “avoid politicization and double standards,”, speaker: Wang Wenbin, by ben');
  assert.equal(quoted('Putin is personally'), '“Putin is personally”');
  assert.ok(Array.from(quoted('word '.repeat(60))).length <= 106);
});

test('cutEdges: an edge inside a word is cut; word edges and punctuation are whole', () => {
  const t = 'charges that Putin is personally responsible. “Read more »”';
  const at = (s) => t.indexOf(s);
  const sp = (s, n = s.length) => [at(s), at(s) + n];
  assert.deepEqual(cutEdges(t, ...sp('Putin is personall')), { start: false, end: true, to: sp('Putin is personally') });
  assert.deepEqual(cutEdges(t, ...sp('utin is')), { start: true, end: false, to: sp('Putin is') });
  assert.deepEqual(cutEdges(t, ...sp('Putin is personally')), { start: false, end: false, to: sp('Putin is personally') });
  assert.deepEqual(cutEdges(t, ...sp('“Read more »”')).start, false, 'a quotation mark is no word');
  assert.equal(cutText({ start: false, end: true }), 'ends inside a word');
  assert.equal(cutText({ start: true, end: true }), 'starts and ends inside a word');
  assert.equal(cutText({ start: false, end: false }), '');
});
