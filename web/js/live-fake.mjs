// live-fake.mjs is a fake gloss server for the node tests of live sync
// (live.test.mjs, review.test.mjs): it keeps the protocol's promises
// (contiguous versions, ack to the sender and op to the others,
// idempotent op_ids, catch-up or full state on hello), merges attrs as a
// merge patch and refuses a stale if_version with the current annotation,
// as the real one does. Not a test file itself (no .test. in its name).
import { Store } from './state.js';
import { History } from './history.js';
import { LiveSync } from './live.js';

export const TEXT = 'Xi said “peace” and Putin said nothing. 😀 The ICC charged him.';
export const PROJECT = {
  id: 1,
  name: 'Default',
  labels: [
    { name: 'QUOTE', color: '#2563eb', hotkey: 'q', attrs: [{ name: 'speaker', type: 'text' }] },
    { name: 'CLAIM', color: '#dc2626', hotkey: 'c', attrs: [{ name: 'verdict', type: 'enum', values: ['true', 'false'] }] },
  ],
};
const cpLen = (s) => [...s].length;
const slice = (s, a, b) => [...s].slice(a, b).join('');

export class FakeServer {
  constructor() {
    this.article = { id: 7, project: 1, title: 'T', text: TEXT, status: 'new', version: 0, annotations: 0 };
    this.version = 0;
    this.anns = new Map();
    this.log = [];
    this.opids = new Map(); // user \0 op_id -> op
    this.clients = new Set();
    this.events = [];
    this.seq = 100;
    this.down = false;
    this.received = []; // [user, message] as they arrive
    this.loseAckOf = null; // op_id whose ack is lost: the connection drops after the commit
  }

  flush() {
    for (let n = 0; this.events.length; n++) {
      if (n > 100000) throw new Error('no end to the events');
      this.events.shift()();
    }
  }

  socket(user) {
    const server = this;
    return class FakeSocket {
      constructor(url) {
        this.url = url;
        this.user = user;
        this.closed = false;
        this.readyState = 0; // CONNECTING
        server.events.push(() => {
          if (this.closed) return;
          if (server.down) {
            this.closed = true;
            this.readyState = 3;
            this.onclose && this.onclose({ code: 1006 });
            return;
          }
          server.clients.add(this);
          this.readyState = 1;
          this.onopen && this.onopen();
        });
      }
      send(data) {
        if (this.closed) throw new Error('closed');
        const m = JSON.parse(data);
        if (m.type === 'op') {
          this.outstanding = (this.outstanding || 0) + 1;
          server.maxOutstanding = Math.max(server.maxOutstanding || 0, this.outstanding);
        }
        server.events.push(() => server.receive(this, m));
      }
      close() {
        this.closed = true;
        this.readyState = 2; // CLOSING
        // As the real server: out of the room, then the close answered.
        server.events.push(() => {
          server.clients.delete(this);
          server.presence();
        });
        server.events.push(() => {
          this.readyState = 3;
          this.onclose && this.onclose({ code: 1000 });
        });
      }
      deliver(m) {
        const data = JSON.stringify(m);
        server.events.push(() => {
          if (m.type === 'ack' || m.type === 'error') this.outstanding--;
          if (!this.closed && this.onmessage) this.onmessage({ data });
        });
      }
    };
  }

  // drop cuts a client's connection as a failing network would, or (code,
  // reason) as the server closes one on its own (4001, 4002).
  drop(c, code = 1006, reason = '') {
    if (c.closed) return;
    c.closed = true;
    this.clients.delete(c);
    this.events.push(() => c.onclose && c.onclose({ code, reason }));
    this.events.push(() => this.presence());
  }

  /** client returns user's open socket. */
  client(user) {
    return [...this.clients].find((c) => c.user === user && !c.closed);
  }

  receive(c, m) {
    if (c.closed) return;
    this.received.push([c.user, m]);
    if (m.type === 'hello') return this.join(c, m.since);
    if (m.type === 'presence') {
      c.selection = m.selection;
      return this.presence();
    }
    if (m.type === 'op') return this.op(c, m);
  }

