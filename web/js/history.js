// history.js makes the user's own annotation changes undoable. Every
// create, update and delete goes to the writer (live.js: applied on screen
// at once, sent to the server in order) and is recorded with what it takes
// to reverse it:
//
//	create  undo: delete it             redo: create it again
//	update  undo: set the fields back   redo: set them again
//	delete  undo: create it again       redo: delete it
//
// Others work on the same annotations, so nothing is undone over their
// work (history-apply.js, undo-plan.js): an update's entry keeps the
// fields it changed ({field: value} before and after), and undo sets back
// only those that still hold this user's value; a field a colleague
// changed since is left as theirs, and a note says so. Deleting an
// annotation others have edited since (undoing its create) asks first.
// Undo, redo and deletes are conditional (if_version): should someone
// change the annotation before they reach the server, they are refused,
// the user is told, and the entry goes back where it was to try again.
//
// Creating again gives a new id, and a create's temporary id is replaced
// by the real one when the server acknowledges it. Entries keep the id the
// annotation had when they were recorded, and an alias map leads from each
// id to the one that replaced it, so older entries still find their
// annotation.
//
// Links between annotations (relations.js) are entries too: relate
// (undo: remove the link, and put back what it filled in) and unrelate
// (undo: link again); deleting an annotation keeps its links with the
// delete, so that undoing it links the span again.
//
// A "group" entry holds several of these that one Ctrl+Z undoes together
// (labelling every place a text repeats); the parts whose annotation is
// gone are dropped from it, and it goes when none is left.
//
// The writer applies each change before returning, so pressing Ctrl+Z three
// times quickly undoes three things, in order, even offline. A change the
// server refuses is reverted by the writer (which says why in a toast) and
// its entry is dropped here (or, refused as a conflict, put back).
import { addMethods } from './mixin.js';
import { diff } from './ann-fields.js';
import { fields, changes } from './undo-plan.js';
import { applyMethods } from './history-apply.js';
import { mayChange, whyNot, layerLock } from './perm.js';
import { relationHistoryMethods } from './relations.js';

export { fields, changes };

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
      writer.on('settled', (opId, annotation, why) => {
        if (annotation) this._made(opId, annotation);
        else if (why && why.code === 'conflict') this._putBack(opId);
        else this.forget(opId);
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
    // A submitted layer or a reviewed article: not even tried (the server refuses it).
    const lock = layerLock(this.store.get());
    if (lock) throw new Error(lock);
    if (this.articleId !== a.id) this.reset(a.id);
    return a.id;
  }

  /** create adds an annotation {start, end, label, attrs?}. */
  create(f) {
    return this._run('Could not add the annotation', () => {
      this._article();
      const r = this.writer.create({ attrs: {}, ...f });
      this._record({ kind: 'create', id: r.annotation.id, after: fields(r.annotation), opId: r.opId, lastOp: 'create' });
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
          entries.push({ kind: 'create', id: r.annotation.id, after: fields(r.annotation), opId: r.opId, lastOp: 'create' });
          done.push(r.done || Promise.resolve(r.annotation));
        }
      } finally {
        if (entries.length) this._record({ kind: 'group', entries });
      }
      return { done: Promise.all(done) };
    });
  }

  /**
   * update changes some of an annotation's fields; patch.attrs is a merge
   * patch (null removes a key). A plain edit goes unconditionally: changes
   * merge per field, and a colleague whose field it overwrites is shown
   * it. opts.cond makes it conditional ("Put mine back" does). The entry
   * keeps only the fields that changed.
   */
  update(id, patch, opts = {}) {
    return this._run(opts.what ? `Could not ${opts.what}` : 'Could not save the change', () => {
      this._article();
      const cur = this._editable(id);
      if (!changes(cur, patch)) return cur; // e.g. Enter then blur on the same field
      const r = this.writer.update(id, patch, opts);
      const d = diff(cur, r.annotation);
      if (d.length) {
        const before = Object.fromEntries(d.map((c) => [c.field, c.old]));
        const after = Object.fromEntries(d.map((c) => [c.field, c.new]));
        this._record({ kind: 'update', id, before, after, opId: r.opId, lastOp: 'update' });
      }
      return r;
    });
  }

  /**
   * remove deletes an annotation, on condition that it is still as this
   * page last saw it: a change someone made a moment ago is not deleted
   * along unseen (the refusal says so).
   */
  remove(id) {
    return this._run('Could not delete the annotation', () => {
      this._article();
      const cur = this._editable(id);
      const rels = this._relsOf(id); // its links go with it; undo makes them again
      const r = this.writer.remove(id, { cond: true });
      this._record({ kind: 'delete', id, before: fields(cur), rels, opId: r.opId, lastOp: 'delete' });
      return r;
    });
  }

  // _editable returns annotation id, or throws when it is gone or this
  // user may not change it in this project.
  _editable(id) {
    const cur = this.store.annotation(id);
    if (!cur) throw new Error('the annotation is gone');
    if (!mayChange(this.store.get(), cur)) throw new Error(whyNot(cur));
    return cur;
  }

  /** me is the name of the user whose history this is. */
  get me() {
    const m = (this.writer && this.writer.me) || this.store.get().me;
    return m ? m.name : '';
  }
}

addMethods(History, applyMethods, relationHistoryMethods);

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
