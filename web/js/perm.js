// perm.js says what the signed-in user may do in the open project, from
// what the server sent with the project list: each project's "can" (the
// permissions of storage/model/perm.go this user holds there) and
// "my_role". The editor hides or disables what would be refused; the
// server checks every change anyway, so this is about not offering a
// button that can only fail.
import { independent } from './assign.js';

/** openProject returns the project the editor shows, or null. */
export function openProject(state) {
  return (state.projects || []).find((p) => p.id === state.projectId) || null;
}

/** can reports whether the user holds perm (e.g. 'export') in the open project. */
export function can(state, perm) {
  const p = openProject(state);
  return !!p && (p.can || []).includes(perm);
}

/** isAdmin reports whether the user is a global admin. */
export function isAdmin(state) {
  return !!state.me && state.me.role === 'admin';
}

/**
 * mayEdit reports whether the user may update or delete annotation an:
 * their own (or one not saved yet), or anyone's with edit_others.
 */
export function mayEdit(state, an) {
  if (!an) return false;
  if (an.id < 0 || can(state, 'edit_others')) return true;
  return !!state.me && an.author === state.me.name && can(state, 'annotate');
}

/**
 * mayChange is mayEdit with the open article's own project (the one whose
 * rights apply to its annotations), for the popover and the undo history.
 * It offers everything when the server sent no permission list: then the
 * server's refusal, shown in a toast, is what tells.
 */
export function mayChange(state, an) {
  if (!an || layerLock(state)) return false;
  const pid = state.article ? state.article.project : state.projectId;
  const p = (state.projects || []).find((x) => x.id === pid);
  if (!p || !Array.isArray(p.can)) return true;
  return mayEdit({ ...state, projectId: pid }, an);
}

/**
 * whyNot says, in one line, why the user may not change an; given the
 * state, a locked layer (layerLock) is the reason first.
 */
export function whyNot(an, state) {
  const lock = state ? layerLock(state) : '';
  if (lock) return lock;
  return `${an.author || 'Someone else'}'s annotation: in this project you may change only your own`;
}

/** articleProject returns the open article's project (else the open project), or null. */
export function articleProject(state) {
  const pid = state.article ? state.article.project : state.projectId;
  return (state.projects || []).find((p) => p.id === pid) || null;
}

/**
 * layerLock says why the open article is read-only for this user, or ''
 * when it is not: in an independent project an annotator's layer is
 * locked once they submitted it, and every annotator's once a reviewer
 * marked the article reviewed (the server refuses such writes, 403).
 * Reviewers, managers and admins work in gold and are never locked.
 */
export function layerLock(state) {
  const a = state.article;
  const p = articleProject(state);
  if (!a || !independent(p) || (p.can || []).includes('review')) return '';
  if (a.status === 'reviewed') return 'A reviewer marked this article reviewed, so it is locked for annotators. A reviewer can reopen it.';
  if (a.mine && a.mine.status === 'submitted') return 'You submitted your annotations of this article, so they are locked. A reviewer can reopen them for you.';
  return '';
}
