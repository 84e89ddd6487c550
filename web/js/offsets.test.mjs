// Run with: node --test web/js/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { OffsetMap, codePointLength, sliceCodePoints } from './offsets.js';

// Reference conversions by brute force: Array.from splits a string into
// code points, which is what the server counts.
const refToCP = (s, u16) => Array.from(s.slice(0, u16)).length;
const refToU16 = (s, cp) => Array.from(s).slice(0, cp).join('').length;

const cases = {
  ascii: 'Plain ASCII text.\nSecond line.',
  emoji: 'I 😀 you 😀😀!',
  skinTone: 'ok 👍🏽 fine', // U+1F44D U+1F3FD: two astral code points
  flag: 'Слава 🇺🇦 Україні', // two regional indicators, both astral
  zwj: 'family 👩‍👩‍👧 here', // woman ZWJ woman ZWJ girl: 5 code points, 8 units
  cjk: '习近平与普京会面。𠮷野家', // BMP ideographs, then one astral (U+20BB7)
  combining: 'café vs cafe\u0301', // precomposed é vs e + U+0301
  arabic: 'قال الرئيس: «سلام» 😀 نعم',
  hebrew: 'שלום עולם 👋 מה נשמע',
  startsAstral: '😀abc',
  endsAstral: 'abc😀',
  onlyAstral: '😀😀😀',
  empty: '',
};

for (const [name, s] of Object.entries(cases)) {
  test(`matches brute force: ${name}`, () => {
    const m = new OffsetMap(s);
    assert.equal(m.length16, s.length);
    assert.equal(m.lengthCP, Array.from(s).length);
    assert.equal(codePointLength(s), Array.from(s).length);
    for (let u = 0; u <= s.length; u++) {
      const mid = u > 0 && u < s.length && /[\uDC00-\uDFFF]/.test(s[u]) && /[\uD800-\uDBFF]/.test(s[u - 1]);
      if (mid) continue;
      assert.equal(m.toCodePoint(u), refToCP(s, u), `toCodePoint(${u})`);
      assert.equal(m.toCodePoint(u, true), refToCP(s, u), `toCodePoint(${u}, up)`);
    }
    for (let c = 0; c <= m.lengthCP; c++) {
      assert.equal(m.toUTF16(c), refToU16(s, c), `toUTF16(${c})`);
      assert.equal(m.toCodePoint(m.toUTF16(c)), c, `round trip ${c}`);
    }
  });
}

test('emoji: explicit offsets', () => {
  const s = cases.emoji; // 'I 😀 you 😀😀!'
  const m = new OffsetMap(s);
  // 'I', ' ', 😀 (cp 2, u16 2-3), ' ', 'y'...
  assert.equal(m.toUTF16(2), 2);
  assert.equal(m.toUTF16(3), 4);
  assert.equal(m.toCodePoint(4), 3);
  assert.equal(m.lengthCP, 11);
  assert.equal(m.length16, 14);
  assert.equal(sliceCodePoints(s, 8, 10), '😀😀');
});

test('mid-pair offsets snap to the character edges', () => {
  const s = 'a😀b';
  const m = new OffsetMap(s);
  assert.equal(m.toCodePoint(2), 1); // inside 😀: down to its start
  assert.equal(m.toCodePoint(2, true), 2); // or up past it
  assert.deepEqual(m.spanToCodePoints(2, 2), [1, 2]);
});

test('skin tone modifier counts as its own code point', () => {
  const s = cases.skinTone;
  assert.equal(sliceCodePoints(s, 3, 5), '👍🏽');
  assert.equal(sliceCodePoints(s, 6, 10), 'fine');
});

test('flag: two regional indicators', () => {
  const s = cases.flag; // 'Слава 🇺🇦 Україні'
  assert.equal(sliceCodePoints(s, 6, 8), '🇺🇦');
  assert.equal(sliceCodePoints(s, 9, 16), 'Україні');
  assert.equal(new OffsetMap(s).toUTF16(9), 11);
});

test('ZWJ sequence: five code points, eight units', () => {
  const s = cases.zwj; // 'family 👩‍👩‍👧 here'
  const m = new OffsetMap(s);
  assert.equal(sliceCodePoints(s, 7, 12), '👩‍👩‍👧');
  assert.equal(m.toUTF16(12), 15);
  assert.equal(sliceCodePoints(s, 13, 17), 'here');
});

test('CJK: BMP ideographs are one unit, extension B is two', () => {
  const s = cases.cjk;
  const m = new OffsetMap(s);
  assert.equal(sliceCodePoints(s, 0, 3), '习近平');
  assert.equal(sliceCodePoints(s, 9, 10), '𠮷');
  assert.equal(sliceCodePoints(s, 10, 12), '野家');
  assert.equal(m.toUTF16(10), 11);
  assert.equal(m.lengthCP, 12);
  assert.equal(m.length16, 13);
});

test('combining marks are separate code points (no normalization)', () => {
  const s = cases.combining; // 'café vs cafe\u0301'
  assert.equal(codePointLength(s), 13);
  assert.equal(sliceCodePoints(s, 8, 13), 'cafe\u0301');
  const m = new OffsetMap(s);
  assert.equal(m.toUTF16(13), 13); // all BMP: identity
});

test('RTL text: offsets are logical, not visual', () => {
  const a = cases.arabic;
  const i = Array.from(a).indexOf('😀');
  assert.equal(sliceCodePoints(a, i + 2, i + 5), 'نعم');
  const h = cases.hebrew;
  assert.equal(sliceCodePoints(h, 0, 4), 'שלום');
  assert.equal(sliceCodePoints(h, 12, 19), 'מה נשמע');
});

test('out of range offsets clamp', () => {
  const m = new OffsetMap('ab😀');
  assert.equal(m.toUTF16(-5), 0);
  assert.equal(m.toUTF16(99), 4);
  assert.equal(m.toCodePoint(99), 3);
});

test('a long text converts by binary search', () => {
  const parts = [];
  for (let i = 0; i < 20000; i++) parts.push(i % 7 === 0 ? '😀' : 'x');
  const s = parts.join('');
  const m = new OffsetMap(s);
  for (const c of [0, 1, 7, 8, 12345, 19999, 20000]) {
    assert.equal(m.toUTF16(c), refToU16(s, c));
    assert.equal(m.toCodePoint(m.toUTF16(c)), c);
  }
});
