// history.js makes the user's own annotation changes undoable. Every
// create, update and delete goes to the writer (live.js: applied on screen
// at once, sent to the server in order) and is recorded with what it takes
// to reverse it:
//
//	create  undo: delete it             redo: create it again
//	update  undo: patch the old fields  redo: patch the new ones
//	delete  undo: create it again       redo: delete it
//
// Creating again gives a new id, and a create's temporary id is replaced
// by the real one when the server acknowledges it. Entries keep the id the
// annotation had when they were recorded, and an alias map leads from each
// id to the one that replaced it, so older entries still find their
// annotation.
//
// A "group" entry holds several of these that one Ctrl+Z undoes together
// (labelling every place a text repeats); the parts whose annotation is
// gone are dropped from it, and it goes when none is left.
//
// The writer applies each change before returning, so pressing Ctrl+Z three
// times quickly undoes three things, in order, even offline. A change the
// server refuses is reverted by the writer (which says why in a toast) and
// its entry is dropped here.

/** fields returns what re-creating an annotation needs. */
export function fields(a) {
  return { start: a.start, end: a.end, label: a.label, attrs: { ...(a.attrs || {}) } };
}

function sameAttrs(a = {}, b = {}) {
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => a[k] === b[k]);
}

/** changes reports whether patch would change annotation a. */
export function changes(a, patch) {
  for (const k of ['start', 'end', 'label']) {
    if (k in patch && patch[k] !== a[k]) return true;
  }
  return 'attrs' in patch && !sameAttrs(a.attrs || {}, patch.attrs || {});
}

/** KEPT_ARTICLES is how many articles' undo stacks are kept for coming back to. */
const KEPT_ARTICLES = 20;

export class History {
  /**
   * @param {import('./state.js').Store} store
   * @param {import('./live.js').LiveSync} writer takes create/update/remove
   *   and reports 'rename' and 'settled'
   */
  constructor(store, writer) {
    this.store = store;
    this.writer = writer;
    this.undoStack = [];
    this.redoStack = [];
    this.alias = new Map();
    this.articleId = null;
    // The stacks of the articles opened before this one, by article id,
    // oldest first: going to the list and back keeps what can be undone.
    this.kept = new Map();
    if (writer.on) {
      writer.on('rename', (from, to) => this.alias.set(from, to));
      writer.on('settled', (opId, annotation) => {
        if (annotation === null) this.forget(opId);
      });
    }
  }

  /**
   * reset switches to another article's changes: this article's stacks are
   * kept (for the last KEPT_ARTICLES articles) and the other's come back.
   * Entries whose annotation never got its real id (left before the server
   * answered) are not kept: nothing could find it again.
   */
  reset(articleId = null) {
    if (this.articleId !== null && this.articleId !== articleId) {
      const { undo, redo } = this._settled();
      this.kept.delete(this.articleId);
      if (undo.length || redo.length) this.kept.set(this.articleId, { undo, redo });
      if (this.kept.size > KEPT_ARTICLES) this.kept.delete(this.kept.keys().next().value);
    }
    if (this.articleId !== articleId) {
      const k = this.kept.get(articleId);
      this.kept.delete(articleId);
      this.undoStack = k ? k.undo : [];
      this.redoStack = k ? k.redo : [];
    }
    this.articleId = articleId;
    this._publish();
  }

  /**
   * restore takes up the stacks a reload of this tab left in storage under
   * key (sessionStorage, per user), and remembers where save puts them.
   * The open article's come back at once when it has none yet.
   */
  restore(storage, key) {
    this.storage = storage;
    this.key = key;
    let saved = null;
    try {
      saved = JSON.parse(storage.getItem(key) || 'null');
    } catch {
      saved = null; // unreadable: start afresh
    }
    if (!saved || !Array.isArray(saved.kept)) return;
    for (const [from, to] of saved.alias || []) if (!this.alias.has(from)) this.alias.set(from, to);
    for (const [id, k] of saved.kept) {
      if (!this.kept.has(id) && id !== this.articleId && Array.isArray(k.undo) && Array.isArray(k.redo)) this.kept.set(id, k);
    }
    const mine = saved.kept.find(([id]) => id === this.articleId);
    if (mine && this.undoStack.length === 0 && this.redoStack.length === 0) {
      this.undoStack = mine[1].undo;
      this.redoStack = mine[1].redo;
      this._publish();
    }
  }

