// Run with: node --test web/js/
// The parts of the editor that need no DOM: nesting levels, whitespace
// trimming, hotkeys, the store's remote ops. Undo and redo are tested with
// live sync in live.test.mjs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assignLevels } from './highlight.js';
import { trimSpan, snapToWords, moveEdge } from './selection.js';
import { keyAction } from './keys.js';
import { sameTextSpans } from './matches.js';
import { OffsetMap } from './offsets.js';
import { parseLabels, formatLabels } from './schema.js';
import { suggestions } from './suggest.js';
import { innermostAt } from './hover.js';
import { rtlAt } from './render-brackets.js';
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

test('assignLevels: touching spans of one label take two levels, of two labels share one', () => {
  const spans = [
    { start: 0, end: 5, label: 'CLAIM' },
    { start: 5, end: 10, label: 'CLAIM' }, // starts where the first CLAIM ends
    { start: 10, end: 15, label: 'QUOTE' }, // touches a CLAIM: no boundary to lose
    { start: 15, end: 20, label: 'CLAIM' },
  ];
  assert.deepEqual(assignLevels(spans), [0, 1, 0, 0]);
});

test('innermostAt: of crossing spans, the shorter, then the one begun later', () => {
  const anns = [
    { id: 1, start: 0, end: 40 }, // "Beijing called for a cease-fire last month"
    { id: 2, start: 32, end: 60 }, // "last month, but Washington…"
    { id: 3, start: 32, end: 36 }, // "last"
  ];
  assert.equal(innermostAt(anns, 5), 1);
  assert.equal(innermostAt(anns, 33), 3);
  assert.equal(innermostAt(anns, 38), 2);
  assert.equal(innermostAt(anns, 40), 2); // end exclusive: 1 stops before 40
  assert.equal(innermostAt(anns, 60), null);
  const same = [
    { id: 4, start: 0, end: 10 },
    { id: 5, start: 5, end: 15 },
  ];
  assert.equal(innermostAt(same, 7), 5);
});

test('rtlAt: a letter by itself, anything else by the paragraph', () => {
  assert.equal(rtlAt('abc שלום', 5), true);
  assert.equal(rtlAt('abc שלום', 0), false);
  assert.equal(rtlAt('«שלום» abc', 0), true); // a quote mark in a Hebrew paragraph
  assert.equal(rtlAt('“abc” שלום', 0), false);
});

test('snapToWords widens ends inside words, and only those', () => {
  const snap = (text, sel) => {
    const s = text.indexOf(sel);
    const [a, b] = snapToWords(text, s, s + sel.length);
    return text.slice(a, b);
  };
  const t = 'Xi Jinping said Putin\\u0027s visit was "a success" – 🇿🇦 South Africa, Ünïcödé e\u0301tudes.';
  assert.equal(snap(t, 'Jinp'), 'Jinping', 'an end inside a word');
  assert.equal(snap(t, 'ping sa'), 'Jinping said', 'both ends inside words');
  assert.equal(snap(t, 'Xi Jinping'), 'Xi Jinping', 'whole words stay');
  assert.equal(snap(t, 'Putin'), 'Putin', 'a word before punctuation stays');
  assert.equal(snap(t, '"a succ'), '"a success', 'a quotation mark at the start stays');
  assert.equal(snap(t, 'ss"'), 'success"', 'and at the end');
  assert.equal(snap(t, 'outh Af'), 'South Africa');
  const glued = 'annexed CrimeaRussian President, a U.S. presidentXi Jinping';
  assert.equal(snap(glued, 'ussian Pres'), 'Russian President', 'glued words part at the change of case');
  assert.equal(snap(glued, 'Russian Pres'), 'Russian President');
  assert.equal(snap(glued, 'xed Crim'), 'annexed Crimea');
  assert.equal(snap(glued, 'sidentX'), 'presidentXi', 'an end past the break snaps to the word end');
  assert.equal(snap(glued, 'U.S. presid'), 'U.S. president', 'an end before the break stops at it');
  assert.equal(snap(t, 'nïcö'), 'Ünïcödé', 'letters beyond ASCII');
  assert.equal(snap(t, 'tude'), 'e\u0301tudes', 'a combining mark belongs to its word');
  assert.equal(snap(t, '🇿🇦'), '🇿🇦', 'a flag is not a word: it stays as selected');
  // Chinese has no spaces: the segmenter's words, not the whole run.
  const zh = '习近平将会见普京。国际刑事法院对普京发出逮捕令。';
  const [a, b] = snapToWords(zh, zh.indexOf('近'), zh.indexOf('近') + 1);
  assert.ok(b - a < 6, `snapped to ${zh.slice(a, b)}`);
  assert.ok(zh.slice(a, b).includes('近'));
  assert.deepEqual(snapToWords('abc', 1, 1), [1, 1], 'an empty span stays empty');
});

