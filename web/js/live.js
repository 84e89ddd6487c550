// live.js keeps the open article in sync with everyone else on it, over one
// websocket per article (the README's "Live protocol").
//
// Every annotation change the user makes becomes an op: applied to the
// store at once (optimistically), queued, and sent to the server one at a
// time; the next leaves when the previous is acknowledged or refused, so
// that an op naming a just-created annotation goes out after that
// annotation has its real id. A create shows under a temporary negative id
// until its ack brings the real one, which then replaces it everywhere (the
// store, the selection, undo history, later ops in the queue).
//
// The parts, each in its own file: live-ops.js (what an op is, the queue,
// the version count: pure), live-overlay.js (the server's state with the
// pending ops laid over it), live-socket.js (the socket, presence and
// reconnecting), live-rest.js (the REST fallback), live-kept.js (the
// queue in localStorage, and what is kept for articles that are not open),
// live-review.js (who changed which field, and the note when a
// colleague changes the annotation this user has open) and relations.js
// (links between annotations: relate and unrelate ops ride in the same
// queue, shown at once under a temporary id like a create).
import { addMethods } from './mixin.js';
import { OpQueue, Versions, isTemp, neverSaved, wire } from './live-ops.js';
import { socketMethods } from './live-socket.js';
import { restMethods } from './live-rest.js';
import { overlayMethods } from './live-overlay.js';
import { keptMethods } from './live-kept.js';
import { reviewMethods } from './live-review.js';
import { RelationBook, relationLiveMethods } from './relations.js';
import { deleteAnnotationIf } from './api.js';

/** closeWait is how long close waits for the server's answer, in ms. */
const closeWait = 1000;

function randomId(rnd) {
  let s = '';
  for (let i = 0; i < 10; i++) s += '0123456789abcdefghijklmnopqrstuvwxyz'[Math.floor(rnd() * 36)];
  return s;
}

/**
 * LiveSync runs the live session of the open article. Everything it needs
 * from the page comes in through deps (so the node tests run it against a
 * fake server): store, api, WebSocket, storage (localStorage),
 * sessionStorage, location, random, setTimeout, clearTimeout, now.
 */
export class LiveSync {
  constructor(deps) {
    const g = globalThis;
    this.store = deps.store;
    // The conditional DELETE of the REST fallback comes from
    // api.js unless deps bring their own.
    this.api = deps.api ? { deleteAnnotationIf, ...deps.api } : deps.api;
    this.WebSocket = deps.WebSocket || g.WebSocket;
    this.storage = deps.storage !== undefined ? deps.storage : g.localStorage || null;
    this.session = deps.sessionStorage !== undefined ? deps.sessionStorage : g.sessionStorage || null;
    this.location = deps.location || g.location;
    this.random = deps.random || Math.random;
    this.setTimeout = deps.setTimeout || ((fn, ms) => g.setTimeout(fn, ms));
    this.clearTimeout = deps.clearTimeout || ((t) => g.clearTimeout(t));
    this.now = deps.now || (() => new Date().toISOString());

    this.sessionId = randomId(this.random);
    this.seq = 0;
    this.nextTemp = -1;
    this.listeners = { rename: [], settled: [] };
    this.forcedOffline = this._readFlag();
    this._reset();
  }

  _reset() {
    this.article = null;
    this.me = null;
    this.queue = new OpQueue();
    this.base = new Map(); // annotation id -> last confirmed state (null: none) while ops on it are pending
    this.tombstones = new Set(); // ids deleted on the server: never shown again
    this.rel = new RelationBook(); // the relations the server confirmed (relations.js)
    this.whoSetFields = new Map(); // annotation id -> Map(field -> who set its current value), as seen here
    this.settledIds = new Set(); // op_ids this page saw acknowledged or refused
    this.versions = new Versions();
    this.waiters = new Map(); // op_id -> resolve(annotation | null)
    this.idleWaiters = [];
    this.socket = null;
    this.welcomed = false; // this socket got its welcome
    this.catchingUp = false; // a welcome came without the state: its "ops" are due
    this.inflight = null;
    this.status = 'closed';
    this.attempts = 0;
    this.refusals = 0;
    this.timer = 0;
    this.you = null;
    this.users = [];
    this.selection = null;
    this.sentSelection = undefined;
    this.presenceTimer = 0;
    this.lastPresence = 0;
    this.published = null;
  }

  // ---- events for the undo history ----

  /**
   * on adds a listener: 'rename' (from, to) and 'settled' (opId,
   * annotation|null, error|undefined): error {code, message} says why a
   * change was refused (code 'conflict': someone else changed it first).
   */
  on(what, fn) {
    this.listeners[what].push(fn);
  }

  _emit(what, ...args) {
    for (const fn of this.listeners[what]) fn(...args);
  }

  // ---- opening and closing ----

  /**
   * open starts the live session of the article the store has just opened
   * (from a REST fetch), for user me ({name}). Ops this user left pending
   * on it (a reload while offline) are laid over the fetched state again.
   */
  open(article, me) {
    this.close();
    this._reset();
    this.article = article;
    this.me = me || null;
    // Ask only for what happened after the fetched state. The newest
    // annotation version in it is a safe "since": the list was read at
    // some version V at least that new, and every op between the two is a
    // delete, or a change to something deleted before V, so the catch-up
    // replays them to the same end. (The article's own version is not
    // safe: it came in another request.) Kept ops carry the version their
    // page had seen, which is safe too. No annotations: the full state,
    // which is then small.
    let since = 0;
    for (const a of this.store.get().annotations.values()) since = Math.max(since, a.version || 0);
    since = Math.max(since, this._restore());
    this.versions.reset(since);
    this.status = 'connecting';
    this._publish();
    this._connect();
  }