  /** save writes every article's stacks to the storage restore named. */
  save() {
    if (!this.storage) return;
    const kept = [...this.kept.entries()];
    if (this.articleId !== null) kept.push([this.articleId, this._settled()]);
    try {
      this.storage.setItem(this.key, JSON.stringify({ kept, alias: [...this.alias.entries()].slice(-1000) }));
    } catch {
      // Full or refused: the stacks last as long as the page, as before.
    }
  }

  // _settled is the open article's stacks without the entries whose
  // annotation never got its real id: nothing could find it later.
  _settled() {
    const settled = (e) => this.resolve(e.id) > 0;
    return { undo: keepEntries(this.undoStack, settled), redo: keepEntries(this.redoStack, settled) };
  }

  /** resolve follows the alias chain from id to the annotation's current id. */
  resolve(id) {
    const seen = new Set();
    while (this.alias.has(id) && !seen.has(id)) {
      seen.add(id);
      id = this.alias.get(id);
    }
    return id;
  }

  /** forget drops the entries whose last change was refused (op opId). */
  forget(opId) {
    const keep = (e) => e.opId !== opId;
    for (const k of this.kept.values()) {
      k.undo = keepEntries(k.undo, keep);
      k.redo = keepEntries(k.redo, keep);
    }
    const u = this.undoStack.length + this.redoStack.length;
    this.undoStack = keepEntries(this.undoStack, keep);
    this.redoStack = keepEntries(this.redoStack, keep);
    if (u !== this.undoStack.length + this.redoStack.length) this._publish();
  }

  _publish() {
    const s = this.store.get();
    const u = this.undoStack.length > 0;
    const r = this.redoStack.length > 0;
    if (s.canUndo !== u || s.canRedo !== r) this.store.set({ canUndo: u, canRedo: r }, 'history');
  }

  // _run applies fn's change now; a failure becomes a toast. The promise
  // it returns says how the server took it: the annotation as committed, or
  // null when the change failed or was refused.
  _run(what, fn) {
    let r;
    try {
      r = fn();
    } catch (err) {
      this.store.toast(what ? `${what}: ${err.message}` : err.message);
      this._publish();
      return Promise.resolve(null);
    }
    this._publish();
    if (r && r.done) return r.done;
    return Promise.resolve(r === undefined ? null : r);
  }

  _record(e) {
    this.undoStack.push(e);
    if (this.undoStack.length > 500) this.undoStack.shift();
    this.redoStack = [];
  }

  _article() {
    const a = this.store.get().article;
    if (!a) throw new Error('no article is open');
    if (this.articleId !== a.id) this.reset(a.id);
    return a.id;
  }

  /** create adds an annotation {start, end, label, attrs?}. */
  create(f) {
    return this._run('Could not add the annotation', () => {
      this._article();
      const r = this.writer.create({ attrs: {}, ...f });
      this._record({ kind: 'create', id: r.annotation.id, after: fields(r.annotation), opId: r.opId });
      return r;
    });
  }

  /**
   * createAll adds several annotations as one change: one undo takes them
   * all away. What the writer refuses at once (and what comes after it) is
   * not added; the ones added before stay, and are undoable.
   */
  createAll(list) {
    return this._run('Could not add the annotations', () => {
      this._article();
      const entries = [];
      const done = [];
      try {
        for (const f of list) {
          const r = this.writer.create({ attrs: {}, ...f });
          entries.push({ kind: 'create', id: r.annotation.id, after: fields(r.annotation), opId: r.opId });
          done.push(r.done || Promise.resolve(r.annotation));
        }
      } finally {
        if (entries.length) this._record({ kind: 'group', entries });
      }
      return { done: Promise.all(done) };
    });
  }

