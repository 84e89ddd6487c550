// hover.js follows the mouse over the text and keeps in the store which
// annotation is under it (state.hover), for render-brackets.js to mark
// where that annotation starts and ends.

/**
 * innermostAt returns the id of the shortest of anns (code points, end
 * exclusive) that holds offset at, the later-starting of two as long: of
 * two crossing spans, over their shared words, the one just begun. It
 * returns null when none does.
 */
export function innermostAt(anns, at) {
  let best = null;
  for (const a of anns) {
    if (a.start > at) break; // anns are in reading order
    if (a.end <= at) continue;
    const len = a.end - a.start;
    const bestLen = best && best.end - best.start;
    if (!best || len < bestLen || (len === bestLen && a.start > best.start)) best = a;
  }
  return best ? best.id : null;
}

/**
 * bindHover watches the mouse over the renderer's text, at most once a
 * frame, and sets state.hover to {id, article} (id null off any
 * annotation).
 */
export function bindHover({ store, renderer }) {
  const text = renderer.el.text;
  let frame = 0;
  let x = 0;
  let y = 0;
  const set = (id) => {
    const s = store.get();
    const h = s.hover;
    if (h && h.id === id && h.article === s.article) return;
    if (!h && id === null) return;
    store.set({ hover: id === null ? null : { id, article: s.article } }, 'hover');
  };
  const update = () => {
    frame = 0;
    const view = renderer.view;
    const at = view ? view.offsetAtPoint(x, y) : null;
    set(at === null ? null : innermostAt(store.shown(), at));
  };
  text.addEventListener(
    'mousemove',
    (e) => {
      x = e.clientX;
      y = e.clientY;
      if (!frame) frame = requestAnimationFrame(update);
    },
    { passive: true },
  );
  text.addEventListener('mouseleave', () => {
    cancelAnimationFrame(frame);
    frame = 0;
    set(null);
  });
}
