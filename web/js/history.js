// history.js makes the user's own annotation changes undoable. Every
// create, update and delete goes through the API here and is recorded with
// what it takes to reverse it:
//
//	create  undo: delete it             redo: create it again
//	update  undo: patch the old fields  redo: patch the new ones
//	delete  undo: create it again       redo: delete it
//
// Creating again gives a new id. Entries keep the id the annotation had
// when they were recorded, and an alias map leads from each id to the one
// that replaced it, so older entries still find their annotation.
//
// Calls run one at a time, in order: pressing Ctrl+Z three times quickly
// undoes three things, not the same thing three times.

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

export class History {
  /**
   * @param {import('./state.js').Store} store
   * @param {object} api the annotation calls of api.js
   */
  constructor(store, api) {
    this.store = store;
    this.api = api;
    this.undoStack = [];
    this.redoStack = [];
    this.alias = new Map();
    this.queue = Promise.resolve();
    this.articleId = null;
  }

  /** reset forgets everything, e.g. when another article opens. */
  reset(articleId = null) {
    this.undoStack = [];
    this.redoStack = [];
    this.alias.clear();
    this.articleId = articleId;
    this._publish();
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

  _publish() {
    const s = this.store.get();
    const u = this.undoStack.length > 0;
    const r = this.redoStack.length > 0;
    if (s.canUndo !== u || s.canRedo !== r) this.store.set({ canUndo: u, canRedo: r }, 'history');
  }

  // _run queues fn after the calls before it; failures become a toast and
  // resolve to null so that callers need not catch.
  _run(what, fn) {
    const p = this.queue.then(fn).catch((err) => {
      this.store.toast(what ? `${what}: ${err.message}` : err.message);
      return null;
    });
    this.queue = p.then(() => this._publish());
    return p;
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
    return this._run('Could not add the annotation', async () => {
      const art = this._article();
      const a = await this.api.createAnnotation(art, { attrs: {}, ...f });
      this.store.upsertAnnotation(a);
      this._record({ kind: 'create', id: a.id, after: fields(a) });
      return a;
    });
  }

  /** update changes some of an annotation's fields (attrs replace the map). */
  update(id, patch) {
    return this._run('Could not save the change', async () => {
      const art = this._article();
      const cur = this.store.annotation(id);
      if (!cur) throw new Error('the annotation is gone');
      if (!changes(cur, patch)) return cur; // e.g. Enter then blur on the same field
      const a = await this.api.updateAnnotation(art, id, patch);
      this.store.upsertAnnotation(a);
      this._record({ kind: 'update', id, before: fields(cur), after: fields(a) });
      return a;
    });
  }

  /** remove deletes an annotation. */
  remove(id) {
    return this._run('Could not delete the annotation', async () => {
      const art = this._article();
      const cur = this.store.annotation(id);
      if (!cur) throw new Error('the annotation is gone');
      await this.api.deleteAnnotation(art, id);
      this.store.removeAnnotation(id);
      this._record({ kind: 'delete', id, before: fields(cur) });
      return cur;
    });
  }

  /** undo reverses the newest recorded change. */
  undo() {
    return this._run('Could not undo', async () => {
      const e = this.undoStack.pop();
      if (!e) return null;
      await this._apply(e, true);
      this.redoStack.push(e);
      return e;
    });
  }

  /** redo applies the newest undone change again. */
  redo() {
    return this._run('Could not redo', async () => {
      const e = this.redoStack.pop();
      if (!e) return null;
      await this._apply(e, false);
      this.undoStack.push(e);
      return e;
    });
  }

  async _apply(e, backwards) {
    const art = this._article();
    const id = this.resolve(e.id);
    const recreate = async (f) => {
      const a = await this.api.createAnnotation(art, f);
      if (a.id !== id) this.alias.set(id, a.id);
      this.store.upsertAnnotation(a);
    };
    const del = async () => {
      await this.api.deleteAnnotation(art, id);
      this.store.removeAnnotation(id);
    };
    switch (e.kind) {
      case 'create':
        return backwards ? del() : recreate(e.after);
      case 'delete':
        return backwards ? recreate(e.before) : del();
      case 'update': {
        const a = await this.api.updateAnnotation(art, id, backwards ? e.before : e.after);
        this.store.upsertAnnotation(a);
        return;
      }
    }
  }
}
