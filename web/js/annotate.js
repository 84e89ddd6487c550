// annotate.js acts on the open article's annotations: labelling the
// selection, picking one by a click or from the side list, moving its
// edges, stepping from one to the next, the popover's attributes, and
// labelling every repeat of its text.
import { selectionSpan, clearSelection, moveEdge } from './selection.js';
import { sameTextSpans } from './matches.js';
import { store, hl, renderer, edits } from './app.js';

function smallestAt(cp) {
  let best = null;
  for (const a of store.shown()) {
    if (a.start > cp) break;
    if (cp < a.end && (!best || a.end - a.start < best.end - best.start)) best = a;
  }
  return best;
}

// lastCreated is the annotation the last label key made (its id then,
// which store.currentId follows to the real one): Enter edits it.
let lastCreated = null;

/** justMade reports whether a label key has made an annotation on this page. */
export function justMade() {
  return lastCreated !== null;
}

/**
 * labelSelection labels the selected text, or relabels the selected
 * annotation; with neither, it says what to do.
 */
export function labelSelection(label) {
  const view = renderer.view;
  if (!view || !store.get().article) return;
  const span = selectionSpan(view);
  if (span) {
    clearSelection();
    const dup = store.sorted().find((a) => a.start === span.start && a.end === span.end && a.label === label);
    if (dup) {
      store.select(dup.id);
      return;
    }
    edits.create({ start: span.start, end: span.end, label, attrs: {} });
    // Enter right after goes into its fields (the popover is not opened
    // now: it would cover the text the next drag is headed for).
    const made = store.sorted().find((a) => a.id < 0 && a.start === span.start && a.end === span.end && a.label === label);
    lastCreated = made ? made.id : null;
    return;
  }
  const id = store.get().selectedId;
  if (id != null) {
    const a = store.annotation(id);
    if (a && a.label !== label) edits.update(id, { label });
    return;
  }
  store.toast('Select some text first, then choose a label.', 'info');
}

/** gotoAnnotation selects annotation id and scrolls it into view. */
export function gotoAnnotation(id) {
  const a = store.annotation(id);
  const view = renderer.view;
  if (!a || !view) return;
  store.select(id);
  const rect = view.liveRange(a.start, a.end).getBoundingClientRect();
  const top = 130; // below the sticky bars
  if (rect.top < top || rect.bottom > window.innerHeight - 40) {
    window.scrollBy({ top: rect.top - Math.max(top, window.innerHeight / 3), behavior: 'smooth' });
  }
  hl.flash(view.staticRange(a.start, a.end));
}

/**
 * resizeSelected moves the selected annotation's start or end by a word
 * (an ordinary update: undoable, live). It reports whether it could.
 */
export function resizeSelected(edge, dir) {
  const an = store.annotation(store.get().selectedId);
  const view = renderer.view;
  if (!an || !view) return false;
  const [s16, e16] = view.map.spanToUTF16(an.start, an.end);
  const to = moveEdge(view.text, s16, e16, edge, dir);
  if (!to) return false;
  const [start, end] = view.map.spanToCodePoints(to[0], to[1]);
  edits.update(an.id, { start, end });
  return true;
}

/**
 * stepAnnotation selects the next (by 1) or previous (by -1) shown
 * annotation in text order, from the selected one or, when none is, from the top of the
 * screen; past the last it comes round to the first. It reports whether
 * there was one to go to.
 */
export function stepAnnotation(by) {
  const all = store.shown();
  const view = renderer.view;
  if (!all.length || !view) return false;
  const cur = all.findIndex((a) => a.id === store.get().selectedId);
  let i;
  if (cur >= 0) i = (cur + by + all.length) % all.length;
  else {
    const box = view.root.getBoundingClientRect();
    const top = view.offsetAtPoint(box.left + 4, 140) ?? 0;
    const first = all.findIndex((a) => a.end > top);
    i = by > 0 ? (first < 0 ? 0 : first) : (first <= 0 ? all.length - 1 : first - 1);
  }
  clearSelection();
  gotoAnnotation(all[i].id);
  return true;
}

/** gotoPeer scrolls to the selection of another person on the article. */
export function gotoPeer(name) {
  const view = renderer.view;
  const u = (store.get().live.users || []).find((x) => x.name === name && x.selection && x.selection.end > x.selection.start);
  if (!view || !u) return;
  const rect = view.liveRange(u.selection.start, u.selection.end).getBoundingClientRect();
  const top = 130;
  if (rect.top < top || rect.bottom > window.innerHeight - 40) {
    window.scrollBy({ top: rect.top - Math.max(top, window.innerHeight / 3), behavior: 'smooth' });
  }
  hl.flash(view.staticRange(u.selection.start, u.selection.end));
}

/** pick selects the smallest annotation under a click on the text (none: unselects). */
export function pick(e) {
  const view = renderer.view;
  if (!view) return;
  const sel = window.getSelection();
  if (sel && !sel.isCollapsed && view.root.contains(sel.anchorNode)) return; // a drag, not a click
  const cp = view.offsetAtPoint(e.clientX, e.clientY);
  const a = cp === null ? null : smallestAt(cp);
  store.select(a ? a.id : null);
}

/** saveAttr saves the value of the popover's attribute field el. */
export function saveAttr(el) {
  const id = store.get().selectedId;
  const a = id != null ? store.annotation(id) : null;
  if (!a) return;
  const name = el.dataset.name;
  const value = el.value.trim();
  if (((a.attrs && a.attrs[name]) || '') === value) return;
  el.removeAttribute('aria-invalid');
  // A merge patch of this one key (null clears it): a colleague's edit of
  // another field, even one made while this user was offline, stays.
  edits.update(id, { attrs: { [name]: value === '' ? null : value } }).then((r) => {
    // Refused (the toast says why): keep the text so that it can be fixed.
    if (!r && el.isConnected) el.setAttribute('aria-invalid', 'true');
  });
}

/** labelAll gives the other places with the selected annotation's text its label and attributes. */
export function labelAll() {
  const an = store.annotation(store.get().selectedId);
  const view = renderer.view;
  if (!an || !view) return;
  const spans = sameTextSpans(view.text, view.map, an, store.sorted());
  if (!spans.length) return;
  edits.createAll(spans.map((sp) => ({ ...sp, label: an.label, attrs: { ...(an.attrs || {}) } })));
  store.toast(`Labelled ${spans.length} more ${spans.length === 1 ? 'place' : 'places'} ${an.label}. Ctrl+Z takes them away.`, 'info');
}

/**
 * editFields goes into the popover's first field of the selected
 * annotation, or of the one just made: select text, q, Enter, type the
 * speaker, Enter saves, Esc goes back to the text. It reports whether
 * there was a field to go to.
 */
export function editFields() {
  const s = store.get();
  const id = s.selectedId ?? (lastCreated === null ? null : store.currentId(lastCreated));
  const an = id === null ? null : store.annotation(id);
  const l = an && store.label(an.label);
  if (!l || !(l.attrs || []).length) return false;
  store.select(an.id);
  requestAnimationFrame(() => requestAnimationFrame(() => {
    const field = document.querySelector('#popover [data-action="attr"]');
    if (field) field.focus();
  }));
  return true;
}
