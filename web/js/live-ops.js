// live-ops.js holds the pure parts of live sync (live.js): what an op is,
// the message it goes out as, how one is laid over an annotation, the
// queue of ops not yet settled and the count of op-log versions seen. No
// page, no socket, no storage: the node tests run them as they are.
import { sliceCodePoints } from './offsets.js';
import { mergeAttrs } from './ann-fields.js';

/** PROVENANCE are the attributes any label may carry (the server keeps them on a relabel). */
const PROVENANCE = ['source_author', 'source_created_at'];

/** sessionOf returns the session part of an op_id ("<session>-<n>"). */
export function sessionOf(opId) {
  const i = opId.lastIndexOf('-');
  return i < 0 ? opId : opId.slice(0, i);
}

/** isTemp reports whether id is a temporary id of a create not yet acknowledged. */
export function isTemp(id) {
  return typeof id === 'number' && id < 0;
}

/**
 * wire turns a pending op into the message the server takes.
 * Pending ops are {op_id, action, id, fields, at, user, seen, cond}:
 * fields are {start, end, label, attrs} for a create, what changes for an
 * update (attrs a merge patch: null removes a key), nothing for a delete;
 * id is the annotation's (temporary for a create). seen is the version of
 * the annotation this page had seen when the op was made (moved on by the
 * acks of this page's own earlier ops on it); cond makes the op
 * conditional on it (if_version): refused, not applied, when someone else
 * changed the annotation since.
 */
export function wire(op) {
  // A relation's op (relations.js) carries "relation" instead.
  if (op.action === 'relate') return { type: 'op', op_id: op.op_id, action: op.action, relation: { type: op.fields.type, from: op.fields.from, to: op.fields.to } };
  if (op.action === 'unrelate') return { type: 'op', op_id: op.op_id, action: op.action, relation: { id: op.id } };
  const annotation = op.action === 'create' ? { ...op.fields } : { id: op.id, ...op.fields };
  const v = ifVersion(op);
  if (v) annotation.if_version = v;
  return { type: 'op', op_id: op.op_id, action: op.action, annotation };
}

/**
 * neverSaved says why pending op cannot succeed ('' when it can): it
 * names an annotation (or a relation) whose create was refused or lost,
 * so that it never got its real id.
 */
export function neverSaved(op) {
  if (op.action === 'relate') return isTemp(op.fields.from) || isTemp(op.fields.to) ? 'the annotation was never saved' : '';
  if (!isTemp(op.id) || op.action === 'create') return '';
  return op.action === 'unrelate' ? 'the link was never saved' : 'the annotation was never saved';
}

/** ifVersion is the if_version op goes out with, or 0 for none. */
export function ifVersion(op) {
  return op.cond && op.action !== 'create' && op.seen > 0 ? op.seen : 0;
}

/**
 * applyOp returns annotation cur (or null: none) with a pending op laid
 * over it, as the server would make it. ctx gives the article
 * ({id, text}), the author, and attrNames(label): the attribute names of a
 * label, or null when the schema is unknown. A relabel without new attrs
 * keeps only the attributes the new label has, like the server.
 */
export function applyOp(cur, op, ctx) {
  const f = op.fields || {};
  switch (op.action) {
    case 'create': {
      if (cur) return cur; // a temporary id has no base; never replace one
      const a = {
        id: op.id,
        article: ctx.article.id,
        start: f.start,
        end: f.end,
        label: f.label,
        attrs: mergeAttrs({}, f.attrs),
        author: op.user || ctx.author || '',
        created_at: op.at,
        updated_at: op.at,
        version: 0,
      };
      a.text = cut(ctx, a.start, a.end);
      return a;
    }
    case 'update': {
      if (!cur) return null;
      // As the server: attrs merge first, then a relabel keeps only the
      // attributes the new label declares (and provenance).
      const a = { ...cur, updated_at: op.at, updated_by: op.user || ctx.author || cur.updated_by };
      if ('start' in f) a.start = f.start;
      if ('end' in f) a.end = f.end;
      if ('attrs' in f) a.attrs = mergeAttrs(cur.attrs, f.attrs);
      if ('label' in f && f.label !== cur.label) {
        a.label = f.label;
        const names = ctx.attrNames ? ctx.attrNames(f.label) : null;
        if (names) a.attrs = Object.fromEntries(Object.entries(a.attrs || {}).filter(([k]) => names.includes(k) || PROVENANCE.includes(k)));
      }
      if (a.start !== cur.start || a.end !== cur.end) a.text = cut(ctx, a.start, a.end);
      return a;
    }
    case 'delete':
      return null;
  }
  return cur;
}

/** cut returns the text of [start, end) (code points) of ctx's article. */
export function cut(ctx, start, end) {
  return sliceCodePoints(ctx.article.text, start, end, ctx.map);
}

/**
 * OpQueue is the ordered list of ops sent or to be sent and not yet
 * acknowledged or refused.
 */
export class OpQueue {
  constructor(ops = []) {
    this.ops = ops;
  }

  get length() {
    return this.ops.length;
  }

  head() {
    return this.ops[0] || null;
  }

  push(op) {
    this.ops.push(op);
  }

  find(opId) {
    return this.ops.find((o) => o.op_id === opId) || null;
  }

  /** remove takes the op with opId out and returns it (null when unknown). */
  remove(opId) {
    const i = this.ops.findIndex((o) => o.op_id === opId);
    return i < 0 ? null : this.ops.splice(i, 1)[0];
  }

  /** forId returns the ops on annotation id, in order. */
  forId(id) {
    return this.ops.filter((o) => o.id === id);
  }

  /** touches reports whether any op names annotation id. */
  touches(id) {
    return this.ops.some((o) => o.id === id);
  }

  /**
   * rename makes the ops naming from name to instead (a relate's ends
   * too); returns how many.
   */
  rename(from, to) {
    let n = 0;
    for (const o of this.ops) {
      if (o.id === from) {
        o.id = to;
        n++;
      }
      if (o.action === 'relate') {
        for (const k of ['from', 'to']) {
          if (o.fields[k] === from) {
            o.fields[k] = to;
            n++;
          }
        }
      }
    }
    return n;
  }

  /** drop removes every op on annotation id and returns them. */
  drop(id) {
    const out = this.ops.filter((o) => o.id === id);
    this.ops = this.ops.filter((o) => o.id !== id);
    return out;
  }
}

/**
 * Versions tracks the newest op-log version seen. The server sends versions
 * contiguously, acks included, so the newest one is what to ask for on
 * reconnecting ("since"). A re-sent op's ack may carry an old version: it
 * never moves the count back.
 */
export class Versions {
  constructor(v = 0) {
    this.v = v;
  }

  /** see notes version v; it returns 'gap' when versions were skipped. */
  see(v) {
    if (typeof v !== 'number' || v <= this.v) return 'old';
    const gap = v > this.v + 1;
    this.v = v;
    return gap ? 'gap' : 'next';
  }

  /** reset starts again from a full state at version v. */
  reset(v) {
    this.v = v || 0;
  }
}
