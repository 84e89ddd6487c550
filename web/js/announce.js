// announce.js tells screen-reader users what changed in the open article's
// annotations, theirs or a colleague's arriving live: "QUOTE added: …",
// "CLAIM removed: …", in an aria-live="polite" region. It compares the
// store's annotations before and after each change rather than hooking each
// door a change comes through (a label key, undo, the socket, a resync), so
// nothing is announced twice or missed.
import { truncate, oneLine } from './dom.js';

// More changes than this at once (a resync, "Label 5 more") are counted,
// not read out one by one.
const ONE_BY_ONE = 3;
// The region keeps the last few messages (a screen reader reads what is
// added; tests and the curious can read the recent ones back).
const KEEP = 8;

/** quoted puts text in quotation marks unless it starts with one already. */
export function quoted(text) {
  const t = truncate(oneLine(text || ''), 100);
  return /^["“”„«»‘’'‹›「『]/.test(t) ? t : `“${t}”`;
}

/**
 * describe is how an annotation reads aloud, e.g. in the side list:
 * "QUOTE: “…”, speaker: Wang Wenbin, by ben" (by whom only when it is not
 * the reader's own).
 */
export function describe(an, label, me) {
  const parts = [`${an.label}: ${quoted(an.text)}`];
  for (const spec of (label && label.attrs) || []) {
    const v = an.attrs && an.attrs[spec.name];
    if (v) parts.push(`${spec.name}: ${v}`);
  }
  if (an.author && an.author !== me) parts.push(`by ${an.author}`);
  return parts.join(', ');
}

// A snapshot is a copy of the map alone: the store replaces an annotation
// object when it changes (live-ops.js applyOp copies), so an object seen
// before is unchanged, and only the few that are not are compared.
function snapshot(annotations) {
  return new Map(annotations);
}

/**
 * changes compares two snapshots (id -> annotation) and returns what a
 * listener is told, in order. currentId(id) follows a temporary id to
 * the real one the server gave it (that is the same annotation, saved).
 */
export function changes(before, after, currentId, me) {
  const out = [];
  const n = { added: 0, removed: 0, changed: 0 };
  const matched = new Set();
  for (const [id, old] of before) {
    let now = after.get(id);
    let nid = id;
    if (!now) {
      nid = currentId(id);
      now = nid !== id ? after.get(nid) : undefined;
    }
    if (!now) {
      n.removed++;
      out.push(`${old.label} removed: ${quoted(old.text)}`);
      continue;
    }
    matched.add(nid);
    if (now === old) continue;
    const was = out.length;
    if (now.label !== old.label) out.push(`${old.label} changed to ${now.label}: ${quoted(now.text)}`);
    else if (now.start !== old.start || now.end !== old.end) out.push(`${now.label} now reads ${quoted(now.text)}`);
    else if (nid === id) {
      // (A create the server has saved may come back with an attribute's
      // default filled in: that is not news.)
      const what = attrChange(old.attrs || {}, now.attrs || {});
      if (what) out.push(`${now.label} ${quoted(now.text)} changed: ${what}`);
    }
    n.changed += out.length - was;
  }
  for (const [id, now] of after) {
    if (before.has(id) || matched.has(id)) continue;
    n.added++;
    out.push(`${now.label} added${now.author && now.author !== me ? ` by ${now.author}` : ''}: ${quoted(now.text)}`);
  }
  if (out.length > ONE_BY_ONE) {
    const say = (k, word) => (n[k] ? `${n[k]} ${n[k] === 1 ? 'annotation' : 'annotations'} ${word}` : null);
    return [[say('added', 'added'), say('changed', 'changed'), say('removed', 'removed')].filter(Boolean).join(', ')];
  }
  return out;
}

function attrChange(x, y) {
  const names = [...new Set([...Object.keys(x), ...Object.keys(y)])].filter((k) => x[k] !== y[k]);
  return names.map((k) => (y[k] == null || y[k] === '' ? `${k} cleared` : `${k} ${y[k]}`)).join(', ');
}

/**
 * bindAnnouncer announces the store's annotation changes in region. A
 * newly opened article is not announced: its annotations are in the side
 * list. Changes are compared once the code that made them has run (a
 * microtask later): a saved create first loses its temporary id and then
 * shows under the real one, which is one annotation, neither removed nor
 * added.
 */
export function bindAnnouncer(store, region) {
  let before = snapshot(store.get().annotations);
  let article = null;
  let due = false;
  let opened = false;
  const flush = () => {
    due = false;
    const s = store.get();
    const after = snapshot(s.annotations);
    const id = s.article ? s.article.id : null;
    if (!opened && id !== null && id === article) {
      for (const msg of changes(before, after, (x) => store.currentId(x), s.me ? s.me.name : '')) say(region, msg);
    }
    opened = false;
    article = id;
    before = after;
  };
  store.addEventListener('change', (e) => {
    const what = e.detail.what;
    if (what !== 'annotations' && what !== 'article') return;
    if (what === 'article') opened = true;
    if (!due) {
      due = true;
      queueMicrotask(flush);
    }
  });
}

/** say adds msg to the live region. */
export function say(region, msg) {
  const p = document.createElement('p');
  p.textContent = msg;
  region.appendChild(p);
  while (region.childElementCount > KEEP) region.firstElementChild.remove();
}
