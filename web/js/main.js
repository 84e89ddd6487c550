// main.js wires the editor: routes, data loading, one delegated listener
// per event type on the document dispatching on data-action, hotkeys, and
// rendering on every store change (at most once per frame).
//
// What each part does lives in its own module: app.js (the store, the
// renderer, the live session, the undo history), routes.js (the article or
// the list the hash names), list.js, projects.js, status.js, hidden.js,
// annotate.js (acting on annotations), label-text.js, and actions.js (what
// each data-action does).
import { api } from './api.js';
import { selectionSpan, clearSelection, snapSelection } from './selection.js';
import { bindKeys } from './keys.js';
import { storedArticles } from './live-kept.js';
import { store, renderer, live, edits, schedule, fail, HISTORY_KEY } from './app.js';
import { parseRoute, whoAmI, loadArticle, sendKept, onRoute } from './routes.js';
import { refreshList, LIST_REFRESH } from './list.js';
import { savedProject, createProject, refreshProjects } from './projects.js';
import { closeMembers } from './members.js';
import { savedHidden } from './hidden.js';
import { doneAndNext, refreshOpenArticle } from './status.js';
import { labelSelection, stepAnnotation, resizeSelected, saveAttr, justMade, editFields, gotoAnnotation } from './annotate.js';
import { bindReview } from './adjudicate.js';
import { bindSuggest } from './suggest-view.js';
import { clicks, changes, inputs, submits, closeMenus } from './actions.js';
import { bindRelations } from './render-relations.js';
import { bindHover } from './hover.js';
import { bindNarrow } from './narrow.js';
import { Caret } from './caret.js';
import { bindAnnouncer } from './announce.js';
import { bindNotches, snapAnnotation } from './word-notch.js';
import { PopoverFocus } from './popover-focus.js';

// The test suite and the browser console may look at these.
window.gloss = { store, edits, renderer, live, refreshList };

store.addEventListener('change', schedule);
window.addEventListener('resize', schedule);
// Long articles lay paragraphs out only as they scroll into view, which can
// move the text under the other people's name flags.
let flagFrame = 0;
window.addEventListener(
  'scroll',
  () => {
    if (!flagFrame && renderer.el.peerFlags.firstChild) {
      flagFrame = requestAnimationFrame(() => {
        flagFrame = 0;
        renderer.refreshFlags();
      });
    }
  },
  { passive: true },
);

// The undo stacks go to sessionStorage when the page goes away (HISTORY_KEY).
window.addEventListener('pagehide', () => edits.save());

// Back online: what was kept for other articles goes out too.
store.addEventListener('change', (e) => {
  if (e.detail.what !== 'live' || store.get().live.status !== 'live') return;
  const open = store.get().article;
  if (storedArticles(window.localStorage).some((id) => !open || id !== open.id)) sendKept();
});

setInterval(refreshList, LIST_REFRESH);

// What this user may do changes while the editor is open (a manager adds
// them to a project, an admin changes their role): ask again now and then,
// when the tab comes back, and when the live socket drops (the server
// closes it when rights change, code 4002). Every 30 s; every 10 s for
// someone in no project yet, who waits for exactly that.
let projectTicks = 0;
setInterval(() => {
  const s = store.get();
  if (document.visibilityState !== 'visible' || !s.me) return;
  if (++projectTicks % 3 === 0 || !s.projects.length) refreshProjects();
}, 10000);
window.addEventListener('focus', () => {
  if (!store.get().me) return;
  refreshProjects();
  refreshOpenArticle(); // submitted, reopened or reviewed meanwhile
});
let wasLive = false;
store.addEventListener('change', (e) => {
  if (e.detail.what !== 'live') return;
  const isLive = store.get().live.status === 'live';
  if (wasLive && !isLive) refreshProjects();
  wasLive = isLive;
});

async function boot() {
  // The article (when the route names one) loads alongside who-am-I and
  // the projects: it is what the user waits for.
  const route = parseRoute(location.hash);
  if (route.view === 'article') {
    store.set({ route }, 'route');
    loadArticle(route.id);
  }
  try {
    const [me, projects] = await Promise.all([whoAmI(), api.projects()]);
    edits.restore(window.sessionStorage, HISTORY_KEY + me.name);
    store.set({ hidden: savedHidden() }, 'hidden');
    const projectId = savedProject(projects);
    store.set({ me, projects, projectId }, 'projects');
  } catch (err) {
    fail(err);
    return;
  }
  window.addEventListener('hashchange', onRoute);
  sendKept();
  if (route.view === 'article') {
    // Already loading; keep the list ready for the way back.
    return;
  }
  onRoute();
}

document.getElementById('new-project-form').addEventListener('submit', (e) => {
  e.preventDefault();
  createProject(e.target);
});

// ---- delegated listeners ----

function delegate(type, table) {
  document.addEventListener(type, (e) => {
    const el = e.target.closest && e.target.closest('[data-action]');
    if (!el) return;
    const fn = table[el.dataset.action];
    if (fn) fn(el, e);
  });
}
// A click outside an open menu closes it.
document.addEventListener('click', (e) => closeMenus(e.target));
delegate('click', clicks);

