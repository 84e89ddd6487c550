// relations.js holds the editor's relations (issue 10): links between two
// annotations of the open article, of the types the project's schema
// declares (said_by QUOTE → SPEAKER, supported_by CLAIM → QUOTE | CLAIM).
// No page here: the node tests use it as it is. render-relations.js draws
// them and runs the linking mode.
//
// Three parts:
//
//   - the schema's rules: which types start at a label, which targets a
//     span may link to (and with which types), how people name them;
//   - the state: RelationBook keeps the relations the server confirmed,
//     overlay lays this page's pending relate and unrelate ops over them
//     (a relate shows at once under a temporary id, an unrelate hides its
//     relation), and LiveSync (live.js) gets the methods that send them,
//     take their acks and refusals and others' ops (relationLiveMethods);
//   - undo: History (history.js) gets relate and unrelate
//     (relationHistoryMethods), conditional like the rest: an undo whose
//     link is gone, or whose ends are, does nothing and says so.
//
// Relation ops ride in LiveSync's one queue, so that a link to a span
// just made goes out after that span's create, with its real id.
// Relation ids come from the server's annotation sequence and temporary
// ones from LiveSync's one counter: an id never names both a relation and
// an annotation, and a removed relation's id never comes back.
import { isTemp } from './live-ops.js';
import { mayChange, whyNot, articleProject } from './perm.js';
import { norm } from './ann-fields.js';

// ---- the schema ----

/** isRelationOp reports whether op (pending or from the server) is a relate or an unrelate. */
export function isRelationOp(op) {
  return !!op && (op.action === 'relate' || op.action === 'unrelate');
}

/** relationTypes returns the relation types of the open article's project ([] when none). */
export function relationTypes(state) {
  const p = articleProject(state);
  return (p && Array.isArray(p.relations) && p.relations) || [];
}

/** typesFrom lists the types that may start at a span of label. */
export function typesFrom(types, label) {
  return types.filter((t) => (t.from || []).includes(label));
}

/** typesTouching lists the types a span of label may be either end of. */
export function typesTouching(types, label) {
  return types.filter((t) => (t.from || []).includes(label) || (t.to || []).includes(label));
}

/** linked returns the relation of type from → to among relations (a Map or a list), or null. */
export function linked(relations, type, from, to) {
  for (const r of relations.values()) if (r.type === type && r.from === from && r.to === to) return r;
  return null;
}

/**
 * fitting lists the names of the types that may link span from to span
 * to and do not link them yet.
 */
export function fitting(types, from, to, relations) {
  if (!from || !to || from.id === to.id) return [];
  return types.filter((t) => (t.from || []).includes(from.label) && (t.to || []).includes(to.label) && !linked(relations, t.name, from.id, to.id)).map((t) => t.name);
}

/**
 * targetsFor lists the spans (of annotations, in reading order) that span
 * from may link to: [{annotation, types}], types the names that fit.
 */
export function targetsFor(types, from, annotations, relations) {
  const starts = typesFrom(types, from.label);
  if (!starts.length) return [];
  const out = [];
  for (const a of annotations) {
    const ts = fitting(starts, from, a, relations);
    if (ts.length) out.push({ annotation: a, types: ts });
  }
  return out;
}

/**
 * nearest returns the index in targets (as targetsFor returns them) of
 * the one closest to span from, in code points between them; the first
 * after it wins a tie.
 */
export function nearest(from, targets) {
  let best = -1;
  let bestD = Infinity;
  targets.forEach((t, i) => {
    const a = t.annotation || t;
    const after = a.start >= from.start;
    const d = a.start >= from.end ? a.start - from.end : a.end <= from.start ? from.start - a.end : 0;
    const key = d * 2 + (after ? 0 : 1);
    if (key < bestD) {
      bestD = key;
      best = i;
    }
  });
  return best;
}

/** stepTarget returns the id of the target by places (1, -1) after the one with id cur, coming round. */
export function stepTarget(targets, cur, by) {
  if (!targets.length) return null;
  const i = targets.findIndex((t) => (t.annotation || t).id === cur);
  const j = i < 0 ? (by > 0 ? 0 : targets.length - 1) : (i + by + targets.length) % targets.length;
  return (targets[j].annotation || targets[j]).id;
}

/** typeName is how people read a type's name: "said by" for said_by. */
export function typeName(name) {
  return String(name || '').replace(/[_-]+/g, ' ');
}

/** orWords joins names as people list alternatives: "A", "A or B", "A, B or C". */
export function orWords(names) {
  const ns = [...new Set(names)];
  if (ns.length < 2) return ns.join('');
  return `${ns.slice(0, -1).join(', ')} or ${ns[ns.length - 1]}`;
}

