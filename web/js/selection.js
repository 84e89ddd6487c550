// selection.js turns the window's selection into a code-point span of the
// article, trimmed of whitespace at both ends. A selection may start or end
// outside the text (dragging past the last line, or from the title): it is
// clipped to the text.

/** isSpace reports whether the UTF-16 unit c is whitespace (incl. NBSP). */
function isSpace(c) {
  return /\s/.test(c);
}

/**
 * trimSpan narrows UTF-16 [s, e) of text until neither end is whitespace.
 * Returns null when nothing but whitespace is left.
 */
export function trimSpan(text, s, e) {
  while (s < e && isSpace(text[s])) s++;
  while (e > s && isSpace(text[e - 1])) e--;
  return s < e ? [s, e] : null;
}

/**
 * clipPoints returns the selection range's boundary points clipped to the
 * contents of root, or null when the range does not touch root.
 */
function clipPoints(range, root) {
  const all = document.createRange();
  all.selectNodeContents(root);
  // The selection ends before the text starts or starts after it ends.
  if (range.compareBoundaryPoints(Range.END_TO_START, all) >= 0) return null;
  if (range.compareBoundaryPoints(Range.START_TO_END, all) <= 0) return null;
  const startIn = range.compareBoundaryPoints(Range.START_TO_START, all) >= 0;
  const endIn = range.compareBoundaryPoints(Range.END_TO_END, all) <= 0;
  return {
    start: startIn ? [range.startContainer, range.startOffset] : [root, 0],
    end: endIn ? [range.endContainer, range.endOffset] : [root, root.childNodes.length],
  };
}

/**
 * selectionSpan returns {start, end} in code points for the current window
 * selection over view, or null when nothing of the text is selected.
 */
export function selectionSpan(view, sel = window.getSelection()) {
  const t = selectedU16(view, sel);
  if (!t) return null;
  const [start, end] = view.map.spanToCodePoints(t[0], t[1]);
  return start < end ? { start, end } : null;
}

// selectedU16 is the selection over view as UTF-16 [s, e) of its text,
// clipped to it and trimmed of whitespace, or null.
function selectedU16(view, sel) {
  if (!view || !sel || sel.rangeCount === 0 || sel.isCollapsed) return null;
  const pts = clipPoints(sel.getRangeAt(0), view.root);
  if (!pts) return null;
  const s = view.domToU16(...pts.start);
  const e = view.domToU16(...pts.end);
  if (s === null || e === null) return null;
  return trimSpan(view.text, Math.min(s, e), Math.max(s, e));
}

// Word boundaries come from Intl.Segmenter, which knows where words end
// in scripts written without spaces (Chinese, Japanese, Thai): a rule on
// letters alone would take a whole line of Chinese for one word.
const words = new Intl.Segmenter(undefined, { granularity: 'word' });
// Words are looked for this far around each end of a selection.
const SNAP_WINDOW = 64;

/**
 * snapToWords widens UTF-16 [s, e) of text so that neither end cuts a word
 * in two: an end inside a word moves to that word's edge. Ends at a space
 * or punctuation stay where they are, so a quote keeps its quotation marks
 * and "Putin" can still be marked in "Putin's". Words that scraping glued
 * together ("CrimeaRussian") snap only as far as the change of case.
 */
export function snapToWords(text, s, e) {
  if (s >= e) return [s, e];
  const around = (i) => {
    const from = Math.max(0, i - SNAP_WINDOW);
    const seg = words.segment(text.slice(from, Math.min(text.length, i + SNAP_WINDOW))).containing(i - from);
    return seg && seg.isWordLike ? [from + seg.index, from + seg.index + seg.segment.length] : null;
  };
  const first = around(s);
  if (first && first[0] < s) {
    let k = s;
    while (k > first[0] && !caseBreak(text, k)) k--;
    s = k;
  }
  const last = around(e - 1);
  if (last && last[1] > e) {
    let k = e;
    while (k < last[1] && !caseBreak(text, k)) k++;
    e = k;
  }
  return [s, e];
}

/**
 * moveEdge moves one edge of UTF-16 span [s, e) of text by a word: the
 * end (edge 'end') to the end of the next word (dir 1) or of the word
 * before its last one (dir -1), the start (edge 'start') to the start of
 * the word before it (dir -1) or of the word after its first one (dir 1).
 * It returns the new [s, e], or null when the span would be empty or there
 * is no word to move to.
 */
export function moveEdge(text, s, e, edge, dir) {
  const lo = Math.max(0, (edge === 'end' ? e : s) - 400);
  const hi = Math.min(text.length, (edge === 'end' ? e : s) + 400);
  const ws = [...words.segment(text.slice(lo, hi))].filter((w) => w.isWordLike).map((w) => [lo + w.index, lo + w.index + w.segment.length]);
  if (edge === 'end') {
    const to = dir > 0 ? ws.find(([, b]) => b > e) : ws.findLast(([, b]) => b < e);
    return to && to[1] > s ? [s, to[1]] : null;
  }
  const to = dir < 0 ? ws.findLast(([a]) => a < s) : ws.find(([a]) => a > s);
  return to && to[0] < e ? [to[0], e] : null;
}

// caseBreak reports whether a lower-case letter is followed by an upper-
// case one at i: where scraping glued two words ("CrimeaRussian",
// "presidentXi"), the selection may start or end there.
function caseBreak(text, i) {
  return i > 0 && /\p{Ll}/u.test(text[i - 1]) && /\p{Lu}/u.test(text[i]);
}

/**
 * snapSelection widens the window's selection over view to whole words
 * (snapToWords), so that what is selected on screen is what a label will
 * mark. The editor calls it when a mouse drag ends, and when Shift is let
 * go after selecting with the keyboard (caret.js); Alt keeps the exact
 * characters.
 */
export function snapSelection(view, sel = window.getSelection()) {
  const t = selectedU16(view, sel);
  if (!t) return;
  const [s, e] = snapToWords(view.text, t[0], t[1]);
  if (s === t[0] && e === t[1]) return;
  const [sn, so] = view.u16ToDom(s);
  const [en, eo] = view.u16ToDom(e);
  // A selection made backwards stays so: its focus (where the keyboard's
  // caret is) stays at its start.
  const backward = view.domToU16(sel.anchorNode, sel.anchorOffset) > view.domToU16(sel.focusNode, sel.focusOffset);
  if (backward) sel.setBaseAndExtent(en, eo, sn, so);
  else sel.setBaseAndExtent(sn, so, en, eo);
}

/** clearSelection drops the window's selection. */
export function clearSelection() {
  const sel = window.getSelection();
  if (sel) sel.removeAllRanges();
}
