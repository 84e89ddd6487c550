// perm-review.js says whether the user may change an annotation of the
// open article, for the popover and the undo history. It asks perm.js,
// with the article's own project (the one whose rights apply), and
// offers everything when the server sent no permission list (then the
// server's refusal, shown in a toast, is what tells).
import { mayEdit } from './perm.js';

/** mayChange reports whether the user may update or delete annotation an. */
export function mayChange(state, an) {
  if (!an) return false;
  const pid = state.article ? state.article.project : state.projectId;
  const p = (state.projects || []).find((x) => x.id === pid);
  if (!p || !Array.isArray(p.can)) return true;
  return mayEdit({ ...state, projectId: pid }, an);
}

/** whyNot says, in one line, why the user may not change an. */
export function whyNot(an) {
  return `${an.author || 'Someone else'}'s annotation: in this project you may change only your own`;
}
