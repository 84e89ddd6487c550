// word-notch.js marks a span whose edge cuts a word ("Putin is personall"):
// a small notch at the cut edge in the text, a note in its popover, and
// `w` to snap the span out to whole words, as an ordinary update (undoable,
// live). Such spans come from imports, the API, an Alt drag or a keyboard
// selection kept exact; token-based exports (spaCy, CoNLL) cannot carry them.
//
// "Cuts a word" is exactly what a mouse drag would widen: snapToWords, so
// a span at a word's edge, at punctuation, or at a change of case in glued
// words ("CrimeaRussian") is whole.
import { snapToWords } from './selection.js';
import { h, fill } from './dom.js';

/**
 * cutEdges reports which edges of UTF-16 span [s, e) of text fall inside a
 * word: {start, end, to: [s', e'] (the whole-word span)}.
 */
export function cutEdges(text, s, e) {
  // An edge with a space on either side is at a word's edge: no need to
  // ask the segmenter, which is slow enough to matter over thousands of spans.
  const whole = (i) => i <= 0 || i >= text.length || /\s/.test(text[i - 1]) || /\s/.test(text[i]);
  if (whole(s) && whole(e)) return { start: false, end: false, to: [s, e] };
  const to = snapToWords(text, s, e);
  return { start: to[0] !== s, end: to[1] !== e, to };
}

// Notches are drawn for the spans on screen and a screen above and below:
// a long article's thousands of spans cost nothing until scrolled to.
function onScreen(view) {
  const lines = view.lines;
  const below = (i) => lines[i].getBoundingClientRect().bottom >= -window.innerHeight;
  const above = (i) => lines[i].getBoundingClientRect().top <= 2 * window.innerHeight;
  let lo = 0;
  let hi = lines.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (below(mid)) hi = mid;
    else lo = mid + 1;
  }
  const first = lo;
  hi = lines.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (above(mid)) lo = mid;
    else hi = mid - 1;
  }
  return [view.map.toCodePoint(view.starts[first]), view.map.toCodePoint(view.starts[lo] + view.lineLength(lo), true)];
}

/** cutText says which edges cut a word, for a note: '' when none does. */
export function cutText(cut) {
  if (cut.start && cut.end) return 'starts and ends inside a word';
  if (cut.start) return 'starts inside a word';
  if (cut.end) return 'ends inside a word';
  return '';
}

/**
 * Notches draws the notches of the open article's spans in layer (an
 * element over the text), and keeps, per annotation, whether it cuts a
 * word: a span is looked at again only when it moves.
 */
export class Notches {
  constructor(layer) {
    this.layer = layer;
    this.view = null;
    this.memo = new Map(); // id -> {start, end, cut}
  }

  /** cut returns cutEdges for annotation an over view (code points in, remembered). */
  cut(view, an) {
    if (view !== this.view) {
      this.view = view;
      this.memo.clear();
    }
    const m = this.memo.get(an.id);
    if (m && m.start === an.start && m.end === an.end) return m.cut;
    const [s, e] = view.map.spanToUTF16(an.start, an.end);
    const cut = cutEdges(view.text, s, e);
    this.memo.set(an.id, { start: an.start, end: an.end, cut });
    return cut;
  }

  /**
   * draw places a notch at every cut edge of annotations (those shown, in
   * reading order) over view, near the screen.
   */
  draw(view, annotations) {
    const notches = [];
    if (view && annotations.length) {
      const host = this.layer.offsetParent || this.layer.parentElement;
      const hr = host.getBoundingClientRect();
      const [from, to] = onScreen(view);
      for (const an of annotations) {
        if (an.start > to) break;
        if (an.end < from) continue;
        const cut = this.cut(view, an);
        if (!cut.start && !cut.end) continue;
        const [s, e] = view.map.spanToUTF16(an.start, an.end);
        for (const edge of ['start', 'end']) {
          if (!cut[edge]) continue;
          const p = between(view, edge === 'start' ? s : e);
          if (!p) continue; // not laid out yet (a long article's far paragraphs)
          notches.push(
            h('span', {
              class: `notch notch-${edge}`,
              dataset: { id: String(an.id), edge },
              title: `${an.label} ${cutText({ [edge]: true })}: w snaps it to whole words`,
              style: { left: `${Math.round(p.x - hr.left)}px`, top: `${Math.round(p.top - hr.top)}px`, height: `${Math.round(p.height)}px` },
            }),
          );
        }
      }
    }
    fill(this.layer, notches);
  }
}

