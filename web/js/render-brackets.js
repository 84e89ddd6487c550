// render-brackets.js marks where an annotation starts and ends, as brat
// and INCEpTION do: a bracket in its label's colour before its first
// character and after its last, for the annotation under the mouse
// (hover.js) and for the selected one (Renderer's brackets, see render.js);
// the one under the mouse is tinted darker over its extent as well.
// Underlines and tints run on from one span into the next when two of a
// label cross or touch ("…cease-fire last month" and "last month, but
// Washington…"); the brackets say which text is one annotation.
//
// The brackets are two elements each, placed over the text like the
// other people's name flags: the text's DOM never changes.
import { h, fill } from './dom.js';

const RTL = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFC]/;
const LETTER = /\p{L}/u;

/**
 * rtlAt reports whether the character at UTF-16 offset i of line runs
 * right to left: by the character itself when it has a direction (a
 * letter), else by the paragraph's first letter, as the text's
 * unicode-bidi: plaintext lays it out.
 */
export function rtlAt(line, i) {
  const c = line[i] || '';
  if (LETTER.test(c)) return RTL.test(c);
  const first = line.match(LETTER);
  return !!first && RTL.test(first[0]);
}

/** bracketMethods are Renderer's methods for the brackets; render.js adds them to the class. */
export const bracketMethods = {
  brackets(s) {
    const hoverId = s.hover && s.hover.article === s.article ? s.hover.id : null;
    const ids = [s.selectedId, hoverId].filter((id, i, all) => id != null && all.indexOf(id) === i);
    if (!this.changed('brackets', [this.view, s.annRev, s.hidden, s.hiddenAuthors, window.innerWidth, ...ids])) return;
    let box = this.el.brackets;
    if (!box) {
      box = this.el.brackets = h('div', { id: 'span-brackets', class: 'span-brackets', 'aria-hidden': 'true' });
      this.el.text.parentElement.appendChild(box);
    }
    const marks = [];
    const hovered = hoverId != null && this.view ? this.store.annotation(hoverId) : null;
    if (hovered && hovered.end > hovered.start && !s.hidden.includes(hovered.label) && this.store.authorShown(hovered)) {
      this.hl.hover(this.view.staticRange(hovered.start, hovered.end), hovered.label);
    } else {
      this.hl.hover(null);
    }
    for (const id of this.view ? ids : []) {
      const a = this.store.annotation(id);
      if (!a || s.hidden.includes(a.label) || !this.store.authorShown(a) || a.end <= a.start) continue;
      const l = this.store.label(a.label);
      const color = l && /^#[0-9a-fA-F]{6}$/.test(l.color) ? l.color : '#64748b';
      marks.push(...this.bracketPair(box, a, color, id === s.selectedId));
    }
    fill(box, marks);
  },

  // bracketPair builds the start and end brackets of annotation a, placed
  // against the box of its first and of its last character.
  bracketPair(box, a, color, selected) {
    const host = box.offsetParent || box.parentElement;
    const hr = host.getBoundingClientRect();
    const view = this.view;
    const whole = [...view.liveRange(a.start, a.end).getClientRects()].filter((r) => r.width > 0);
    if (!whole.length) return [];
    const charRect = (at, fallback) => [...view.liveRange(at, at + 1).getClientRects()].find((r) => r.width > 0) || fallback;
    const [s16, e16] = view.map.spanToUTF16(a.start, a.end);
    const rtl = (u) => {
      const i = view.lineOf(u);
      return rtlAt(view.nodes[i] ? view.nodes[i].data : '', u - view.starts[i]);
    };
    const first = charRect(a.start, whole[0]);
    const last = charRect(a.end - 1, whole[whole.length - 1]);
    const mark = (edge, r, side) =>
      h('span', {
        class: `bracket ${side}` + (selected ? ' selected' : ''),
        dataset: { id: String(a.id), edge },
        style: {
          '--c': color,
          // Against the character's outer side, reaching a little below
          // its box for the underlines that hang under the text.
          left: `${Math.round((side === 'left' ? r.left - BRACKET_W + 1 : r.right - 1) - hr.left)}px`,
          top: `${Math.round(r.top - hr.top - 1)}px`,
          height: `${Math.round(r.height + 6)}px`,
        },
      });
    const startRTL = rtl(s16);
    const endRTL = rtl(Math.max(s16, e16 - 1));
    return [mark('start', first, startRTL ? 'right' : 'left'), mark('end', last, endRTL ? 'left' : 'right')];
  },
};

// BRACKET_W is a bracket's width in CSS pixels (brackets.css).
const BRACKET_W = 5;
