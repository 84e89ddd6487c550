// caret.js lets the keyboard move through the article text as caret
// browsing does: the text takes focus (Tab), a caret shows where the
// selection's focus point is, arrows move it, Shift+arrows select from it.
//
// The browser does the text layout: the caret is a collapsed DOM
// Selection inside the text, and Selection.modify moves and extends it by
// character, word, line or line boundary, as it would in a text field. What
// the browser does not do in text that is not editable is draw a caret, so
// this module draws one (an element over the text, hidden from screen
// readers, which follow the selection itself).
//
// A keyboard selection follows the mouse's rule: when the gesture ends (Shift
// is let go, as a drag ends when the button is) the selection widens to whole
// words, unless Alt is held then; a label key pressed before that widens it
// first. A label then marks it through the same labelSelection as a drag.
import { snapSelection } from './selection.js';

/**
 * caretMove says how a keydown in the text moves the caret, as arguments
 * of Selection.modify: {alter: 'move'|'extend', dir, unit}; null for a key
 * that is not a caret movement. Arrows are visual (left and right follow
 * the screen in right-to-left text too); Ctrl (Alt on a Mac) moves by
 * word or paragraph, Home and End to the line's ends (with Ctrl, the
 * text's), Cmd+←/→ to the line's ends as on a Mac.
 */
export function caretMove(e) {
  const word = e.ctrlKey || e.altKey;
  let dir;
  let unit;
  switch (e.key) {
    case 'ArrowLeft':
    case 'ArrowRight':
      dir = e.key === 'ArrowLeft' ? 'left' : 'right';
      unit = e.metaKey ? 'lineboundary' : word ? 'word' : 'character';
      break;
    case 'ArrowUp':
    case 'ArrowDown':
      dir = e.key === 'ArrowUp' ? 'backward' : 'forward';
      unit = word ? 'paragraph' : 'line';
      break;
    case 'Home':
    case 'End':
      dir = e.key === 'Home' ? 'backward' : 'forward';
      unit = e.ctrlKey || e.metaKey ? 'documentboundary' : 'lineboundary';
      break;
    default:
      return null;
  }
  return { alter: e.shiftKey ? 'extend' : 'move', dir, unit };
}

// How far from the window's edges the caret is kept when it moves.
const MARGIN_TOP = 140; // below the sticky bars
const MARGIN_BOTTOM = 48;

/**
 * Caret draws the text's caret and moves it. ctx: {store, view() (the
 * open TextView or null)}.
 */
export class Caret {
  constructor(root, el, ctx) {
    this.root = root;
    this.el = el;
    this.ctx = ctx;
    this.pendingSnap = false; // a keyboard selection whose gesture has not ended
    this.last = null; // UTF-16 offset of the caret, to put it back after a label clears the selection
    root.addEventListener('keydown', (e) => this.keydown(e));
    root.addEventListener('keyup', (e) => {
      if (e.key === 'Shift') this.settle(e.altKey);
    });
    // Tabbing to the text would scroll its top under the sticky bars (the
    // browser brings a focused element into view): the page stays put.
    let scrollY = null;
    document.addEventListener('keydown', (e) => {
      if (e.key === 'Tab') scrollY = window.scrollY;
    }, true);
    root.addEventListener('focus', () => {
      // Tabbed to: the caret starts at the first line on screen. A click
      // places it itself.
      if (root.matches(':focus-visible')) {
        if (scrollY !== null && window.scrollY !== scrollY) window.scrollTo({ top: scrollY });
        if (!this.inText()) this.placeAtTop();
      }
      scrollY = null;
      this.draw();
    });
    root.addEventListener('blur', () => {
      this.settle(false);
      this.draw();
    });
    document.addEventListener('selectionchange', () => this.selectionChanged());
    window.addEventListener('resize', () => this.draw());
  }

  // inText reports whether the window's selection has its focus point in the text.
  inText() {
    const sel = window.getSelection();
    return !!(sel && sel.rangeCount && sel.focusNode && this.root.contains(sel.focusNode));
  }

  view() {
    return this.ctx.view();
  }

  /**
   * settle ends a keyboard selection gesture: the selection widens to
   * whole words (snapSelection, the mouse's rule) unless exact (Alt held).
   */
  settle(exact) {
    if (!this.pendingSnap) return;
    this.pendingSnap = false;
    const view = this.view();
    if (!exact && view && this.inText()) snapSelection(view);
  }