// between returns where on screen the cut at UTF-16 offset u lies, between
// the characters before and after it, {x, top, height}; null when they have
// no boxes. The side is read off the boxes, so right-to-left text gets its
// notch on the right edge.
function between(view, u) {
  const box = (i) => {
    const [n, o] = view.u16ToDom(i);
    if (n.nodeType !== Node.TEXT_NODE || o >= n.data.length) return null;
    const r = document.createRange();
    r.setStart(n, o);
    r.setEnd(n, o + 1);
    return [...r.getClientRects()].find((b) => b.width > 0) || null;
  };
  const a = box(u - 1);
  const b = box(u);
  if (!a || !b) return a || b ? { x: a ? a.right : b.left, top: (a || b).top, height: (a || b).height } : null;
  const ltr = b.left >= a.left;
  return { x: ltr ? a.right : a.left, top: a.top, height: a.height };
}

/**
 * cutNote is the popover's note on annotation an when it cuts a word,
 * with a button that snaps it; null when it does not.
 */
export function cutNote(cut, may) {
  const what = cutText(cut);
  if (!what) return null;
  return h(
    'p',
    { class: 'pop-cut' },
    h('span', { class: 'notch-icon', 'aria-hidden': 'true' }),
    h('span', {}, `This span ${what}.`),
    ' ',
    h('button', { type: 'button', class: 'btn small', dataset: { action: 'snap-words' }, disabled: !may, title: 'Widen it to whole words (w)' }, 'Whole words'),
  );
}

/**
 * bindNotches draws the notches of the open article in layer whenever the
 * text may have moved under them, after the frame that renders (and after
 * the mark the render benchmark waits for); drawn() runs after each draw.
 * It returns the Notches.
 */
export function bindNotches({ store, renderer, layer, drawn = () => {} }) {
  const notches = new Notches(layer);
  let due = 0;
  const draw = () => {
    if (due) return;
    due = requestAnimationFrame(() =>
      setTimeout(() => {
        due = 0;
        const s = store.get();
        const view = s.route.view === 'article' && s.article ? renderer.view : null;
        notches.draw(view, view ? store.shown() : []);
        drawn();
      }, 0),
    );
  };
  // Not for what moves no text (a toast, presence, the selected
  // annotation): they come often, and over thousands of spans a draw takes
  // a few ms.
  store.addEventListener('change', (e) => {
    if (!['toast', 'live', 'selection'].includes(e.detail.what)) draw();
  });
  window.addEventListener('resize', draw);
  document.fonts.ready.then(draw);
  // Notches are drawn near the screen (and a long article lays its
  // paragraphs out as they scroll into view): again when a scroll ends.
  window.addEventListener('scrollend', () => renderer.view && store.shown().length && draw());
  return notches;
}

/**
 * snapAnnotation widens annotation an's edges to whole words (an ordinary
 * update through edits, undoable and live). It reports whether it did.
 */
export function snapAnnotation(an, view, edits) {
  if (!an || !view) return false;
  const [s, e] = view.map.spanToUTF16(an.start, an.end);
  const cut = cutEdges(view.text, s, e);
  if (!cut.start && !cut.end) return false;
  const [start, end] = view.map.spanToCodePoints(cut.to[0], cut.to[1]);
  edits.update(an.id, { start, end });
  return true;
}
