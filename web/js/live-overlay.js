// live-overlay.js holds how LiveSync (live.js) shows the article: the
// server's state with the pending ops laid over it.
//
// For each annotation that a pending op touches, `base` keeps the last
// state the server confirmed; the shown state is base plus the pending ops
// on it, in order. Remote ops update base; an ack moves an op from pending
// into base; a refusal drops the op and shows base plus the rest again: the
// local change is gone and the server's truth is back.
import { OffsetMap } from './offsets.js';
import { applyOp, cut, isTemp } from './live-ops.js';
import { isRelationOp } from './relations.js';

const REFUSED = {
  create: 'Could not add the annotation',
  update: 'Could not save the change',
  delete: 'Could not delete the annotation',
};

// conflictMessage says why a conditional change was refused: someone
// changed the annotation after this page last saw it, and nothing of the
// change was written (the annotation shows their version now).
function conflictMessage(op, an) {
  const who = an ? an.updated_by || an.author || 'someone' : 'someone';
  const what = op.what === 'undo' || op.what === 'redo' ? op.what : { update: 'change', delete: 'delete' }[op.action] || 'change';
  return `Your ${what} was not saved: ${who} changed this annotation just before, and it shows ${who}'s version now. Look at it and try again if you still want to.`;
}

/** overlayMethods are LiveSync's methods for remote ops, acks and refusals; live.js adds them to the class. */
export const overlayMethods = {
  _ctx() {
    const store = this.store;
    if (!this.map || this.mapText !== this.article.text) {
      this.map = new OffsetMap(this.article.text);
      this.mapText = this.article.text;
    }
    return {
      article: this.article,
      map: this.map,
      author: this.me ? this.me.name : '',
      attrNames: (label) => {
        const l = store.label(label);
        return l ? (l.attrs || []).map((a) => a.name) : null;
      },
    };
  },

  // _recompute shows annotation id as base plus its pending ops, and stops
  // tracking its base when no op is left on it.
  _recompute(id) {
    const a = this._overlay(id, this.base.has(id) ? this.base.get(id) : this.store.annotation(id));
    if (a) this.store.putAnnotation(a);
    else this.store.removeAnnotation(id);
    if (!this.queue.touches(id)) this.base.delete(id);
  },

  // _overlay returns confirmed state a of annotation id with its pending
  // ops laid over it; what they changed carries pending: true.
  _overlay(id, a) {
    const ops = this.queue.forId(id);
    if (!ops.length) return a;
    const ctx = this._ctx();
    const from = a;
    for (const op of ops) a = applyOp(a, op, ctx);
    if (a) {
      if (a === from) a = { ...a };
      a.pending = true;
    }
    return a;
  },

  _withText(an, version) {
    const a = { ...an, version: an.version || version || 0 };
    if (typeof a.text !== 'string' && this.article) a.text = cut(this._ctx(), a.start, a.end);
    return a;
  },

  // _confirm takes a committed change (an op from others, or an ack) into
  // the confirmed state.
  _confirm(op) {
    if (op && op.relation) return this._confirmRelation(op); // relations.js
    if (!op || !op.annotation || !this.article || op.annotation.article !== this.article.id) return;
    const id = op.annotation.id;
    if (op.action === 'delete') this.tombstones.add(id);
    if (this.base.has(id)) {
      const cur = this.base.get(id);
      if (op.action === 'delete' || this.tombstones.has(id)) this.base.set(id, null);
      else {
        const an = this._withText(op.annotation, op.version);
        if (!cur || (cur.version || 0) < an.version) this.base.set(id, an);
      }
      this._recompute(id);
      return;
    }
    if (op.action !== 'delete' && this.tombstones.has(id)) return; // an old ack of a re-sent op
    this.store.applyRemote(op);
  },

  _remote(op) {
    if (!op || typeof op.version !== 'number') return;
    // One of ours, committed before a drop, seen in a catch-up: if the
    // server names its op_id (it need not), it settles like an ack.
    if (op.op_id && this.queue.find(op.op_id)) {
      this._ack(op);
      return;
    }
    const before = this.versions.v;
    const seen = this.versions.see(op.version);
    const old = op.annotation ? this._confirmed(op.annotation.id) : null;
    const open = this.store.get().selectedId; // a delete closes it
    this._confirm(op);
    this._noteRemote(op, old, open);
    if (seen === 'gap' && this.socket) {
      // Should not happen: versions reach every client contiguously. Ask
      // again from before the gap (what comes twice applies once).
      this.versions.reset(before);
      this._dropSocket();
      this._closed(true);
    }
  },

  _ack(m) {
    this.versions.see(m.version);
    if (m.relation) return this._ackRelation(m); // relations.js
    const op = this.queue.find(m.op_id);
    if (!op) {
      this._confirm(m); // a re-sent op settled before, or another tab's
      return;
    }
    this.queue.remove(op.op_id);
    this.settledIds.add(op.op_id);
    if (this.inflight === op) this.inflight = null;
    if (op.action === 'create' && m.annotation && m.annotation.id !== op.id) {
      this._rename(op.id, m.annotation.id);
    }
    const id = m.annotation ? m.annotation.id : op.id;
    if (!this.base.has(id)) this.base.set(id, this.store.annotation(id));
    const prev = this.base.get(id);
    this._confirm(m);
    this._ackedOwn(id, prev, m);
    if (this.base.has(id)) this._recompute(id);
    this._settle(op, this.store.annotation(id) || (m.annotation ? this._withText(m.annotation, m.version) : null));
    this._persist();
    this._publish();
    this._pump();
  },

  // _rename gives a created annotation its real id: in the queue, the
  // store (and its selection) and, through 'rename', the undo history.
  _rename(from, to) {
    this.queue.rename(from, to);
    this.base.delete(from);
    // The real one may be shown already: the op was committed before a
    // drop and came back in the catch-up or the full state.
    const twin = this.store.annotation(to);
    this.store.renameAnnotation(from, to);
    if (!this.base.has(to)) this.base.set(to, twin || null);
    this._emit('rename', from, to);
    this._relShow(); // a pending link to it names it by its real id now
  },

  _refused(m) {
    if (!m.op_id) {
      // The connection's last message (e.g. hello for an article that is
      // gone); the close follows.
      if (m.error && typeof console !== 'undefined') console.warn('gloss live:', m.error);
      return;
    }
    const op = this.queue.find(m.op_id);
    if (!op) return;
    if (isRelationOp(op)) return this._refusedRelation(op, m); // relations.js
    this.queue.remove(op.op_id);
    this.settledIds.add(op.op_id);
    if (this.inflight === op) this.inflight = null;
    const dropped = op.action === 'create' ? this.queue.drop(op.id) : [];
    // A conflict carries the annotation as it is now: it is the truth to
    // show again (over REST nothing else brings it).
    if (m.code === 'conflict' && m.annotation) this._confirm({ action: 'update', annotation: m.annotation, version: m.annotation.version });
    this._recompute(op.id);
    const why = { code: m.code || '', message: m.error || 'refused' };
    this._settle(op, null, why);
    for (const d of dropped) {
      this.settledIds.add(d.op_id);
      this._settle(d, null, why);
    }
    this.store.toast(m.code === 'conflict' ? conflictMessage(op, m.annotation) : `${op.what ? `Could not ${op.what}` : REFUSED[op.action] || 'Could not save'}: ${m.error || 'refused'}`);
    this._persist();
    this._publish();
    this._pump();
  },

  _settle(op, annotation, why) {
    const resolve = this.waiters.get(op.op_id);
    this.waiters.delete(op.op_id);
    if (resolve) resolve(annotation);
    this._emit('settled', op.op_id, annotation, why);
    this._idleCheck();
  },

  // _resync takes a full state from the server and lays the pending ops
  // over it, in one change of the store.
  _resync(annotations, version) {
    const byId = new Map();
    for (const a of annotations) byId.set(a.id, a);
    for (const id of this.base.keys()) this.base.set(id, isTemp(id) ? null : byId.get(id) || null);
    for (const id of this.base.keys()) {
      const a = this._overlay(id, this.base.get(id));
      if (a) byId.set(id, a);
      else byId.delete(id);
    }
    this.versions.reset(version);
    // The first welcome of a page mostly repeats what the page fetched:
    // every change bumps an annotation's version, so equal versions mean
    // equal annotations, and the screen need not change.
    const cur = this.store.get().annotations;
    let same = cur.size === byId.size;
    if (same) {
      for (const [id, a] of byId) {
        const c = cur.get(id);
        if (!c || c.pending || a.pending || c.version !== a.version) {
          same = false;
          break;
        }
      }
    }
    if (same) {
      const art = this.store.get().article;
      if (art) art.version = version;
      return;
    }
    this.store.resync([...byId.values()], version);
  },
};