  /** update changes some of an annotation's fields (attrs replace the map). */
  update(id, patch) {
    return this._run('Could not save the change', () => {
      this._article();
      const cur = this.store.annotation(id);
      if (!cur) throw new Error('the annotation is gone');
      if (!changes(cur, patch)) return cur; // e.g. Enter then blur on the same field
      const r = this.writer.update(id, patch);
      this._record({ kind: 'update', id, before: fields(cur), after: fields(r.annotation), opId: r.opId });
      return r;
    });
  }

  /** remove deletes an annotation. */
  remove(id) {
    return this._run('Could not delete the annotation', () => {
      this._article();
      const cur = this.store.annotation(id);
      if (!cur) throw new Error('the annotation is gone');
      const r = this.writer.remove(id);
      this._record({ kind: 'delete', id, before: fields(cur), opId: r.opId });
      return r;
    });
  }

  /** undo reverses the newest recorded change. */
  undo() {
    return this._run('Could not undo', () => {
      const e = this.undoStack[this.undoStack.length - 1];
      if (!e) return null;
      const r = this._apply(e, true);
      this.undoStack.pop();
      this.redoStack.push(e);
      return r;
    });
  }

  /** redo applies the newest undone change again. */
  redo() {
    return this._run('Could not redo', () => {
      const e = this.redoStack[this.redoStack.length - 1];
      if (!e) return null;
      const r = this._apply(e, false);
      this.redoStack.pop();
      this.undoStack.push(e);
      return r;
    });
  }

  // _apply makes entry e's change (backwards: its reverse). It throws when
  // the annotation is gone (someone deleted it): the entry is then dropped,
  // since it can never apply again.
  _apply(e, backwards) {
    this._article();
    if (e.kind !== 'group') {
      try {
        return this._applyOne(e, backwards);
      } catch (err) {
        (backwards ? this.undoStack : this.redoStack).pop();
        throw err;
      }
    }
    // Undo in reverse order, redo in order; parts that cannot apply any
    // more (someone deleted the annotation) leave the group.
    const order = backwards ? [...e.entries].reverse() : e.entries;
    const ok = new Set();
    const done = [];
    let last = null;
    for (const part of order) {
      try {
        const r = this._applyOne(part, backwards);
        ok.add(part);
        done.push(r.done || Promise.resolve(r.annotation));
      } catch (err) {
        last = err;
      }
    }
    e.entries = e.entries.filter((p) => ok.has(p));
    if (!e.entries.length) {
      (backwards ? this.undoStack : this.redoStack).pop();
      throw last || new Error('the annotations are gone');
    }
    return { done: Promise.all(done) };
  }

  // _applyOne makes one create, update or delete entry's change.
  _applyOne(e, backwards) {
    const id = this.resolve(e.id);
    // Undoing a create and redoing a delete delete; undoing a delete and
    // redoing a create create again.
    const del = e.kind === 'create' ? backwards : e.kind === 'delete' ? !backwards : false;
    let r;
    if (e.kind === 'update') r = this.writer.update(id, backwards ? e.before : e.after);
    else if (del) r = this.writer.remove(id);
    else {
      r = this.writer.create(e.kind === 'create' ? e.after : e.before);
      if (r.annotation.id !== id) this.alias.set(id, r.annotation.id);
    }
    e.opId = r.opId;
    return r;
  }
}

// keepEntries is stack without the entries keep refuses; a group keeps
// the parts keep takes, and goes when none is left. Groups are copied, not
// changed, since a stack saved for later may share them.
function keepEntries(stack, keep) {
  const out = [];
  for (const e of stack) {
    if (e.kind !== 'group') {
      if (keep(e)) out.push(e);
      continue;
    }
    const entries = e.entries.filter(keep);
    if (entries.length === e.entries.length) out.push(e);
    else if (entries.length) out.push({ ...e, entries });
  }
  return out;
}
