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
// The screen is the server's state with the pending ops laid over it. For
// each annotation that a pending op touches, `base` keeps the last state the
// server confirmed; the shown state is base plus the pending ops on it, in
// order. Remote ops update base; an ack moves an op from pending into base;
// a refusal drops the op and shows base plus the rest again: the local
// change is gone and the server's truth is back.
//
// The queue is also kept in localStorage (gloss:pending:<article>), so a
// reload while offline loses nothing: on load it is laid over the fetched
// state again and sent when the socket is back. Ops keep their op_id for
// ever, and the server acknowledges a repeated op_id again without applying
// it twice, so re-sending after a reconnect is always safe.
//
// When the socket drops, reconnecting backs off exponentially with jitter
// (0.5 s doubling to 10 s); after three failed tries the status says
// offline. Should the live endpoint be missing or refused for good (a proxy
// that does not pass websockets, say), the same queue goes out over the
// REST API instead, without live updates from others.
import { OffsetMap, sliceCodePoints } from './offsets.js';

export const BACKOFF_BASE = 500;
export const BACKOFF_MAX = 10000;
/** OFFLINE_AFTER is how many failed reconnects turn "reconnecting" into "offline". */
export const OFFLINE_AFTER = 3;
/** PRESENCE_EVERY is the least time between two presence messages, in ms. */
export const PRESENCE_EVERY = 100;
const PROBES_BEFORE_REST = 3;
/** closeWait is how long close waits for the server's answer, in ms. */
const closeWait = 1000;
const KEY_PREFIX = 'gloss:pending:';
const OFFLINE_KEY = 'gloss:offline';

/**
 * backoffDelay returns how long to wait before reconnect attempt n (0 for
 * the first retry): a ceiling doubling from BACKOFF_BASE up to BACKOFF_MAX,
 * of which a random upper half is taken ("equal jitter"), so that clients
 * dropped together do not all come back in the same instant.
 */
export function backoffDelay(n, rnd = Math.random) {
  const cap = Math.min(BACKOFF_MAX, BACKOFF_BASE * 2 ** Math.min(n, 30));
  return Math.round(cap / 2 + (rnd() * cap) / 2);
}

/** pendingKey is where the unacknowledged ops of an article are kept. */
export function pendingKey(articleId) {
  return KEY_PREFIX + articleId;
}

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
 * Pending ops are {op_id, action, id, fields, at, user}: fields are
 * {start, end, label, attrs} for a create, what changes for an update,
 * nothing for a delete; id is the annotation's (temporary for a create).
 */
export function wire(op) {
  const annotation = op.action === 'create' ? { ...op.fields } : { id: op.id, ...op.fields };
  return { type: 'op', op_id: op.op_id, action: op.action, annotation };
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
        attrs: { ...(f.attrs || {}) },
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
      const a = { ...cur, updated_at: op.at };
      if ('start' in f) a.start = f.start;
      if ('end' in f) a.end = f.end;
      if ('attrs' in f) a.attrs = { ...(f.attrs || {}) };
      if ('label' in f && f.label !== cur.label) {
        a.label = f.label;
        const names = ctx.attrNames ? ctx.attrNames(f.label) : null;
        if (!('attrs' in f) && names) {
          a.attrs = Object.fromEntries(Object.entries(cur.attrs || {}).filter(([k]) => names.includes(k)));
        }
      }
      if (a.start !== cur.start || a.end !== cur.end) a.text = cut(ctx, a.start, a.end);
      return a;
    }
    case 'delete':
      return null;
  }
  return cur;
}

