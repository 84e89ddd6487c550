// assign.js holds the pure parts of independent annotation (issue 10):
// what a project's mode means, who annotates, how far an article is,
// what each status is called and the settings draft of the Members
// dialog. No DOM and no store, so node tests them; status.js, list.js and
// members.js act on them, render-assign.js and render-list.js draw them.

/** MODES are a project's modes, with what each means for people. */
export const MODES = [
  ['shared', 'Together', 'Everyone annotates the same copy of each article and sees the others’ changes live; a reviewer marks it done.'],
  ['independent', 'Independently (blind)', 'Each annotator gets their own copy, sees nobody else’s and submits it; reviewers compare the copies and decide.'],
];

/** MAX_K is the most annotators an article may need (the server's limit). */
export const MAX_K = 50;

/** independent reports whether project p works in independent layers. */
export function independent(p) {
  return !!p && p.mode === 'independent';
}

/** perArticle is p's annotators per article (k), at least 1. */
export function perArticle(p) {
  return Math.max(1, Number(p && p.annotators_per_article) || 1);
}

/**
 * assignees are the members p hands articles to: its annotators list, or
 * else every member with the annotator role (as model.Project.Assignees).
 */
export function assignees(p) {
  if (!p) return [];
  if (p.annotators && p.annotators.length) return p.annotators;
  return (p.members || []).filter((m) => m.role === 'annotator').map((m) => m.name);
}

/** LAYER_STATUS names the statuses of one annotator's layer. */
export const LAYER_STATUS = {
  none: 'Not started',
  assigned: 'Not started',
  in_progress: 'In progress',
  submitted: 'Submitted',
};

/**
 * ARTICLE_STATUSES are an article's statuses in each mode, with their
 * names: what the status filter and the status select offer.
 */
export const ARTICLE_STATUSES = {
  shared: [
    ['new', 'New'],
    ['in_progress', 'In progress'],
    ['done', 'Done'],
  ],
  independent: [
    ['new', 'New'],
    ['in_progress', 'In progress'],
    ['submitted', 'Submitted'],
    ['reviewed', 'Reviewed'],
  ],
};

/** statusName is what status is called, in any mode. */
export function statusName(status) {
  for (const list of Object.values(ARTICLE_STATUSES)) {
    const f = list.find(([v]) => v === status);
    if (f) return f[1];
  }
  return status || '';
}

/** submittedCount counts the submitted layers of article a. */
export function submittedCount(a) {
  return ((a && a.layers) || []).filter((l) => l.status === 'submitted').length;
}

/**
 * progress says how far article a is in project p: "1 of 2 submitted",
 * and, for a title, each layer's name and status.
 */
export function progress(a, p) {
  const layers = [...((a && a.layers) || [])].sort((x, y) => x.name.localeCompare(y.name));
  const text = `${submittedCount(a)} of ${perArticle(p)} submitted`;
  const detail = layers.length ? layers.map((l) => `${l.name}: ${(LAYER_STATUS[l.status] || l.status).toLowerCase()}`).join(' · ') : 'Nobody has this article yet';
  return { text, detail, layers };
}

/**
 * myStatus is the status an annotator sees for article a: reviewed when
 * it is, else their own layer's ('none' before they have one).
 */
export function myStatus(a) {
  if (a && a.status === 'reviewed') return 'reviewed';
  return (a && a.mine && a.mine.status) || 'none';
}

/**
 * reopenStatus is the status a reviewed article goes back to: submitted
 * when k layers are, in progress while any work is there, else new (the
 * server's settleStatus).
 */
export function reopenStatus(a, p) {
  const layers = (a && a.layers) || [];
  if (submittedCount(a) >= perArticle(p)) return 'submitted';
  if ((a && a.version > 0) || layers.some((l) => l.status !== 'assigned' || l.version > 0)) return 'in_progress';
  return 'new';
}

/** noneLeft says, plainly, that p has nothing left for this annotator. */
export function noneLeft(p) {
  const k = perArticle(p);
  return `Nothing is left for you to annotate in ${p ? p.name : 'this project'}: every article has its ${k} annotator${k === 1 ? '' : 's'}, or you have done it already.`;
}

/** settingsOf is the settings part of a Members draft, from project p. */
export function settingsOf(p) {
  return {
    mode: independent(p) ? 'independent' : 'shared',
    k: String(perArticle(p)),
    annotators: [...((p && p.annotators) || [])],
  };
}

function sameNames(a, b) {
  return a.length === b.length && a.every((n) => b.includes(n));
}

/**
 * settingsPatch returns the PATCH body for what the draft d changed from
 * saved (both as settingsOf makes them), {} when nothing did, or {error}
 * when k is not a whole number from 1 to MAX_K. members, when given,
 * are the draft's members: annotators who are no longer one are dropped.
 */
export function settingsPatch(d, saved, members) {
  const out = {};
  const k = Number(String(d.k).trim());
  if (!Number.isInteger(k) || k < 1 || k > MAX_K) {
    return { error: `Annotators per article must be a whole number from 1 to ${MAX_K}.` };
  }
  const names = members ? d.annotators.filter((n) => members.some((m) => m.name === n)) : d.annotators;
  if (d.mode !== saved.mode) out.mode = d.mode;
  if (k !== Number(saved.k)) out.annotators_per_article = k;
  if (!sameNames(names, saved.annotators)) out.annotators = names;
  return out;
}
