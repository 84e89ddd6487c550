// live-socket.js holds LiveSync's socket (live.js): connecting, the
// messages that come in, presence going out, and reconnecting.
//
// When the socket drops, reconnecting backs off exponentially with jitter
// (0.5 s doubling to 10 s); after three failed tries the status says
// offline. Should the live endpoint be missing or refused for good (a proxy
// that does not pass websockets, say), the queue goes out over the REST
// API instead (live-rest.js). Two close codes of the server's own say
// more: 4001 (the credential is gone: go to the login page) and 4002 (the
// user's rights changed: reconnect at once, and fetch the new rights).
import { loginURL } from './api.js';

export const BACKOFF_BASE = 500;
export const BACKOFF_MAX = 10000;
/** OFFLINE_AFTER is how many failed reconnects turn "reconnecting" into "offline". */
export const OFFLINE_AFTER = 3;
/** PRESENCE_EVERY is the least time between two presence messages, in ms. */
export const PRESENCE_EVERY = 100;
const PROBES_BEFORE_REST = 3;
/** CLOSE_SIGNED_OUT is the close code of a socket whose credential is gone: do not retry. */
export const CLOSE_SIGNED_OUT = 4001;
/** CLOSE_RIGHTS is the close code of a socket whose user's rights changed: reconnect. */
export const CLOSE_RIGHTS = 4002;
/** SIGNED_OUT_WAIT is how long the reason shows before the login page, in ms. */
export const SIGNED_OUT_WAIT = 2500;
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

function sameSpan(a, b) {
  return (a === null && b === null) || (!!a && !!b && a.start === b.start && a.end === b.end);
}

/** socketMethods are LiveSync's methods for its socket; live.js adds them to the class. */
export const socketMethods = {
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
  },

  _readFlag() {
    try {
      return !!(this.session && this.session.getItem(OFFLINE_KEY) === '1');
    } catch {
      return false;
    }
  },

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
  },

  // ---- the socket ----

  url() {
    const l = this.location;
    return `${l.protocol === 'https:' ? 'wss' : 'ws'}://${l.host}/api/articles/${encodeURIComponent(this.article.id)}/live`;
  },

  _connect() {
    if (!this.article || this.socket || this.status === 'rest' || this.signedOut) return;
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
    ws.onclose = (ev) => {
      if (this.socket !== ws) return;
      this.socket = null;
      const code = ev ? ev.code : 0;
      if (code === CLOSE_SIGNED_OUT) this._signedOut(ev.reason);
      else if (code === CLOSE_RIGHTS) this._rightsChanged(ev.reason);
      else this._closed(opened);
    };
    ws.onerror = () => {}; // a close follows
  },

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
  },

  // _signedOut runs when the server closed the socket because its
  // credential is gone (logged out, token revoked, account disabled or
  // deleted, password changed): trying again cannot work. The reason is
  // said first, then the login page; what was not sent yet stays in this
  // browser for the next login.
  _signedOut(reason) {
    this.inflight = null;
    this.users = [];
    this.signedOut = true;
    if (this.timer) this.clearTimeout(this.timer);
    this.timer = 0;
    if (!this.article) return;
    // The status is not published now: a drop of the live status makes
    // other parts of the page ask the server again (main.js re-fetches the
    // projects), and their 401 would go to the login page at once, before
    // anyone could read why.
    this.status = 'offline';
    const why = reason || 'your session ended';
    this.store.toast(`Signed out: ${why}. Taking you to the login page…`);
    this.setTimeout(() => {
      if (this.location.assign) this.location.assign(loginURL(this.location));
    }, SIGNED_OUT_WAIT);
  },

  // _rightsChanged runs when the server closed the socket because this
  // user's rights changed (a role, a membership, the project's
  // annotators_edit_all): reconnect at once, with the new rights, and
  // fetch what they now are (each project's "can").
  _rightsChanged(reason) {
    this.inflight = null;
    this.users = [];
    this.attempts = 0;
    if (!this.article) return;
    this.status = 'reconnecting';
    this._publish();
    if (reason) this.store.toast(`${reason[0].toUpperCase()}${reason.slice(1)}: reconnected with your new rights.`, 'info');
    if (this.api && this.api.projects) {
      this.api.projects().then(
        (projects) => this.store.set({ projects }, 'projects'),
        () => {}, // the next reload will show them
      );
    }
    this._connect();
  },

  _retry() {
    if (!this.article || this.forcedOffline || this.signedOut || this.socket) return;
    if (this.timer) this.clearTimeout(this.timer);
    this.timer = this.setTimeout(() => {
      this.timer = 0;
      this._connect();
    }, backoffDelay(Math.max(0, this.attempts - 1), this.random));
  },

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
  },

  _send(m) {
    if (!this.socket || this.status !== 'live') return false;
    try {
      this.socket.send(JSON.stringify(m));
      return true;
    } catch {
      return false;
    }
  },

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
      case 'article':
        // Its status, details or layers changed (a submit, a reopen,
        // reviewed, an edit): as this user sees it; the text never changes.
        if (m.article && this.article && m.article.id === this.article.id) {
          const { status, title, source, url, published, mine, layers } = m.article;
          this.store.setArticleFields({ status, title, source, url, published, mine, layers });
        }
        return;
    }
  },

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
    this._relWelcome(m); // relations.js
    this.status = 'live';
    this.inflight = null;
    this._publish();
    this.sentSelection = undefined;
    this._presenceSoon();
    this._pump();
  },

  // ---- presence ----

  /** select tells the others the local text selection ({start, end} in code points, or null). */
  select(span) {
    this.selection = span ? { start: span.start, end: span.end } : null;
    this._presenceSoon();
  },

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
  },
};
