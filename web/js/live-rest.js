// live-rest.js holds LiveSync's REST fallback (live.js). Should the live
// endpoint be missing or refused for good (a proxy that does not pass
// websockets, say), the same queue goes out over the REST API instead, one
// op at a time with its op_id, without live updates from others.
import { backoffDelay, OFFLINE_AFTER } from './live-socket.js';
import { ifVersion } from './live-ops.js';
import { isRelationOp } from './relations.js';

/** restMethods are LiveSync's methods for the REST fallback; live.js adds them to the class. */
export const restMethods = {
  _useREST() {
    this.status = 'rest';
    this.attempts = 0;
    if (!this.rel.known) this._relFetch(true);
    this._publish();
    this._pump();
  },

  async _sendREST(op) {
    const art = this.article;
    const body = { ...op.fields, op_id: op.op_id };
    const iv = ifVersion(op);
    if (iv && op.action === 'update') body.if_version = iv;
    let a;
    try {
      if (isRelationOp(op)) a = await this._sendRelationREST(art, op); // relations.js
      else if (op.action === 'create') a = await this.api.createAnnotation(art.id, body);
      else if (op.action === 'update') a = await this.api.updateAnnotation(art.id, op.id, body);
      else {
        a = this.base.get(op.id) || this.store.annotation(op.id) || { id: op.id, article: art.id };
        try {
          await this.api.deleteAnnotationIf(art.id, op.id, iv, op.op_id);
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
      // A 409 is a conditional change someone else's came before; the
      // refetch below shows theirs.
      this._refused({ op_id: op.op_id, error: err.message, code: err.status === 409 ? 'conflict' : '' });
      // Nothing live tells this page what others did: fetch the truth.
      this.refetch();
      return;
    }
    if (this.article !== art || this.inflight !== op) return;
    if (this.status !== 'rest') {
      this.status = 'rest';
      this.attempts = 0;
    }
    if (isRelationOp(op)) this._ack({ type: 'ack', op_id: op.op_id, version: 0, action: op.action, relation: a });
    else this._ack({ type: 'ack', op_id: op.op_id, version: 0, action: op.action, annotation: a });
  },

  /** refetch replaces the state with the server's (REST) and lays the pending ops over it. */
  async refetch() {
    const art = this.article;
    if (!art || !this.api) return;
    try {
      const anns = await this.api.annotations(art.id);
      if (this.article === art) this._resync(anns, this.versions.v);
      if (this.article === art) this._relFetch(true);
    } catch {
      // The next change or reconnect will try again.
    }
  },
};
