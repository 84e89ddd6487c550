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
  if (!view || !sel || sel.rangeCount === 0 || sel.isCollapsed) return null;
  const pts = clipPoints(sel.getRangeAt(0), view.root);
  if (!pts) return null;
  const s = view.domToU16(...pts.start);
  const e = view.domToU16(...pts.end);
  if (s === null || e === null) return null;
  const t = trimSpan(view.text, Math.min(s, e), Math.max(s, e));
  if (!t) return null;
  const [start, end] = view.map.spanToCodePoints(t[0], t[1]);
  return start < end ? { start, end } : null;
}

/** clearSelection drops the window's selection. */
export function clearSelection() {
  const sel = window.getSelection();
  if (sel) sel.removeAllRanges();
}