test('sameTextSpans: the other places with the same text, at word edges, not labelled yet', () => {
  const text = '😀 Read more » Putin. Putinism. Read more » Putin.\nRead more »Read more »';
  const map = new OffsetMap(text);
  const cp = (s16) => map.toCodePoint(s16);
  const at = (needle, from = 0) => {
    const i = text.indexOf(needle, from);
    return { start: cp(i), end: cp(i + needle.length) };
  };
  const spans = (an, anns = [an]) => sameTextSpans(text, map, an, anns).map((s) => text.slice(map.toUTF16(s.start), map.toUTF16(s.end)) + '@' + s.start);

  const putin = { ...at('Putin'), label: 'QUOTE' };
  assert.deepEqual(spans(putin), ['Putin@' + at('Putin', text.indexOf('» Putin', 20)).start], 'not inside Putinism');

  const more = { ...at('Read more »'), label: 'BOILERPLATE' };
  const all = sameTextSpans(text, map, more, [more]);
  assert.equal(all.length, 3, 'three more places, offsets in code points after the emoji');
  assert.equal(all[0].start, at('Read more »', 10).start);
  // A place labelled already (same label, same span) is skipped; another
  // label there does not count.
  const other = { ...all[0], label: 'BOILERPLATE' };
  assert.equal(sameTextSpans(text, map, more, [more, other]).length, 2);
  assert.equal(sameTextSpans(text, map, more, [more, { ...other, label: 'CLAIM' }]).length, 3);
  // A place inside a longer span of the same label (a BOILERPLATE tail) is
  // labelled already too (issue 12).
  const tail = { start: at('Read more »', 10).start - 1, end: cp(text.length), label: 'BOILERPLATE' };
  assert.equal(sameTextSpans(text, map, more, [more, tail]).length, 0, 'all three lie inside the tail');

  // A span cut inside words (made with Alt) matches anywhere, without
  // overlapping itself.
  const cut = { ...at('utin'), label: 'CLAIM' };
  assert.equal(sameTextSpans(text, map, cut, [cut]).length, 2);
  const aa = new OffsetMap('aaaa');
  assert.deepEqual(sameTextSpans('aaaa', aa, { start: 0, end: 2, label: 'X' }, []), [{ start: 2, end: 4 }]);
  const a6 = new OffsetMap('aaaaaa');
  assert.deepEqual(sameTextSpans('aaaaaa', a6, { start: 1, end: 3, label: 'X' }, []), [{ start: 3, end: 5 }], 'nothing over an');
});

test('parseLabels reads the schema lines formatLabels writes, and names the bad line', () => {
  const labels = [
    { name: 'BOILERPLATE', color: '#64748b', hotkey: 'b', attrs: [] },
    { name: 'QUOTE', color: '#2563eb', hotkey: 'q', attrs: [{ name: 'speaker', type: 'text' }] },
    {
      name: 'CLAIM',
      color: '#d97706',
      hotkey: 'c',
      attrs: [
        { name: 'checkworthy', type: 'enum', values: ['yes', 'no'] },
        { name: 'verdict', type: 'enum', values: ['unverified', 'true', 'false'], default: 'unverified' },
        { name: 'evidence', type: 'url' },
      ],
    },
    { name: 'SPEAKER', color: '#059669', attrs: [] },
  ];
  const text = formatLabels(labels);
  assert.equal(text.split('\n')[2], 'CLAIM #d97706 c checkworthy:enum(yes|no) verdict:enum(unverified|true|false)=unverified evidence:url');
  assert.deepEqual(parseLabels(text), labels);
  assert.deepEqual(parseLabels('// comment\n\n  AD  #FFAA00  \n'), [{ name: 'AD', color: '#ffaa00', attrs: [] }]);
  assert.throws(() => parseLabels('CLAIM red c'), /line 1: after the name comes a colour/);
  assert.throws(() => parseLabels('A #111111\nB #222222 b verdict:enum'), /line 2: enum attribute verdict needs its values/);
  assert.throws(() => parseLabels('A #111111 a note:txt'), /line 1: "note:txt" is not an attribute/);
  assert.throws(() => parseLabels('  \n// only a comment'), /at least one label/);
});

test('suggestions: nearby SPEAKER texts first, then the values used most, each once', () => {
  const quote = { id: 1, label: 'QUOTE', start: 100, end: 140, attrs: {} };
  const anns = [
    quote,
    { id: 2, label: 'SPEAKER', start: 10, end: 20, text: 'Vladimir Putin' },
    { id: 3, label: 'SPEAKER', start: 145, end: 155, text: 'Xi  Jinping' },
    { id: 4, label: 'SPEAKER', start: 300, end: 310, text: 'Xi Jinping' },
    { id: 5, label: 'QUOTE', start: 200, end: 220, attrs: { speaker: 'Wang Wenbin' } },
    { id: 6, label: 'QUOTE', start: 230, end: 240, attrs: { speaker: 'Wang Wenbin' } },
    { id: 7, label: 'QUOTE', start: 250, end: 260, attrs: { speaker: 'Xi and Putin' } },
    { id: 8, label: 'CLAIM', start: 0, end: 5, attrs: { speaker: 'not a quote' } },
  ];
  assert.deepEqual(suggestions(quote, 'speaker', anns), ['Xi Jinping', 'Vladimir Putin', 'Wang Wenbin', 'Xi and Putin']);
  assert.deepEqual(suggestions({ ...quote, attrs: { speaker: 'Xi Jinping' } }, 'speaker', anns), ['Vladimir Putin', 'Wang Wenbin', 'Xi and Putin'], 'not the value it has');
  assert.deepEqual(suggestions(quote, 'note', anns), []);
});