/**
 * linkingPrompt is what the mode indicator says while choosing a target
 * for span from: "choose its SPEAKER", "choose a QUOTE or CLAIM".
 */
export function linkingPrompt(types, from) {
  const to = typesFrom(types, from.label).flatMap((t) => t.to || []);
  return to.length === 1 ? `choose its ${to[0]}` : `choose a ${orWords(to)}`;
}

/**
 * relationsOf lists the relations of annotation id (either end), oldest
 * first, leaving out those whose other end is not in annotation(id) (a
 * span deleted a moment ago whose unrelate is still on its way).
 */
export function relationsOf(relations, id, annotation = null) {
  const out = [];
  for (const r of relations.values()) {
    if (r.from !== id && r.to !== id) continue;
    if (annotation && (!annotation(r.from) || !annotation(r.to))) continue;
    out.push(r);
  }
  return out.sort((a, b) => order(a.id) - order(b.id));
}

// order puts temporary ids (newest made last) after real ones.
function order(id) {
  return isTemp(id) ? 1e15 - id : id;
}

/** linkCounts returns annotation id -> how many relations it is an end of (both ends present). */
export function linkCounts(relations, annotation = null) {
  const m = new Map();
  for (const r of relations.values()) {
    if (annotation && (!annotation(r.from) || !annotation(r.to))) continue;
    m.set(r.from, (m.get(r.from) || 0) + 1);
    m.set(r.to, (m.get(r.to) || 0) + 1);
  }
  return m;
}

/**
 * fillOf says what relating from to to with type t fills in: {id, attr,
 * before, after} when t fills an attribute of from that does not hold
 * to's text yet (said_by: the QUOTE's speaker), else null.
 */
export function fillOf(t, from, to) {
  if (!t || !t.fill || !from || !to) return null;
  const before = norm(from.attrs ? from.attrs[t.fill] : undefined);
  if (before === to.text) return null;
  return { id: from.id, attr: t.fill, before, after: to.text };
}

/**
 * parseRelationString reads the server's name of a relation in history
 * entries ("said_by 12 → 14") into {type, from, to}; null if it is not one.
 */
export function parseRelationString(s) {
  const m = /^(\S+) (\d+) → (\d+)$/.exec(String(s || ''));
  return m ? { type: m[1], from: Number(m[2]), to: Number(m[3]) } : null;
}

/**
 * describeLink says how relation r reads from annotation self's side:
 * {dir: 'out'|'in', verb: "said by", other: the id of the other end}.
 */
export function describeLink(r, self) {
  const out = r.from === self;
  return { dir: out ? 'out' : 'in', verb: typeName(r.type), other: out ? r.to : r.from };
}

// ---- the state ----

/**
 * RelationBook keeps the relations of the open article as the server
 * confirmed them. Removed ids are remembered (tombstones): ids are never
 * reused, so a relation once removed never comes back, whatever order a
 * fetched list and the socket's ops arrive in. That makes a list fetched
 * over REST safe to merge at any time after the socket's stream began:
 * the truth is every relation related minus every one unrelated.
 */
export class RelationBook {
  constructor() {
    this.confirmed = new Map(); // id -> relation
    this.tombstones = new Set();
    this.known = false; // a full list has been taken in
  }

  /** full replaces the relations with a full state (a live welcome's). */
  full(list) {
    this.confirmed = new Map();
    this.merge(list);
  }

  /** merge takes in relations fetched while the socket's ops kept coming. */
  merge(list) {
    for (const r of list || []) if (r && !this.tombstones.has(r.id)) this.confirmed.set(r.id, r);
    this.known = true;
  }

  /**
   * apply takes in a committed relate or unrelate ({action, relation});
   * it returns whether anything changed.
   */
  apply(op) {
    const r = op && op.relation;
    if (!r || typeof r.id !== 'number') return false;
    if (op.action === 'unrelate') {
      this.tombstones.add(r.id);
      return this.confirmed.delete(r.id);
    }
    if (op.action !== 'relate' || this.tombstones.has(r.id)) return false;
    const had = this.confirmed.get(r.id);
    this.confirmed.set(r.id, had ? { ...had, ...r } : r);
    return !had;
  }
}

/**
 * overlay returns the relations to show: confirmed (a Map) with the
 * pending relation ops laid over it, in order. A relate shows under its
 * temporary id with pending: true; an unrelate hides its relation.
 */