  join(c, since) {
    c.joined = true;
    const you = { name: c.user, color: '#e11d48' };
    if (since > 0 && since <= this.version && this.version - since <= 1000) {
      c.deliver({ type: 'welcome', version: this.version, you });
      const own = (o) => (this.catchupOpIds && o.author === c.user && o.opId ? { op_id: o.opId } : {});
      c.deliver({ type: 'ops', ops: this.log.filter((o) => o.version > since).map(({ opId, ...o }) => ({ type: 'op', ...o, ...own({ ...o, opId }) })) });
    } else {
      c.deliver({ type: 'welcome', version: this.version, you, annotations: this.annotations() });
    }
    this.presence();
  }

  presence() {
    const users = [...this.clients].filter((c) => c.joined && !c.closed).map((c) => ({ name: c.user, color: '#e11d48', selection: c.selection || null }));
    for (const c of this.clients) if (c.joined) c.deliver({ type: 'presence', users });
  }

  annotations() {
    return [...this.anns.values()].map((a) => ({ ...a })).sort((a, b) => a.start - b.start || b.end - a.end);
  }

  // commit applies one change as user; it returns [op, error].
  commit(user, opId, action, f) {
    const key = `${user}\0${opId}`;
    if (opId && this.opids.has(key)) return [this.opids.get(key), null, true];
    let an;
    if (action === 'create') {
      if (!PROJECT.labels.some((l) => l.name === f.label)) return [null, `unknown label "${f.label}"`];
      if (!(f.start >= 0 && f.end > f.start && f.end <= cpLen(TEXT))) return [null, 'offsets out of range'];
      an = { id: ++this.seq, article: 7, start: f.start, end: f.end, label: f.label, attrs: { ...(f.attrs || {}) }, author: user };
    } else {
      const cur = this.anns.get(f.id);
      if (!cur) return [null, `annotation ${f.id} not found in article 7`, false, 'not_found'];
      if (f.if_version && cur.version !== f.if_version) {
        return [null, `annotation ${f.id} changed since version ${f.if_version}: ${cur.updated_by || cur.author} changed it (now version ${cur.version}); nothing was ${action}d`, false, 'conflict', { ...cur }];
      }
      if (this.ownOnly && cur.author !== user) return [null, `annotation ${f.id} is ${cur.author}'s: you may ${action} only your own in this project (annotators_edit_all is off)`, false, 'forbidden'];
      an = { ...cur, attrs: { ...cur.attrs } };
      if (action === 'update') {
        for (const k of ['start', 'end']) if (k in f) an[k] = f[k];
        // attrs is a merge patch: null or "" removes a key.
        for (const [k, v] of Object.entries(f.attrs || {})) {
          if (v === null || v === '') delete an.attrs[k];
          else an.attrs[k] = v;
        }
        if ('label' in f && f.label !== cur.label) {
          an.label = f.label;
          const l = PROJECT.labels.find((x) => x.name === f.label);
          const names = l ? l.attrs.map((x) => x.name) : [];
          an.attrs = Object.fromEntries(Object.entries(an.attrs).filter(([k]) => names.includes(k)));
        }
        if (an.attrs.evidence && !/^https?:/.test(an.attrs.evidence)) return [null, 'attribute evidence must be an http(s) URL'];
        if (!PROJECT.labels.some((l) => l.name === an.label)) return [null, `unknown label "${an.label}"`];
      }
    }
    an.text = slice(TEXT, an.start, an.end);
    an.version = ++this.version;
    an.updated_by = user;
    if (action === 'delete') this.anns.delete(an.id);
    else this.anns.set(an.id, an);
    const op = { version: this.version, action, annotation: { ...an }, author: user };
    this.log.push(Object.assign({}, op, { opId }));
    if (opId) this.opids.set(key, op);
    return [op, null];
  }

  op(c, m) {
    const [op, err, replay, code, current] = this.commit(c.user, m.op_id, m.action, m.annotation || {});
    if (err) return c.deliver({ type: 'error', op_id: m.op_id, code: code || 'invalid', error: err, ...(current ? { annotation: current } : {}) });
    if (replay) return c.deliver({ type: 'ack', op_id: m.op_id, ...op });
    const lose = this.loseAckOf === m.op_id;
    if (lose) {
      this.loseAckOf = null;
      this.drop(c);
    }
    this.broadcast(op, c, m.op_id);
  }

  broadcast(op, sender, opId) {
    for (const x of this.clients) {
      if (!x.joined) continue;
      x.deliver(x === sender ? { type: 'ack', op_id: opId, ...op } : { type: 'op', ...op });
    }
  }

