// Label colours on the page: whatever #rrggbb a project chooses, its
// underlines keep 3:1 against the page in either mode, and the tag with
// white text on it (a focused suggestion's) 4.5:1.
import test from 'node:test';
import assert from 'node:assert/strict';
import { rgb, contrast, onWhite, lineLight, lineDark, PAGE_LIGHT, PAGE_DARK } from './highlight.js';

const colours = ['#64748b', '#2563eb', '#d97706', '#059669', '#00ff00', '#ffff00', '#000080', '#ffffff', '#000000', '#f472b6'];

for (const hex of colours) {
  test(`label colour ${hex}`, () => {
    const c = rgb(hex);
    assert.ok(contrast(lineLight(c), PAGE_LIGHT) >= 3, `light underline ${lineLight(c)}: ${contrast(lineLight(c), PAGE_LIGHT)}`);
    assert.ok(contrast(lineDark(c), PAGE_DARK) >= 3, `dark underline ${lineDark(c)}: ${contrast(lineDark(c), PAGE_DARK)}`);
    assert.ok(contrast(onWhite(c), '255 255 255') >= 4.5, `white on ${onWhite(c)}`);
  });
}

test('a colour that has the contrast already stays as it is', () => {
  assert.equal(lineLight(rgb('#2563eb')), '37 99 235');
  assert.equal(onWhite(rgb('#2563eb')), '37 99 235');
});

test('contrast is the WCAG ratio', () => {
  assert.equal(contrast('0 0 0', '255 255 255').toFixed(1), '21.0');
  assert.equal(contrast('118 118 118', '255 255 255').toFixed(2), '4.54');
});

test('every person colour takes white initials at 4.5:1', async () => {
  const { colorOf } = await import('./presence.js');
  const seen = new Set();
  for (let i = 0; i < 200; i++) seen.add(colorOf('user' + i));
  assert.equal(seen.size, 8);
  for (const c of seen) assert.ok(contrast(rgb(c), '255 255 255') >= 4.5, `white on ${c}`);
});
