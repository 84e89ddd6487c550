// state.js holds the editor's one store. Everything the screen shows comes
// from here; the DOM keeps only ids. Every change emits a 'change' event
// whose detail.what names the part that changed, so that the renderer can
// skip the expensive parts (text layout, highlights) when they did not.
//
// Annotations change from two places: live.js, which lays the user's own
// pending changes (edits, undo and redo) over the server's state with
// putAnnotation / removeAnnotation / renameAnnotation, and other people's
// ops arriving over the socket (applyRemote, resync).
import { sliceCodePoints } from './offsets.js';

/** sortAnnotations orders like the server: start, longer first, id. */
export function compareAnnotations(a, b) {
  return a.start - b.start || b.end - a.end || a.id - b.id;
}

export class Store extends EventTarget {
  constructor() {
    super();
    this.state = {
      me: null, // {name, role}
      projects: [],
      projectId: null,
      route: { view: 'loading' }, // {view: 'list'} | {view: 'article', id}
      list: { q: '', status: '', offset: 0, limit: 50, articles: [], here: {}, total: 0, loading: false, error: '' },
      importing: false,
      importResult: null, // {articles: [{id, title, created}]} | {error}
      article: null, // the open article, with its text
      articleError: '',
      annotations: new Map(), // id -> annotation of the open article
      annRev: 0, // grows on every annotation change
      selectedId: null, // the annotation whose popover is open
      canUndo: false,
      canRedo: false,
      help: false,
      toast: null, // {message, kind, id, action}
      live: { status: 'closed', pending: 0, you: null, users: [] }, // live.js's session
      exportOpts: { format: 'jsonl', done: false, clean: false },
      hidden: [], // label names whose highlights are hidden (kept in localStorage)
      hiddenAuthors: [], // authors whose annotations are hidden on the open article
      // The popover's project-wide labelling of an annotation's text:
      // {id, loading, places, articles, error} while it is offered.
      everywhere: null,
      newProject: null, // {error, busy} while the New project dialog is open
      // What colleagues changed in the open annotation while it was open
      // (live-review.js): {id, changes: [{field, old, new, who, mine}]}.
      colleague: null,
      // The popover's History section: {id, open, loading, entries, error, version}.
      annHistory: null,
      // The open article's relations (relations.js): id -> {id, type, from,
      // to, author, …}, pending ones included; relRev grows on each change.
      relations: new Map(),
      relRev: 0,
      // Choosing a link's target (render-relations.js): {from, cand, menu}.
      linking: null,
      relHover: null, // the relation whose ends are emphasised (hovered in the popover)
      hover: null, // {id, article}: the annotation under the mouse in the text (hover.js)
    };
    this.renamed = new Map(); // temporary id -> the real id its create got
    this._sorted = null;
    this._sortedRev = -1;
  }

  /** get returns the current state; treat it as read-only. */
  get() {
    return this.state;
  }

  emit(what) {
    this.dispatchEvent(new CustomEvent('change', { detail: { what } }));
  }

  /** set merges patch into the state and announces what changed. */
  set(patch, what = 'ui') {
    Object.assign(this.state, patch);
    this.emit(what);
  }

  setList(patch) {
    this.state.list = { ...this.state.list, ...patch };
    this.emit('list');
  }

  project(id = this.state.projectId) {
    return this.state.projects.find((p) => p.id === id) || null;
  }

  /** labels returns the label schema of the open article's project. */
  labels() {
    const a = this.state.article;
    const p = this.project(a ? a.project : this.state.projectId);
    return p ? p.labels : [];
  }

  label(name) {
    return this.labels().find((l) => l.name === name) || null;
  }

  /** openArticle replaces the open article and its annotations. */
  openArticle(article, annotations) {
    const m = new Map();
    for (const a of annotations) m.set(a.id, a);
    if (!this.state.article || this.state.article.id !== article.id) this.state.hiddenAuthors = [];
    this.state.article = article;
    this.state.articleError = '';
    this.state.annotations = m;
    this.state.annRev++;
    this.state.selectedId = null;
    this.state.colleague = null;
    this.state.annHistory = null;
    this.state.relations = new Map();
    this.state.relRev++;
    this.state.linking = null;
    this.state.relHover = null;
    this.renamed.clear();
    this.emit('article');
  }

  /** setArticleFields changes the open article's metadata (not its text) in place. */
  setArticleFields(patch) {
    const a = this.state.article;
    if (!a) return;
    for (const k of ['status', 'title', 'source', 'url', 'published', 'meta', 'mine', 'layers']) {
      if (k in patch) a[k] = patch[k];
    }
    this.emit('article-meta');
  }

  closeArticle() {
    this.state.article = null;
    this.state.hiddenAuthors = [];
    this.state.annotations = new Map();
    this.state.annRev++;
    this.state.relations = new Map();
    this.state.relRev++;
    this.state.linking = null;
    this.state.relHover = null;
    this.state.selectedId = null;
    this.emit('article');
  }

  /** sorted returns the open article's annotations in reading order. */
  sorted() {
    if (this._sortedRev !== this.state.annRev) {
      this._sorted = [...this.state.annotations.values()].sort(compareAnnotations);
      this._sortedRev = this.state.annRev;
    }
    return this._sorted;
  }

