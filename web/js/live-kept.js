// live-kept.js keeps the pending ops of live.js in localStorage
// (gloss:pending:<article>), so a reload while offline loses nothing: on
// load they are laid over the fetched state again and sent when the socket
// is back. Ops keep their op_id for ever, and the server acknowledges a
// repeated op_id again without applying it twice, so re-sending after a
// reconnect is always safe. What is kept for an article that is not open
// goes out over REST (flushStored).
import { isTemp, sessionOf, ifVersion } from './live-ops.js';
import { deleteAnnotationIf } from './api.js';
import { isRelationOp } from './relations.js';

const KEY_PREFIX = 'gloss:pending:';

/** pendingKey is where the unacknowledged ops of an article are kept. */
export function pendingKey(articleId) {
  return KEY_PREFIX + articleId;
}

/** keptMethods are LiveSync's methods for the kept queue; live.js adds them to the class. */
export const keptMethods = {
  // _persist writes the queue to localStorage. Ops of another tab on the
  // same article (other sessions) that this page has not settled are kept.
  _persist() {
    if (!this.storage || !this.article) return;
    const key = pendingKey(this.article.id);
    try {
      const mine = new Set(this.queue.ops.map((o) => o.op_id));
      const stored = readStored(this.storage, key);
      const foreign = stored ? stored.ops.filter((o) => !mine.has(o.op_id) && !this.settledIds.has(o.op_id) && sessionOf(o.op_id) !== this.sessionId) : [];
      const ops = [...foreign, ...this.queue.ops.map(keptOp)];
      if (!ops.length) this.storage.removeItem(key);
      else this.storage.setItem(key, JSON.stringify({ v: 1, base: this.versions.v, ops }));
    } catch (err) {
      if (typeof console !== 'undefined') console.warn('gloss: could not keep the pending changes', err);
    }
  },

  // _restore takes this user's stored ops into the queue and shows them;
  // it returns the version they were made at (0 for none).
  _restore() {
    if (!this.storage || !this.article) return 0;
    const stored = readStored(this.storage, pendingKey(this.article.id));
    if (!stored) return 0;
    const me = this.me ? this.me.name : null;
    const temps = new Map(); // "<session> <old temp id>" -> new temp id
    let n = 0;
    for (const o of stored.ops) {
      if (me !== null && o.user && o.user !== me) continue;
      const op = { ...o, fields: { ...(o.fields || {}) } };
      const temp = (id) => {
        const k = `${sessionOf(op.op_id)} ${id}`;
        if (!temps.has(k)) temps.set(k, this.nextTemp--);
        return temps.get(k);
      };
      if (isTemp(op.id)) op.id = temp(op.id);
      if (isRelationOp(op)) {
        // A link's ends may be spans made in the same session (relations.js).
        for (const k of ['from', 'to']) if (isTemp(op.fields[k])) op.fields[k] = temp(op.fields[k]);
      } else if (!this.base.has(op.id)) this.base.set(op.id, isTemp(op.id) ? null : this.store.annotation(op.id));
      this.queue.push(op);
      n++;
    }
    for (const id of [...this.base.keys()]) this._recompute(id);
    this._relShow();
    return n ? stored.base || 0 : 0;
  },
};

// keptOp is what is kept of a pending op: all that sending it needs,
// including the version it expects when it is conditional.
function keptOp(o) {
  const k = { op_id: o.op_id, action: o.action, id: o.id, fields: o.fields, at: o.at, user: o.user, seen: o.seen || 0 };
  if (o.cond) k.cond = true;
  if (o.what) k.what = o.what;
  return k;
}

function readStored(storage, key) {
  const raw = storage.getItem(key);
  if (!raw) return null;
  try {
    const v = JSON.parse(raw);
    if (v && Array.isArray(v.ops)) return v;
  } catch {
    // unreadable: start afresh
  }
  return null;
}

/**
 * storedArticles lists the ids of articles with changes kept in storage.
 */
export function storedArticles(storage) {
  const out = [];
  if (!storage) return out;
  for (let i = 0; i < storage.length; i++) {
    const k = storage.key(i);
    if (k && k.startsWith(KEY_PREFIX)) {
      const id = Number(k.slice(KEY_PREFIX.length));
      if (Number.isInteger(id) && id > 0) out.push(id);
    }
  }
  return out;
}

/**
 * flushStored sends the changes kept for an article that is not open
 * (left while offline) over the REST API, in order, with their op_ids.
 * It stops at the first network failure, keeping the rest for later, and
 * returns the messages of refused changes.
 */
export async function flushStored(storage, api, articleId, me) {
  const key = pendingKey(articleId);
  const stored = readStored(storage, key);
  if (!stored) return [];
  const refused = [];
  const real = new Map(); // "<session> <temp id>" -> real id
  const mine = stored.ops.filter((o) => !me || !o.user || o.user === me);
  const done = new Set();
  for (const o of mine) {
    let id = o.id;
    const k = `${sessionOf(o.op_id)} ${o.id}`;
    const realOf = (x) => (isTemp(x) ? real.get(`${sessionOf(o.op_id)} ${x}`) : x);
    if (isTemp(id) && o.action !== 'create' && o.action !== 'relate') id = real.get(k);
    try {
      if (id === undefined) throw Object.assign(new Error('the annotation was never saved'), { status: 400 });
      const body = { ...o.fields, op_id: o.op_id };
      const iv = ifVersion(o);
      if (iv && o.action === 'update') body.if_version = iv;
      if (o.action === 'relate') {
        // A link (relations.js), whose ends may be spans made just before.
        const from = realOf(o.fields.from);
        const to = realOf(o.fields.to);
        if (from === undefined || to === undefined) throw Object.assign(new Error('the annotation was never saved'), { status: 400 });
        const r = await api.createRelation(articleId, { ...body, from, to });
        real.set(k, r.id);
      } else if (o.action === 'unrelate') {
        try {
          await api.deleteRelation(articleId, id, o.op_id);
        } catch (err) {
          if (err.status !== 404) throw err;
        }
      } else if (o.action === 'create') {
        const a = await api.createAnnotation(articleId, body);
        real.set(k, a.id);
      } else if (o.action === 'update') await api.updateAnnotation(articleId, id, body);
      else {
        try {
          await (api.deleteAnnotationIf || deleteAnnotationIf)(articleId, id, iv, o.op_id);
        } catch (err) {
          if (err.status !== 404) throw err;
        }
      }
    } catch (err) {
      if (!err.status) break; // offline: keep the rest for later
      refused.push(err.message);
    }
    done.add(o.op_id);
    // Re-read each time: another tab may have written meanwhile.
    const now = readStored(storage, key);
    const rest = now ? now.ops.filter((x) => !done.has(x.op_id)) : [];
    if (rest.length) storage.setItem(key, JSON.stringify({ v: 1, base: (now && now.base) || 0, ops: rest }));
    else storage.removeItem(key);
  }
  return refused;
}
