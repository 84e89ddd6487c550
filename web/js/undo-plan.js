// undo-plan.js decides, field by field, what an undo or redo may change
// (history.js does it). Colleagues work on the same annotations: an undo
// takes back only what this user set, and only where it still holds the
// value this user set; a field someone changed since is theirs now and is
// left alone, with a note saying so. Pure: the node tests use it as is.
import { diff, valueOf, norm, names } from './ann-fields.js';

const PROVENANCE = ['attrs.source_author', 'attrs.source_created_at'];

/** fields returns what re-creating an annotation needs. */
export function fields(a) {
  return { start: a.start, end: a.end, label: a.label, attrs: { ...(a.attrs || {}) } };
}

/**
 * changes reports whether update patch (attrs a merge patch) would change
 * annotation a.
 */
export function changes(a, patch) {
  for (const k of ['start', 'end', 'label']) {
    if (k in patch && patch[k] !== a[k]) return true;
  }
  for (const [k, v] of Object.entries(patch.attrs || {})) {
    if (norm(v) !== norm(a.attrs ? a.attrs[k] : undefined)) return true;
  }
  return false;
}

/**
 * lastBy names who last changed annotation cur, unless it is me: the
 * best guess of who changed a field when this page did not see it happen.
 */
function lastBy(cur, me) {
  const who = cur ? cur.updated_by || cur.author : '';
  return who && who !== me ? who : 'someone';
}

/**
 * planRevert plans undoing (backwards) or redoing update entry
 * {before, after} ({field: value}) over annotation cur as it is now.
 * A field that holds what this user's change left there goes back; one
 * that holds something else was changed since, by whoSet(field) (or,
 * unknown, whoever changed the annotation last), and is skipped. declared
 * (label) lists a label's attribute names (null: unknown): an attribute
 * the annotation's label does not declare cannot be set again.
 * It returns {values: {field: value}, done: [field], skipped: [{field, who,
 * now}], before, after}: before and after are the entry's, of the fields
 * done only (what the step leaves to take back).
 */
export function planRevert(entry, cur, backwards, whoSet, me, declared = () => null) {
  const [before, after] = byField(entry.before, entry.after);
  const from = backwards ? after : before;
  const to = backwards ? before : after;
  const values = {};
  const done = [];
  const skipped = [];
  for (const f of Object.keys(to)) {
    const now = valueOf(cur, f);
    if (now === norm(to[f])) continue; // so already
    if (now === norm(from[f])) {
      values[f] = norm(to[f]);
      done.push(f);
    } else {
      skipped.push({ field: f, who: whoSet(f) || lastBy(cur, me), now });
    }
  }
  const label = 'label' in values ? values.label : cur && cur.label;
  const allowed = label ? declared(label) : null;
  if (allowed) {
    for (const f of [...done]) {
      if (!f.startsWith('attrs.') || values[f] === null || PROVENANCE.includes(f) || allowed.includes(f.slice(6))) continue;
      delete values[f];
      done.splice(done.indexOf(f), 1);
    }
  }
  // What the entry becomes on the other stack: the fields this step took.
  const pick = (o) => Object.fromEntries(done.map((f) => [f, o[f] === undefined ? null : o[f]]));
  return { values, done, skipped, before: pick(before), after: pick(after) };
}

// byField returns an update entry's before and after as {field: value}.
// Entries kept in the tab from before attrs were merge patches hold whole
// annotations' fields (attrs a map): those are spread into fields, a key
// missing on one side being "not set" there.
function byField(before, after) {
  if (!before || !after || typeof before.attrs !== 'object' || before.attrs === null) return [before, after];
  const spread = (o) => {
    const out = { ...o };
    delete out.attrs;
    for (const [k, v] of Object.entries(o.attrs || {})) out[`attrs.${k}`] = v;
    return out;
  };
  const b = spread(before);
  const a = spread(after);
  for (const k of Object.keys(b)) if (!(k in a)) a[k] = null;
  for (const k of Object.keys(a)) if (!(k in b)) b[k] = null;
  return [b, a];
}

/**
 * editedSince lists the fields of annotation cur that differ from made
 * (what this user's create made) and that someone else set:
 * [{field, who}]. Deleting it would take their work along.
 */
export function editedSince(made, cur, whoSet, me) {
  if (!made || !cur) return [];
  return diff(made, cur)
    .map((c) => ({ field: c.field, who: whoSet(c.field) || lastBy(cur, me) }))
    .filter((c) => c.who !== me);
}

/**
 * skipNote says which fields an undo left alone, and whose they are:
 * "ben changed verdict after you; left as ben's."
 */
export function skipNote(skipped, me) {
  const byWho = new Map();
  for (const s of skipped) {
    if (!byWho.has(s.who)) byWho.set(s.who, []);
    byWho.get(s.who).push(s.field);
  }
  return [...byWho]
    .map(([who, fs]) => (who === me ? `you changed ${names(fs)} again since; left as it is.` : `${who} changed ${names(fs)} after you; left as ${who}'s.`))
    .join(' ');
}

/**
 * askNote asks before an undo (or redo: doing "Redoing") deletes
 * annotations others edited: "Undoing would delete this CLAIM, which ben
 * edited after you (verdict and note). Delete it anyway?"
 */
export function askNote(asks, total, doing = 'Undoing') {
  const whos = [...new Set(asks.flatMap((a) => a.edits.map((e) => e.who)))];
  const who = whos.length > 2 ? `${whos.slice(0, 2).join(', ')} and others` : whos.join(' and ');
  if (total === 1) {
    const a = asks[0];
    return `${doing} would delete this ${a.label}, which ${who} edited after you (${names(a.edits.map((e) => e.field))}). Delete it anyway?`;
  }
  return `${doing} would delete ${total} annotations; ${who} edited ${asks.length} of them after you. Delete them anyway?`;
}
