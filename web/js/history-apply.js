// history-apply.js holds how History (history.js) undoes and redoes an
// entry without undoing a colleague's work: fields someone else changed
// since are skipped with a note (undo-plan.js), deleting an annotation
// others edited after this user made it asks first, and every undo and
// redo that changes or deletes goes out conditional (if_version), so that
// a change arriving in between makes the server refuse it rather than
// overwrite it.
import { patchOf } from './ann-fields.js';
import { fields, planRevert, editedSince, skipNote, askNote } from './undo-plan.js';

/** applyMethods are History's methods for undo and redo; history.js adds them to the class. */
export const applyMethods = {
  /** undo reverses the newest recorded change (opts: see _step). */
  undo(opts = {}) {
    return this._step(true, opts);
  },

  /** redo applies the newest undone change again. */
  redo(opts = {}) {
    return this._step(false, opts);
  },

  // _step undoes (backwards) or redoes the top entry. opts.entry and
  // opts.agreed come from the question "delete anyway?": the entry it was
  // about (nothing happens if another is on top now) and the versions of
  // the annotations the user agreed to delete (changed again since: asked
  // again).
  _step(backwards, opts = {}) {
    return this._run(backwards ? 'Could not undo' : 'Could not redo', () => {
      const from = backwards ? this.undoStack : this.redoStack;
      const e = from[from.length - 1];
      if (!e || (opts.entry && opts.entry !== e)) return null;
      this._article();
      let r;
      try {
        r = this._apply(e, backwards, opts.agreed || null);
      } catch (err) {
        from.pop(); // the annotation is gone (or not this user's): it can never apply
        throw err;
      }
      if (r.ask) {
        this._ask(e, backwards, r.ask, r.total || 1);
        return null;
      }
      from.pop();
      if (r.entry) (backwards ? this.redoStack : this.undoStack).push(r.entry);
      if (r.note) this.store.toast(r.note, 'info');
      return r.result || null;
    });
  },

  // _ask asks before deleting annotations others edited since this user
  // made them; "Delete anyway" takes the step again with their versions
  // agreed.
  _ask(e, backwards, asks, total) {
    const agreed = new Map(asks.map((a) => [a.id, a.version]));
    this.store.toast(askNote(asks, total, backwards ? 'Undoing' : 'Redoing'), 'ask', {
      label: total === 1 ? 'Delete anyway' : 'Delete them anyway',
      run: () => this._step(backwards, { entry: e, agreed }),
    });
  },

  _whoSet(id) {
    return (f) => (this.writer.whoSet ? this.writer.whoSet(id, f) : null);
  },

  _declared(label) {
    const l = this.store.label ? this.store.label(label) : null;
    return l ? (l.attrs || []).map((a) => a.name) : null;
  },

  // _apply makes entry e's change (backwards: its reverse). It returns
  // {entry: what goes on the other stack (null: nothing), result, note}
  // or {ask: [...]} when it must ask first; it throws when nothing of it
  // can apply any more.
  _apply(e, backwards, agreed) {
    if (e.kind === 'relate' || e.kind === 'unrelate') return this._applyRelation(e, backwards); // relations.js
    if (e.kind !== 'group') return this._applyOne(e, backwards, agreed);
    // A group's parts are creates: undo deletes them all, after one
    // question for those others edited.
    const order = backwards ? [...e.entries].reverse() : e.entries;
    if (backwards) {
      const asks = [];
      let total = 0;
      for (const part of order) {
        const id = this.resolve(part.id);
        const cur = this.store.annotation(id);
        if (!cur) continue;
        total++;
        const ask = this._editedAsk(part, id, cur, agreed);
        if (ask) asks.push(ask);
      }
      if (asks.length) return { ask: asks, total };
    }
    const ok = new Set();
    const done = [];
    let last = null;
    for (const part of order) {
      try {
        const r = this._applyOne(part, backwards, agreed);
        ok.add(part);
        done.push(r.result.done || Promise.resolve(r.result.annotation));
      } catch (err) {
        last = err;
      }
    }
    e.entries = e.entries.filter((p) => ok.has(p));
    if (!e.entries.length) throw last || new Error('the annotations are gone');
    return { entry: e, result: { done: Promise.all(done) } };
  },

  // _editedAsk returns the question about deleting annotation id (cur),
  // made by entry e, when others edited it since and the user has not
  // agreed to this version of it.
  _editedAsk(e, id, cur, agreed) {
    const made = e.made || (e.kind === 'create' ? e.after : e.before);
    const edits = editedSince(made, cur, this._whoSet(id), this.me);
    if (!edits.length || (agreed && agreed.get(id) === cur.version)) return null;
    return { id, version: cur.version, label: cur.label, edits };
  },

  // _applyOne makes one create, update or delete entry's change.
  _applyOne(e, backwards, agreed) {
    const id = this.resolve(e.id);
    const what = backwards ? 'undo' : 'redo';
    if (e.kind === 'update') {
      const cur = this._editable(id);
      const plan = planRevert(e, cur, backwards, this._whoSet(id), this.me, (l) => this._declared(l));
      let note = '';
      if (plan.skipped.length) note = `${plan.done.length ? `${what === 'undo' ? 'Undone' : 'Redone'}, except: ` : `Nothing to ${what}: `}${skipNote(plan.skipped, this.me)}`;
      if (!plan.done.length) return { entry: null, note, result: { annotation: cur } };
      const r = this.writer.update(id, patchOf(plan.values), { cond: true, what });
      const entry = { ...e, before: plan.before, after: plan.after, opId: r.opId, lastOp: 'update', dir: what };
      return { entry, note, result: r };
    }
    // Undoing a create and redoing a delete delete; undoing a delete and
    // redoing a create create again.
    const del = e.kind === 'create' ? backwards : !backwards;
    if (del) {
      const cur = this._editable(id);
      const ask = this._editedAsk(e, id, cur, agreed);
      if (ask) return { ask: [ask] };
      const r = this.writer.remove(id, { cond: true, what });
      Object.assign(e, { opId: r.opId, lastOp: 'delete', dir: what });
      return { entry: e, result: r };
    }
    const r = this.writer.create(e.kind === 'create' ? e.after : e.before);
    if (r.annotation.id !== id) this.alias.set(id, r.annotation.id);
    if (e.rels) this._relink(e.rels); // a deleted span's links, made again
    delete e.made; // until the server has made it again
    Object.assign(e, { opId: r.opId, lastOp: 'create', dir: what });
    return { entry: e, result: r };
  },

  // _made keeps what the server made of a create of this user's (op opId):
  // with its defaults filled in, it is what "edited since" compares with.
  _made(opId, annotation) {
    for (const e of this._entries()) {
      if (e.opId === opId && e.lastOp === 'create') e.made = fields(annotation);
    }
  },

  // _putBack returns an undo or redo the server refused as a conflict
  // (someone changed the annotation just before) to the stack it came
  // from: pressing it again looks at the annotation as it is now.
  _putBack(opId) {
    for (const [from, to, dir] of [[this.redoStack, this.undoStack, 'undo'], [this.undoStack, this.redoStack, 'redo']]) {
      const i = from.findIndex((e) => e.opId === opId && e.dir === dir);
      if (i >= 0) {
        to.push(from.splice(i, 1)[0]);
        this._publish();
        return;
      }
    }
    this.forget(opId);
  },

  // _entries lists the open article's entries, group parts included.
  _entries() {
    return [...this.undoStack, ...this.redoStack].flatMap((e) => (e.kind === 'group' ? e.entries : [e]));
  },
};