  // rest is the REST API as user, as api.js offers it.
  rest(user) {
    const call = (action, f, opId) => {
      if (this.down) return Promise.reject(Object.assign(new Error('The server cannot be reached.'), { status: 0 }));
      const [op, err, replay, code] = this.commit(user, opId, action, f);
      if (err) return Promise.reject(Object.assign(new Error(err), { status: { not_found: 404, conflict: 409, forbidden: 403 }[code] || 400 }));
      if (!replay) this.broadcast(op, null, '');
      return Promise.resolve(action === 'delete' ? null : { ...op.annotation });
    };
    return {
      createAnnotation: (art, b) => call('create', b, b.op_id),
      updateAnnotation: (art, id, b) => call('update', { ...b, id }, b.op_id),
      deleteAnnotationIf: (art, id, ifVersion, opId) => call('delete', { id, if_version: ifVersion || 0 }, opId || ''),
      projects: () => Promise.resolve(this.projects || [PROJECT]),
      annotations: () => Promise.resolve(this.annotations()),
      liveProbe: () => Promise.reject(this.down ? Object.assign(new Error('The server cannot be reached.'), { status: 0 }) : Object.assign(new Error('upgrade required'), { status: 426 })),
    };
  }
}

export class MemoryStorage {
  constructor() {
    this.m = new Map();
  }
  get length() {
    return this.m.size;
  }
  key(i) {
    return [...this.m.keys()][i] ?? null;
  }
  getItem(k) {
    return this.m.has(k) ? this.m.get(k) : null;
  }
  setItem(k, v) {
    this.m.set(k, String(v));
  }
  removeItem(k) {
    this.m.delete(k);
  }
}

// FakeTimers runs LiveSync's timers (backoff, presence) when told to.
export class FakeTimers {
  constructor() {
    this.t = 0;
    this.list = [];
    this.id = 0;
    this.setTimeout = (fn, ms) => {
      this.list.push({ id: ++this.id, at: this.t + ms, fn });
      return this.id;
    };
    this.clearTimeout = (id) => {
      this.list = this.list.filter((x) => x.id !== id);
    };
  }
  advance(ms) {
    const end = this.t + ms;
    for (;;) {
      this.list.sort((a, b) => a.at - b.at);
      const next = this.list[0];
      if (!next || next.at > end) break;
      this.list.shift();
      this.t = next.at;
      next.fn();
    }
    this.t = end;
  }
}

// peer is one browser tab: a store with the article open over REST, and
// its live session (not yet opened).
export function peer(server, user, o = {}) {
  const store = new Store();
  store.state.projects = [PROJECT];
  store.state.projectId = 1;
  store.openArticle({ ...server.article, text: TEXT, version: server.version }, server.annotations());
  const timers = o.timers || new FakeTimers();
  const storage = o.storage || new MemoryStorage();
  const live = new LiveSync({
    store,
    api: o.api || server.rest(user),
    WebSocket: o.WebSocket || server.socket(user),
    storage,
    sessionStorage: o.sessionStorage || new MemoryStorage(),
    location: o.location || { protocol: 'http:', host: 'gloss.test' },
    setTimeout: timers.setTimeout,
    clearTimeout: timers.clearTimeout,
  });
  const history = new History(store, live);
  history.reset(7);
  const p = { store, live, history, timers, storage, user };
  p.open = () => {
    live.open(store.get().article, { name: user });
    server.flush();
  };
  p.done = () => {
    live.close();
    clearTimeout(store._toastTimer);
  };
  return p;
}

export function shown(store) {
  return store.sorted().map((a) => `${a.id} ${a.label} ${a.start}-${a.end} ${JSON.stringify(a.attrs || {})}`);
}
export function truth(server) {
  return server.annotations().map((a) => `${a.id} ${a.label} ${a.start}-${a.end} ${JSON.stringify(a.attrs || {})}`);
}

// annAndBen opens the article for ann and ben, lets one of them create an
// annotation through their undo history (a QUOTE over [0, 2) unless
// fields say otherwise), commits it, and returns both with its id.
export function annAndBen(creator = 'ann', fields = { start: 0, end: 2, label: 'QUOTE' }) {
  const server = new FakeServer();
  const a = peer(server, 'ann');
  const b = peer(server, 'ben');
  a.open();
  b.open();
  (creator === 'ann' ? a : b).history.create(fields);
  server.flush();
  return { server, a, b, id: server.annotations()[0].id };
}
