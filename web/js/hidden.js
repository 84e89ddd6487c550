// hidden.js hides and shows highlights: those of a label (on every
// article, kept in localStorage) or those of one person (on this article).
import { store } from './app.js';

// HIDDEN_KEY keeps the labels whose highlights are hidden, by name, for
// every article: someone hiding BOILERPLATE to read the claims wants it
// hidden on the next article too.
const HIDDEN_KEY = 'gloss.hidden-labels';

/** savedHidden returns the labels kept hidden. */
export function savedHidden() {
  try {
    const v = JSON.parse(localStorage.getItem(HIDDEN_KEY) || '[]');
    return Array.isArray(v) ? v.filter((x) => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

/**
 * toggleHidden adds name to the hidden list key ('hidden' for labels,
 * 'hiddenAuthors'), or takes it out, and returns the new list; the
 * selected annotation is unselected when it is no longer shown.
 */
export function toggleHidden(key, name) {
  const cur = store.get()[key];
  const next = cur.includes(name) ? cur.filter((x) => x !== name) : [...cur, name];
  store.set({ [key]: next }, 'hidden');
  const sel = store.annotation(store.get().selectedId);
  if (sel && !store.shown().includes(sel)) store.select(null);
  return next;
}

/** toggleLabel hides or shows the highlights of label name, on every article. */
export function toggleLabel(name) {
  const hidden = toggleHidden('hidden', name);
  try {
    localStorage.setItem(HIDDEN_KEY, JSON.stringify(hidden));
  } catch {
    // Full or refused: hidden for this page only.
  }
}
