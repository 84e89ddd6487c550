// textview.js lays an article's text out as one block per line and maps
// between DOM positions and text offsets.
//
// The text goes in as text nodes only: one <p> per line (split on "\n"),
// each holding a single text node, so a (text node, offset) pair maps to an
// offset in the article by adding its line's start (a prefix array). The
// newlines themselves are not in the DOM but still count in offsets.
//
// Positions are UTF-16 offsets here; the OffsetMap in `map` converts them to
// the code points the server speaks, and nothing else in this file counts
// characters.
import { OffsetMap } from './offsets.js';

export class TextView {
  /**
   * @param {HTMLElement} root the element to fill; its children are replaced
   * @param {string} text the article text
   */
  constructor(root, text) {
    this.root = root;
    this.text = text;
    this.map = new OffsetMap(text);
    const starts = [];
    const nodes = [];
    const lines = [];
    const frag = document.createDocumentFragment();
    let at = 0;
    const parts = text.split('\n');
    // Past a few screens of text, paragraphs off screen skip layout and
    // paint (content-visibility: auto); each gets an estimated height so
    // that the scroll bar is about right before it is first shown.
    const long = text.length > 20000;
    root.classList.toggle('long', long);
    for (let i = 0; i < parts.length; i++) {
      const line = parts[i];
      const p = document.createElement('p');
      p.className = line.trim() === '' ? 'ln blank' : 'ln';
      p.dataset.ln = String(i);
      if (long) p.style.containIntrinsicSize = `auto ${Math.max(1, Math.ceil(line.length / 80)) * 1.72}em`;
      let node = null;
      if (line !== '') {
        node = document.createTextNode(line);
        p.appendChild(node);
      }
      frag.appendChild(p);
      starts.push(at);
      nodes.push(node);
      lines.push(p);
      at += line.length + 1;
    }
    this.starts = starts; // UTF-16 offset where line i starts
    this.nodes = nodes; // its text node, null for an empty line
    this.lines = lines;
    root.replaceChildren(frag);
  }

  /** lineOf returns the index of the line holding UTF-16 offset u. */
  lineOf(u) {
    const s = this.starts;
    let lo = 0;
    let hi = s.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (s[mid] <= u) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** lineLength returns the UTF-16 length of line i, without its newline. */
  lineLength(i) {
    const n = this.nodes[i];
    return n ? n.data.length : 0;
  }

  /**
   * domToU16 maps a DOM boundary point to a UTF-16 offset in the text, or
   * null when the point lies outside the text's root.
   */
  domToU16(node, offset) {
    if (!node || !this.root.contains(node)) return null;
    if (node === this.root) {
      // Between line elements: offset counts children.
      if (offset >= this.lines.length) return this.text.length;
      return this.starts[offset];
    }
    let el = node.nodeType === Node.TEXT_NODE ? node.parentElement : node;
    while (el && el.parentElement !== this.root) el = el.parentElement;
    if (!el || el.dataset.ln === undefined) return null;
    const i = Number(el.dataset.ln);
    if (node.nodeType === Node.TEXT_NODE) {
      return this.starts[i] + Math.min(offset, node.data.length);
    }
    // An element inside the line: before or after all of its text.
    return this.starts[i] + (offset === 0 ? 0 : this.lineLength(i));
  }

  /** u16ToDom maps a UTF-16 offset to a DOM boundary point [node, offset]. */
  u16ToDom(u) {
    u = Math.max(0, Math.min(u, this.text.length));
    const i = this.lineOf(u);
    const node = this.nodes[i];
    if (!node) return [this.lines[i], 0];
    return [node, Math.min(u - this.starts[i], node.data.length)];
  }

  /**
   * staticRange returns a StaticRange over code points [start, end): cheap
   * to make by the thousand, and the text never changes under it.
   */
  staticRange(start, end) {
    const [s, e] = this.map.spanToUTF16(start, end);
    const [sc, so] = this.u16ToDom(s);
    const [ec, eo] = this.u16ToDom(e);
    return new StaticRange({ startContainer: sc, startOffset: so, endContainer: ec, endOffset: eo });
  }

  /** liveRange is staticRange as a live Range, for measuring on screen. */
  liveRange(start, end) {
    const r = document.createRange();
    const [s, e] = this.map.spanToUTF16(start, end);
    r.setStart(...this.u16ToDom(s));
    r.setEnd(...this.u16ToDom(e));
    return r;
  }

  /**
   * offsetAtPoint returns the code-point offset of the character under the
   * viewport point (x, y), or null when there is no text there.
   */
  offsetAtPoint(x, y) {
    let node = null;
    let off = 0;
    if (document.caretPositionFromPoint) {
      const pos = document.caretPositionFromPoint(x, y);
      if (pos) [node, off] = [pos.offsetNode, pos.offset];
    } else if (document.caretRangeFromPoint) {
      const r = document.caretRangeFromPoint(x, y);
      if (r) [node, off] = [r.startContainer, r.startOffset];
    }
    if (!node || node.nodeType !== Node.TEXT_NODE) return null;
    const u = this.domToU16(node, off);
    if (u === null) return null;
    // The caret sits between two characters: take the one whose box holds
    // the point.
    for (const c of [u, u - 1]) {
      if (c < 0 || c >= this.text.length) continue;
      const [n, o] = this.u16ToDom(c);
      if (n.nodeType !== Node.TEXT_NODE || o >= n.data.length) continue;
      const r = document.createRange();
      r.setStart(n, o);
      r.setEnd(n, Math.min(o + 2, n.data.length) === o + 2 && isHighSurrogate(n.data, o) ? o + 2 : o + 1);
      for (const b of r.getClientRects()) {
        if (x >= b.left - 0.5 && x <= b.right + 0.5 && y >= b.top - 0.5 && y <= b.bottom + 0.5) {
          return this.map.toCodePoint(c);
        }
      }
    }
    return null;
  }
}

function isHighSurrogate(s, i) {
  const c = s.charCodeAt(i);
  return c >= 0xd800 && c <= 0xdbff;
}