test('moveEdge moves a span\'s start or end by a word, never to nothing', () => {
  const t = 'Russian President Vladimir Putin visits “annexed” Crimea.';
  const at = (sub) => [t.indexOf(sub), t.indexOf(sub) + sub.length];
  const show = (r) => (r ? t.slice(r[0], r[1]) : null);
  const [s, e] = at('Vladimir Putin');
  assert.equal(show(moveEdge(t, s, e, 'end', 1)), 'Vladimir Putin visits');
  assert.equal(show(moveEdge(t, s, e, 'end', -1)), 'Vladimir');
  assert.equal(show(moveEdge(t, s, e, 'start', -1)), 'President Vladimir Putin');
  assert.equal(show(moveEdge(t, s, e, 'start', 1)), 'Putin');
  const [vs, ve] = at('visits');
  assert.equal(show(moveEdge(t, vs, ve, 'end', 1)), 'visits “annexed', 'over punctuation to the next word');
  assert.equal(moveEdge(t, vs, ve, 'end', -1), null, 'one word cannot lose its last');
  assert.equal(moveEdge(t, vs, ve, 'start', 1), null);
  const [cs, ce] = at('Crimea');
  assert.equal(moveEdge(t, cs, ce, 'end', 1), null, 'no word after the last');
  const emoji = '😀 ab cd';
  assert.deepEqual(moveEdge(emoji, 3, 5, 'end', 1), [3, 8], 'UTF-16 offsets after an emoji');
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
  assert.deepEqual(keyAction(ev('Enter'), ctx({ selectedId: 3 })), { type: 'edit' });
  assert.equal(keyAction(ev('Enter'), ctx()), null, 'nothing selected');
  assert.deepEqual(keyAction(ev('Enter'), ctx({ justMade: true })), { type: 'edit' }, 'the one just made');
  assert.equal(keyAction(ev('Enter'), ctx({ selectedId: 3, editing: true })), null, 'Enter in a field is the field\'s');
  assert.equal(keyAction(ev('Enter'), ctx({ selectedId: 3, onControl: true })), null, 'Enter on a button is the button\'s');
  assert.deepEqual(keyAction(ev('ArrowRight', { shiftKey: true }), ctx({ selectedId: 3, hasSelection: false })), { type: 'resize', edge: 'end', dir: 1 });
  assert.deepEqual(keyAction(ev('ArrowLeft', { shiftKey: true, altKey: true }), ctx({ selectedId: 3, hasSelection: false })), { type: 'resize', edge: 'start', dir: -1 });
  assert.equal(keyAction(ev('ArrowRight', { shiftKey: true }), ctx({ selectedId: 3 })), null, 'a text selection being extended wins');
  assert.equal(keyAction(ev('ArrowRight', { shiftKey: true }), ctx({ hasSelection: false })), null);
  assert.deepEqual(keyAction(ev(']'), ctx({ hasSelection: false })), { type: 'step', by: 1 });
  assert.deepEqual(keyAction(ev('['), ctx({ selectedId: 3 })), { type: 'step', by: -1 });
  assert.equal(keyAction(ev(']'), ctx({ editing: true })), null);
  assert.equal(keyAction(ev(']'), ctx({ view: 'list' })), null);
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

test('truncate cuts between words where it can (issue 12)', async () => {
  const { truncate } = await import('./dom.js');
  const s = 'Beijing called for a cease-fire last month, but Washington said that would ratify the gains';
  const t = truncate(s, 40);
  assert.ok(Array.from(t).length <= 42, t); // n − 1 characters and ' … '
  const [head, tail] = t.split(' … ');
  assert.ok(s.startsWith(head) && s.endsWith(tail), t);
  assert.ok(/\s/.test(s[head.length]), `head ends mid-word: ${t}`);
  assert.ok(/\s/.test(s[s.length - tail.length - 1]), `tail starts mid-word: ${t}`);
  // Without spaces (CJK) it cuts at the character, as before.
  const cjk = '中国领导人习近平将与弗拉基米尔·普京会面，为这位孤立的俄罗斯总统提供政治支持';
  assert.equal(Array.from(truncate(cjk, 20)).length, 22);
});