// A drag that starts in the text selects whole words (Alt keeps the exact
// characters): what is selected on screen is what a label marks. It may
// end anywhere (past the last line, in the margin).
let dragInText = false;
document.addEventListener('mousedown', (e) => {
  const view = renderer.view;
  dragInText = e.button === 0 && !!view && e.target instanceof Node && view.root.contains(e.target);
});
document.addEventListener('mouseup', (e) => {
  const view = renderer.view;
  if (!dragInText || e.button !== 0) return;
  dragInText = false;
  if (!e.altKey && store.get().article && view) snapSelection(view);
});

// The keyboard in the text: a caret, arrows, Shift+arrows (caret.js).
const caret = new Caret(renderer.el.text, document.getElementById('text-caret'), { store, view: () => renderer.view });
// Into the popover and back out (Enter on a side-list item, Esc).
const popFocus = new PopoverFocus({ store, renderer });
// Changes to the annotations, read out (announce.js).
bindAnnouncer(store, document.getElementById('announce'));
// Notches where a span's edge cuts a word (word-notch.js).
window.gloss.notches = bindNotches({ store, renderer, layer: document.getElementById('notches'), drawn: () => caret.draw() });

/** snapWords widens the selected (or side-list focused) annotation to whole words. */
function snapWords(id) {
  const an = id == null ? null : store.annotation(id);
  if (!an) return false;
  if (!snapAnnotation(an, renderer.view, edits)) store.toast('Its edges are at whole words already.', 'info');
  return true;
}
delegate('click', {
  'snap-words': () => {
    const inPopover = popFocus.within();
    snapWords(store.get().selectedId);
    if (inPopover) popFocus.keep(); // its button goes with the notch
  },
  'skip-to-text': () => renderer.el.text.focus(),
});

// Others see where the selection is (live presence).
document.addEventListener('selectionchange', () => {
  if (store.get().article && renderer.view) live.select(selectionSpan(renderer.view));
});
delegate('change', changes);
delegate('input', inputs);

// Keep the text selection when a label button is pressed.
document.addEventListener('mousedown', (e) => {
  if (e.target.closest && e.target.closest('[data-action="label"],[data-action="undo"],[data-action="redo"]')) e.preventDefault();
});
document.addEventListener('submit', (e) => e.preventDefault());
delegate('submit', submits);
// Enter in a text attribute saves it without leaving the field.
document.addEventListener('keydown', (e) => {
  const el = e.target;
  if (e.key === 'Enter' && el.dataset && el.dataset.action === 'attr' && el.tagName === 'INPUT') {
    e.preventDefault();
    saveAttr(el);
  }
});
// Help and Members close on a click on their backdrop.
document.getElementById('help').addEventListener('click', (e) => {
  if (e.target.id === 'help') store.set({ help: false });
});
document.getElementById('members').addEventListener('click', (e) => {
  if (e.target.id === 'members') closeMembers();
});

// The annotation under the mouse shows where it starts and ends.
bindHover({ store, renderer });
// Narrow screens: the side list's drawer and the toolbar's More menu. Its
// Escape comes before the editor's (capture).
bindNarrow({ store });

// Linking's keys come first (capture): Tab, Enter and Esc choose a link's end.
const links = bindRelations({ store, edits, renderer, goto: gotoAnnotation });

// The review page's keys come first (capture), then the editor's.
bindReview({ store, edits, goto: gotoAnnotation, reveal: (c) => renderer.revealCandidate(c), selection: () => !!selectionSpan(renderer.view) });
// Then the suggestions' (a, x, Enter, ] and [ while one is focused).
bindSuggest({ store, renderer, selection: () => !!selectionSpan(renderer.view) });

// focusedItem is the annotation id of the side-list item with the focus, or null.
function focusedItem() {
  const el = document.activeElement;
  const item = el && el.closest && el.closest('#panel [data-action="goto"]');
  return item ? Number(item.dataset.id) : null;
}

bindKeys(
  () => {
    const s = store.get();
    return {
      view: s.route.view,
      labels: store.labels(),
      hasSelection: s.route.view === 'article' && !!selectionSpan(renderer.view),
      selectedId: s.selectedId,
      focusedId: focusedItem(),
      justMade: justMade(),
    };
  },
  (action, e) => {
    const s = store.get();
    switch (action.type) {
      case 'escape': {
        if (closeMenus()) return true;
        if (s.newProject) {
          store.set({ newProject: null }, 'new-project');
          return true;
        }
        if (s.members) {
          closeMembers();
          return true;
        }
        if (s.help) store.set({ help: false });
        else if (s.selectedId != null) {
          if (popFocus.within()) popFocus.leave();
          store.select(null);
        } else if (window.getSelection() && !window.getSelection().isCollapsed) clearSelection();
        else return false;
        return true;
      }
      case 'help':
        store.set({ help: !s.help });
        return true;
      case 'undo':
        edits.undo();
        return true;
      case 'redo':
        edits.redo();
        return true;
      case 'delete':
        edits.remove(s.selectedId);
        return true;
      case 'label':
        caret.beforeLabel(); // a keyboard selection takes whole words first, as a drag does
        labelSelection(action.label);
        return true;
      case 'snap':
        return snapWords(s.selectedId ?? focusedItem());
      case 'done-next':
        doneAndNext();
        return true;
      case 'step':
        return stepAnnotation(action.by);
      case 'resize':
        return resizeSelected(action.edge, action.dir);
      case 'edit':
        return editFields();
      case 'link':
        return links.start();
    }
    return false;
  },
);

boot();