export function overlay(confirmed, ops) {
  const m = new Map(confirmed);
  for (const op of ops) {
    if (op.action === 'relate') {
      const f = op.fields || {};
      m.set(op.id, { id: op.id, type: f.type, from: f.from, to: f.to, author: op.user || '', created_at: op.at, version: 0, pending: true });
    } else if (op.action === 'unrelate') {
      m.delete(op.id);
    }
  }
  return m;
}

/** setRelations shows relations (a Map) in store, for the open article. */
export function setRelations(store, relations) {
  const s = store.get();
  if (!s.article) return;
  s.relations = relations;
  s.relRev = (s.relRev || 0) + 1;
  store.emit('relations');
}

/** refusedMessage says why a relation op was refused, for a toast. */
function refusedMessage(op, m) {
  const what = op.what ? `Could not ${op.what}` : op.action === 'relate' ? 'Could not link' : 'Could not remove the link';
  return `${what}: ${(m && m.error) || 'refused'}`;
}

/** relationLiveMethods are LiveSync's methods for relations; live.js adds them to the class. */
export const relationLiveMethods = {
  /**
   * relate links annotation f.from to f.to with type f.type. Like create,
   * it returns at once with the relation as shown (under a temporary id),
   * the op's id and done: a promise of the relation as committed, or null.
   * opts.what names it for a refusal ('undo', 'redo').
   */
  relate(f, opts = {}) {
    if (!this.article) throw new Error('no article is open');
    const id = this.nextTemp--;
    const { op, done } = this._relEnqueue('relate', id, { type: f.type, from: f.from, to: f.to }, opts);
    return { relation: this.store.get().relations.get(id) || null, opId: op.op_id, done };
  },

  /** unrelate removes relation id; see relate. */
  unrelate(id, opts = {}) {
    if (!this.article) throw new Error('no article is open');
    const cur = this.store.get().relations.get(id);
    if (!cur) throw new Error('the link is gone');
    const { op, done } = this._relEnqueue('unrelate', id, {}, opts);
    return { relation: cur, opId: op.op_id, done };
  },

  _relEnqueue(action, id, fields, opts) {
    const op = { op_id: `${this.sessionId}-${++this.seq}`, action, id, fields, at: this.now(), user: this.me ? this.me.name : '', seen: 0, cond: false };
    if (opts.what) op.what = opts.what;
    this.queue.push(op);
    this._relShow();
    const done = new Promise((resolve) => this.waiters.set(op.op_id, resolve));
    this._persist();
    this._publish();
    this._pump();
    return { op, done };
  },

  // _relShow shows the confirmed relations with the pending ops laid over.
  _relShow() {
    if (!this.article) return;
    setRelations(this.store, overlay(this.rel.confirmed, this.queue.ops.filter(isRelationOp)));
  },

  // _confirmRelation takes a committed relate or unrelate (an op from
  // others, an ack, a catch-up) into the confirmed state.
  _confirmRelation(op) {
    const r = op && op.relation;
    if (!r || !this.article || (r.article && r.article !== this.article.id)) return;
    if (this.rel.apply(op)) this._relShow();
  },

  _ackRelation(m) {
    const op = this.queue.find(m.op_id);
    if (!op) {
      this._confirmRelation(m); // a re-sent op settled before, or another tab's
      return;
    }
    this.queue.remove(op.op_id);
    this.settledIds.add(op.op_id);
    if (this.inflight === op) this.inflight = null;
    if (op.action === 'relate' && m.relation && m.relation.id !== op.id) {
      this.queue.rename(op.id, m.relation.id); // an unrelate queued behind it
      this._emit('rename', op.id, m.relation.id);
    }
    this.rel.apply(m);
    this._relShow();
    this._settle(op, m.relation || { id: op.id });
    this._persist();
    this._publish();
    this._pump();
  },

  _refusedRelation(op, m) {
    this.queue.remove(op.op_id);
    this.settledIds.add(op.op_id);
    if (this.inflight === op) this.inflight = null;
    if (op.action === 'unrelate' && m.code === 'not_found') {
      // Gone already (its end was deleted, or someone removed it): what
      // the unrelate wanted.
      this.rel.apply({ action: 'unrelate', relation: { id: op.id } });
      this._relShow();
      this._settle(op, { id: op.id });
    } else {
      // An unrelate queued behind a refused relate cannot succeed either.
      const dropped = op.action === 'relate' ? this.queue.drop(op.id) : [];
      this._relShow();
      // A relate refused as a conflict links what is linked already: not
      // something to try again (History puts conflicts back).
      const why = { code: m.code === 'conflict' ? 'exists' : m.code || '', message: m.error || 'refused' };
      this._settle(op, null, why);
      for (const d of dropped) {
        this.settledIds.add(d.op_id);
        this._settle(d, null, why);
      }
      this.store.toast(refusedMessage(op, m));
    }
    this._persist();
    this._publish();
    this._pump();
  },

  // _relWelcome takes the relations of a welcome: a full state carries
  // them; a catch-up does not, and the list is fetched once (the socket's
  // ops, from now on, keep it current).
  _relWelcome(m) {
    if (Array.isArray(m.relations)) {
      this.rel.full(m.relations);
      this._relShow();
    } else if (!this.rel.known) {
      this._relFetch(false);
    }
  },

  // _relFetch fetches the relations over REST: merged with what the
  // socket brought (see RelationBook), or, with replace (REST only, where
  // nothing else brings others' changes), instead of it.
  _relFetch(replace) {
    const art = this.article;
    if (!art || !this.api || !this.api.relations) return;
    const seq = (this._relSeq = (this._relSeq || 0) + 1);
    this.api.relations(art.id).then(
      (list) => {
        if (this.article !== art || seq !== this._relSeq) return;
        if (replace) this.rel.full(list);
        else this.rel.merge(list);
        this._relShow();
      },
      () => {}, // the next welcome asks again
    );
  },

  // _sendRelationREST sends a relation op over REST (live-rest.js): it
  // returns the relation as the ack carries it, or throws as api.js does.
  async _sendRelationREST(art, op) {
    if (op.action === 'relate') return this.api.createRelation(art.id, { ...op.fields, op_id: op.op_id });
    const r = this.rel.confirmed.get(op.id) || { id: op.id, article: art.id };
    try {
      await this.api.deleteRelation(art.id, op.id, op.op_id);
    } catch (err) {
      if (err.status !== 404) throw err; // 404: gone already, as wanted
    }
    return r;
  },
};

