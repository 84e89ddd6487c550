// actions-annotation.js holds the actions of an annotation's popover
// beyond its fields: its change history and the notes about colleagues'
// changes. actions.js merges these tables into its own.
import { store, edits } from './app.js';
import { annotationHistory } from './api.js';
import { patchOf } from './ann-fields.js';

/** clicks are the popover's click actions, by data-action. */
export const clicks = {
  // "Put mine back": the fields a colleague overwrote that held this
  // user's values get them again, as an ordinary update (undoable) that is
  // conditional: should it have changed once more meanwhile, the server
  // refuses and the user is told, rather than overwriting that too.
  'put-mine-back': () => {
    const s = store.get();
    const an = store.annotation(s.selectedId);
    const note = s.colleague;
    if (!an || !note || note.id !== an.id) return;
    const values = {};
    for (const c of note.changes) if (c.mine) values[c.field] = c.old;
    store.set({ colleague: null }, 'colleague');
    if (Object.keys(values).length) edits.update(an.id, patchOf(values), { cond: true, what: 'put back' });
  },
  'dismiss-colleague': () => store.set({ colleague: null }, 'colleague'),
  'ann-history': () => {
    const s = store.get();
    const id = s.selectedId;
    const st = s.annHistory;
    if (id == null) return;
    if (st && st.id === id && st.open) {
      store.set({ annHistory: { ...st, open: false } }, 'ann-history');
      return;
    }
    loadHistory(id);
  },
};

/** changes are the popover's change actions, by data-action. */
export const changes = {};

let seq = 0;
// loadHistory fetches annotation id's history into the open History
// section; an answer that comes after another request was made is dropped.
async function loadHistory(id) {
  const art = store.get().article;
  const an = store.annotation(id);
  if (!art || !an) return;
  const mine = ++seq;
  const version = an.version || 0;
  const prev = store.get().annHistory;
  const entries = prev && prev.id === id ? prev.entries : null; // shown while the new ones come
  store.set({ annHistory: { id, open: true, entries, version, error: '' } }, 'ann-history');
  try {
    const list = await annotationHistory(art.id, id);
    if (mine !== seq) return;
    store.set({ annHistory: { id, open: true, entries: list, version, error: '' } }, 'ann-history');
  } catch (err) {
    if (mine !== seq) return;
    store.set({ annHistory: { id, open: true, entries: null, version, error: err.message } }, 'ann-history');
  }
}

// An open History follows the annotation: when it changes (anyone's
// change, committed), the list is fetched again.
store.addEventListener('change', (e) => {
  if (e.detail.what !== 'annotations') return;
  const st = store.get().annHistory;
  if (!st || !st.open || st.id !== store.get().selectedId) return;
  const an = store.annotation(st.id);
  if (an && !an.pending && (an.version || 0) > st.version) loadHistory(st.id);
});
