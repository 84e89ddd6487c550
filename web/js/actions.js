// actions.js says what each data-action does: one table per event type
// (clicks, changes, inputs), which main.js's delegated listeners look the
// action up in.
import { api } from './api.js';
import { store, renderer, edits, schedule, HISTORY_KEY } from './app.js';
import { turnPage, filterStatus, search, importFiles } from './list.js';
import { switchProject } from './projects.js';
import { setStatus, doneAndNext, openAssigned, askSubmit, cancelSubmit, submitLayer, reopenLayer, markReviewed, reopenArticle } from './status.js';
import { setSettings, toggleAnnotator } from './members.js';
import { toggleHidden, toggleLabel } from './hidden.js';
import { labelEverywhere } from './label-text.js';
import { labelSelection, gotoAnnotation, gotoPeer, resizeSelected, pick, saveAttr, labelAll } from './annotate.js';
import * as annotationActions from './actions-annotation.js';
import * as peopleActions from './actions-people.js';

/** clicks are the actions of a click, by data-action. */
export const clicks = {
  logout: async () => {
    edits.storage = null; // what this user could undo is not the next one's
    const me = store.get().me;
    if (me) window.sessionStorage.removeItem(HISTORY_KEY + me.name);
    try {
      await api.logout();
    } catch {
      // Going to the login page is what matters.
    }
    location.assign('/login');
  },
  help: () => store.set({ help: !store.get().help }),
  'close-help': () => store.set({ help: false }),
  page: (el) => turnPage(el),
  open: (el, e) => {
    // A link, or the row's review menu, is not a click on the row.
    if (e.target.closest('a, button, details')) return;
    location.hash = `#/articles/${el.dataset.id}`;
  },
  'dismiss-import': () => store.set({ importResult: null }, 'import'),
  'dismiss-toast': () => store.set({ toast: null }, 'toast'),
  'close-new-project': () => store.set({ newProject: null }, 'new-project'),
  'toast-action': () => {
    const t = store.get().toast;
    store.set({ toast: null }, 'toast');
    if (t && t.action) t.action.run();
  },
  everywhere: () => labelEverywhere(false),
  'everywhere-apply': () => labelEverywhere(true),
  'everywhere-cancel': () => store.set({ everywhere: null }, 'everywhere'),
  label: (el) => labelSelection(el.dataset.label),
  undo: () => edits.undo(),
  redo: () => edits.redo(),
  'done-next': () => doneAndNext(),
  // Independent projects: an annotator's assignment and submit, a
  // reviewer's reopen and reviewed (from the list's row menu or the editor).
  'start-annotating': () => openAssigned(store.get().projectId),
  'next-assigned': () => {
    const a = store.get().article;
    if (a) openAssigned(a.project);
  },
  'submit-layer': () => askSubmit(false),
  'submit-yes': () => submitLayer(),
  'submit-cancel': () => cancelSubmit(),
  'layer-reopen': (el) => {
    closeMenus();
    reopenLayer(Number(el.dataset.id), el.dataset.name);
  },
  'article-reviewed': (el) => {
    closeMenus();
    markReviewed(Number(el.dataset.id));
  },
  'article-reopen': (el) => {
    closeMenus();
    reopenArticle(Number(el.dataset.id));
  },
  goto: (el) => gotoAnnotation(Number(el.dataset.id)),
  'goto-peer': (el) => gotoPeer(el.dataset.name),
  'toggle-label': (el) => toggleLabel(el.dataset.label),
  'toggle-author': (el) => toggleHidden('hiddenAuthors', el.dataset.author),
  expand: (el) => {
    renderer.expanded.add(el.dataset.label);
    schedule();
  },
  'close-popover': () => store.select(null),
  edge: (el) => resizeSelected(el.dataset.edge, Number(el.dataset.dir)),
  'delete-ann': () => {
    const id = store.get().selectedId;
    if (id != null) edits.remove(id);
  },
  'label-all': () => labelAll(),
  pick: (el, e) => pick(e),
  // Downloading closes the menu it came from.
  'export-download': () => setTimeout(() => closeMenus(), 0),
  ...annotationActions.clicks,
  ...peopleActions.clicks,
};

/** changes are the actions of a change event, by data-action. */
export const changes = {
  project: (el) => switchProject(el),
  'status-filter': (el) => filterStatus(el),
  status: (el) => setStatus(el.value),
  relabel: (el) => {
    const id = store.get().selectedId;
    if (id != null) edits.update(id, { label: el.value });
  },
  attr: (el) => saveAttr(el),
  import: (el) => importFiles(el),
  'export-format': (el) => setExport({ format: el.value }),
  'export-done': (el) => setExport({ done: el.checked }),
  'export-clean': (el) => setExport({ clean: el.checked }),
  'export-this': (el) => setExport({ thisArticle: el.checked }),
  'settings-mode': (el) => setSettings({ mode: el.value }),
  'settings-annotator': (el) => toggleAnnotator(el.dataset.name, el.checked),
  ...annotationActions.changes,
  ...peopleActions.changes,
};

/** submits are the actions of a form's submit, by the form's data-action. */
export const submits = {
  ...peopleActions.submits,
};

/** inputs are the actions of an input event, by data-action. */
export const inputs = {
  attr: (el) => el.removeAttribute('aria-invalid'),
  search: (el) => search(el),
  'settings-k': (el) => setSettings({ k: el.value }),
};

function setExport(patch) {
  store.set({ exportOpts: { ...store.get().exportOpts, ...patch } }, 'export');
}

/** closeMenus closes the open menus (details.menu) except the one holding keep. */
export function closeMenus(keep = null) {
  let closed = false;
  for (const d of document.querySelectorAll('details.menu[open]')) {
    if (keep && d.contains(keep)) continue;
    d.open = false;
    closed = true;
  }
  return closed;
}