// ---- undo ----

/**
 * relationHistoryMethods are History's methods for relations; history.js
 * adds them to the class. Entries: {kind: 'relate'|'unrelate', id (the
 * relation's), rel: {type, from, to, fromLabel, toLabel}, fill (what
 * linking filled in, to put back on undo), opId, lastOp}.
 */
export const relationHistoryMethods = {
  /** relate links annotation f.from to f.to with type f.type (undoable). */
  relate(f) {
    return this._run('Could not link', () => {
      this._article();
      const s = this.store.get();
      const from = this.store.annotation(f.from);
      const to = this.store.annotation(f.to);
      if (!from || !to) throw new Error('the annotation is gone');
      if (!mayChange(s, from)) throw new Error(whyNot(from, s));
      const t = relationTypes(s).find((x) => x.name === f.type);
      const fill = fillOf(t, from, to);
      const r = this.writer.relate({ type: f.type, from: from.id, to: to.id });
      this._record({ kind: 'relate', id: r.relation.id, rel: relOf(f.type, from, to), fill, opId: r.opId, lastOp: 'relate' });
      return r;
    });
  },

  /** unrelate removes relation id (undoable). */
  unrelate(id) {
    return this._run('Could not remove the link', () => {
      this._article();
      const s = this.store.get();
      const cur = s.relations.get(id);
      if (!cur) throw new Error('the link is gone');
      if (!mayChange(s, cur)) throw new Error(whyNotLink(cur, s));
      const r = this.writer.unrelate(id);
      const from = this.store.annotation(cur.from);
      const to = this.store.annotation(cur.to);
      this._record({ kind: 'unrelate', id, rel: relOf(cur.type, from || { id: cur.from }, to || { id: cur.to }), opId: r.opId, lastOp: 'unrelate' });
      return r;
    });
  },

  /** relation returns relation id as shown, following renames; null when gone. */
  relation(id) {
    return this.store.get().relations.get(this.resolve(id)) || null;
  },

  // _applyRelation makes relation entry e's change (backwards: its
  // reverse), for _apply in history-apply.js: {entry, result, note}.
  _applyRelation(e, backwards) {
    const what = backwards ? 'undo' : 'redo';
    const s = this.store.get();
    if ((e.kind === 'relate') === backwards) {
      const id = this.resolve(e.id);
      const cur = s.relations.get(id);
      if (!cur) return { entry: null, note: `Nothing to ${what}: ${linkWords(e.rel)} was removed already.` };
      if (!mayChange(s, cur)) throw new Error(whyNotLink(cur, s));
      const r = this.writer.unrelate(id, { what });
      // Undoing a link puts back what it filled in, if it still holds that.
      const f = e.kind === 'relate' ? e.fill : null;
      const an = f ? this.store.annotation(this.resolve(f.id)) : null;
      if (an && norm(an.attrs ? an.attrs[f.attr] : undefined) === f.after && mayChange(s, an)) {
        this.writer.update(an.id, { attrs: { [f.attr]: f.before } }, { cond: true, what });
      }
      Object.assign(e, { opId: r.opId, lastOp: 'unrelate', dir: what });
      return { entry: e, result: r };
    }
    const from = this.store.annotation(this.resolve(e.rel.from));
    const to = this.store.annotation(this.resolve(e.rel.to));
    if (!from || !to) {
      const gone = [!from && (e.rel.fromLabel || 'span'), !to && (e.rel.toLabel || 'span')].filter(Boolean);
      return { entry: null, note: `Nothing to ${what}: the ${gone.join(' and the ')} it linked ${gone.length > 1 ? 'are' : 'is'} gone.` };
    }
    const old = this.resolve(e.id);
    const have = linked(s.relations, e.rel.type, from.id, to.id);
    if (have) {
      // Linked again meanwhile (by someone else, say): nothing to send.
      if (have.id !== old) this.alias.set(old, have.id);
      return { entry: e, note: `Nothing to ${what}: ${linkWords(e.rel)} is there already.` };
    }
    if (!mayChange(s, from)) throw new Error(whyNot(from, s));
    const t = relationTypes(s).find((x) => x.name === e.rel.type);
    const fill = fillOf(t, from, to);
    const r = this.writer.relate({ type: e.rel.type, from: from.id, to: to.id }, { what });
    if (r.relation.id !== old) this.alias.set(old, r.relation.id);
    if (e.kind === 'relate') e.fill = fill;
    Object.assign(e, { opId: r.opId, lastOp: 'relate', dir: what });
    return { entry: e, result: r };
  },

  // _relsOf lists what re-linking annotation id after deleting it takes:
  // its saved relations as {type, from, to} (history.js keeps them with
  // the delete).
  _relsOf(id) {
    const rels = this.store.get().relations;
    return rels ? relationsOf(rels, id).filter((r) => r.id > 0).map((r) => ({ type: r.type, from: r.from, to: r.to })) : [];
  },

  // _relink links annotation id (made again by undoing its delete) as it
  // was, where the other end is still there, the link is not there yet
  // and this user may link its start. The links go with the create (no
  // entries of their own): undoing it again deletes them along.
  _relink(rels) {
    const s = this.store.get();
    const types = relationTypes(s);
    for (const x of rels || []) {
      const from = this.store.annotation(this.resolve(x.from));
      const to = this.store.annotation(this.resolve(x.to));
      if (!from || !to || !mayChange(s, from) || !fitting(types.filter((t) => t.name === x.type), from, to, s.relations).length) continue;
      this.writer.relate({ type: x.type, from: from.id, to: to.id }, { what: 'link it again' });
    }
  },
};