  /**
   * close ends the session; pending ops stay in localStorage. It returns
   * a promise that settles when the server has answered the close (it
   * answers after taking this client out of the room, so a list fetched
   * then does not show us as still here), or after a second at most.
   */
  close() {
    if (this.timer) this.clearTimeout(this.timer);
    if (this.presenceTimer) this.clearTimeout(this.presenceTimer);
    this.timer = 0;
    this.presenceTimer = 0;
    const ws = this.socket;
    this.socket = null;
    let gone = Promise.resolve();
    if (ws) {
      ws.onopen = ws.onmessage = ws.onclose = ws.onerror = null;
      const open = ws.readyState === 0 || ws.readyState === 1; // CONNECTING, OPEN
      try {
        ws.close(1000, 'closed');
      } catch {
        // already closing
      }
      if (open) {
        gone = new Promise((resolve) => {
          const t = this.setTimeout(resolve, closeWait);
          ws.onclose = () => {
            this.clearTimeout(t);
            resolve();
          };
        });
      }
    }
    if (this.article) {
      for (const resolve of this.waiters.values()) resolve(null);
      this.waiters.clear();
      this.status = 'closed';
      this.users = [];
      this._publish();
      this._idleCheck(true);
    }
    this.article = null;
    return gone;
  }

  /** pending returns how many changes wait for the server. */
  get pending() {
    return this.queue.length;
  }

  /**
   * idle resolves when no change is waiting for the server, or after ms
   * (when given) with false.
   */
  idle(ms) {
    if (!this.queue.length) return Promise.resolve(true);
    return new Promise((resolve) => {
      const w = { resolve, timer: 0 };
      if (ms) {
        w.timer = this.setTimeout(() => {
          this.idleWaiters = this.idleWaiters.filter((x) => x !== w);
          resolve(false);
        }, ms);
      }
      this.idleWaiters.push(w);
    });
  }

  _idleCheck(force = false) {
    if (this.queue.length && !force) return;
    const ws = this.idleWaiters;
    this.idleWaiters = [];
    for (const w of ws) {
      if (w.timer) this.clearTimeout(w.timer);
      w.resolve(!this.queue.length);
    }
  }

  // ---- local changes ----

  _enqueue(action, id, fields, opts = {}) {
    if (!this.article) throw new Error('no article is open');
    if (!this.base.has(id)) this.base.set(id, isTemp(id) ? null : this.store.annotation(id));
    const seen = this.base.get(id);
    const op = {
      op_id: `${this.sessionId}-${++this.seq}`,
      action,
      id,
      fields,
      at: this.now(),
      user: this.me ? this.me.name : '',
      seen: seen ? seen.version || 0 : 0,
      cond: !!opts.cond,
    };
    this.queue.push(op);
    this._recompute(id);
    const done = new Promise((resolve) => this.waiters.set(op.op_id, resolve));
    this._persist();
    this._publish();
    this._pump();
    return { op, done };
  }

  /**
   * create adds an annotation {start, end, label, attrs}. It returns at
   * once with the annotation as shown (under a temporary id), the op's id,
   * and done: a promise of the annotation as committed, or null if refused.
   */
  create(f) {
    const id = this.nextTemp--;
    const fields = { start: f.start, end: f.end, label: f.label, attrs: { ...(f.attrs || {}) } };
    const { op, done } = this._enqueue('create', id, fields);
    return { annotation: this.store.annotation(id), opId: op.op_id, done };
  }

  /**
   * update changes fields of annotation id; patch.attrs is a merge patch
   * (keys given are set, null removes one, others stay). With opts.cond
   * the server applies it only if nobody else changed the annotation
   * since this page saw it (if_version); opts.what names the change for
   * the message when it is refused ('undo', 'redo', …). See create.
   */
  update(id, patch, opts = {}) {
    if (!this.store.annotation(id)) throw new Error('the annotation is gone');
    const fields = {};
    for (const k of ['start', 'end', 'label']) if (k in patch) fields[k] = patch[k];
    if ('attrs' in patch) fields.attrs = { ...(patch.attrs || {}) };
    const { op, done } = this._enqueue('update', id, fields, opts);
    if (opts.what) op.what = opts.what;
    return { annotation: this.store.annotation(id), opId: op.op_id, done };
  }

  /** remove deletes annotation id; opts as for update. See create. */
  remove(id, opts = {}) {
    const cur = this.store.annotation(id);
    if (!cur) throw new Error('the annotation is gone');
    const { op, done } = this._enqueue('delete', id, {}, opts);
    if (opts.what) op.what = opts.what;
    return { annotation: cur, opId: op.op_id, done };
  }

  // _pump sends the oldest pending op when nothing is in flight.
  _pump() {
    if (this.inflight || !this.queue.length || !this.article || this.catchingUp) return;
    const op = this.queue.head();
    const lost = neverSaved(op);
    if (lost) {
      // Its create was refused or lost: it cannot succeed.
      this._refused({ op_id: op.op_id, error: lost });
      return;
    }
    if (this.status === 'live') {
      if (this._send(wire(op))) this.inflight = op;
    } else if (this.status === 'rest') {
      this.inflight = op;
      this._sendREST(op);
    }
  }

  // ---- what the page shows ----

  _publish() {
    const live = {
      status: this.status,
      pending: this.queue.length,
      you: this.you,
      users: this.users,
    };
    const p = this.published;
    if (p && p.status === live.status && p.pending === live.pending && p.you === live.you && p.users === live.users) return;
    this.published = live;
    this.store.set({ live }, 'live');
  }
}

addMethods(LiveSync, overlayMethods, socketMethods, restMethods, keptMethods, reviewMethods, relationLiveMethods);
