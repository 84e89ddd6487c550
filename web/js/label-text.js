// label-text.js labels the selected annotation's text in every article of
// the project (the popover's "Label it in every article…", the server's
// label-text), and takes that back.
import { api } from './api.js';
import { textOf } from './matches.js';
import { store, renderer, fail } from './app.js';
import { can, openProject } from './perm.js';
import { whyNot } from './people.js';

/**
 * labelEverywhere counts (apply false) or labels (apply true) the places in
 * every article of the project where the selected annotation's text occurs
 * without its label. What it labels can be taken back from the toast.
 */
export async function labelEverywhere(apply) {
  const an = store.annotation(store.get().selectedId);
  const view = renderer.view;
  const art = store.get().article;
  if (!an || !view || !art || an.id < 0) return;
  const { needle, wholeWords } = textOf(view.text, view.map, an);
  const body = { text: needle, label: an.label, attrs: { ...(an.attrs || {}) }, whole_words: wholeWords, apply };
  const id = an.id;
  // The popover may offer it to someone who may not: say why instead of
  // asking the server for a 403.
  const s = store.get();
  if (!can(s, 'label_text')) {
    const p = openProject(s);
    store.set({ everywhere: { id, error: whyNot('Labelling a text in every article', 'label_text', p && p.my_role) + '.' } }, 'everywhere');
    return;
  }
  store.set({ everywhere: { id, loading: true } }, 'everywhere');
  try {
    const res = await api.labelText(art.project, body);
    if (!apply) {
      store.set({ everywhere: { id, places: res.places, articles: res.articles } }, 'everywhere');
      return;
    }
    store.set({ everywhere: null }, 'everywhere');
    const created = res.created || [];
    const failed = (res.failed || []).length;
    const n = created.length;
    const msg = `Labelled ${n} ${n === 1 ? 'place' : 'places'} ${an.label} in ${new Set(created.map((c) => c.article)).size} articles` + (failed ? `; ${failed} could not be: ${res.failed[0].error}` : '.');
    store.toast(msg, failed ? 'error' : 'info', n ? { label: 'Undo', run: () => unlabelEverywhere(created) } : null);
  } catch (err) {
    store.set({ everywhere: { id, error: err.message } }, 'everywhere');
  }
}

// unlabelEverywhere takes back what labelEverywhere created; those someone
// deleted since are skipped.
async function unlabelEverywhere(created) {
  try {
    const res = await api.deleteAnnotations(created);
    store.toast(`Took back ${res.deleted} ${res.deleted === 1 ? 'annotation' : 'annotations'}.`, 'info');
  } catch (err) {
    fail(err);
  }
}