function cut(ctx, start, end) {
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

  /** rename makes the ops naming from name to instead; returns how many. */
  rename(from, to) {
    let n = 0;
    for (const o of this.ops) {
      if (o.id === from) {
        o.id = to;
        n++;
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

function randomId(rnd) {
  let s = '';
  for (let i = 0; i < 10; i++) s += '0123456789abcdefghijklmnopqrstuvwxyz'[Math.floor(rnd() * 36)];
  return s;
}

function sameSpan(a, b) {
  return (a === null && b === null) || (!!a && !!b && a.start === b.start && a.end === b.end);
}

const REFUSED = {
  create: 'Could not add the annotation',
  update: 'Could not save the change',
  delete: 'Could not delete the annotation',
};

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
    this.api = deps.api;
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

  /** on adds a listener: 'rename' (from, to) and 'settled' (opId, annotation|null). */
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

  /**
   * offline(true) closes the socket and keeps it closed, as if the network
   * were gone, until offline(false); it lasts across reloads of the tab
   * (sessionStorage). For trying out and testing offline editing.
   */
  offline(on) {
    this.forcedOffline = !!on;
    try {
      if (this.session) {
        if (on) this.session.setItem(OFFLINE_KEY, '1');
        else this.session.removeItem(OFFLINE_KEY);
      }
    } catch {
      // private mode: the flag lasts for this page only
    }
    if (!this.article) return;
    if (on) {
      this._dropSocket();
      this.status = 'offline';
      this.users = [];
      this._publish();
    } else if (!this.socket) {
      this.attempts = 0;
      if (this.timer) this.clearTimeout(this.timer);
      this.timer = 0;
      this.status = 'reconnecting';
      this._publish();
      this._connect();
    }
  }

  _readFlag() {
    try {
      return !!(this.session && this.session.getItem(OFFLINE_KEY) === '1');
    } catch {
      return false;
    }
  }

  _dropSocket() {
    if (this.timer) this.clearTimeout(this.timer);
    this.timer = 0;
    const ws = this.socket;
    this.socket = null;
    this.inflight = null;
    if (ws) {
      ws.onopen = ws.onmessage = ws.onclose = ws.onerror = null;
      try {
        ws.close();
      } catch {
        // already closing
      }
    }
  }

  // ---- the socket ----

  url() {
    const l = this.location;
    return `${l.protocol === 'https:' ? 'wss' : 'ws'}://${l.host}/api/articles/${encodeURIComponent(this.article.id)}/live`;
  }

  _connect() {
    if (!this.article || this.socket || this.status === 'rest') return;
    if (this.forcedOffline) {
      this.status = 'offline';
      this._publish();
      return;
    }
    let ws;
    try {
      ws = new this.WebSocket(this.url());
    } catch {
      this._closed(false);
      return;
    }
    this.socket = ws;
    this.welcomed = false;
    this.catchingUp = false;
    let opened = false;
    ws.onopen = () => {
      opened = true;
      ws.send(JSON.stringify({ type: 'hello', since: this.versions.v }));
    };
    ws.onmessage = (ev) => {
      let m;
      try {
        m = JSON.parse(ev.data);
      } catch {
        return;
      }
      this._dispatch(m);
    };
    ws.onclose = () => {
      if (this.socket !== ws) return;
      this.socket = null;
      this._closed(opened);
    };
    ws.onerror = () => {}; // a close follows
  }

  // _closed runs when the socket is gone: try again later, unless the live
  // endpoint refuses this page for good.
  _closed(opened) {
    this.inflight = null;
    this.users = [];
    if (!this.article) return;
    // Only a welcome counts as success: a socket the server closes before
    // it (hello refused) must not be retried in a tight loop.
    if (this.welcomed) this.attempts = 0;
    else this.attempts++;
    this.welcomed = false;
    this.status = this.attempts >= OFFLINE_AFTER ? 'offline' : 'reconnecting';
    this._publish();
    if (!opened && this.api && this.api.liveProbe) {
      this._probe();
      return;
    }
    this._retry();
  }

  _retry() {
    if (!this.article || this.forcedOffline || this.socket) return;
    if (this.timer) this.clearTimeout(this.timer);
    this.timer = this.setTimeout(() => {
      this.timer = 0;
      this._connect();
    }, backoffDelay(Math.max(0, this.attempts - 1), this.random));
  }

  // _probe asks over plain HTTP why the socket did not open: no network
  // (try again), 426 (the endpoint is there but sockets do not get
  // through: after a few of those, use REST), 403/404 (no live for this
  // page: REST at once).
  async _probe() {
    const art = this.article;
    let status = 0;
    try {
      await this.api.liveProbe(art.id);
      status = 200;
    } catch (err) {
      status = err && typeof err.status === 'number' ? err.status : 0;
    }
    if (this.article !== art || this.socket || this.forcedOffline) return;
    if (status === 403 || status === 404) {
      this._useREST();
      return;
    }
    if (status === 426 || status === 200) {
      this.refusals++;
      if (this.refusals >= PROBES_BEFORE_REST) {
        this._useREST();
        return;
      }
    }
    this._retry();
  }

  _useREST() {
    this.status = 'rest';
    this.attempts = 0;
    this._publish();
    this._pump();
  }

  _send(m) {
    if (!this.socket || this.status !== 'live') return false;
    try {
      this.socket.send(JSON.stringify(m));
      return true;
    } catch {
      return false;
    }
  }

  _dispatch(m) {
    switch (m && m.type) {
      case 'welcome':
        return this._welcome(m);
      case 'ops':
        for (const op of m.ops || []) this._remote(op);
        if (this.catchingUp) {
          this.catchingUp = false;
          this._pump();
        }
        return;
      case 'op':
        return this._remote(m);
      case 'ack':
        return this._ack(m);
      case 'error':
        return this._refused(m);
      case 'presence':
        this.users = Array.isArray(m.users) ? m.users : [];
        this._publish();
        return;
    }
  }

  _welcome(m) {
    this.welcomed = true;
    this.you = m.you || null;
    this.attempts = 0;
    this.refusals = 0;
    // A full state, or else an "ops" catch-up follows: versions move as its
    // ops arrive (so that a drop in between asks for them again), and the
    // pending ops go out after it, over what was missed.
    this.catchingUp = !Array.isArray(m.annotations);
    if (!this.catchingUp) this._resync(m.annotations, m.version);
    this.status = 'live';
    this.inflight = null;
    this._publish();
    this.sentSelection = undefined;
    this._presenceSoon();
    this._pump();
  }

  // ---- state: remote ops, acks, refusals ----

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
  }

  // _recompute shows annotation id as base plus its pending ops, and stops
  // tracking its base when no op is left on it.
  _recompute(id) {
    const a = this._overlay(id, this.base.has(id) ? this.base.get(id) : this.store.annotation(id));
    if (a) this.store.putAnnotation(a);
    else this.store.removeAnnotation(id);
    if (!this.queue.touches(id)) this.base.delete(id);
  }

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
  }

  _withText(an, version) {
    const a = { ...an, version: an.version || version || 0 };
    if (typeof a.text !== 'string' && this.article) a.text = cut(this._ctx(), a.start, a.end);
    return a;
  }

  // _confirm takes a committed change (an op from others, or an ack) into
  // the confirmed state.
  _confirm(op) {
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
  }

  // _tellOpen says so when someone else changes or deletes the annotation
  // this user has open: the last change wins, and it should not win unseen.
  _tellOpen(op) {
    const an = op.annotation;
    if (!an || !op.author || (this.me && op.author === this.me.name)) return;
    if (this.store.get().selectedId !== an.id || !this.store.annotation(an.id)) return;
    this.store.toast(`${op.author} ${op.action === 'delete' ? 'deleted' : 'changed'} the annotation you have open`, 'info');
  }

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
    this._tellOpen(op);
    this._confirm(op);
    if (seen === 'gap' && this.socket) {
      // Should not happen: versions reach every client contiguously. Ask
      // again from before the gap (what comes twice applies once).
      this.versions.reset(before);
      this._dropSocket();
      this._closed(true);
    }
  }

  _ack(m) {
    this.versions.see(m.version);
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
    this._confirm(m);
    if (this.base.has(id)) this._recompute(id);
    this._settle(op, this.store.annotation(id) || (m.annotation ? this._withText(m.annotation, m.version) : null));
    this._persist();
    this._publish();
    this._pump();
  }

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
  }

  _refused(m) {
    if (!m.op_id) {
      // The connection's last message (e.g. hello for an article that is
      // gone); the close follows.
      if (m.error && typeof console !== 'undefined') console.warn('gloss live:', m.error);
      return;
    }
    const op = this.queue.find(m.op_id);
    if (!op) return;
    this.queue.remove(op.op_id);
    this.settledIds.add(op.op_id);
    if (this.inflight === op) this.inflight = null;
    const dropped = op.action === 'create' ? this.queue.drop(op.id) : [];
    this._recompute(op.id);
    this._settle(op, null);
    for (const d of dropped) {
      this.settledIds.add(d.op_id);
      this._settle(d, null);
    }
    this.store.toast(`${REFUSED[op.action] || 'Could not save'}: ${m.error || 'refused'}`);
    this._persist();
    this._publish();
    this._pump();
  }

  _settle(op, annotation) {
    const resolve = this.waiters.get(op.op_id);
    this.waiters.delete(op.op_id);
    if (resolve) resolve(annotation);
    this._emit('settled', op.op_id, annotation);
    this._idleCheck();
  }

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
  }

  // ---- local changes ----

  _enqueue(action, id, fields) {
    if (!this.article) throw new Error('no article is open');
    const op = {
      op_id: `${this.sessionId}-${++this.seq}`,
      action,
      id,
      fields,
      at: this.now(),
      user: this.me ? this.me.name : '',
    };
    if (!this.base.has(id)) this.base.set(id, isTemp(id) ? null : this.store.annotation(id));
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

  /** update changes fields of annotation id (attrs replace the map); see create. */
  update(id, patch) {
    if (!this.store.annotation(id)) throw new Error('the annotation is gone');
    const fields = {};
    for (const k of ['start', 'end', 'label']) if (k in patch) fields[k] = patch[k];
    if ('attrs' in patch) fields.attrs = { ...(patch.attrs || {}) };
    const { op, done } = this._enqueue('update', id, fields);
    return { annotation: this.store.annotation(id), opId: op.op_id, done };
  }

  /** remove deletes annotation id; see create. */
  remove(id) {
    const cur = this.store.annotation(id);
    if (!cur) throw new Error('the annotation is gone');
    const { op, done } = this._enqueue('delete', id, {});
    return { annotation: cur, opId: op.op_id, done };
  }

  // _pump sends the oldest pending op when nothing is in flight.
  _pump() {
    if (this.inflight || !this.queue.length || !this.article || this.catchingUp) return;
    const op = this.queue.head();
    if (isTemp(op.id) && op.action !== 'create') {
      // Its create was refused or lost: it cannot succeed.
      this._refused({ op_id: op.op_id, error: 'the annotation was never saved' });
      return;
    }
    if (this.status === 'live') {
      if (this._send(wire(op))) this.inflight = op;
    } else if (this.status === 'rest') {
      this.inflight = op;
      this._sendREST(op);
    }
  }

  async _sendREST(op) {
    const art = this.article;
    const body = { ...op.fields, op_id: op.op_id };
    let a;
    try {
      if (op.action === 'create') a = await this.api.createAnnotation(art.id, body);
      else if (op.action === 'update') a = await this.api.updateAnnotation(art.id, op.id, body);
      else {
        a = this.base.get(op.id) || this.store.annotation(op.id) || { id: op.id, article: art.id };
        try {
          await this.api.deleteAnnotation(art.id, op.id);
        } catch (err) {
          // DELETE carries no op_id: a retry of one that went through finds
          // nothing, which is what it wanted.
          if (err.status !== 404) throw err;
        }
        a = { ...a, article: art.id, version: 0 };
      }
    } catch (err) {
      if (this.article !== art || this.inflight !== op) return;
      this.inflight = null;
      if (!err.status) {
        // No network: keep it and try again later.
        this.attempts++;
        this.status = this.attempts >= OFFLINE_AFTER ? 'offline' : 'reconnecting';
        this._publish();
        if (this.timer) this.clearTimeout(this.timer);
        this.timer = this.setTimeout(() => {
          this.timer = 0;
          if (this.article === art) this._useREST();
        }, backoffDelay(this.attempts - 1, this.random));
        return;
      }
      this._refused({ op_id: op.op_id, error: err.message });
      // Nothing live tells this page what others did: fetch the truth.
      this.refetch();
      return;
    }
    if (this.article !== art || this.inflight !== op) return;
    if (this.status !== 'rest') {
      this.status = 'rest';
      this.attempts = 0;
    }
    this._ack({ type: 'ack', op_id: op.op_id, version: 0, action: op.action, annotation: a });
  }

  /** refetch replaces the state with the server's (REST) and lays the pending ops over it. */
  async refetch() {
    const art = this.article;
    if (!art || !this.api) return;
    try {
      const anns = await this.api.annotations(art.id);
      if (this.article === art) this._resync(anns, this.versions.v);
    } catch {
      // The next change or reconnect will try again.
    }
  }

  // ---- presence ----

  /** select tells the others the local text selection ({start, end} in code points, or null). */
  select(span) {
    this.selection = span ? { start: span.start, end: span.end } : null;
    this._presenceSoon();
  }

  _presenceSoon() {
    if (this.presenceTimer || this.status !== 'live') return;
    const wait = Math.max(0, this.lastPresence + PRESENCE_EVERY - Date.now());
    this.presenceTimer = this.setTimeout(() => {
      this.presenceTimer = 0;
      if (this.sentSelection !== undefined && sameSpan(this.sentSelection, this.selection)) return;
      if (this._send({ type: 'presence', selection: this.selection })) {
        this.sentSelection = this.selection;
        this.lastPresence = Date.now();
      }
    }, wait);
  }

  // ---- persistence ----

  // _persist writes the queue to localStorage. Ops of another tab on the
  // same article (other sessions) that this page has not settled are kept.
  _persist() {
    if (!this.storage || !this.article) return;
    const key = pendingKey(this.article.id);
    try {
      const mine = new Set(this.queue.ops.map((o) => o.op_id));
      const stored = readStored(this.storage, key);
      const foreign = stored ? stored.ops.filter((o) => !mine.has(o.op_id) && !this.settledIds.has(o.op_id) && sessionOf(o.op_id) !== this.sessionId) : [];
      const ops = [...foreign, ...this.queue.ops.map((o) => ({ op_id: o.op_id, action: o.action, id: o.id, fields: o.fields, at: o.at, user: o.user }))];
      if (!ops.length) this.storage.removeItem(key);
      else this.storage.setItem(key, JSON.stringify({ v: 1, base: this.versions.v, ops }));
    } catch (err) {
      if (typeof console !== 'undefined') console.warn('gloss: could not keep the pending changes', err);
    }
  }

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
      if (isTemp(op.id)) {
        const k = `${sessionOf(op.op_id)} ${op.id}`;
        if (!temps.has(k)) temps.set(k, this.nextTemp--);
        op.id = temps.get(k);
      }
      if (!this.base.has(op.id)) this.base.set(op.id, isTemp(op.id) ? null : this.store.annotation(op.id));
      this.queue.push(op);
      n++;
    }
    for (const id of [...this.base.keys()]) this._recompute(id);
    return n ? stored.base || 0 : 0;
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
    if (isTemp(id) && o.action !== 'create') id = real.get(k);
    try {
      if (id === undefined) throw Object.assign(new Error('the annotation was never saved'), { status: 400 });
      const body = { ...o.fields, op_id: o.op_id };
      if (o.action === 'create') {
        const a = await api.createAnnotation(articleId, body);
        real.set(k, a.id);
      } else if (o.action === 'update') await api.updateAnnotation(articleId, id, body);
      else {
        try {
          await api.deleteAnnotation(articleId, id);
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