  keydown(e) {
    if (e.defaultPrevented || e.isComposing) return;
    const view = this.view();
    if (!view) return;
    const { store } = this.ctx;
    const s = store.get();
    if (e.key === 'Escape') {
      // A selection made in the text shrinks back to the caret; what else
      // Esc does (the popover, the help, menus) is keys.js's.
      const sel = window.getSelection();
      if (s.selectedId == null && !s.help && !s.linking && sel && !sel.isCollapsed && this.inText()) {
        sel.collapse(sel.focusNode, sel.focusOffset);
        this.pendingSnap = false;
        e.preventDefault();
      }
      return;
    }
    if (e.key === 'Enter' && !e.shiftKey && !e.ctrlKey && !e.metaKey && !e.altKey && s.selectedId == null) {
      // Enter on a highlight selects it, as a click on it does (then Enter
      // again goes into its fields, keys.js).
      const an = this.annotationAtCaret();
      if (an) {
        store.select(an.id);
        e.preventDefault();
      }
      return;
    }
    const m = caretMove(e);
    if (!m) return;
    const sel = window.getSelection();
    const ranged = sel && !sel.isCollapsed && this.inText();
    if (s.selectedId != null && !ranged) {
      // Shift+←/→ move the selected annotation's edges (keys.js).
      if (e.shiftKey && !e.ctrlKey && !e.metaKey && (e.key === 'ArrowLeft' || e.key === 'ArrowRight')) return;
      // The caret goes on from the selected annotation: from its start
      // going back, its end going on; ← or → alone just leave it there.
      const an = store.annotation(s.selectedId);
      store.select(null);
      if (an) {
        const [s16, e16] = view.map.spanToUTF16(an.start, an.end);
        this.collapseAt(m.dir === 'left' || m.dir === 'backward' ? s16 : e16);
        if (m.alter === 'move' && m.unit === 'character') {
          e.preventDefault();
          this.draw();
          return;
        }
      }
    }
    if (!this.inText()) this.placeAtTop();
    sel.modify(m.alter, m.dir, m.unit);
    this.pendingSnap = m.alter === 'extend';
    e.preventDefault();
    this.draw();
    this.reveal();
  }

  // annotationAtCaret is the smallest shown annotation holding the
  // character after a collapsed caret, or null.
  annotationAtCaret() {
    const sel = window.getSelection();
    const view = this.view();
    if (!view || !sel.isCollapsed || !this.inText()) return null;
    const u = view.domToU16(sel.focusNode, sel.focusOffset);
    if (u === null) return null;
    const cp = view.map.toCodePoint(u);
    let best = null;
    for (const a of this.ctx.store.shown()) {
      if (a.start > cp) break;
      if (cp < a.end && (!best || a.end - a.start < best.end - best.start)) best = a;
    }
    return best;
  }

  /**
   * beforeLabel widens a keyboard selection still being made, as letting
   * go of Shift would, and notes where the selection's focus is now: the
   * label clears the selection, and the caret goes back there. (The
   * selectionchange events of a drag that just ended may not have run
   * yet; left to them, the caret went back to a point of the drag, inside
   * the new span, where Enter selects it instead of going into its fields.)
   */
  beforeLabel() {
    this.settle(false);
    const view = this.view();
    const sel = window.getSelection();
    if (view && document.activeElement === this.root && this.inText()) this.last = view.domToU16(sel.focusNode, sel.focusOffset);
  }

  collapseAt(u16) {
    const view = this.view();
    const [n, o] = view.u16ToDom(u16);
    window.getSelection().collapse(n, o);
  }

  // placeAtTop puts the caret at the start of the first line on screen.
  placeAtTop() {
    const view = this.view();
    if (!view) return;
    let u = 0;
    for (let i = 0; i < view.lines.length; i++) {
      if (view.lines[i].getBoundingClientRect().bottom > MARGIN_TOP) {
        u = view.starts[i];
        break;
      }
    }
    this.collapseAt(u);
  }

  selectionChanged() {
    const view = this.view();
    const focused = document.activeElement === this.root;
    const sel = window.getSelection();
    if (view && focused && sel) {
      if (this.inText()) this.last = view.domToU16(sel.focusNode, sel.focusOffset);
      else if (sel.rangeCount === 0 && this.last !== null) {
        // A label key or a step cleared the selection: the caret stays
        // where the selection's focus was.
        this.collapseAt(Math.min(this.last, view.text.length));
        return;
      }
    }
    this.draw();
  }

  // caretRect is the caret's box on screen, or null.
  caretRect() {
    const sel = window.getSelection();
    if (!this.inText()) return null;
    const r = document.createRange();
    r.setStart(sel.focusNode, sel.focusOffset);
    const rs = r.getClientRects();
    let b = rs.length ? rs[rs.length - 1] : r.getBoundingClientRect();
    if (!b || b.height === 0) {
      // An empty line has no text to measure: its block stands in.
      const el = sel.focusNode.nodeType === Node.TEXT_NODE ? sel.focusNode.parentElement : sel.focusNode;
      const box = el.getBoundingClientRect();
      b = { left: box.left, top: box.top, height: Math.max(box.height, 16) };
    }
    return b;
  }

  /** draw shows the caret at the selection's focus point while the text has focus. */
  draw() {
    const el = this.el;
    const b = document.activeElement === this.root && this.view() ? this.caretRect() : null;
    if (!b) {
      el.hidden = true;
      return;
    }
    const host = el.offsetParent || el.parentElement;
    const hr = host.getBoundingClientRect();
    el.hidden = false;
    el.style.left = `${Math.round(b.left - hr.left - 1)}px`;
    el.style.top = `${Math.round(b.top - hr.top)}px`;
    el.style.height = `${Math.round(b.height)}px`;
    // Restart the blink: a caret that moves is shown, not half-way through a blink.
    el.classList.remove('blink');
    void el.offsetWidth;
    el.classList.add('blink');
  }

  // reveal scrolls the caret into view when it left the window.
  reveal() {
    const b = this.caretRect();
    if (!b) return;
    if (b.top < MARGIN_TOP) window.scrollBy({ top: b.top - MARGIN_TOP - 40 });
    else if (b.top + b.height > window.innerHeight - MARGIN_BOTTOM) window.scrollBy({ top: b.top + b.height - window.innerHeight + MARGIN_BOTTOM + 40 });
    this.draw();
  }
}