  /**
   * shown is sorted() without the annotations of hidden labels and hidden
   * authors: what is painted, listed, clicked and stepped through.
   */
  shown() {
    const { hidden, hiddenAuthors } = this.state;
    if (!hidden.length && !hiddenAuthors.length) return this.sorted();
    if (this._shownRev !== this.state.annRev || this._shownHidden !== hidden || this._shownAuthors !== hiddenAuthors) {
      this._shown = this.sorted().filter((a) => !hidden.includes(a.label) && this.authorShown(a));
      this._shownRev = this.state.annRev;
      this._shownHidden = hidden;
      this._shownAuthors = hiddenAuthors;
    }
    return this._shown;
  }

  /**
   * authorShown reports whether a's author is not hidden. (The side list
   * filters by author alone: a hidden label still shows its count.)
   */
  authorShown(a) {
    return !this.state.hiddenAuthors.includes(a.author || '');
  }

  annotation(id) {
    return this.state.annotations.get(id) || null;
  }

  _touch(version) {
    const a = this.state.article;
    if (a) {
      a.annotations = this.state.annotations.size;
      if (version && version > (a.version || 0)) a.version = version;
      if (a.status === 'new') a.status = 'in_progress'; // the server moves it on the first change
    }
    this.state.annRev++;
    this.emit('annotations');
  }

  /** upsertAnnotation stores a created or updated annotation. */
  upsertAnnotation(a) {
    const art = this.state.article;
    if (!art || a.article !== art.id) return;
    const old = this.state.annotations.get(a.id);
    if (old && old.version > a.version) return; // a newer state arrived first
    this.state.annotations.set(a.id, a);
    this._touch(a.version);
  }

  /**
   * putAnnotation shows a as it is, whatever its version: live.js's view of
   * an annotation with changes pending.
   */
  putAnnotation(a) {
    const art = this.state.article;
    if (!art || a.article !== art.id) return;
    this.state.annotations.set(a.id, a);
    this._touch(0);
  }

  /**
   * renameAnnotation retires temporary id from once its create has the
   * real id to: the annotation under from goes (live.js shows it under to),
   * and a selection moves along.
   */
  renameAnnotation(from, to) {
    this.renamed.set(from, to);
    const had = this.state.annotations.delete(from);
    if (this.state.selectedId === from) this.state.selectedId = to;
    if (had) this._touch(0);
  }

  /** currentId follows renames from a temporary id to the real one. */
  currentId(id) {
    const seen = new Set();
    while (this.renamed.has(id) && !seen.has(id)) {
      seen.add(id);
      id = this.renamed.get(id);
    }
    return id;
  }

  /** removeAnnotation forgets a deleted annotation. */
  removeAnnotation(id, version = 0) {
    if (!this.state.annotations.delete(id)) return;
    if (this.state.selectedId === id) this.state.selectedId = null;
    this._touch(version);
  }

  /**
   * applyRemote applies one op of the article's op log ({version, action:
   * create|update|delete, annotation}) as it arrives from the server, e.g.
   * over a socket. Ops of other articles and ops already seen are ignored;
   * it returns whether the op changed anything.
   */
  applyRemote(op) {
    const art = this.state.article;
    if (!art || !op || !op.annotation || op.annotation.article !== art.id) return false;
    const an = { ...op.annotation, version: op.annotation.version || op.version };
    const old = this.state.annotations.get(an.id);
    if (old && old.version >= an.version) return false;
    if (op.action === 'delete') {
      if (!old) return false;
      this.removeAnnotation(an.id, op.version);
      return true;
    }
    if (typeof an.text !== 'string') an.text = sliceCodePoints(art.text, an.start, an.end);
    this.upsertAnnotation(an);
    return true;
  }

  /**
   * resync replaces the open article's annotations with a full state from
   * the server (e.g. a live socket's welcome) at the given version.
   */
  resync(annotations, version) {
    const art = this.state.article;
    if (!art) return;
    const m = new Map();
    for (const a of annotations) m.set(a.id, a);
    this.state.annotations = m;
    if (this.state.selectedId != null && !m.has(this.state.selectedId)) this.state.selectedId = null;
    art.version = version;
    art.annotations = m.size;
    this.state.annRev++;
    this.emit('annotations');
  }

  select(id) {
    if (this.state.selectedId === id) return;
    this.state.selectedId = id;
    this.state.everywhere = null; // offered for one annotation at a time
    // The colleague note and the history are about the annotation that was
    // open; a temporary id becoming the real one is the same annotation.
    if (this.state.colleague && this.currentId(this.state.colleague.id) !== id) this.state.colleague = null;
    if (this.state.annHistory && this.state.annHistory.id !== id) this.state.annHistory = null;
    this.emit('selection');
  }

  /**
   * toast shows a message; action {label, run} adds a button that runs it
   * (an Undo).
   */
  toast(message, kind = 'error', action = null) {
    const id = (this.state.toast ? this.state.toast.id : 0) + 1;
    this.state.toast = { message, kind, id, action };
    this.emit('toast');
    clearTimeout(this._toastTimer);
    this._toastTimer = setTimeout(() => {
      if (this.state.toast && this.state.toast.id === id) {
        this.state.toast = null;
        this.emit('toast');
      }
    }, toastTime(message, kind, action));
  }
}

/**
 * toastTime is how long a toast stays: long enough to read it (a note
 * about a colleague's change is a sentence or two), longer with a button,
 * longest when it asks a question.
 */
export function toastTime(message, kind, action) {
  const read = 1500 + 60 * String(message || '').length;
  if (kind === 'ask') return Math.max(20000, read);
  if (action) return Math.max(10000, read);
  return Math.max(kind === 'error' ? 6000 : 3000, read);
}