function relOf(type, from, to) {
  return { type, from: from.id, to: to.id, fromLabel: from.label || '', toLabel: to.label || '' };
}

// linkWords names a link in a sentence: "the said by link".
function linkWords(rel) {
  return `the ${typeName(rel.type)} link`;
}

/** whyNotLink says why this user may not remove relation r. */
export function whyNotLink(r, state) {
  const msg = whyNot({ author: r.author }, state);
  return msg.replace("'s annotation:", "'s link:");
}

/**
 * describeRelationChange says what a history entry's "relation" change
 * ({old, new}: "said_by 12 → 14") did, seen from annotation self:
 * {verb: 'linked it:' | 'removed the link:', fields: ['said by → SPEAKER
 * “Wang Wenbin”']}; annotation(id) finds the other end (null: gone).
 */
export function describeRelationChange(ch, self, annotation = () => null) {
  const made = ch.old === null || ch.old === undefined;
  const r = parseRelationString(made ? ch.new : ch.old);
  const verb = made ? 'linked it:' : 'removed the link:';
  if (!r) return { verb, fields: [String((made ? ch.new : ch.old) || '')] };
  const d = describeLink(r, self);
  const o = annotation(d.other);
  const other = o ? `${o.label} “${short(o.text, 40)}”` : `annotation ${d.other}`;
  return { verb, fields: [d.dir === 'out' ? `${d.verb} → ${other}` : `${other} ${d.verb} this`] };
}

function short(s, n) {
  const t = String(s || '').replace(/\s+/g, ' ').trim();
  const cps = Array.from(t);
  return cps.length <= n ? t : `${cps.slice(0, n - 1).join('').trimEnd()}…`;
}
